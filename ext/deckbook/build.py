"""Build the whole site in one process: the book, then the decks from the same doctrees.

The deck pass is a second Sphinx application on the same ``doctreedir``: the
environment the book pass pickled is loaded, found up to date, and no document is
parsed again. Decks land inside the book (``<out>/html/slides/``) so one static site
serves both and relative links between them work.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .decks import DECKS_DIR
from .speed import fewer_full_collections


@dataclass
class BuildOptions:
    source: Path = Path("docs")
    confdir: Path = Path(".")
    out: Path = Path("_build")
    warnings_are_errors: bool = False
    keep_going: bool = False
    fresh: bool = False
    jobs: int = 1
    overrides: dict[str, str] = field(default_factory=dict)
    quiet: bool = False
    warning_stream: IO[str] | None = None  # where warnings go; stderr by default

    @property
    def book_dir(self) -> Path:
        return self.out / "html"

    @property
    def decks_dir(self) -> Path:
        return self.book_dir / DECKS_DIR

    @property
    def doctree_dir(self) -> Path:
        return self.out / "doctrees"


def run_pass(
    options: BuildOptions,
    builder: str,
    outdir: Path,
    fresh: bool,
    write_all: bool | None = None,
) -> int:
    """One Sphinx application, as ``sphinx-build`` would run it; returns its status.

    ``fresh``: read every document again (``-E``); ``write_all`` (default: as
    ``fresh``): write every page, read or not (``-a``).
    """
    with (
        patch_docutils(options.confdir),
        docutils_namespace(),
        fewer_full_collections(),
    ):
        app = Sphinx(
            srcdir=options.source,
            confdir=options.confdir,
            outdir=outdir,
            doctreedir=options.doctree_dir,
            buildername=builder,
            confoverrides=dict(options.overrides),
            status=None if options.quiet else sys.stdout,
            warning=options.warning_stream or sys.stderr,
            freshenv=fresh,
            warningiserror=options.warnings_are_errors,
            parallel=options.jobs,
            keep_going=options.keep_going,
        )
        app.build(force_all=fresh if write_all is None else write_all)
        return app.statuscode


def build_decks(options: BuildOptions) -> int:
    """The deck pass alone, for a book the caller has just built (live preview).

    It never reads: the doctrees are the book's. After a fresh book build (``-E``) it
    writes every deck, as Sphinx only rewrites pages whose source is newer than them.
    """
    return run_pass(
        options, "revealjs", options.decks_dir, fresh=False, write_all=options.fresh
    )


def build_site(options: BuildOptions) -> int:
    """Book first (it reads and pickles the doctrees), then the decks from them."""
    with fewer_full_collections():  # for both passes (speed.py)
        status = run_pass(options, "html", options.book_dir, fresh=options.fresh)
        if status and not options.keep_going:
            return status
        return build_decks(options) or status
