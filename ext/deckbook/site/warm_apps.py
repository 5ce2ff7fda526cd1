"""Sphinx applications kept between the live preview's rebuilds (issue 15, goal 3).

A one-page rebuild in a new application spends most of its time before it reads
anything: setting up some forty extensions and loading the pickled environment, twice
(book and deck passes). Here each pass has a process of its own (:class:`KeptPass`,
forked from the serving process) holding one ``Sphinx`` application, and every rebuild
is another ``app.build()`` of it, as esbonio's language server does: Sphinx finds what
changed since the application's last build from the environment it holds, exactly as
it would from the pickle of that environment (``BuildEnvironment.__getstate__`` drops
only the application, the domains, the events and the doctree caches).

Why one process a pass: directives and roles live in docutils' process-wide registry
(``sphinx.util.docutils``); two applications in one process would register them twice.
The deck pass reads the edited page again (its environment is its own, as in two
``sphinx-build`` runs), so the two passes build side by side, one a core: the deck
pass has a doctree folder of its own (``site/deck_doctrees.py``, as in a whole-site
build), synced from the book's when its application is made (the book's environment
is then up to date, so the deck pass reads nothing), as two writers of one
environment pickle could leave a torn one.

What a kept application would not see, and so when it is given up and a new one
made (its first build is that of a new process): a change outside the source folder
or to a ``conf.py`` (the configuration is read once, when the application is made); a
build that failed or found the configuration changed (then every later build would
read every page again, :attr:`BuildEnvironment.config_status`).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import multiprocessing
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import watchfiles
from sphinx.builders.html._assets import _file_checksum_inner
from sphinx.environment import CONFIG_OK
from sphinx.errors import SphinxError
from sphinx.util.docutils import docutils_namespace, patch_docutils
from sphinx_autobuild.server import RebuildServer

from ..speed import fewer_full_collections
from .build import BuildOptions, make_app
from .deck_doctrees import deck_doctrees, sync

if TYPE_CHECKING:
    from collections.abc import Iterable
    from multiprocessing.connection import Connection

    from sphinx.application import Sphinx

RETIRED = "retired"  # what a pass answers when its application must not be kept


class KeptApp:
    """One application, and what a new one starts from that its builds change."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        # Styles and scripts: an extension may add some for one page during its
        # writing (pydata-sphinx-theme adds each page's name as a script). Sphinx
        # takes them off the builder after the page, but keeps them in the
        # registry, and every later build of the application would link them in
        # every page. TODO: Sphinx 9 has no public way to reset either.
        builder = app.builder
        self._assets = [
            (kept, list(kept))
            for kept in (
                app.registry.css_files,
                app.registry.js_files,
                getattr(builder, "_css_files", []),
                getattr(builder, "_js_files", []),
            )
        ]

    def rebuild(self) -> int:
        """Build again what changed since the application's last build."""
        app = self.app
        for kept, first in self._assets:
            kept[:] = first
        # Sphinx keeps the bytes of each doctree it loaded (and the root's doctree)
        # for the rest of a build; a build reads a page again before anything loads
        # it, but the next build of the same application would find the old bytes.
        # Dropped, as a new application starts with none.
        app.env._pickled_doctree_cache.clear()
        app.env.__dict__.pop("master_doctree", None)  # a functools.cached_property
        # Each page links its styles and scripts with a checksum of their content,
        # which Sphinx computes once a process; some change between builds (the
        # theme rewrites pygments.css once the pages are written).
        _file_checksum_inner.cache_clear()
        with fewer_full_collections():
            app.build()
        return app.statuscode


def reusable(app: Sphinx) -> bool:
    return app.statuscode == 0 and app.env.config_status == CONFIG_OK


def _serve_pass(
    connection: Connection, options: BuildOptions, builder: str, outdir: Path
) -> None:
    """The kept process: one application, one build a request, until told to stop."""
    # A fork of the server after uvicorn took SIGTERM and SIGINT (to stop serving):
    # here they must end the process, as they end a build.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    server, kept = os.getppid(), None
    with patch_docutils(options.confdir), docutils_namespace():
        while _requested(connection, server):
            try:
                kept = kept or KeptApp(make_app(options, builder, outdir, fresh=False))
                status = kept.rebuild()
            except SphinxError as error:
                # A broken conf.py or extension: say so; the next change tries anew.
                print(f"[deckbook] {error}", file=sys.stderr)
                connection.send(RETIRED)
                return
            again = reusable(kept.app)
            connection.send(status if again else RETIRED)
            if not again:
                return


def _requested(connection: Connection, server: int) -> bool:
    """Wait for the next request: True to build, False to stop. Stops too if the
    server is gone (forks hold copies of its ends of the pipes, so the end of the
    pipe may never come)."""
    while not connection.poll(1.0):
        if os.getppid() != server:
            return False
    return bool(connection.recv())


class KeptPass:
    """A process holding one builder's application (made at its first build)."""

    def __init__(self, options: BuildOptions, builder: str, outdir: Path) -> None:
        self.options, self.builder, self.outdir = options, builder, outdir
        self._connection: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None

    @property
    def running(self) -> bool:
        return self._connection is not None

    def build(self) -> int:
        """Build, keeping the application if it may be built again; the status."""
        self.request()
        return self.answer()

    def request(self) -> None:
        """Start a build (in the pass's process); :meth:`answer` waits for it."""
        if self._connection is None:
            self._start()
        assert self._connection is not None
        with contextlib.suppress(OSError):  # the process died: answer() says so
            self._connection.send(True)

    def answer(self) -> int:
        """The status of the build requested; a pass given up answers 1."""
        assert self._connection is not None
        try:
            answer = self._connection.recv()
        except (EOFError, OSError):  # the process died
            answer = RETIRED
        if answer == RETIRED:
            self.close()
            return 1
        return int(answer)

    def prepare(self) -> None:
        """Make the application now (a build with nothing to do), not at the next
        change."""
        if self._connection is None:
            self.build()

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        self._process = context.Process(
            target=_serve_pass,
            args=(theirs, self.options, self.builder, self.outdir),
            daemon=True,
        )
        self._process.start()
        theirs.close()
        self._connection = ours

    def close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(OSError):  # it may have died
                self._connection.send(False)
            self._connection.close()
        if self._process is not None:
            self._process.join(timeout=10)
            if self._process.is_alive():
                self._process.kill()
        self._connection = self._process = None


class DeckPass(KeptPass):
    """The deck pass, in a doctree folder of its own, synced from the book's when
    its application is made (so the two passes never write the same file)."""

    def __init__(self, options: BuildOptions) -> None:
        self.book_doctrees = options.doctree_dir
        own = dataclasses.replace(options, doctrees=deck_doctrees(options.doctree_dir))
        super().__init__(own, "revealjs", options.decks_dir)

    def _start(self) -> None:
        # Only while the book pass is idle (KeptSite starts it after the book's build).
        sync(self.book_doctrees, self.options.doctree_dir)
        super()._start()


class KeptSite:
    """Book and deck passes kept; on each change they build side by side."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.book = KeptPass(options, "html", options.book_dir)
        self.decks = DeckPass(options)
        self.passes = [self.book, self.decks]

    def build(self, changed_paths: Iterable[Path] = ()) -> int:
        if any(self._renews(Path(path)) for path in changed_paths):
            self.close()
        if self.book.running and self.decks.running:
            self.book.request()
            self.decks.request()
            book_status = self.book.answer()
            status = self.decks.answer() or book_status
        else:  # a new deck pass starts from the doctrees of the book's build
            status = self.book.build()
            status = self.decks.build() or status
        self.book.prepare()  # given up: the next change finds a new one ready
        self.decks.prepare()
        return status

    def _renews(self, path: Path) -> bool:
        """A change a kept application would not see."""
        source = Path(self.options.source).resolve()
        return path.name == "conf.py" or not path.resolve().is_relative_to(source)

    def close(self) -> None:
        for kept in self.passes:
            kept.close()


class KeptRebuildServer(RebuildServer):
    """sphinx-autobuild's watcher and reload socket, calling the rebuild in this
    process (it talks to the kept passes) rather than in a new process a change."""

    async def watch(self) -> None:
        async for changes in watchfiles.awatch(
            *self.paths, watch_filter=lambda _, path: not self.ignore(path)
        ):
            changed_paths = [Path(path).resolve() for _, path in changes]
            await asyncio.to_thread(self.change_callback, changed_paths=changed_paths)
            self.flag.set()  # the browser reloads
