"""The real site in docs/: strict build, structure, and nothing lost."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.nothing_lost import (
    is_liquid_page,
    liquid_source_words,
    source_words,
    words,
)
from tests.sites import soup

TESTS = Path(__file__).resolve().parent
DOCS = TESTS.parent / "docs"
PAGES = sorted(str(p.relative_to(DOCS).with_suffix("")) for p in DOCS.rglob("*.md"))
POST = "posts/2021-01-15-aws-reinvent-2020-recap"
DECK = "decks/reinvent-2022-vegas"


def test_docs_build_with_warnings_as_errors(docs_site):
    _, status, warnings = docs_site
    assert warnings == ""
    assert status == 0


# The SHA-256 of the two seed documents our users wrote (000_ea00a41a21ca4d05.txt, the
# post, and 001_3c4ed4709cae09af.txt, the deck), as handed to us: docs/ must hold them
# byte for byte. Recorded here because the suite never reads outside the repository.
SEED_SHA256 = {
    POST: "c2d0357ceeb0150e48acc78d2d8cdde87e04ae00121e61023eb3f529e81d4075",
    DECK: "d7817103d12aedbc98208a378cb2faef6c66c74406eeb9efe23b27c0a73584cf",
}
# What a test reading outside the checkout looks like: the seeds' folder beside it.
OUTSIDE_REPO = re.compile(r"\.\./shared\b|/\s*[\"']shared[\"']|[\"']/work/")


@pytest.mark.parametrize(("page", "sha256"), SEED_SHA256.items())
def test_seeds_are_in_docs_unchanged(page, sha256):
    assert hashlib.sha256((DOCS / f"{page}.md").read_bytes()).hexdigest() == sha256


def test_tests_never_read_outside_the_repository():
    """A fresh clone has no seeds folder beside it: no test may look there."""
    found = []
    for path in sorted(TESTS.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        for lineno, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE_REPO.search(line):
                found.append(f"{path.relative_to(TESTS)}:{lineno}: {line.strip()}")
    assert found == []


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
