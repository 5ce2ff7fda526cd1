"""Jekyll's file names: every Markdown extension is read, nothing skipped unsaid.

Jekyll (kramdown's ``markdown_ext``) reads ``.markdown``, ``.mkdown``, ``.mkdn``,
``.mkd`` and ``.md`` as Markdown: so does Deckbook, through MyST. ``_includes/`` and
``_layouts/`` hold Liquid partials, not pages: they are never read as pages
(``{% include %}`` reads them). A file Jekyll would render (it starts with front
matter) that Deckbook cannot read (``.textile``, ``.html``…) gets a
``deckbook.unread_source`` warning naming it; files without front matter are static
files to Jekyll (images, CSS) and are left alone, as is everything excluded.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util.matching import Matcher

from .. import _log
from .._assets import DECK_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = _log.get_logger(__name__)
MARKDOWN_SUFFIXES = (".markdown", ".mkdown", ".mkdn", ".mkd")
PARTIAL_FOLDERS = ("_includes", "_layouts")


def exclude_partials(app: Sphinx, config: Config) -> None:
    for folder in PARTIAL_FOLDERS:
        for pattern in (folder, f"**/{folder}"):
            if pattern not in config.exclude_patterns:
                config.exclude_patterns.append(pattern)


def name_unread_sources(app: Sphinx, env: BuildEnvironment, docnames: list) -> None:
    """Warn about each file with front matter that is not read, when a build reads.

    Like a page's own warnings, this comes when pages are read, not on a build that
    reads nothing; and not from the deck pass, which reuses the book's environment
    (it may re-read a page, and would repeat every name). The doctrees do not
    depend on it.
    """
    if not docnames or app.builder.name in DECK_BUILDERS:
        return
    srcdir = Path(env.srcdir)
    excluded = Matcher([*app.config.exclude_patterns, "**/.*", ".*"])
    readable = tuple(app.config.source_suffix)
    outdir = os.path.realpath(app.outdir)
    for folder, subfolders, files in os.walk(srcdir):
        relative = Path(folder).relative_to(srcdir).as_posix()
        subfolders[:] = [
            name
            for name in sorted(subfolders)
            if not excluded(_join(relative, name))
            and os.path.realpath(os.path.join(folder, name)) != outdir
        ]
        for name in sorted(files):
            path = _join(relative, name)
            if name.endswith(readable) or excluded(path):
                continue
            if _starts_with_front_matter(os.path.join(folder, name)):
                message = (
                    f"{path} has front matter, as a Jekyll page, but Deckbook does "
                    f"not read {Path(name).suffix or 'extensionless'} files; it is "
                    "not in the site (Markdown files are read)"
                )
                # A location with ':' is used as written (a plain name would be
                # taken for a docname): the file, at its front matter's first line.
                where = f"{os.path.join(folder, name)}:1"
                _log.warn(logger, message, _log.DeckbookWarnings.UNREAD_SOURCE, where)


def _join(folder: str, name: str) -> str:
    return name if folder == "." else f"{folder}/{name}"


def _starts_with_front_matter(path: str) -> bool:
    try:
        with open(path, "rb") as file:
            first = file.readline(64)
    except OSError:  # unreadable: Sphinx itself does not read it either
        return False
    return first.removeprefix(b"\xef\xbb\xbf").rstrip() == b"---"


def setup_files(app: Sphinx) -> None:
    for suffix in MARKDOWN_SUFFIXES:
        app.add_source_suffix(suffix, "markdown")
    app.connect("config-inited", exclude_partials)
    app.connect("env-before-read-docs", name_unread_sources)
