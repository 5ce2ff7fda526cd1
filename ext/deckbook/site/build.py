"""Build the whole site: the book, and the decks from the same doctrees.

The deck pass is a second Sphinx application on the book pass's environment and
doctrees (copied into its own folder, ``site/deck_doctrees.py``): the environment is
loaded, found up to date, and no document is parsed again. Decks land inside the book
(``<out>/html/slides/``) so one static site serves both and relative links between
them work.

With more than one job (``-j``, ``auto`` by default), the deck pass starts as soon as
the book pass has read every page, in a process of its own, and writes the decks while
the book pass writes its pages (:class:`DecksBeside`): writing is half of a build, and
Sphinx writes in parallel only one page at a time beside its main process. With two
jobs, a core a pass: the book writes its pages in its main process
(``speed.WritesBesideDecks``). With ``-j 1`` the passes run one after the other in
this process.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from .._assets import DECKS_DIR
from ..deck.builder import BOOK_READ
from ..speed import (
    DECKS_BESIDE,
    fewer_full_collections,
    free_between_passes,
    freeze_for_writing,
    pass_over,
)
from .deck_doctrees import deck_doctrees, sync

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment


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
    show_traceback: bool = False  # -T: an error's whole traceback (site/cli.py)
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

    @property
    def decks_write_all(self) -> bool:
        """Whether the deck pass writes every deck: after a fresh book (``-E``) too,
        as Sphinx only rewrites pages whose source is newer than them."""
        return self.fresh or bool(self.write_all)


def run_pass(
    options: BuildOptions,
    builder: str,
    outdir: Path,
    fresh: bool,
    write_all: bool | None = None,
    on_write_started: Callable[..., None] | None = None,
    fewer_collections: bool = True,
    on_read_started: Callable[..., None] | None = None,
) -> int:
    """One Sphinx application, as ``sphinx-build`` would run it; returns its status.

    ``fresh``: read every document again (``-E``); ``write_all`` (default: as
    ``fresh``): write every page, read or not (``-a``); ``on_write_started``: a
    handler of the pass's ``write-started`` (everything is read);
    ``fewer_collections``: speed.py's collector policy (else CPython's own);
    ``on_read_started``: a handler of its ``env-before-read-docs`` (the documents
    to read are known).
    """
    with (
        patch_docutils(options.confdir),
        docutils_namespace(),
        fewer_full_collections() if fewer_collections else nullcontext(),
    ):
        app = make_app(options, builder, outdir, fresh)
        if on_read_started is not None:
            app.connect("env-before-read-docs", on_read_started)
        app.connect("write-started", freeze_for_writing)  # speed.py
        if on_write_started is not None:
            app.connect("write-started", on_write_started)
        try:
            app.build(force_all=fresh if write_all is None else write_all)
        finally:
            pass_over()  # speed.py: what its writing froze may be freed
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

    It never reads: the doctrees are the book's (``decks_write_all`` says when it
    writes every deck).
    """
    _sync_deck_doctrees(options)
    return run_deck_pass(options, options.decks_write_all)


def _sync_deck_doctrees(options: BuildOptions) -> None:
    sync(options.doctree_dir, deck_doctrees(options.doctree_dir))


def run_deck_pass(
    options: BuildOptions, write_all: bool, fewer_collections: bool = True
) -> int:
    """The deck pass, in its folder of doctrees (synced from the book's)."""
    own = dataclasses.replace(options, doctrees=deck_doctrees(options.doctree_dir))
    return run_pass(
        own,
        "revealjs",
        own.decks_dir,
        fresh=False,
        write_all=write_all,
        fewer_collections=fewer_collections,
    )


class BookReading:
    """``env-before-read-docs`` of the book pass: the pages it reads (Sphinx's own
    list, which it reads as handlers leave it), for the deck pass after it
    (deck/builder.py ``BOOK_READ``)."""

    def __init__(self) -> None:
        self._docnames: list[str] = []

    def __call__(self, app: Sphinx, env: BuildEnvironment, docnames: list[str]):
        self._docnames = docnames

    @property
    def pages_read(self) -> int:
        return len(self._docnames)

    def for_decks(self, options: BuildOptions) -> BuildOptions:
        """``options`` for the deck pass: it writes again the decks of these pages,
        and reads none itself (its doctrees are the book's)."""
        read = tuple(self._docnames)
        return dataclasses.replace(
            options, overrides={**options.overrides, BOOK_READ: read}
        )


class DecksBeside:
    """The deck pass in a process of its own (``site/deck_child.py``), given its work
    when the book pass starts writing; :meth:`finish` waits for it and relays what it
    printed and warned, after the book's, as a build one pass after the other would
    print it.

    In a build that reads few of the pages (a publish from the cache, a one-page
    edit) the process is started as the book starts reading (:meth:`prepare`) and
    imports meanwhile the modules the book's extensions loaded: the book is then
    written within a second, and the deck pass's start-up (an interpreter, Sphinx
    and every extension imported) was what the build waited for at its end. A
    build that reads most pages starts it at the book's writing, as the readers'
    memory peaks (60 MB more at 600 pages) and the start-up is hidden anyway."""

    def __init__(self, options: BuildOptions, reading: BookReading) -> None:
        self.options = options
        self.reading = reading
        self.process: subprocess.Popen | None = None
        self._given = False  # whether the process was sent its work
        self._modules_before = set(sys.modules)
        # Open until close(): the child writes into them while the book pass runs.
        self._output = tempfile.TemporaryFile()  # noqa: SIM115
        self._warnings = tempfile.TemporaryFile()  # noqa: SIM115
        handle, name = tempfile.mkstemp(prefix="deckbook-decks-")
        os.close(handle)  # the child writes the outcome there, by name
        self._result = Path(name)
        handle, name = tempfile.mkstemp(prefix="deckbook-decks-modules-")
        os.close(handle)  # the modules it imports first, one name a line
        self._modules = Path(name)

    def prepare_early(
        self, app: Sphinx, env: BuildEnvironment, docnames: list[str]
    ) -> None:
        """``env-before-read-docs`` of the book pass: start the process now if the
        book reads fewer than half of the pages."""
        if len(docnames) < len(env.found_docs) / 2:
            self.prepare()

    def prepare(self) -> None:
        """Start the process, which imports what the book's extensions imported
        (in that order) and waits for its work."""
        if self.process is not None:
            return
        environment = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        # sys.path now holds what conf.py added for its own extensions.
        environment["PYTHONPATH"] = os.pathsep.join(filter(None, sys.path))
        # In a file, not the pipe: a long list would block the book until read.
        loaded = [name for name in sys.modules if name not in self._modules_before]
        self._modules.write_text("\n".join(loaded), encoding="utf-8")
        command = [sys.executable, "-m", "deckbook.site.deck_child"]
        self.process = subprocess.Popen(
            [*command, str(self._result), str(self._modules)],
            stdin=subprocess.PIPE,
            stdout=self._output,
            stderr=self._warnings,
            env=environment,
        )

    def start(self, app: Sphinx, _builder: object = None) -> None:
        """``write-started`` of the book pass: every page is read."""
        if self._given or (app.statuscode and not self.options.keep_going):
            return  # as one pass after the other: no decks for a failed book
        payload = self._payload()
        if payload is None:
            return  # an option that cannot travel: the decks follow the book
        self.prepare()  # unless started as the book began reading
        _sync_deck_doctrees(self.options)
        self._given = True
        assert self.process is not None and self.process.stdin is not None
        try:
            with self.process.stdin:
                self.process.stdin.write(payload)
        except BrokenPipeError:
            pass  # it ended before reading: finish() says with which status

    def _payload(self) -> bytes | None:
        # The decks in one process: with -j 2 the book keeps the other core; with
        # more jobs, the book's write workers take the rest.
        bare = dataclasses.replace(
            self.reading.for_decks(self.options),
            warning_stream=None,
            warning_file=None,
            jobs=1,
        )
        try:
            return pickle.dumps((bare, self.options.decks_write_all))
        except Exception:  # say, a -D value no other process can have
            return None

    def finish(self) -> int | None:
        """The deck pass's status; None if it was not started. Raises what it raised."""
        try:
            if not self._given:
                return None  # the decks follow the book (close() stops the process)
            returncode = self.process.wait()
            self._relay(self._output, sys.stdout)
            self._relay(self._warnings, _warnings(self.options))
            kind, value = self._outcome()
        finally:
            self.close()
        if kind == "error":
            raise value
        if kind is None:
            message = f"deckbook: the deck pass ended with status {returncode}\n"
            _warnings(self.options).write(message)
            return returncode or 1
        return value

    def _outcome(self) -> tuple[str | None, Any]:
        try:
            return pickle.loads(self._result.read_bytes())
        except Exception:  # killed before it wrote one
            return None, None

    @staticmethod
    def _relay(captured: IO[bytes], stream: IO[str]) -> None:
        captured.seek(0)
        text = captured.read().decode("utf-8", errors="replace")
        if text:
            stream.write(text)
            stream.flush()

    def close(self) -> None:
        """Stop the deck pass if it still runs (the book pass raised, or never gave
        it work); clean up."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.close()
        self._output.close()
        self._warnings.close()
        self._result.unlink(missing_ok=True)
        self._modules.unlink(missing_ok=True)


def build_site(options: BuildOptions) -> int:
    """Book first (it reads and pickles the doctrees), then the decks from them:
    beside the book's writing with more than one job, after it otherwise."""
    reading = BookReading()
    beside = None
    if options.jobs > 1 and not options.pdb:
        beside = DecksBeside(options, reading)
    on_reading = _both(reading, beside.prepare_early) if beside else reading
    book = options
    if beside and options.jobs == 2:  # a core each: the book writes in one process
        book = dataclasses.replace(
            options, overrides={**options.overrides, DECKS_BESIDE: True}
        )
    with fewer_full_collections():  # for both passes (speed.py)
        try:
            status = run_pass(
                book,
                "html",
                options.book_dir,
                fresh=options.fresh,
                write_all=options.write_all,
                on_write_started=beside.start if beside else None,
                on_read_started=on_reading,
            )
            decks = beside.finish() if beside else None
        finally:
            if beside:
                beside.close()
        if decks is not None:
            return decks or status
        if status and not options.keep_going:
            return status
        free_between_passes(reading.pages_read)
        return build_decks(reading.for_decks(options)) or status


def _both(first: Callable[..., None], then: Callable[..., None]):
    def handler(*args: Any) -> None:
        first(*args)
        then(*args)

    return handler
