"""Nothing lost: every word of every Marp deck in tests/roots/ reaches the book page and
the deck (slides and speaker notes), as tests/test_site.py checks for docs/."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckbook.site.build import build_site
from deckbook.source.frontmatter import read_front_matter_text
from tests.nothing_lost import source_words, words
from tests.sites import ROOTS, copy_root, site_options, soup


def _marp_decks() -> list[tuple[str, str]]:
    decks = []
    for path in sorted(ROOTS.glob("test-*/**/*.md")):
        if "_build" in path.parts:
            continue
        if read_front_matter_text(path.read_text(encoding="utf-8")).is_marp:
            root = path.relative_to(ROOTS).parts[0].removeprefix("test-")
            docname = str(path.relative_to(ROOTS / f"test-{root}").with_suffix(""))
            decks.append((root, docname))
    return decks


DECKS = _marp_decks()


def test_there_are_marp_fixtures_in_several_roots():
    assert {root for root, _ in DECKS} >= {"decks", "marp", "marp-bad"}
    assert len(DECKS) >= 14


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sites: dict[str, tuple[Path, Path]] = {}

    def _built(root: str) -> tuple[Path, Path]:
        if root not in sites:
            srcdir = copy_root(root, tmp_path_factory.mktemp(root))
            options = site_options(srcdir)
            assert build_site(options) == 0
            sites[root] = (srcdir, options.book_dir)
        return sites[root]

    return _built


def _shown(page: Path, selector: str) -> set[str]:
    html = soup(page)
    for hidden in html.select("script, style"):
        hidden.decompose()
    return words(" ".join(node.get_text(" ") for node in html.select(selector)))


@pytest.mark.parametrize(("root", "docname"), DECKS)
def test_nothing_lost_in_the_book(built, root, docname):
    srcdir, book = built(root)
    body, notes = source_words(
        (srcdir / f"{docname}.md").read_text(encoding="utf-8"), marp=True
    )
    shown = _shown(book / f"{docname}.html", "title, main")
    assert sorted(body - shown) == []
    assert sorted(notes - shown) == []


@pytest.mark.parametrize(("root", "docname"), DECKS)
def test_nothing_lost_in_the_deck(built, root, docname):
    srcdir, book = built(root)
    body, notes = source_words(
        (srcdir / f"{docname}.md").read_text(encoding="utf-8"), marp=True
    )
    # A Marp deck shows its `title` directive as the page title only, as Marp does.
    shown = _shown(book / "slides" / f"{docname}.html", "title, .slides")
    assert sorted(body - shown) == []
    assert sorted(notes - shown) == []
