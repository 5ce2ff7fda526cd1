"""Trimmed stylesheets (book/lean_css.py): the book and the decks ship only the CSS
rules their pages can use, and look exactly as with the whole stylesheets.

The proof is in Chromium: one fixture site built twice, with the trim
(``deckbook_lean_css``, the default) and without, then the same views of both compared
pixel for pixel and element by element (every element's computed style): a book page
light and dark, its sidebar opened on a narrow screen, the search dialog, a dropdown,
a tooltip; a Marp deck's slides, its overview and its help overlay.
"""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, ImageChops

from deckbook.book.lean_css import (
    LIBRARY,
    MARK,
    Parsed,
    Present,
    _trim_one,
    name_parts,
    stylesheet_identifiers,
    trim_css,
    word_matters,
)

from .sites import build, copy_root

POST = "posts/2024-05-01-lean.html"
DECK = "slides/deck.html"
BOOK_CSS = "_static/styles/pydata-sphinx-theme.css"
DECK_CSS = "slides/_static/revealjs/dist/reveal.css"
# Every element's computed style, as one string an element (the page's whole look
# but for pixels the stylesheets do not decide).
STYLES = """() => Array.from(document.querySelectorAll('*'), el => {
  const style = getComputedStyle(el);
  const before = getComputedStyle(el, '::before').content;
  return el.tagName + '.' + el.className + ' ' + before + ' ' +
    Array.from(style, name => name + ':' + style.getPropertyValue(name)).join(';');
})"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    built = {}
    for lean in (True, False):
        srcdir = copy_root("lean-css", tmp_path_factory.mktemp(f"lean-{lean}"))
        built[lean] = build(srcdir, deckbook_lean_css=lean).book_dir
    return built


def size(root, name: str) -> int:
    return (root / name).stat().st_size


def test_trimmed_stylesheets_are_smaller_and_marked(sites):
    lean, full = sites[True], sites[False]
    assert size(lean, BOOK_CSS) < size(full, BOOK_CSS) / 2
    assert size(lean, DECK_CSS) < size(full, DECK_CSS)
    for name in (BOOK_CSS, DECK_CSS):
        assert MARK in (lean / name).read_text(encoding="utf-8")
        assert MARK not in (full / name).read_text(encoding="utf-8")
    text = (lean / BOOK_CSS).read_text(encoding="utf-8")
    assert "sourceMappingURL" not in text and "Bootstrap" in text  # licence kept


def test_trim_keeps_what_can_match_and_drops_the_rest():
    css = (
        ".used{a:1}.unused{b:2}.unused,.used p{c:3}"
        "@media (min-width:9px){.unused{d:4}}@media print{.used{e:5}}"
        "html[data-theme=dark] .used{f:6}:root{--g:7}a:hover .used::before{h:8}"
        ".used:not(.unused){i:9}#here{j:10}#gone{k:11}table .used{l:12}"
        ".bs-dyn{m:13}@keyframes spin{to{n:14}}/*! licence */"
    )
    present = Present.of({"used", "p", "a", "here", "bs-"})
    out = trim_css(css, present)
    for kept in ("a:1", "c:3", "e:5", "f:6", "--g:7", "h:8", "i:9", "j:10", "m:13"):
        assert kept in out
    for dropped in ("b:2", "d:4", "k:11", "l:12", "min-width"):
        assert dropped not in out
    assert "n:14" in out and "/*! licence */" in out


def test_one_parse_serves_the_names_and_the_trim():
    css = ".used{a:1}@media print{.gone{b:2}}"
    parsed = Parsed(css)
    assert stylesheet_identifiers(parsed) == stylesheet_identifiers(css)
    assert trim_css(parsed, Present.of({"used"})) == trim_css(css, Present.of({"used"}))


def test_a_stylesheet_that_is_not_utf8_is_shipped_whole(tmp_path):
    target = tmp_path / "basic.css"
    original = ".caf\xe9{a:1}".encode("latin-1")
    target.write_bytes(original)
    entry = _trim_one(target, original, {"used"}, None, tmp_path / "kept.css")
    assert entry["written"] is None and target.read_bytes() == original


def test_rebuild_keeps_the_trim_and_a_new_class_brings_its_rules(tmp_path):
    srcdir = copy_root("lean-css", tmp_path)
    book = build(srcdir).book_dir
    first = (book / BOOK_CSS).read_text(encoding="utf-8")
    assert ".spinner-grow" not in first
    # Nothing changed: nothing rewritten (the stamp in the doctree folder says so).
    written = (book / BOOK_CSS).stat().st_mtime_ns
    build(srcdir)
    assert (book / BOOK_CSS).stat().st_mtime_ns == written
    page = srcdir / "posts/2024-05-01-lean.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + '\n<div class="spinner-grow">x</div>\n', "utf-8")
    build(srcdir)
    second = (book / BOOK_CSS).read_text(encoding="utf-8")
    assert MARK in second and ".spinner-grow" in second


def test_the_book_trim_never_reads_the_decks(tmp_path):
    """The deck pass writes into ``slides/`` while the book pass trims (-j 2, site/
    build.py): a class only a deck page names must not decide the book's trim, or
    the trim would depend on which decks were written first."""
    srcdir = copy_root("lean-css", tmp_path)
    decks = srcdir / "_build" / "html" / "slides"
    decks.mkdir(parents=True)
    (decks / "early.html").write_text('<div class="spinner-grow">x</div>', "utf-8")
    book = build(srcdir).book_dir
    assert ".spinner-grow" not in (book / BOOK_CSS).read_text(encoding="utf-8")


# Popper places the tooltip beside the hovered button, and places it again as the
# page settles. Placed: the tooltip touches the button (on a loaded machine its first
# frame still sits where Popper started it, off the page). Still: two reads 200 ms
# apart agree.
PLACED_TOOLTIP = """button => {
  const tip = document.querySelector('.tooltip.show');
  if (!tip) return false;
  const near = 20, a = tip.getBoundingClientRect(), b = button.getBoundingClientRect();
  const placed = a.left - near < b.right && b.left < a.right + near &&
    a.top - near < b.bottom && b.top < a.bottom + near;
  const parts = [tip, ...tip.querySelectorAll('*')];
  const now = parts.map(e => JSON.stringify(e.getBoundingClientRect())).join();
  const still = now === window.deckbookLastTooltip;
  window.deckbookLastTooltip = now;
  return placed && still;
}"""


def screenshot(page) -> Image.Image:
    png = page.screenshot(full_page=True, animations="disabled", caret="hide")
    return Image.open(io.BytesIO(png)).convert("RGB")


def look(page) -> tuple[Image.Image, list[str]]:
    # Transitions settle (on a loaded machine they outlast any fixed wait); the
    # animations (reveal.js's arrow bounces 50 times) are cancelled below.
    page.wait_for_function(
        "() => document.getAnimations().every(a => !(a instanceof CSSTransition)"
        " || a.playState !== 'running')"
    )
    page.wait_for_timeout(100)  # and the frame after them is painted
    # Running animations (reveal.js's bouncing arrow) are caught at different
    # moments in the two sites: cancelled, each element shows its resting style.
    page.evaluate("document.getAnimations().forEach(a => a.cancel())")
    return screenshot(page), page.evaluate(STYLES)


def differences(lean: str, full: str) -> str:
    """The element and the properties whose values differ, for the failure message."""
    element = full.split(" ", 1)[0]
    lean_props = dict(part.partition(":")[::2] for part in lean.split(";"))
    full_props = dict(part.partition(":")[::2] for part in full.split(";"))
    changed = {
        name: (lean_props.get(name), value)
        for name, value in full_props.items()
        if lean_props.get(name) != value
    }
    return f"{element}: lean vs full {changed}"


def assert_same(seen: dict) -> None:
    (lean_image, lean_styles), (full_image, full_styles) = seen[True], seen[False]
    assert len(lean_styles) == len(full_styles)
    differ = [
        i
        for i, (a, b) in enumerate(zip(lean_styles, full_styles, strict=True))
        if a != b
    ]
    assert differ == [], differences(lean_styles[differ[0]], full_styles[differ[0]])
    assert lean_image.size == full_image.size
    assert ImageChops.difference(lean_image, full_image).getbbox() is None


def book_views():
    def light(page):
        pass

    def dark(page):
        page.evaluate("document.documentElement.dataset.theme = 'dark'")

    def search(page):
        page.keyboard.press("Control+k")
        page.locator("#pst-search-dialog input[name=q]").wait_for(state="visible")

    def dropdown(page):
        page.locator(".article-header-buttons .dropdown-toggle").first.click()
        page.locator(".dropdown-menu.show").first.wait_for(state="visible")

    def tooltip(page):
        # The whole page in the window: a full-page screenshot then resizes nothing,
        # so Popper does not place the tooltip again between the reads.
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": 1280, "height": height})
        button = page.locator("button.primary-toggle").first
        button.hover()
        page.locator(".tooltip.show").wait_for(state="visible")
        page.wait_for_function(PLACED_TOOLTIP, arg=button.element_handle(), polling=200)

    def sidebar_narrow(page):
        page.set_viewport_size({"width": 600, "height": 900})
        page.locator(".primary-toggle").first.click()
        page.locator("dialog#pst-primary-sidebar-modal[open]").wait_for()

    return [light, dark, search, dropdown, tooltip, sidebar_narrow]


@pytest.mark.parametrize("view", book_views(), ids=lambda view: view.__name__)
def test_book_page_looks_the_same(sites, serve, page, tmp_path, view):
    seen = {}
    for lean, root in sites.items():
        shutil.copytree(root, tmp_path / str(lean))
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(serve(tmp_path / str(lean)).url(POST), wait_until="networkidle")
        view(page)
        seen[lean] = look(page)
    assert_same(seen)
    assert not page.watch.errors and not page.watch.failed


def deck_views():
    def first(page):
        pass

    def second(page):
        page.evaluate("Reveal.slide(1)")

    def overview(page):
        page.evaluate("Reveal.toggleOverview(true)")

    def help_overlay(page):
        page.evaluate("Reveal.toggleHelp(true)")

    return [first, second, overview, help_overlay]


@pytest.mark.parametrize("view", deck_views(), ids=lambda view: view.__name__)
def test_deck_looks_the_same(sites, serve, page, tmp_path, view):
    seen = {}
    for lean, root in sites.items():
        shutil.copytree(root, tmp_path / str(lean))
        page.goto(serve(tmp_path / str(lean)).url(DECK), wait_until="networkidle")
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        view(page)
        seen[lean] = look(page)
    assert_same(seen)
    assert not page.watch.errors and not page.watch.failed


def test_the_words_remembered_trim_as_the_whole_scan_does():
    """An incremental trim remembers only the words that can matter; a library's
    prefix followed by a page's word (``offcanvas-`` + ``lg``) is one of them."""
    css = ".offcanvas-lg{color:red}.carousel-x{color:blue}"
    words = {"lib:offcanvas-", "lib:offcanvas-lg", "lg", "unrelated"}
    identifiers = stylesheet_identifiers(css)
    parts = name_parts(identifiers)
    kept = {
        w for w in words if word_matters(w.removeprefix(LIBRARY), identifiers, parts)
    }
    whole = trim_css(css, Present.of(words))
    assert ".offcanvas-lg" in whole and ".carousel-x" not in whole
    assert trim_css(css, Present.of(kept)) == whole
    assert "unrelated" not in kept
