"""A built deck to PDF: headless Chromium prints reveal.js's print view, a page a slide.

``python -m deckbook pdf _build/html/slides/decks/x.html -o x.pdf``. The deck is opened
as every export opens it (:mod:`.exports.browser`: fitted, in print view, nothing
fetched from other hosts), and that view is printed with reveal.js's page size.
"""

from __future__ import annotations

from pathlib import Path

from .browser import (
    CHROMIUM,
    ExportError,
    existing_deck,
    print_view,
    running_browser,
)

__all__ = ["CHROMIUM", "PdfError", "deck_to_pdf"]

PdfError = ExportError  # the name this module's callers know


def deck_to_pdf(
    deck: Path, output: Path, chromium: str = CHROMIUM, browser=None
) -> int:
    """Print ``deck`` (a built deck page) to ``output``; return its slide count.

    ``browser``: a Playwright browser already running (Playwright's sync API runs one
    driver per thread); by default Chromium is started and stopped here.
    """
    deck = existing_deck(deck)
    try:
        with running_browser(browser, chromium) as running:
            return _print(running, deck, Path(output))
    except ExportError as error:
        raise PdfError(f"{deck}: {error}") from error


def _print(browser, deck: Path, output: Path) -> int:
    with print_view(browser, deck) as view:
        output.parent.mkdir(parents=True, exist_ok=True)
        # reveal.js's print CSS names the page size (@page); margins are its own.
        view.page.pdf(
            path=str(output),
            width=f"{view.width}px",
            height=f"{view.height}px",
            print_background=True,
            prefer_css_page_size=True,
        )
        return view.slides
