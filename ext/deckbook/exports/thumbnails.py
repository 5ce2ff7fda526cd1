"""The title slide of every built deck as a PNG beside it (``slides/<page>.png``).

With ``deckbook_deck_thumbnails = True`` the deck pass of ``python -m deckbook build``
ends (``build-finished``) by picturing the first slide of each deck it wrote, for the
gallery and the book pages' ``og:image`` (:mod:`deckbook.gallery`). Off by default: it
starts a browser and takes about a third of a second a deck, which a site of hundreds
of posts-as-decks (or the test suite) should not pay unasked. A picture newer than its
deck is kept, so an unchanged deck is not pictured again. Without Chromium (a fresh
machine without Debian's ``chromium``) nothing is pictured, with an info message, and
the gallery shows text cards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from .._assets import DECK_BUILDERS
from .._log import get_logger, warn
from .browser import ExportError, chromium_available, running_browser
from .images import picture_deck

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = get_logger(__name__)

SKIPPED = ("_static", "_sources", "_images", "_downloads")


def built_decks(decks_dir: Path) -> Iterator[Path]:
    """The deck pages of a deck pass's output (not its assets, not print copies)."""
    for page in sorted(Path(decks_dir).rglob("*.html")):
        parts = page.relative_to(decks_dir).parts
        if parts[0] in SKIPPED or any(part.startswith(".") for part in parts):
            continue
        if 'class="reveal' in page.read_text(encoding="utf-8", errors="replace"):
            yield page


def outdated(decks_dir: Path) -> list[Path]:
    stale = []
    for deck in built_decks(decks_dir):
        picture = deck.with_suffix(".png")
        if not picture.is_file() or picture.stat().st_mtime < deck.stat().st_mtime:
            stale.append(deck)
    return stale


def picture_first_slides(decks: list[Path], browser=None) -> list[Path]:
    """Write ``<deck>.png`` (its first slide, 1:1) for each deck; return them."""
    written = []
    with running_browser(browser) as running:
        for deck in decks:
            pictures = picture_deck(running, deck, scale=1, limit=1)
            if not pictures.slides:
                continue  # a deck without slides has no picture
            picture = deck.with_suffix(".png")
            temporary = picture.with_name(f".{picture.name}.tmp")
            temporary.write_bytes(pictures.slides[0].png)
            temporary.replace(picture)
            written.append(picture)
    return written


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
    stale = outdated(Path(app.outdir))
    if not stale:
        return
    if not can_picture():
        logger.info(
            "deck thumbnails skipped: Chromium (Debian's chromium, or "
            "DECKBOOK_CHROMIUM) and Playwright are needed to picture slides"
        )
        return
    logger.info(f"picturing the first slide of {len(stale)} deck(s)")
    try:
        picture_first_slides(stale)
    except ExportError as error:
        warn(logger, f"deck thumbnails not written: {error}", "thumbnail")


def setup_thumbnails(app: Sphinx) -> None:
    app.add_config_value(
        "deckbook_deck_thumbnails", False, "html", types=frozenset({bool})
    )
    app.connect("build-finished", picture_built_decks)
