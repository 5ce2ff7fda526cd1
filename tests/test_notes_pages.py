"""Speaker notes in ordinary pages (the ``notes`` directive of notes.py): deck notes for
the right slide with their formatting, a collapsible block in the book."""

from __future__ import annotations

import pytest

from deckbook.notes import speaker_notes
from tests.sites import build, copy_root, soup
from tests.test_slides_browser import open_deck


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory):
    srcdir = copy_root("slides-notes", tmp_path_factory.mktemp("notes"))
    return build(srcdir)


def _slides(deck):
    return [
        slide
        for stack in deck.select_one(".reveal .slides").find_all(
            "section", recursive=False
        )
        for slide in stack.find_all("section", recursive=False)
    ]


def test_every_notes_block_is_one_node_in_the_doctree(notes_site):
    import pickle

    doctree = pickle.loads((notes_site.doctree_dir / "index.doctree").read_bytes())
    assert len(list(doctree.findall(speaker_notes))) == 4


def test_deck_notes_belong_to_their_slide_and_keep_formatting(notes_site):
    deck = soup(notes_site.decks_dir / "index.html")
    slides = _slides(deck)
    notes = [[str(a) for a in slide.select("aside.notes")] for slide in slides]
    titles = [
        slide.find(["h1", "h2", "h3"]).get_text(" ", strip=True) for slide in slides
    ]
    assert titles == [
        "노트가 있는 페이지", "두 번째 슬라이드", "긴 슬라이드", "질문",
        "Q 노트가 있는 질문",
    ]  # fmt: skip
    first, second, long, _, question = (slide.select("aside.notes") for slide in slides)
    assert first[0].strong.get_text() == "굵게"
    assert [li.get_text() for li in second[0].select("li")] == [
        "첫째 요점", "둘째 요점과 링크"
    ]  # fmt: skip
    assert second[0].a["href"] == "https://example.org"
    assert "첫 부분에 남습니다" in long[0].get_text()
    # A note written inside an answer stays with the question's slide.
    assert question[0].em.get_text() == "노트"
    assert notes[3] == []  # the section's own slide has no note
    # Notes never show on the slide: the label stays out of the deck.
    assert "발표자 노트" not in deck.select_one(".reveal .slides").get_text()


def test_book_shows_notes_as_closed_collapsible_blocks(notes_site):
    page = soup(notes_site.book_dir / "index.html")
    blocks = page.select("main details.deckbook-notes")
    assert len(blocks) == 4
    assert all("open" not in block.attrs for block in blocks)
    assert {block.summary.get_text(strip=True) for block in blocks} == {"발표자 노트"}
    assert blocks[0].strong.get_text() == "굵게"
    assert len(blocks[1].select("li")) == 2
    # Inside a Q&A answer, the block stays in the answer.
    assert blocks[3].find_parent(class_="deckbook-qa-answer") is not None


def test_speaker_view_gets_the_notes_of_each_slide(notes_site, serve, page):
    server = serve(notes_site.decks_dir)
    open_deck(page, server.url("index.html"))
    notes = page.evaluate("""() => Reveal.getSlides().map(s => {
      const i = Reveal.getIndices(s);
      const heading = s.querySelector(':scope > h1, :scope > h2, :scope > h3');
      const title = heading.textContent;
      return [i.h, i.v, title, Reveal.getSlideNotes(s) || ''];
    })""")
    by_title = {title: text for _, _, title, text in notes}
    assert "<strong>굵게</strong>" in by_title["노트가 있는 페이지"]
    assert "<li>" in by_title["두 번째 슬라이드"]
    # The long slide was continued: its note stays on the first part only.
    parts = [
        (title, text) for _, _, title, text in notes if title.startswith("긴 슬라이드")
    ]
    assert len(parts) >= 2
    assert "첫 부분에 남습니다" in parts[0][1]
    assert all("첫 부분에 남습니다" not in text for _, text in parts[1:])
    question = next(text for _, _, title, text in notes if "노트가 있는 질문" in title)
    assert "<em>노트</em>" in question
    assert page.watch.errors == []
