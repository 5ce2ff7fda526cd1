"""Speaker notes (notes.py): the ``{notes}`` directive and Marp's comment notes render
as reveal.js notes in decks (HTML kept), a closed "speaker notes" block in the book,
and an admonition for the other builders."""

from __future__ import annotations

import pytest

from deckbook.site.build import build_site, run_pass
from tests.sites import build_with_warnings, copy_root, site_options, soup


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory):
    options, status, warnings = build_with_warnings(
        copy_root("notes", tmp_path_factory.mktemp("notes"))
    )
    assert status == 0
    return options, warnings


def test_builds_without_warnings(notes_site):
    assert notes_site[1] == ""


def test_book_shows_a_closed_speaker_notes_block(notes_site):
    options, _ = notes_site
    main = soup(options.book_dir / "index.html").select_one("main article")
    blocks = main.select("details")
    assert len(blocks) == 3  # the third: sphinx-revealjs's {revealjs-notes}
    assert [b.summary.get_text(strip=True) for b in blocks] == ["발표자 노트"] * 3
    assert not any(b.has_attr("open") for b in blocks)
    assert blocks[0].select_one("strong").get_text() == "bold"
    assert [li.get_text(" ", strip=True) for li in blocks[1].select("li")] == [
        "point one", "code point",
    ]  # fmt: skip
    assert not main.select("aside.notes")


def test_deck_notes_are_html_in_their_slide(notes_site):
    options, _ = notes_site
    slides = soup(options.decks_dir / "index.html").select(".slides section > section")
    notes = [s.select_one("aside.notes") for s in slides]
    assert [bool(n) for n in notes] == [True, True, False, True]
    assert str(notes[0].select_one("strong")) == "<strong>bold</strong>"
    assert notes[1].select_one("ul li code").get_text() == "code"
    assert str(notes[3].select_one("em")) == "<em>emphasis</em>"  # not escaped
    assert not soup(options.decks_dir / "index.html").select("details")


def test_marp_deck_joins_directive_and_comment_notes(notes_site, serve, page):
    options, _ = notes_site
    site = serve(options.book_dir)
    page.goto(site.url("slides/marp.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    notes = page.evaluate("Reveal.getSlideNotes()")
    assert "<em>here</em>" in notes and "and a comment note" in notes
    assert notes.index("Directive notes") < notes.index("and a comment note")
    page.evaluate("Reveal.slide(1)")
    assert not (page.evaluate("Reveal.getSlideNotes()") or "").strip()


def test_ordinary_deck_notes_in_reveal(notes_site, serve, page):
    options, _ = notes_site
    site = serve(options.book_dir)
    page.goto(site.url("slides/index.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert "<strong>bold</strong>" in page.evaluate("Reveal.getSlideNotes()")
    page.evaluate("Reveal.slide(1)")
    assert "<code" in page.evaluate("Reveal.getSlideNotes()")


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo"])
def test_other_builders_show_notes_as_an_admonition(notes_site, builder):
    options, _ = notes_site
    out = options.out / builder
    assert run_pass(options, builder, out, fresh=False) == 0
    if builder == "text":
        text = (out / "index.txt").read_text(encoding="utf-8")
        assert "발표자 노트: Title slide notes with **bold** words." in text


def test_label_follows_the_site_language(tmp_path):
    srcdir = copy_root("notes", tmp_path)
    options = site_options(srcdir, language="en")
    assert build_site(options) == 0
    book = soup(options.book_dir / "index.html")
    assert (
        book.select_one("details.deckbook-notes summary").get_text() == "Speaker notes"
    )
