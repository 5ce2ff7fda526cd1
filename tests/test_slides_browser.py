"""Decks from ordinary pages, measured in Chromium at 1280×720: no slide overflows, and
continuing a slide loses, duplicates and reorders nothing."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.nothing_lost import source_words, words
from tests.sites import build, copy_root, soup

POST = "posts/2021-01-15-aws-reinvent-2020-recap"

# For every slide (in reading order): its indices, its title, and how far its content
# reaches past the slide area (0 when inside), in slide pixels, all fragments shown.
MEASURE = """() => {
  Reveal.configure({transition: 'none', backgroundTransition: 'none'});
  const {width: W, height: H} = Reveal.getConfig();
  const out = [];
  for (const slide of Reveal.getSlides()) {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v, Number.MAX_SAFE_INTEGER);
    const box = Reveal.getSlidesElement().getBoundingClientRect();
    const scale = box.width / W;
    let over = 0;
    for (const el of [slide, ...slide.querySelectorAll('*')]) {
      if (el.closest('aside.notes')) continue;
      const r = el.getBoundingClientRect();
      if (!r.width && !r.height) continue;
      over = Math.max(over, (box.top - r.top) / scale, (r.bottom - box.bottom) / scale,
                      (box.left - r.left) / scale, (r.right - box.right) / scale);
    }
    const title = slide.querySelector(':scope > h1, :scope > h2, :scope > h3');
    out.push({h: at.h, v: at.v, title: title ? title.textContent : '',
              over: Math.max(0, over), kind: slide.dataset.deckbookKind || '',
              fontSize: slide.style.fontSize});
  }
  Reveal.slide(0, 0);
  return out;
}"""


# The deck's text as the nothing-lost tests read HTML: text nodes joined by spaces.
TEXT = """() => {
  const walker = document.createTreeWalker(
    document.querySelector('.reveal .slides'), NodeFilter.SHOW_TEXT);
  const parts = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.data);
  return parts.join(' ');
}"""


def open_deck(page, url):
    page.goto(url)
    page.wait_for_function(
        "document.documentElement.dataset.deckbookFit === 'done'", timeout=30000
    )


def measure(page) -> list[dict]:
    return page.evaluate(MEASURE)


def assert_no_overflow(slides: list[dict]) -> None:
    overflowing = [(s["h"], s["v"], s["title"], round(s["over"], 1)) for s in slides]
    assert [s for s in overflowing if s[3] > 1] == []


@pytest.fixture(scope="module")
def slides_site(tmp_path_factory):
    srcdir = copy_root("slides", tmp_path_factory.mktemp("slides-browser"))
    return build(srcdir)


@pytest.fixture
def fixture_decks(slides_site, serve):
    return slides_site, serve(slides_site.decks_dir)


def test_seed_post_deck_has_no_overflowing_slide(docs_site, serve, page):
    options, status, _ = docs_site
    assert status == 0
    server = serve(options.book_dir)
    open_deck(page, server.url(f"slides/{POST}.html"))
    slides = measure(page)
    assert len(slides) > 30  # every section, continued, plus the Q&A slides
    assert_no_overflow(slides)
    # Continuing is how it fits: nothing was shrunk.
    assert {s["fontSize"] for s in slides} == {""}
    sections = [s["title"] for s in slides if s["kind"] == "" and s["v"] == 0]
    for name in (
        "혁신가",
        "개발자",
        "아키텍트",
        "데브옵스",
        "데이터 분석가",
        "데이터 과학자",
    ):
        assert any(title.startswith(name) for title in sections), name
    assert page.watch.errors == []


def test_seed_post_deck_loses_no_word_at_run_time(docs_site, serve, page):
    options, _, _ = docs_site
    server = serve(options.book_dir)
    open_deck(page, server.url(f"slides/{POST}.html"))
    body, _ = source_words((options.source / f"{POST}.md").read_text(encoding="utf-8"))
    shown = words(page.evaluate(TEXT))
    assert sorted(body - shown) == []


@pytest.mark.parametrize("docname", ["long", "qa", "qa-depth", "index"])
def test_fixture_decks_have_no_overflowing_slide(fixture_decks, page, docname):
    _, server = fixture_decks
    open_deck(page, server.url(f"{docname}.html"))
    assert_no_overflow(measure(page))
    assert page.watch.errors == []


def test_long_sections_continue_on_numbered_slides(fixture_decks, page):
    _, server = fixture_decks
    open_deck(page, server.url("long.html"))
    slides = measure(page)
    titles = [s["title"] for s in slides]
    for name in ("빽빽한 절", "번호 목록", "아주 긴 문단", "코드", "표", "자식 둘"):
        parts = [t for t in titles if re.fullmatch(rf"{name} \(\d+/\d+\)", t)]
        total = len(parts)
        assert total >= 2, (name, titles)
        assert parts == [f"{name} ({k}/{total})" for k in range(1, total + 1)]
    # Continuations are vertical slides right under their first part.
    first = next(s for s in slides if s["title"].startswith("번호 목록 (1/"))
    after = [s for s in slides if s["title"].startswith("번호 목록")]
    assert [(s["h"], s["v"]) for s in after] == [
        (first["h"], first["v"] + k) for k in range(len(after))
    ]
    assert {s["fontSize"] for s in slides} == {""}


def test_continuing_keeps_every_word_once_and_in_order(fixture_decks, page):
    options, server = fixture_decks
    static = soup(options.decks_dir / "long.html").select_one(".reveal .slides")
    before = re.findall(r"\w+", static.get_text(" "))
    open_deck(page, server.url("long.html"))
    after_text = page.evaluate("""() => {
      const slides = document.querySelector('.reveal .slides').cloneNode(true);
      // What fitting adds: the part counters and the repeated titles.
      slides.querySelectorAll('.deckbook-part, .deckbook-repeated')
        .forEach(e => e.remove());
      slides.querySelectorAll('section[data-deckbook-part] > :first-child')
        .forEach(e => { if (/^H[1-6]$/.test(e.tagName)) e.remove(); });
      const walker = document.createTreeWalker(slides, NodeFilter.SHOW_TEXT);
      const parts = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.data);
      return parts.join(' ');
    }""")
    after = re.findall(r"\w+", after_text)
    assert Counter(after) == Counter(before)
    assert after == before  # same order: nothing moved out of place


def test_numbered_lists_keep_counting_across_slides(fixture_decks, page):
    _, server = fixture_decks
    open_deck(page, server.url("long.html"))
    numbers = page.evaluate("""() => {
      const out = [];
      for (const ol of document.querySelectorAll('.reveal .slides ol')) {
        let n = ol.start || 1;
        for (const li of ol.children) {
          const shown = !li.classList.contains('deckbook-continued');
          const m = li.textContent.match(/번호 항목 (\\d+)/);
          if (m && shown) out.push([n, Number(m[1])]);
          n += 1;
        }
      }
      return out;
    }""")
    assert len(numbers) == 30
    assert all(shown == written for shown, written in numbers)


def test_marp_deck_is_not_fitted(fixture_decks, page):
    _, server = fixture_decks
    page.goto(server.url("marp.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.wait_for_timeout(300)
    assert page.evaluate("document.documentElement.dataset.deckbookFit") is None
    assert (
        page.evaluate(
            "Reveal.getRevealElement().classList.contains('deckbook-page-deck')"
        )
        is False
    )


def test_a_long_answer_continues_already_revealed(fixture_decks, page):
    _, server = fixture_decks
    open_deck(page, server.url("qa.html"))
    parts = page.evaluate("""() => Array.from(
      document.querySelectorAll('section[data-deckbook-kind="qa"]'),
      s => [s.querySelector(':scope > h3').textContent,
            s.hasAttribute('data-deckbook-part'),
            s.querySelectorAll('.fragment').length,
            s.querySelectorAll('.deckbook-qa-answer.deckbook-continued').length])
      .filter(([title]) => title.includes('긴 답이 있는 질문'))""")
    assert len(parts) >= 2
    assert parts[0][1:] == [False, 1, 0]  # the question's slide: answer on next step
    for title, continued, fragments, answers in parts[1:]:
        assert continued and fragments == 0 and answers == 1, title
    assert [title.rsplit(" ", 1)[-1] for title, *_ in parts] == [
        f"({k}/{len(parts)})" for k in range(1, len(parts) + 1)
    ]


def test_tables_continue_between_rows(fixture_decks, page):
    _, server = fixture_decks
    open_deck(page, server.url("long.html"))
    rows = page.evaluate("""() => Array.from(document.querySelectorAll('section'))
      .filter(s => /^표 \\(/.test(s.querySelector(':scope > h2, :scope > h3')
                                       ?.textContent || ''))
      .map(s => [s.querySelector('thead th')?.textContent.trim(),
                 Array.from(s.querySelectorAll('tbody tr'),
                            tr => tr.cells[0].textContent.trim())])""")
    assert {head for head, _ in rows} == {"서비스"}  # the header row on every part
    rows = [part for _, part in rows]
    assert len(rows) >= 2
    assert all(part for part in rows)  # every part shows whole rows
    assert [cell for part in rows for cell in part] == [
        f"서비스{i}" for i in range(1, 31)
    ]
