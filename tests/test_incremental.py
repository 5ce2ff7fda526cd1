"""After an edit, a rebuild rewrites what changed: the page, the pages listing it, and
every page when the navigation (a title, a toctree) changed."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import pytest

from deckbook.book import navigation_lazy
from deckbook.site.build import BuildOptions, build_site
from tests.sites import build, copy_root

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus

PAGES = 8  # posts, Marp decks and a seed copy, in year indexes (benchmarks/corpus.py)
# Sphinx writes these on every build; Deckbook when what they show changed
# (incremental_index.py), and so in the first rebuild after a fresh build: the theme
# rewrites pygments.css once every page is written, and the pages link it by checksum.
ALWAYS = {"genindex.html", "search.html"}


def _build(root: Path, out: str = "_build") -> BuildOptions:
    options = BuildOptions(
        source=root / "docs", confdir=root, out=root / out, quiet=True
    )
    assert build_site(options) == 0
    return options


def _written(options: BuildOptions) -> dict[str, int]:
    """Every page's mtime; the old-URL redirect stubs (jekyll/blog_urls.py) are not
    pages: rewritten only when the address they point to changes."""
    html = options.book_dir
    return {
        str(path.relative_to(html)): path.stat().st_mtime_ns
        for path in html.rglob("*.html")
        if "_static" not in path.parts and "<title>Redirecting…" not in path.read_text()
    }


def _rebuild(root: Path, options: BuildOptions) -> set[str]:
    before = _written(options)
    _build(root)
    after = _written(options)
    return {name for name, mtime in after.items() if before.get(name) != mtime}


@pytest.fixture
def site(tmp_path):
    names = corpus.generate(tmp_path, PAGES)
    post = next(name for name in names if name.startswith("posts/"))
    return tmp_path, _build(tmp_path), post


def test_a_rebuild_with_no_change_rewrites_nothing(site):
    root, options, _ = site
    assert _rebuild(root, options) == ALWAYS


def test_a_body_edit_rewrites_the_page_its_deck_and_its_toctree_parent(site):
    root, options, post = site
    with (root / "docs" / f"{post}.md").open("a", encoding="utf-8") as source:
        source.write("\n\n본문에 더한 문단입니다.\n")
    year = post.rsplit("/", 1)[0]
    assert _rebuild(root, options) == ALWAYS | {
        f"{post}.html",
        f"slides/{post}.html",  # its deck
        f"{year}/index.html",  # its toctree parent (Sphinx)
    }


def test_a_date_edit_also_rewrites_the_lists_of_posts(site):
    root, options, post = site
    source = root / "docs" / f"{post}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("date: 20", "date: 19", 1), encoding="utf-8")
    rewritten = _rebuild(root, options)
    year = post.rsplit("/", 1)[0]
    assert {f"{post}.html", f"{year}/index.html", "posts/index.html"} <= rewritten
    assert {"categories/index.html"} <= rewritten  # categories.py, incremental.py
    assert "qa.html" not in rewritten  # the navigation did not change


def test_a_title_edit_rewrites_every_page(site):
    root, options, post = site
    source = root / "docs" / f"{post}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace('title: "', 'title: "새 제목 ', 1), encoding="utf-8")
    # Every page and deck: each links its neighbours by title (and pages show the
    # titles of their branch in the sidebar, the others in the navigation fragment).
    assert _rebuild(root, options) == set(_written(options))
    unrelated = (options.book_dir / "qa.html").read_text(encoding="utf-8")
    fragment = options.book_dir / "_static" / navigation_lazy.FRAGMENT
    text = fragment.read_text(encoding="utf-8")
    parts = json.loads(text[text.index("{") : text.rindex("}") + 1])
    assert any("새 제목" in part for part in parts.values())
    # The page asks for the fragment as it is now, never for a stale one.
    version = hashlib.sha256(text.encode()).hexdigest()[:12]
    assert f"{navigation_lazy.FRAGMENT}?v={version}" in unrelated


def test_a_rebuilt_site_is_the_site_built_afresh(site):
    """The stored navigation and the pages kept as they were are what a fresh build
    writes, after a title edit and then a body edit."""
    root, options, post = site
    source = root / "docs" / f"{post}.md"
    text = source.read_text(encoding="utf-8").replace('title: "', 'title: "새 ', 1)
    source.write_text(text + "\n\n더한 문단.\n", encoding="utf-8")
    _build(root)
    source.write_text(text + "\n\n또 더한 문단.\n", encoding="utf-8")
    _build(root)
    fresh = _build(root, "_fresh")
    for name in _written(options):
        kept = (options.book_dir / name).read_text(encoding="utf-8")
        anew = (fresh.book_dir / name).read_text(encoding="utf-8")
        # The only difference allowed: the path of the build folder in the decks.
        assert kept == anew.replace("_fresh", "_build"), name
    assert not re.search("_dbn[AULH]", kept)


def test_a_removed_page_leaves_nothing_behind(site):
    """Sphinx never deletes an output: the page, its deck, its copied source and
    its search words went with the source (incremental.remove_what_is_gone)."""
    root, options, post = site
    book, decks = options.book_dir, options.decks_dir
    source = root / "docs" / f"{post}.md"
    word = "Zyxwordonlyhere"
    source.write_text(source.read_text(encoding="utf-8") + f"\n\n{word}\n", "utf-8")
    _build(root)
    gone = [book / f"{post}.html", decks / f"{post}.html"]
    gone += list((book / "_sources").glob(f"{post}.*"))
    assert all(path.is_file() for path in gone) and len(gone) == 3
    assert "zyxwordonly" in (book / "searchindex.js").read_text(encoding="utf-8")
    source.unlink()
    _build(root)
    assert [path for path in gone if path.exists()] == []
    assert "zyxwordonly" not in (book / "searchindex.js").read_text(encoding="utf-8")
    assert (book / "index.html").is_file()  # the rest stays


def test_a_page_that_stops_being_a_deck_loses_its_deck(site):
    """Its page stays; the deck written when it was one is removed, not served."""
    root, options, post = site
    deck = options.decks_dir / f"{post}.html"
    assert deck.is_file()
    source = root / "docs" / f"{post}.md"
    text = source.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    source.write_text("---\nslides: false\n" + text[4:], encoding="utf-8")
    _build(root)
    assert not deck.exists()
    page = (options.book_dir / f"{post}.html").read_text(encoding="utf-8")
    assert f"slides/{post}.html" not in page  # no button to the removed deck


def test_static_files_are_copied_again_only_when_they_changed(tmp_path):
    """speed.py skips Sphinx's copy of unchanged static files, in book and decks, yet
    a changed source or a deleted copy is copied again."""
    srcdir = copy_root("decks", tmp_path)
    options = build(srcdir)
    book_css = options.book_dir / "_static" / "fixture.css"
    deck_css = options.decks_dir / "_static" / "fixture.css"
    reveal = options.decks_dir / "_static" / "revealjs" / "dist" / "reveal.js"
    marked = [book_css, deck_css, reveal]
    for copy in marked:  # a mark only a skipped copy leaves in place
        copy.write_text(copy.read_text(encoding="utf-8") + "\n/* kept */\n", "utf-8")
    build(srcdir)
    assert all("/* kept */" in copy.read_text(encoding="utf-8") for copy in marked)

    source = srcdir / "_static" / "fixture.css"
    source.write_text("body { color: rgb(1, 2, 3); }\n", encoding="utf-8")
    reveal.unlink()
    build(srcdir)
    for copy in (book_css, deck_css):
        assert copy.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    assert reveal.is_file() and "/* kept */" not in reveal.read_text(encoding="utf-8")
