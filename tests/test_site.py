"""The real site in docs/: strict build, structure, and nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nothing_lost import (
    is_liquid_page,
    liquid_source_words,
    source_words,
    words,
)
from tests.sites import soup

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(str(p.relative_to(DOCS).with_suffix("")) for p in DOCS.rglob("*.md"))
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
POST = "posts/2021-01-15-aws-reinvent-2020-recap"
DECK = "decks/reinvent-2022-vegas"


def test_docs_build_with_warnings_as_errors(docs_site):
    _, status, warnings = docs_site
    assert warnings == ""
    assert status == 0


@pytest.mark.parametrize(
    ("page", "seed"),
    [(POST, "000_ea00a41a21ca4d05.txt"), (DECK, "001_3c4ed4709cae09af.txt")],
)
def test_seeds_are_in_docs_unchanged(page, seed):
    if not SEEDS.is_dir():  # shared/ sits beside the checkout in CI and here
        pytest.fail(f"seed folder missing: {SEEDS}")
    assert (DOCS / f"{page}.md").read_bytes() == (SEEDS / seed).read_bytes()


def test_both_seeds_have_decks_and_other_pages_do_not(docs_site):
    options, _, _ = docs_site
    decks = {
        str(p.relative_to(options.decks_dir).with_suffix(""))
        for p in options.decks_dir.rglob("*.html")
        if "_static" not in p.parts
    }
    assert decks == {POST, DECK}


def _text(page: Path, selector: str) -> str:
    html = soup(page)
    for hidden in html.select("script, style"):
        hidden.decompose()
    for code in html.select("pre"):  # highlighting splits words into spans
        code.string = code.get_text()
    return " ".join(node.get_text(" ") for node in html.select(selector))


@pytest.mark.parametrize("page", PAGES)
def test_nothing_lost_in_the_book(docs_site, page):
    options, _, _ = docs_site
    source = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    code: set[str] = set()
    if is_liquid_page(source, page):  # Liquid markup is no writing; its output is
        body, notes, code = liquid_source_words(source)
    else:
        body, notes = source_words(source)
    html = options.book_dir / f"{page}.html"
    shown = words(_text(html, "title, main"))
    assert sorted(body - shown) == []
    assert sorted(notes - shown) == []
    assert sorted(code - words(_text(html, "main pre"))) == []  # {% highlight %}


@pytest.mark.parametrize("page", [POST, DECK])
def test_nothing_lost_in_the_deck(docs_site, page):
    options, _, _ = docs_site
    body, notes = source_words((DOCS / f"{page}.md").read_text(encoding="utf-8"))
    shown = words(_text(options.decks_dir / f"{page}.html", ".slides"))
    assert sorted(body - shown) == []
    assert sorted(notes - shown) == []


def test_footer_names_the_author_in_korean(docs_site):
    """sphinx-book-theme's ko catalogue renders "By NAME" as "으로 NAME"."""
    options, _, _ = docs_site
    footer = soup(options.book_dir / "index.html").select_one(".component-author")
    assert footer.get_text(" ", strip=True) == "작성: Deckbook 팀"
