"""Lean book pages (deckbook/lean_pages.py): no search index and no fontawesome.js on
first load; the index is fetched when the reader starts a search, the search still
finds Korean words, and the icons still show (drawn by the theme's web fonts)."""

from __future__ import annotations

import json
import shutil

import pytest

from deckbook.book.lean_pages import theme_supported

from .sites import build, copy_root, modules_loaded_by, soup


@pytest.fixture(scope="module")
def lean_site(tmp_path_factory):
    srcdir = copy_root("search-ko", tmp_path_factory.mktemp("lean"))
    return build(srcdir).book_dir


@pytest.fixture
def site_url(lean_site, serve, tmp_path):
    shutil.copytree(lean_site, tmp_path / "book")
    return serve(tmp_path).url("book")


def fetched(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_theme_versions_written_for():
    assert theme_supported("0.16.1") and theme_supported("0.20.0")
    assert not theme_supported("0.15.4") and not theme_supported("0.21.0")
    assert not theme_supported("1.0.0") and not theme_supported("dev")


def test_head_leaves_out_index_and_fontawesome(lean_site):
    head = soup(lean_site / "lambda-ko.html").head
    sources = [script.get("src", "") for script in head.find_all("script")]
    assert not any("searchindex" in s or "fontawesome" in s for s in sources)
    assert not any("searchtools" in s for s in sources)
    meta = head.find("meta", attrs={"name": "deckbook-search-files"})
    assert meta["content"].split() == [
        "_static/searchtools.js",
        "_static/language_data.js",
        "searchindex.js",
    ]
    # The search page keeps Sphinx's search scripts.
    search = [s.get("src", "") for s in soup(lean_site / "search.html")("script")]
    assert "searchindex.js" in search and "_static/searchtools.js" in search


def test_first_load_fetches_no_index(page, site_url):
    urls = fetched(page)
    page.goto(f"{site_url}/lambda-ko.html", wait_until="networkidle")
    assert not [u for u in urls if "searchindex" in u or "fontawesome.js" in u]
    assert not page.watch.errors and not page.watch.failed


def test_search_prefetches_index_and_finds_korean(page, site_url):
    urls = fetched(page)
    page.goto(f"{site_url}/lambda-ko.html", wait_until="networkidle")
    assert not [u for u in urls if "searchindex" in u]
    page.keyboard.press("Control+k")
    field = page.locator("#pst-search-dialog input[name=q]")
    field.wait_for(state="visible")
    page.wait_for_function(
        "() => performance.getEntriesByType('resource')"
        ".some(e => e.name.endsWith('/searchindex.js'))"
    )
    field.fill("람다")
    field.press("Enter")
    page.wait_for_selector("#search-results ul.search li > a")
    links = page.eval_on_selector_all(
        "#search-results ul.search li > a", "links => links.map(a => a.pathname)"
    )
    assert any(link.endswith("/lambda-ko.html") for link in links)
    assert not page.watch.errors and not page.watch.failed


def test_icons_show_without_fontawesome_js(page, site_url):
    page.goto(f"{site_url}/lambda-ko.html", wait_until="networkidle")
    icon = page.locator(".search-button__button i.fa-magnifying-glass").first
    drawn = icon.evaluate(
        """i => {
          const before = getComputedStyle(i, '::before');
          return {content: before.content, font: before.fontFamily,
                  width: i.getBoundingClientRect().width};
        }"""
    )
    assert drawn["content"] not in ("none", "normal", '""'), drawn
    assert "Font Awesome" in drawn["font"] and drawn["width"] > 4, drawn
    assert page.evaluate(
        "document.fonts.ready.then(() =>"
        " document.fonts.check('900 16px \"Font Awesome 7 Free\"'))"
    )
    assert not page.watch.errors and not page.watch.failed


def test_sidebar_cache_checks_the_theme_versions_it_was_written_for():
    from deckbook.book.navigation import theme_supported as sidebar_supported

    assert sidebar_supported("0.20.0", "1.4.0") and sidebar_supported("0.16.1", "1.1")
    assert not sidebar_supported("0.21.0", "1.4.0")
    assert not sidebar_supported("0.20.0", "2.0.0")
    assert not sidebar_supported("0.20.0", "dev")


def test_fonts_hold_only_the_icons_used(lean_site):
    from fontTools.ttLib import TTFont

    solid = TTFont(lean_site / "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2")
    glyphs = set(solid.getBestCmap())
    assert 0xF002 in glyphs  # fa-magnifying-glass, the search button
    assert 0xF05A in glyphs  # --pst-icon-info-circle, a note's title (CSS only)
    assert 0xF6D5 not in glyphs  # fa-dragon: on no page
    assert len(glyphs) < 100


def test_fonts_put_back_whole_get_the_kept_subsets_again(tmp_path, monkeypatch):
    """A publish copies every static file again: the same glyphs need no new
    subset, the one kept is put back, the same bytes."""
    from deckbook.book import lean_icons

    srcdir = copy_root("search-ko", tmp_path)
    options = build(srcdir)
    fonts = options.book_dir / "_static" / lean_icons.FONTS
    subsets = {path.name: path.read_bytes() for path in fonts.glob("*.woff2")}
    whole = lean_icons.THEME_STATIC / lean_icons.FONTS
    for path in fonts.glob("*.woff2"):
        path.write_bytes((whole / path.name).read_bytes())

    def refuse(*args):
        raise AssertionError("subset again")

    monkeypatch.setattr(lean_icons, "_subset_one", refuse)
    build(srcdir)
    assert {path.name: path.read_bytes() for path in fonts.glob("*.woff2")} == subsets
    # A kept subset that is not as written is not put back: a new subset is made.
    kept = options.doctree_dir / lean_icons.KEPT
    next(kept.glob("*.woff2")).write_bytes(b"damaged")
    for path in fonts.glob("*.woff2"):
        path.write_bytes((whole / path.name).read_bytes())
    monkeypatch.undo()
    build(srcdir)
    assert {path.name: path.read_bytes() for path in fonts.glob("*.woff2")} == subsets


def test_icon_scan_reads_again_only_the_files_that_changed(tmp_path):
    """One-page rebuilds: a page unchanged since the last scan is not read again."""
    from deckbook.book.lean_icons import STYLESHEET, used_code_points

    static = tmp_path / "_static"
    (static / STYLESHEET).parent.mkdir(parents=True)
    (static / STYLESHEET).write_text(
        '.fa-dragon{--fa:"\\f6d5"}.fa-magnifying-glass{--fa:"\\f002"}', "utf-8"
    )
    page, other = tmp_path / "page.html", tmp_path / "other.html"
    page.write_text('<i class="fa-dragon"></i>', "utf-8")
    other.write_text('<i class="fa-magnifying-glass"></i>', "utf-8")
    scans = tmp_path / "scans.json"
    assert used_code_points(tmp_path, static, scans) == {0xF6D5, 0xF002}
    # What the scan recorded for an unchanged file is taken as it is: proven by a
    # record the file does not hold.
    recorded = json.loads(scans.read_text("utf-8"))
    recorded["files"]["other.html"][2:] = [0xF05A]
    scans.write_text(json.dumps(recorded), "utf-8")
    assert used_code_points(tmp_path, static, scans) == {0xF6D5, 0xF05A}
    page.write_text("<p>no icon</p>", "utf-8")  # changed: read again
    assert used_code_points(tmp_path, static, scans) == {0xF05A}


def test_fonttools_is_imported_only_to_make_a_subset():
    """A build that puts the kept subsets back never loads fontTools (start-up)."""
    code = "import deckbook; from deckbook.book import lean_icons"
    assert modules_loaded_by(code, "fontTools") == "[]"


def test_a_rebuild_subsets_an_icon_new_to_the_site(tmp_path):
    """A page of a rebuild that uses an icon no page used before gets its glyph: the
    scan reads the icons from the theme's whole stylesheet, not from the output's,
    which the last build trimmed to the icons used then."""
    from fontTools.ttLib import TTFont

    srcdir = copy_root("search-ko", tmp_path)
    options = build(srcdir)
    solid = options.book_dir / "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
    assert 0xF6D5 not in set(TTFont(solid).getBestCmap())  # fa-dragon
    page = srcdir / "book.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + '\n<i class="fa-solid fa-dragon"></i> 용\n', "utf-8")
    build(srcdir)
    assert 0xF6D5 in set(TTFont(solid).getBestCmap())


def test_the_rebuild_after_a_cold_build_reads_only_its_pages(tmp_path, monkeypatch):
    """The scan's record outlives the trim: a cold build reads the theme's sheet
    untrimmed as copied, the next build reads the same text (the package's), so only
    the pages it writes are read again (all of them took 0.3 s at 300 pages)."""
    from deckbook.book import lean_icons

    srcdir = copy_root("search-ko", tmp_path)
    book = build(srcdir).book_dir
    times = {path: path.stat().st_mtime_ns for path in book.rglob("*.html")}
    read = []
    scan = lean_icons._scan

    def spy(path, *args):
        read.append(path)
        return scan(path, *args)

    monkeypatch.setattr(lean_icons, "_scan", spy)
    page = srcdir / "book.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n한 줄 더.\n", "utf-8")
    build(srcdir)
    written = {
        path for path, mtime in times.items() if path.stat().st_mtime_ns != mtime
    }
    assert book / "book.html" in written
    assert {path for path in read if path.suffix == ".html"} == written
    assert len(written) < len(times) / 2
