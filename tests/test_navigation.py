"""The sidebar navigation, rendered once per build, is the stock one byte for byte
(with ``deckbook_navigation_lazy`` off: the full sidebar; the lean one is checked
against the stock one in tests/test_navigation_lazy.py)."""

from __future__ import annotations

import re

import pytest
from sphinx.builders.html import StandaloneHTMLBuilder

from tests.sites import build, copy_root, soup

# Pages the cache leaves to the stock function (see deckbook/navigation.py):
# listed twice (``self`` in its own toctree; in two toctrees), or deeper than the
# sidebar shows (max_navbar_depth = 3).
STOCK_PAGES = {"guide/index", "twice", "guide/advanced/deeper"}


def _book_pages(html_dir):
    """The book's pages; not the old-URL redirect stubs (jekyll/blog_urls.py)."""
    return sorted(
        path.relative_to(html_dir)
        for path in html_dir.rglob("*.html")
        if not {"slides", "_static", "_sources"} & set(path.parts)
        and "<title>Redirecting…" not in path.read_text(encoding="utf-8")
    )


def _sidebar(html: str) -> str:
    start = html.index('<nav class="bd-links bd-docs-nav"')
    return html[start : html.index("</nav>", start)]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The fixture built twice: with the navigation cache, and without (stock); the
    full sidebar on both (the lean one differs from stock by design)."""
    cached = copy_root("navigation", tmp_path_factory.mktemp("cached"))
    stock = copy_root("navigation", tmp_path_factory.mktemp("stock"))
    with pytest.MonkeyPatch.context() as patch:
        calls = _count_local_toctrees(patch)
        build(cached, deckbook_navigation_lazy="0")
        cached_calls = list(calls)
        calls.clear()
        build(stock, deckbook_navigation_cache="0", deckbook_navigation_lazy="0")
        stock_calls = list(calls)
    return cached / "_build/html", stock / "_build/html", cached_calls, stock_calls


def _count_local_toctrees(patch: pytest.MonkeyPatch) -> list[str]:
    """Record each page for which Sphinx resolves the whole site's toctree."""
    calls: list[str] = []
    original = StandaloneHTMLBuilder._get_local_toctree

    def counting(self, docname, *args, **kwargs):
        calls.append(docname)
        return original(self, docname, *args, **kwargs)

    patch.setattr(StandaloneHTMLBuilder, "_get_local_toctree", counting)
    return calls


def test_every_page_is_the_stock_page_byte_for_byte(sites):
    cached, stock, _, _ = sites
    pages = _book_pages(cached)
    assert pages == _book_pages(stock)
    names = {str(page.with_suffix("")) for page in pages}
    # Pages of every kind: nested, listed twice, too deep, hidden, orphan, posts,
    # a Marp deck, generated category pages, the index pages Sphinx writes.
    assert {
        "index",
        "guide/start",
        "guide/advanced/deeper",
        "hidden",
        "orphan",
    } <= names
    assert {
        "decks/talk",
        "posts/2024-01-10-first",
        "categories/aws",
        "genindex",
    } <= names
    for page in pages:
        assert (cached / page).read_bytes() == (stock / page).read_bytes(), page


def test_the_site_toctree_is_resolved_once_not_per_page(sites):
    _, _, cached_calls, stock_calls = sites
    # Stock: once per page (twice for none: pydata caches per page).
    assert len(stock_calls) == len(set(stock_calls)) > 15
    # Cached: only the pages the slots cannot express go to the stock function.
    assert set(cached_calls) == STOCK_PAGES


def test_a_page_is_marked_on_its_branch(sites):
    cached, _, _, _ = sites
    nav = soup(cached / "guide/advanced/deep.html").select_one("nav.bd-docs-nav")
    current = [li.a.get_text(strip=True) for li in nav.select("li.current.active")]
    assert current == ["안내", "고급", "깊은 곳"]
    (link,) = nav.select("a.current")
    assert link["href"] == "#"
    assert link.get_text(strip=True) == "깊은 곳"
    # Ancestors are open, their siblings closed; links are relative to the page.
    assert nav.select_one("li.current.active > details")["open"] == "open"
    start = nav.find("a", string=re.compile("시작하기"))
    assert start["href"] == "../start.html"
    assert "current" not in start.parent["class"]


def test_a_page_outside_the_toctrees_has_no_marks(sites):
    cached, _, _, _ = sites
    nav = soup(cached / "categories/aws.html").select_one("nav.bd-docs-nav")
    assert nav.select(".current") == []
    assert nav.find("a", string=re.compile("시작하기"))["href"] == "../guide/start.html"


def test_the_real_site_sidebar_is_the_stock_one(docs_site, tmp_path):
    """docs/, as `tox -e docs` builds it, against a stock build of the same pages."""
    from deckbook.site.build import BuildOptions, run_pass
    from tests.conftest import ROOT

    _, status, _ = docs_site  # the strict build passed; the full sidebar built here
    assert status == 0

    def book(name: str, **overrides: str) -> BuildOptions:
        options = BuildOptions(
            source=ROOT / "docs",
            confdir=ROOT,
            out=tmp_path / name,
            quiet=True,
            overrides={"deckbook_navigation_lazy": "0", **overrides},
        )
        assert run_pass(options, "html", options.book_dir, fresh=True) == 0
        return options

    options = book("cached")
    stock = book("stock", deckbook_navigation_cache="0")
    pages = _book_pages(options.book_dir)
    assert len(pages) > 10
    for page in pages:
        cached_html = (options.book_dir / page).read_text(encoding="utf-8")
        stock_html = (stock.book_dir / page).read_text(encoding="utf-8")
        assert _sidebar(cached_html) == _sidebar(stock_html), page
