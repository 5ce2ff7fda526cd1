"""Warm live preview: rebuilds by Sphinx applications kept between changes.

sphinx-autobuild's own builder starts ``sphinx-build`` for every change, and our deck
pass is a second new interpreter after it: most of a one-page rebuild is importing
Sphinx, MyST, the themes and sphinx-revealjs twice. Here the serving process imports
those packages once (``WARM``) and forks one process a pass (book, decks) that keeps
its Sphinx application and builds it again on each change (``warm_apps.py``):
neither extensions set up again nor the pickled environment loaded again.

Deckbook's own modules are loaded by the kept applications: once any ``ext/`` file
is newer than the server, they are given up and every later rebuild is a new
``python -m deckbook build`` process, as the modules loaded would be stale. When a
rebuild is done the watcher tells the browser to reload (sphinx-autobuild's
websocket and injected script).
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.errors import SphinxError

from .._assets import PACKAGE
from .build import BuildOptions, build_site

if TYPE_CHECKING:
    from .warm_apps import KeptSite

EXT_DIR = PACKAGE.resolve().parent
# What a build imports that does not change while the preview runs (the import time
# of these is ~0.6 s a process; Deckbook's own modules take ~0.1 s).
WARM = (
    "sphinx.application",
    "sphinx.builders.html",
    "myst_parser.parsers.sphinx_",
    "sphinx_book_theme",
    "sphinx_revealjs",
    "liquid",
)
IGNORED = (".git", ".hg", ".tox", ".venv", "venv", "node_modules", ".ruff_cache")


def _newest_code() -> float:
    return max(path.stat().st_mtime for path in EXT_DIR.rglob("*.py"))


@dataclass(frozen=True)
class WarmBuild:
    """The rebuild ``RebuildServer`` calls (in a forked child) after each change."""

    options: BuildOptions
    started: float = field(default_factory=time.time)
    site: KeptSite | None = None  # the kept applications (warm_apps.py), if any

    def __call__(self, *, changed_paths=()) -> int:
        if changed_paths:
            print(f"[deckbook] rebuilding after {len(changed_paths)} change(s)")
        # Code the serving process imported may have changed: then a new process.
        stale = _newest_code() > self.started
        if stale and self.site is not None:
            self.site.close()  # their applications run the code as it was
        status = self._cold() if stale else self._warm(changed_paths)
        print(f"[deckbook] {'done' if status == 0 else f'failed ({status})'}")
        return status

    def _warm(self, changed_paths=()) -> int:
        if self.site is not None:
            return self.site.build(changed_paths)
        try:
            return build_site(self.options)
        except SphinxError as error:
            # A broken conf.py or extension: say so and keep watching (an exception
            # would end the watcher, and with it every later rebuild).
            print(f"[deckbook] {error}", file=sys.stderr)
            return 2

    def _cold(self) -> int:
        command = [sys.executable, "-m", "deckbook", "build", str(self.options.source)]
        command += ["-c", str(self.options.confdir), "-o", str(self.options.out)]
        return subprocess.run(command, check=False).returncode


def serve_warm(options: BuildOptions, host: str, port: int) -> int:
    import uvicorn
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    for name in WARM:
        importlib.import_module(name)
    from .warm_apps import KeptRebuildServer, KeptSite

    builder = WarmBuild(options, site=KeptSite(options))
    builder()  # the first build, by the kept applications
    options.book_dir.mkdir(parents=True, exist_ok=True)
    watched = [options.source, EXT_DIR, options.confdir / "conf.py"]
    ignore = IgnoreFilter([options.out, *(Path(name) for name in IGNORED)], [])
    watcher = KeptRebuildServer(watched, ignore, change_callback=builder)
    app = Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Mount("/", app=StaticFiles(directory=options.book_dir, html=True)),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=f"{host}:{port}")],
        lifespan=watcher.lifespan,
    )
    print(f"[deckbook] serving on http://{host}:{port}", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
