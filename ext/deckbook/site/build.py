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
from typing import IO, Any

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from ..deck.builder import DECKS_DIR
from ..speed import fewer_full_collections, free_between_passes, stop_freezing


@dataclass
class BuildOptions:
    """sphinx-build's options (``site/build_options.py`` parses them), for both
    passes."""

    source: Path = Path("docs")
    confdir: Path | None = Path(".")  # None: no conf.py (-C)
    out: Path = Path("_build")
    warnings_are_errors: bool = False
    keep_going: bool = False
    fresh: bool = False  # -E
    write_all: bool | None = None  # -a; by default as fresh
    jobs: int = 1
    overrides: dict[str, Any] = field(default_factory=dict)
    quiet: bool = False
    really_quiet: bool = False  # -Q: no warnings either
    warning_stream: IO[str] | None = None  # where warnings go; stderr by default
    warning_file: Path | None = None  # -w (the CLI opens it once for both passes)
    tags: list[str] = field(default_factory=list)  # -t
    verbosity: int = 0  # -v
    pdb: bool = False  # -P
    exception_on_warning: bool = False  # --exception-on-warning
    doctrees: Path | None = None  # -d; by default OUT/doctrees

    @property
    def book_dir(self) -> Path:
        return self.out / "html"

    @property
    def decks_dir(self) -> Path:
        return self.book_dir / DECKS_DIR

    @property
    def doctree_dir(self) -> Path:
        return self.doctrees or self.out / "doctrees"


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
        app = make_app(options, builder, outdir, fresh)
        app.connect("write-started", stop_freezing)  # speed.py
        app.build(force_all=fresh if write_all is None else write_all)
        return app.statuscode


def make_app(options: BuildOptions, builder: str, outdir: Path, fresh: bool) -> Sphinx:
    """The application of one pass, as ``sphinx-build`` makes it (not built yet)."""
    return Sphinx(
        srcdir=options.source,
        confdir=options.confdir,
        outdir=outdir,
        doctreedir=options.doctree_dir,
        buildername=builder,
        confoverrides=dict(options.overrides),
        status=None if options.quiet else sys.stdout,
        warning=None if options.really_quiet else _warnings(options),
        freshenv=fresh,
        warningiserror=options.warnings_are_errors,
        tags=options.tags,
        verbosity=options.verbosity,
        parallel=options.jobs,
        keep_going=options.keep_going,
        pdb=options.pdb,
        exception_on_warning=options.exception_on_warning,
    )


def _warnings(options: BuildOptions) -> IO[str]:
    return options.warning_stream or sys.stderr


def build_decks(options: BuildOptions) -> int:
    """The deck pass alone, for a book the caller has just built (live preview).

    It never reads: the doctrees are the book's. After a fresh book build (``-E``) it
    writes every deck, as Sphinx only rewrites pages whose source is newer than them.
    """
    write_all = options.fresh or bool(options.write_all)
    return run_pass(
        options, "revealjs", options.decks_dir, fresh=False, write_all=write_all
    )


def build_site(options: BuildOptions) -> int:
    """Book first (it reads and pickles the doctrees), then the decks from them."""
    with fewer_full_collections():  # for both passes (speed.py)
        status = run_pass(
            options,
            "html",
            options.book_dir,
            fresh=options.fresh,
            write_all=options.write_all,
        )
        if status and not options.keep_going:
            return status
        free_between_passes()
        return build_decks(options) or status
