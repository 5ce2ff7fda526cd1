"""The lean sidebar (deckbook/navigation_lazy.py): a page's HTML holds its own branch;
filled from the navigation fragment as deckbook-navigation-lazy.js fills it, it is the
stock sidebar, link for link, on every page."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from deckbook.book.navigation_lazy import FRAGMENT, LAZY_SCRIPT, split_parts
from tests.sites import build, copy_root, soup
from tests.test_navigation import STOCK_PAGES, _book_pages

NAV = "nav.bd-docs-nav"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The fixture built lean (the default) and stock (no cache, full sidebar)."""
    lean = copy_root("navigation", tmp_path_factory.mktemp("lean"))
    stock = copy_root("navigation", tmp_path_factory.mktemp("stock"))
    build(lean)
    build(stock, deckbook_navigation_cache="0", deckbook_navigation_lazy="0")
    return lean / "_build/html", stock / "_build/html"


def fragment_parts(html_dir: Path) -> dict[str, str]:
    text = (html_dir / "_static" / FRAGMENT).read_text(encoding="utf-8")
    assert text.isascii()  # read right whatever encoding a server or file:// claims
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def expand(nav, parts: dict[str, str], root: str) -> None:
    """What deckbook-navigation-lazy.js does to every closed branch, opened."""
    for part in nav.select("ul[data-deckbook-nav-part]"):
        _fill(part, parts, root)


def _fill(part, parts: dict[str, str], root: str) -> None:
    number = part.attrs.pop("data-deckbook-nav-part")
    content = BeautifulSoup(parts[number], "html.parser")
    for link in content.select("a.reference.internal[href]"):
        link["href"] = root + link["href"]
    part.extend(list(content.contents))
    for inner in part.select("ul[data-deckbook-nav-part]"):
        _fill(inner, parts, root)


def normalised(nav, page: str) -> str:
    """The sidebar with every internal link as its path from the root."""
    for link in nav.select("a.reference.internal[href]"):
        href = link["href"]
        if not href.startswith("#"):
            link["href"] = posixpath.normpath(
                posixpath.join(posixpath.dirname(page), href)
            )
    return str(nav)


def test_a_page_holds_only_its_branch(sites):
    lean, stock = sites
    page = "guide/start.html"
    nav = soup(lean / page).select_one(NAV)
    titles = {a.get_text(strip=True) for a in nav.select("a")}
    # Its branch, open: its siblings; the top-level entries, as links.
    branch = {"안내", "시작하기", "고급", "두 번 나오는 페이지"}
    assert branch | {"글", "발표 자료"} <= titles
    # Not the other branches' pages: they come from the fragment when opened.
    assert not {"첫 글", "발표", "깊은 곳"} & titles
    assert nav.select_one("a.current")["href"] == "#"
    closed = nav.select("details:not([open]) > ul")
    assert closed and all(ul.get("data-deckbook-nav-part") for ul in closed)
    assert all(not ul.contents for ul in closed)
    # Smaller than the stock page, by the branches it leaves out.
    assert (lean / page).stat().st_size < (stock / page).stat().st_size


def test_filled_from_the_fragment_every_sidebar_is_the_stock_one(sites):
    lean, stock = sites
    parts = fragment_parts(lean)
    pages = _book_pages(lean)
    assert pages == _book_pages(stock) and len(pages) > 15
    lazy_pages = 0
    for page in map(str, pages):
        nav = soup(lean / page).select_one(NAV)
        source = nav.select_one("[data-deckbook-navigation]")
        if source is not None:
            lazy_pages += 1
            address = source.attrs.pop("data-deckbook-navigation")
            root = source.attrs.pop("data-deckbook-root")
            assert address.startswith(root if root != "./" else "")
            assert (lean / page).parent.joinpath(address.split("?")[0]).is_file()
            expand(nav, parts, root)
        assert nav.select("[data-deckbook-nav-part]") == []
        expected = soup(stock / page).select_one(NAV)
        assert normalised(nav, page) == normalised(expected, page), page
    # Every page but those the skeleton leaves to the stock function.
    assert lazy_pages == len(pages) - len(STOCK_PAGES)


def test_pages_the_skeleton_cannot_express_get_the_stock_sidebar(sites):
    lean, stock = sites
    for name in STOCK_PAGES:
        page = f"{name}.html"
        lean_nav = soup(lean / page).select_one(NAV)
        assert lean_nav.select("[data-deckbook-nav-part]") == []
        assert str(lean_nav) == str(soup(stock / page).select_one(NAV))


def test_the_fragment_holds_every_closed_branch_once(sites):
    lean, _ = sites
    parts = fragment_parts(lean)
    text = "".join(parts.values())
    for title in ("첫 글", "발표", "깊은 곳", "시작하기"):
        assert text.count(f">{title}</a>") == 1, title
    # Links from the root, not from any page.
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert "posts/2024-01-10-first.html" in hrefs
    assert not [href for href in hrefs if href.startswith(("../", "#"))]


def test_the_script_is_on_every_book_page_and_only_lean(sites):
    lean, stock = sites
    for root, expected in ((lean, True), (stock, False)):
        html = (root / "guide/start.html").read_text(encoding="utf-8")
        assert (LAZY_SCRIPT in html) is expected
        assert (root / "_static" / FRAGMENT).exists() is expected


def test_turned_off_the_fragment_of_an_earlier_build_goes(tmp_path):
    srcdir = copy_root("navigation", tmp_path)
    book = build(srcdir).book_dir
    assert (book / "_static" / FRAGMENT).is_file()
    build(srcdir, deckbook_navigation_lazy="0")
    assert not (book / "_static" / FRAGMENT).exists()
    pages = [p.read_text(encoding="utf-8") for p in book.rglob("*.html")]
    assert len(pages) > 3
    assert not [text for text in pages if FRAGMENT in text or LAZY_SCRIPT in text]
    # And back on: written again.
    build(srcdir)
    assert (book / "_static" / FRAGMENT).is_file()


def test_split_parts_cuts_nested_closed_lists():
    html = (
        '<ul class="nav"><li><a>a</a><details data-deckbook-nav="1"><summary>s'
        '</summary><ul class="x"><li><a>b</a><details data-deckbook-nav="2">'
        "<summary>t</summary><ul><li>c</li></ul></details></li></ul></details></li>"
        '<li><details open="open"><summary>u</summary><ul><li>d</li></ul></details>'
        "</li></ul>"
    )
    top, parts = split_parts(html)
    assert top == (
        '<ul class="nav"><li><a>a</a><details data-deckbook-nav="1"><summary>s'
        '</summary><ul class="x"_dbnZ1_</ul></details></li>'
        '<li><details open="open"><summary>u</summary><ul><li>d</li></ul></details>'
        "</li></ul>"
    )
    assert parts == {
        1: '<li><a>b</a><details data-deckbook-nav="2"><summary>t</summary><ul'
        "_dbnZ2_</ul></details></li>",
        2: "<li>c</li>",
    }


# ------------------------------------------------ sphinx.testing: html and dirhtml


@pytest.mark.sphinx("html", testroot="navigation")
def test_sidebar_snapshot(app, file_regression):
    app.build()
    page = soup(Path(app.outdir) / "guide/advanced/deep.html")
    file_regression.check(page.select_one(NAV).prettify(), extension=".html")


@pytest.mark.sphinx("dirhtml", testroot="navigation")
def test_dirhtml_links_from_the_root(app):
    app.build()
    outdir = Path(app.outdir)
    parts = fragment_parts(outdir)
    hrefs = re.findall(r'href="([^"]*)"', "".join(parts.values()))
    assert "posts/2024-01-10-first/" in hrefs
    nav = soup(outdir / "guide/start/index.html").select_one(NAV)
    source = nav.select_one("[data-deckbook-navigation]")
    assert source["data-deckbook-root"] == "../../"
    expand(nav, parts, source["data-deckbook-root"])
    first = nav.find("a", string="첫 글")
    assert first["href"] == "../../posts/2024-01-10-first/"
    home = nav.find("a", string="안내")
    assert home["href"] == "../"  # guide/index, on the open branch: Sphinx's link
