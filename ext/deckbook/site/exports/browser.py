"""Headless Chromium on a built deck, shared by every export.

The deck is opened from disk with ``?print-pdf`` (reveal.js lays every slide out as a
page of the deck's size; every deck asks it for one page per slide, fragments shown).
Decks of ordinary pages are fitted first: ``deckbook-slides.js`` moves what overflows a
slide onto continuation slides once the deck is shown, but not in print view, where
reveal.js has already laid the pages out. So the deck is opened as a viewer sees it,
its fitted slides are copied into a temporary print copy beside it (same folder, same
relative links), and that copy is opened in print view. Nothing is fetched from other
hosts: remote requests are refused, as the decks themselves never make one (see
source/offline.py). The browser is Debian's Chromium (``DECKBOOK_CHROMIUM`` to change),
driven
by Playwright; no browser is ever downloaded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CHROMIUM = os.environ.get("DECKBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
]
TIMEOUT_MS = 60_000


class ExportError(RuntimeError):
    """The deck could not be exported (no browser, not a deck, …)."""


@dataclass
class PrintView:
    """A deck open in print view: its Playwright page and the slides' size."""

    page: object
    slides: int
    width: int
    height: int


def chromium_available(chromium: str = CHROMIUM) -> bool:
    return Path(chromium).is_file() and os.access(chromium, os.X_OK)


def existing_deck(deck: Path) -> Path:
    deck = Path(deck).resolve()
    if not deck.is_file():
        raise ExportError(f"no such deck: {deck}")
    return deck


@contextmanager
def running_browser(browser=None, chromium: str = CHROMIUM) -> Iterator[object]:
    """``browser`` if given (Playwright's sync API runs one driver per thread, so a
    caller that has one passes it), else Chromium started here and stopped after."""
    from playwright.sync_api import Error, sync_playwright

    if browser is not None:
        try:
            yield browser
        except Error as error:
            raise ExportError(error.message.splitlines()[0]) from error
        return
    if not chromium_available(chromium):
        raise ExportError(f"Chromium not found at {chromium} (set DECKBOOK_CHROMIUM)")
    try:
        with sync_playwright() as playwright:
            started = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield started
            finally:
                started.close()
    except Error as error:
        raise ExportError(error.message.splitlines()[0]) from error


@contextmanager
def print_view(browser, deck: Path, scale: float = 1, pictures: bool = False):
    """Open ``deck`` fitted, in print view; yield a :class:`PrintView`.

    ``scale``: device pixels per CSS pixel (the pictures' resolution); ``pictures``:
    pages of the full slide height (reveal.js prints them a pixel short, for PDF
    printers' rounding) in a window of a slide's size. A Marp deck's page is then
    exactly its slide, as Marp CLI's images are; an ordinary page's keeps the margin
    reveal.js shows around its slide (1331×748 for 1280×720), as its PDF does.
    """
    context = browser.new_context(device_scale_factor=scale)
    page = context.new_page()
    page.route("**/*", _only_local)
    fitted = None
    try:
        fitted = _fitted_copy(page, deck)
        width, height = page.evaluate(
            "[Reveal.getConfig().width, Reveal.getConfig().height]"
        )
        query = ""
        if pictures:
            page.set_viewport_size({"width": int(width), "height": int(height)})
            # reveal.js reads its configuration from the address too.
            query = "&pdfPageHeightOffset=0"
        slides = _open_print_view(page, fitted or deck, query)
        yield PrintView(page, slides, int(width), int(height))
    finally:
        if fitted is not None:
            fitted.unlink(missing_ok=True)
        context.close()


def _fitted_copy(page, deck: Path) -> Path | None:
    """A print copy of an ordinary page's deck with its continuation slides, or None
    for a deck that needs no fitting (a Marp deck, a deck built without it)."""
    page.goto(deck.as_uri(), wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_function("window.Reveal && Reveal.isReady()", timeout=TIMEOUT_MS)
    if not page.evaluate("Boolean(Reveal.getConfig().deckbookFit)"):
        return None
    page.wait_for_function(FITTED, timeout=TIMEOUT_MS)
    slides = page.evaluate(FITTED_SLIDES)
    html = deck.read_text(encoding="utf-8")
    # Before reveal.js's own <script> (the first after the slides): the slides are
    # swapped for the fitted ones before reveal.js starts.
    at = html.find("<script", html.find('class="slides"'))
    if at < 0:
        return None
    swap = (
        '<template id="deckbook-fitted">' + slides + "</template><script>"
        "document.querySelector('.reveal .slides').innerHTML ="
        " document.getElementById('deckbook-fitted').innerHTML;"
        "document.querySelector('.reveal').classList.add('deckbook-page-deck');"
        "</script>\n"
    )
    copy = deck.with_name(f".{deck.stem}.deckbook-print{deck.suffix}")
    copy.write_text(html[:at] + swap + html[at:], encoding="utf-8")
    return copy


# Math (deckbook/math) is typeset by MathJax after "load": print it typeset.
MATH_TYPESET = """() => {
  const startup = window.MathJax && window.MathJax.startup;
  return startup && startup.promise ? startup.promise.then(() => true) : true;
}"""
FITTED = "document.documentElement.getAttribute('data-deckbook-fit') === 'done'"
# The fitted slides as authored markup: reveal.js's navigation state left behind.
FITTED_SLIDES = """() => {
  const slides = document.querySelector('.reveal .slides').cloneNode(true);
  slides.querySelectorAll('section').forEach((section) => {
    section.classList.remove('present', 'past', 'future');
    section.removeAttribute('hidden');
    section.removeAttribute('aria-hidden');
    ['display', 'top', 'transform'].forEach((p) => section.style.removeProperty(p));
    if (!section.getAttribute('style')) section.removeAttribute('style');
  });
  slides.querySelectorAll('.fragment').forEach((fragment) => {
    fragment.classList.remove('visible', 'current-fragment');
  });
  return slides.innerHTML;
}"""


def _open_print_view(page, deck: Path, query: str = "") -> int:
    address = deck.as_uri() + "?print-pdf" + query
    page.goto(address, wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "window.Reveal && Reveal.isReady() && document.querySelector('.pdf-page')",
        timeout=TIMEOUT_MS,
    )
    page.evaluate("document.fonts.ready")
    page.evaluate(MATH_TYPESET)
    page.evaluate("window.DeckbookMarp && DeckbookMarp.fitAll(document)")
    return page.evaluate("Reveal.getTotalSlides()")


def _only_local(route) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:", "about:")):
        route.continue_()
    else:
        route.abort()
