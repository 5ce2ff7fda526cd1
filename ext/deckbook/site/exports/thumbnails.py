"""The title slide of every built deck as a PNG beside it (``slides/<page>.png``).

With ``deckbook_deck_thumbnails = True`` the deck pass of ``python -m deckbook build``
ends (``build-finished``) by picturing the first slide of each deck it wrote, for the
gallery and the book pages' ``og:image`` (:mod:`deckbook.deck.gallery`). Off by
default: it
starts a browser and takes about a third of a second a deck, which a site of hundreds
of posts-as-decks (or the test suite) should not pay unasked. A picture newer than its
deck is kept, so an unchanged deck is not pictured again. Without Chromium (a fresh
machine without Debian's ``chromium``) nothing is pictured, with an info message, and
the gallery shows text cards.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from ..._assets import DECK_BUILDERS
from ..._log import DeckbookWarnings, get_logger, warn
from ...deck.builder import has_deck
from .browser import ExportError, chromium_available, running_browser
from .images import picture_deck

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = get_logger(__name__)


def outdated(app: Sphinx) -> list[tuple[Path, Path]]:
    """(deck page, picture) of each deck whose picture is missing or older."""
    stale = []
    for docname in sorted(app.env.found_docs):
        if not has_deck(app.env, docname):
            continue
        deck = Path(app.builder.get_outfilename(docname))
        # The book's address for it (deck/gallery.py), from the deck pass's folder.
        picture = Path(app.outdir, f"{docname}.png")
        if not deck.is_file():
            continue
        if not picture.is_file() or picture.stat().st_mtime < deck.stat().st_mtime:
            stale.append((deck, picture))
    return stale


def picture_first_slides(decks: list[tuple[Path, Path]], browser=None) -> None:
    """Picture the first slide of each deck page (1:1) into its picture file."""
    with running_browser(browser) as running:
        for deck, picture in decks:
            pictures = picture_deck(running, deck, scale=1, limit=1)
            if not pictures.slides:
                continue  # a deck without slides has no picture
            picture.parent.mkdir(parents=True, exist_ok=True)
            temporary = picture.with_name(f".{picture.name}.tmp")
            temporary.write_bytes(pictures.slides[0].png)
            temporary.replace(picture)


def can_picture() -> bool:
    if not chromium_available():
        return False
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return True


def picture_built_decks(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or app.builder.name not in DECK_BUILDERS:
        return
    if not app.config.deckbook_deck_thumbnails:
        return
    stale = outdated(app)
    if not stale:
        return
    if not can_picture():
        logger.info(
            "deck thumbnails skipped: Chromium (Debian's chromium, or "
            "DECKBOOK_CHROMIUM) and Playwright are needed to picture slides"
        )
        return
    logger.info(f"picturing the first slide of {len(stale)} deck(s)")
    # In a thread of its own: Playwright's sync API refuses to start in a thread that
    # already runs an asyncio loop (a notebook, or a Playwright session of the caller).
    with ThreadPoolExecutor(max_workers=1) as worker:
        pictured = worker.submit(picture_first_slides, stale)
    try:
        pictured.result()
    except ExportError as error:
        warn(
            logger, f"deck thumbnails not written: {error}", DeckbookWarnings.THUMBNAIL
        )


def setup_thumbnails(app: Sphinx) -> None:
    app.add_config_value(
        "deckbook_deck_thumbnails", False, "html", types=frozenset({bool})
    )
    # After book/lean_css.py (900): its trim is what the deck shows, and the links it
    # sets in the deck pages must not make them newer than their pictures.
    app.connect("build-finished", picture_built_decks, priority=920)
