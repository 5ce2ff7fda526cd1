"""Live preview: sphinx-autobuild serves the book and rebuilds book and decks on change.

sphinx-autobuild rebuilds the book with ``sphinx-build`` into ``OUT/html`` (doctrees in
``OUT/doctrees``, where the deck pass looks for them) and then runs our deck pass as its
post-build command, so a change in the sources or in ``ext/`` refreshes both. That is
the path for sphinx-autobuild's own options; without any, ``site/serve_warm.py`` serves
and
rebuilds both in forks of one warm process.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from .._assets import PACKAGE

EXT_DIR = PACKAGE.resolve().parent  # the folder holding this package


def autobuild_argv(
    source: Path, confdir: Path, out: Path, host: str, port: int, extra: list[str]
) -> list[str]:
    deck_pass = [sys.executable, "-m", "deckbook", "decks", "-q", str(source)]
    deck_pass += ["-c", str(confdir), "-o", str(out)]
    return [
        str(source),
        str(out / "html"),
        "-c", str(confdir),
        "-d", str(out / "doctrees"),
        "--watch", str(EXT_DIR),
        "--watch", str(confdir / "conf.py"),
        "--host", host,
        "--port", str(port),
        "--post-build", shlex.join(deck_pass),
        *extra,
    ]  # fmt: skip


def serve(
    source: Path, confdir: Path, out: Path, host: str, port: int, extra: list[str]
) -> int:
    # The warm preview (serve_warm.py); options of its own need autobuild.
    if not extra:
        from .build import BuildOptions
        from .serve_warm import serve_warm

        return serve_warm(BuildOptions(source, confdir, out), host, port)
    from sphinx_autobuild.__main__ import main as autobuild

    # The deck pass runs as a subprocess: it must find this package like we did.
    paths = [str(EXT_DIR), *filter(None, [os.environ.get("PYTHONPATH")])]
    os.environ["PYTHONPATH"] = os.pathsep.join(paths)
    autobuild(autobuild_argv(source, confdir, out, host, port, extra))
    return 0
