"""A built deck to PDF: headless Chromium prints reveal.js's print view, a page a slide.

``python -m deckbook pdf _build/html/slides/decks/x.html -o x.pdf``. The deck is opened
from disk with ``?print-pdf`` (reveal.js lays every slide out as a page of the deck's
size; every deck asks it for one page per slide, fragments shown). Decks of ordinary
pages are fitted first: ``deckbook-slides.js`` moves what overflows a slide onto
continuation slides once the deck is shown, but not in print view, where reveal.js has
already laid the pages out. So the deck is opened as a viewer sees it, its fitted slides
are copied into a temporary print copy beside it (same folder, same relative links),
and that copy is printed. Nothing is fetched
from other hosts: remote requests are refused, as the decks themselves never make one
(see offline.py). The browser is Debian's Chromium (``DECKBOOK_CHROMIUM`` to change),
driven by Playwright; no browser is ever downloaded.
"""

from __future__ import annotations

import os
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


class PdfError(RuntimeError):
    """The deck could not be printed (no browser, not a deck, …)."""


def deck_to_pdf(
    deck: Path, output: Path, chromium: str = CHROMIUM, browser=None
) -> int:
    """Print ``deck`` (a built deck page) to ``output``; return its slide count.

    ``browser``: a Playwright browser already running (Playwright's sync API runs one
    driver per thread); by default Chromium is started and stopped here.
    """
    deck = Path(deck).resolve()
    if not deck.is_file():
        raise PdfError(f"no such deck: {deck}")
    from playwright.sync_api import Error, sync_playwright

    if browser is not None:
        try:
            return _print(browser, deck, Path(output))
        except Error as error:
            raise PdfError(f"{deck}: {error.message.splitlines()[0]}") from error
    if not Path(chromium).is_file():
        raise PdfError(f"Chromium not found at {chromium} (set DECKBOOK_CHROMIUM)")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium, headless=True, args=CHROMIUM_ARGS
            )
            try:
                return _print(browser, deck, Path(output))
            finally:
                browser.close()
    except Error as error:
        raise PdfError(f"{deck}: {error.message.splitlines()[0]}") from error


def _print(browser, deck: Path, output: Path) -> int:
    page = browser.new_page()
    try:
        return _print_page(page, deck, output)
    finally:
        page.close()


def _print_page(page, deck: Path, output: Path) -> int:
    page.route("**/*", _only_local)
    fitted = _fitted_copy(page, deck)
    try:
        return _print_view(page, fitted or deck, output)
    finally:
        if fitted is not None:
            fitted.unlink(missing_ok=True)


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


def _print_view(page, deck: Path, output: Path) -> int:
    page.goto(deck.as_uri() + "?print-pdf", wait_until="load", timeout=TIMEOUT_MS)
    page.wait_for_function(
        "window.Reveal && Reveal.isReady() && document.querySelector('.pdf-page')",
        timeout=TIMEOUT_MS,
    )
    page.evaluate("document.fonts.ready")
    page.evaluate(MATH_TYPESET)
    page.evaluate("window.DeckbookMarp && DeckbookMarp.fitAll(document)")
    slides = page.evaluate("Reveal.getTotalSlides()")
    width, height = page.evaluate(
        "[Reveal.getConfig().width, Reveal.getConfig().height]"
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    # reveal.js's print CSS names the page size (@page); margins are its own.
    page.pdf(
        path=str(output),
        width=f"{width}px",
        height=f"{height}px",
        print_background=True,
        prefer_css_page_size=True,
    )
    return slides


def _only_local(route) -> None:
    url = route.request.url
    if url.startswith(("file:", "data:", "blob:", "about:")):
        route.continue_()
    else:
        route.abort()
