"""What every feature module shares about builders and Deckbook's static folder.

The book is written by Sphinx's HTML builders, the decks by sphinx-revealjs's; a
feature that styles only one of them gates on these names (STYLE: book-only or
deck-only work is gated by builder name).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sphinx.application import Sphinx

BOOK_BUILDERS = ("html", "dirhtml")
DECK_BUILDERS = ("revealjs", "dirrevealjs")
# Where decks live inside the book's output (site/build.py writes the deck pass there):
# the deck pass may still be writing it while the book pass finishes, so what the
# book reads back from its output (book/lean_css.py, book/lean_icons.py) leaves it out.
DECKS_DIR = "slides"
# The deck pass's doctree folder: the book's, this appended (site/deck_doctrees.py).
DECK_DOCTREES_SUFFIX = "-decks"
# In the doctree folder: which static files a builder copied (speed.py), one stamp per
# builder and folder; a publish removes them before seeding a build (publish/).
STATIC_STAMPS = "deckbook-static"


def book_output(outdir: Path) -> Iterator[tuple[str, list[str]]]:
    """``(folder, file names)`` of the book's own output: not the decks' folder, nor
    any folder with a ``.buildinfo`` of its own (another build's output)."""
    decks = outdir / DECKS_DIR
    for root, folders, names in os.walk(outdir):
        folders[:] = [
            name
            for name in folders
            if Path(root, name) != decks
            and not Path(root, name, ".buildinfo").is_file()
        ]
        yield root, names


# The package folder: its static/, templates/, themes/ and locale/ data folders.
PACKAGE = Path(__file__).parent
STATIC = PACKAGE / "static"


def use_static(app: Sphinx) -> None:
    """Serve ``deckbook/static`` from this build, listed once however many features
    ask (a path in ``html_static_path`` may be relative to the ``conf.py`` folder)."""
    paths = app.config.html_static_path
    if not any(Path(app.confdir, p).resolve() == STATIC.resolve() for p in paths):
        paths.append(str(STATIC))


def add_book_css(app: Sphinx, filename: str) -> None:
    """A stylesheet of ``deckbook/static`` on every book page (not in the decks)."""
    if app.builder.name in BOOK_BUILDERS:
        use_static(app)
        app.add_css_file(filename)


def read_kept(path: Path) -> bytes | None:
    """A file a builder kept in the doctree folder for its next pass; None when it
    is not there (removed, or never written)."""
    try:
        return path.read_bytes()
    except OSError:
        return None
