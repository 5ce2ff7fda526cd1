"""The build's own output is never read as a page.

Jekyll never reads its destination folder (``_site``), wherever it lies. Sphinx reads
every Markdown file under the source folder, so a build whose output lies inside it
(``deckbook build .``: Jekyll's layout, where the site's source is the repository)
read the last build's files on the next one: sphinx-revealjs ships a ``README.md``
in its static folder, which became a page (and a warning that no toctree lists it).
The output folder and the doctree folder, when inside the source folder, are added
to ``exclude_patterns``.

The same patterns for the book pass and the deck pass, which shares the book's
environment (``exclude_patterns`` is an ``env`` value: a difference would have the
deck pass read every page again): the decks' output folder counts as the book's,
and both doctree folders are named by each pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .._assets import DECK_DOCTREES_SUFFIX, DECKS_DIR

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def output_folders(app: Sphinx) -> list[Path]:
    """The output and doctree folders, as both passes name them: for the decks'
    folder (``slides``, known by its name: ``config-inited`` comes before the
    builder), the book's around it; for a doctree folder, the book's and the deck
    pass's (``<doctrees>-decks``)."""
    srcdir = Path(app.srcdir).resolve()
    outdir = Path(app.outdir).resolve()
    if outdir.name == DECKS_DIR and outdir.parent != srcdir:
        outdir = outdir.parent
    doctrees = Path(app.doctreedir).resolve()
    book = doctrees.with_name(doctrees.name.removesuffix(DECK_DOCTREES_SUFFIX))
    return [outdir, book, book.with_name(book.name + DECK_DOCTREES_SUFFIX)]


def exclude_own_output(app: Sphinx, config: Config) -> None:
    srcdir = Path(app.srcdir).resolve()
    for folder in output_folders(app):
        if folder != srcdir and folder.is_relative_to(srcdir):
            pattern = folder.relative_to(srcdir).as_posix()
            if pattern not in config.exclude_patterns:
                config.exclude_patterns.append(pattern)


def setup_own_output(app: Sphinx) -> None:
    app.connect("config-inited", exclude_own_output)
