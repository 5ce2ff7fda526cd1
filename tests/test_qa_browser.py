"""The seed post's fifteen audience questions, as a reader and a presenter see them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.nothing_lost import source_words, words
from tests.test_slides_browser import open_deck

DOCS = Path(__file__).resolve().parent.parent / "docs"
POST = "posts/2021-01-15-aws-reinvent-2020-recap"


def _seed_questions() -> list[tuple[str, str]]:
    """``(question, whole Q&A item as written)`` for every question of the seed post."""
    text = (DOCS / f"{POST}.md").read_text(encoding="utf-8")
    found = []
    for block in re.split(r"^\* Audience Question\n", text, flags=re.M)[1:]:
        block = re.split(r"^\S", block, maxsplit=1, flags=re.M)[
            0
        ]  # up to the next item
        for item in re.split(r"^  - (?=Q: )", block, flags=re.M)[1:]:
            question = item.split("\n", 1)[0].removeprefix("Q: ").strip()
            found.append((question, item))
    return found


QUESTIONS = _seed_questions()


def test_the_seed_has_fifteen_questions():
    assert len(QUESTIONS) == 15


@pytest.fixture
def site(docs_site, serve):
    options, status, _ = docs_site
    assert status == 0
    return serve(options.book_dir)


def test_book_shows_fifteen_qa_admonitions_with_titles_and_full_answers(site, page):
    page.goto(site.url(f"{POST}.html"))
    boxes = page.locator("main div.admonition.deckbook-qa")
    assert boxes.count() == 15
    titles = page.evaluate("""() => Array.from(
      document.querySelectorAll('main .deckbook-qa > .admonition-title'),
      t => { const c = t.cloneNode(true);
             c.querySelectorAll('.deckbook-qa-marker, .headerlink')
               .forEach(e => e.remove());
             return c.textContent.trim(); })""")
    assert titles == [question for question, _ in QUESTIONS]
    for index, (_, item) in enumerate(QUESTIONS):
        box = boxes.nth(index)
        assert box.is_visible()
        shown = words(box.inner_text())
        written, _ = source_words(item)
        assert sorted(written - shown) == [], index  # the whole answer is there
        assert box.locator(".deckbook-qa-answer").count() == 1
    groups = page.locator("main .deckbook-qa-group > p.deckbook-qa-group-title")
    assert groups.all_inner_texts() == ["Audience Question", "Audience Question"]
    # Styled: the question bar and the badges are not the page's plain text colours.
    style = page.evaluate("""() => {
      const box = document.querySelector('main .deckbook-qa');
      const badge = box.querySelector('.admonition-title .deckbook-qa-marker');
      return [getComputedStyle(box).borderLeftStyle,
              getComputedStyle(badge).backgroundColor,
              getComputedStyle(badge).color];
    }""")
    assert style[0] == "solid"
    assert style[1] != style[2]
    assert page.watch.errors == []


def test_book_anchor_and_permalink_lead_to_the_question(site, page):
    page.goto(site.url(f"{POST}.html"))
    box = page.locator("main div.admonition.deckbook-qa").nth(3)
    anchor = box.get_attribute("id")
    assert re.fullmatch(r"qa-[0-9a-f]{8}", anchor)
    box.locator(".admonition-title").hover()
    link = box.locator(".admonition-title a.headerlink")
    assert link.is_visible()
    assert link.get_attribute("href") == f"#{anchor}"
    page.goto(site.url(f"{POST}.html#{anchor}"))
    assert page.evaluate("document.querySelector(':target').id") == anchor


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_book_qa_is_readable_in_light_and_dark_mode(site, page, theme):
    page.goto(site.url(f"{POST}.html"))
    page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
    contrast = page.evaluate("""() => {
      const linear = v => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      const lum = c => {
        const [r, g, b] = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(linear);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
        return (x + 0.05) / (y + 0.05); };
      const bg = el => { for (; el; el = el.parentElement) {
        const c = getComputedStyle(el).backgroundColor;
        if (!/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return c;
      } return 'rgb(255,255,255)'; };
      const box = document.querySelector('main .deckbook-qa');
      const title = box.querySelector('.admonition-title');
      const answer = box.querySelector('.deckbook-qa-answer p');
      const badge = title.querySelector('.deckbook-qa-marker');
      return [ratio(getComputedStyle(title).color, bg(title)),
              ratio(getComputedStyle(answer).color, bg(answer)),
              ratio(getComputedStyle(badge).color, bg(badge))];
    }""")
    assert all(value >= 4.5 for value in contrast), contrast


def test_site_wide_qa_page_lists_the_seed_questions(site, page):
    page.goto(site.url("qa.html"))
    listing = page.locator("main .deckbook-qalist")
    assert listing.locator(".deckbook-qalist-page").all_inner_texts() == [
        "AWS Re:Invent 2020 Recap 요약 Webinar 정리"
    ]
    assert listing.locator(".deckbook-qa").count() == 15
    listing.locator(".deckbook-qa .admonition-title").first.hover()
    first = listing.locator(".deckbook-qa .admonition-title a.headerlink").first
    first.click()
    page.wait_for_url(f"**/{POST}.html#qa-*")
    target = page.url.split("#", 1)[1]
    assert page.locator(f"[id='{target}']").is_visible()


def test_deck_shows_every_question_on_its_slide_and_the_answer_on_the_next_step(
    site, page
):
    open_deck(page, site.url(f"slides/{POST}.html"))
    page.evaluate("Reveal.configure({transition: 'none', fragments: true})")
    slides = page.evaluate("""() => Array.from(
      document.querySelectorAll(
        '.reveal .slides section[data-deckbook-kind="qa"]:not([data-deckbook-part])'),
      s => { const i = Reveal.getIndices(s);
             const t = s.querySelector(':scope > h3').cloneNode(true);
             t.querySelectorAll('.deckbook-qa-marker, .deckbook-part')
               .forEach(e => e.remove());
             return [i.h, i.v, t.textContent.trim()]; })""")
    assert [title for _, _, title in slides] == [q for q, _ in QUESTIONS]
    for h, v, title in slides:
        page.evaluate(f"Reveal.slide({h}, {v}, -1)")
        state = page.evaluate("""() => {
          const s = Reveal.getCurrentSlide();
          const a = s.querySelector('.deckbook-qa-answer.fragment');
          return [a.classList.contains('visible'), getComputedStyle(a).visibility];
        }""")
        assert state == [False, "hidden"], title
        page.evaluate("Reveal.next()")
        after = page.evaluate("""() => {
          const s = Reveal.getCurrentSlide(), i = Reveal.getIndices();
          const a = s.querySelector('.deckbook-qa-answer.fragment');
          return [i.h, i.v, a.classList.contains('visible')];
        }""")
        assert after == [h, v, True], title
        page.wait_for_function(  # after the fade-in
            """() => getComputedStyle(Reveal.getCurrentSlide()
                 .querySelector('.deckbook-qa-answer.fragment')).opacity === '1'""",
            timeout=3000,
        )
    groups = page.evaluate("""() => Array.from(
      document.querySelectorAll('.reveal section[data-deckbook-kind="qa-group"] > h3'),
      h => h.textContent)""")
    assert groups == ["Audience Question", "Audience Question"]
    assert page.watch.errors == []
