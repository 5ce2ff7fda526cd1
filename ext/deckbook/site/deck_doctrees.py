"""The deck pass's doctree folder: the book's doctrees, and the deck pass's own records.

The deck pass reads nothing: it starts from the environment and the doctrees the book
pass wrote. It keeps them in a folder of its own (the book's, ``-decks`` appended),
so that the two passes can run at the same time (``site/build.py``, the live
preview's kept passes) without two processes ever writing one file: Sphinx's
``environment.pickle`` (the deck pass writes it again when it rewrites every deck),
and the records each builder keeps beside it (``incremental.py``, ``speed.py``,
``book/lean_css.py``), which are read, changed and written whole.

Before each deck pass, :func:`sync` copies what Sphinx reads from the book's folder:
the environment and every doctree that differs from the copy (size or modification
time), and removes the doctrees the book no longer has. What the deck pass recorded
itself stays.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .._assets import DECK_DOCTREES_SUFFIX

# sphinx.application's ENV_PICKLE_FILENAME (tests/test_decks_beside.py checks): the
# publish process uses this module and starts builds, it does not import Sphinx.
ENVIRONMENT = "environment.pickle"

DOCTREE = ".doctree"


def deck_doctrees(book: Path) -> Path:
    """The deck pass's doctree folder, beside the book's."""
    return book.with_name(book.name + DECK_DOCTREES_SUFFIX)


def sync(book: Path, decks: Path) -> None:
    """Make the deck pass's folder hold the book's environment and doctrees."""
    wanted = set(_sphinx_files(book))
    for name in wanted:
        _copy_if_changed(book / name, decks / name)
    for name in set(_sphinx_files(decks)) - wanted:
        # The deck pass's own environment stays when the book has none (``deckbook
        # decks`` before any book build): Sphinx then reads what changed, as ever.
        if name != ENVIRONMENT:
            (decks / name).unlink(missing_ok=True)


def _sphinx_files(folder: Path) -> list[str]:
    """The environment and the doctrees in ``folder``, relative to it."""
    if not folder.is_dir():
        return []
    found = [ENVIRONMENT] if (folder / ENVIRONMENT).is_file() else []
    for parent, _, files in os.walk(folder):
        relative = Path(parent).relative_to(folder)
        found += [str(relative / name) for name in files if name.endswith(DOCTREE)]
    return found


def _copy_if_changed(source: Path, target: Path) -> None:
    mine = source.stat()
    try:
        theirs = target.stat()
        if (theirs.st_size, theirs.st_mtime_ns) == (mine.st_size, mine.st_mtime_ns):
            return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    # A new file renamed over the old: a reader never sees half of one.
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    shutil.copy2(source, temporary)
    temporary.replace(target)
