"""What a version's build depends on, as one fingerprint: sources, config, toolchain.

Publishing a version again with the same fingerprint does not rebuild it. Counted as
inputs: every file under the source folder (except ``_build`` and hidden folders),
the configuration folder's ``conf.py``, ``requirements*.txt`` and its ``ext/``,
``_static/`` and ``_templates/`` folders, the Deckbook package itself, the Python
version and every installed distribution with its version, the version name and the
``-D`` overrides. Anything else a ``conf.py`` reads is not seen: use ``--force``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

# Bump when the meaning of the fingerprint changes: every version rebuilds once.
SCHEME = "deckbook-publish/1"
VERSION_MARKER = ".deckbook-inputs.json"
_SKIP_DIRS = {"_build", "__pycache__", "node_modules"}
_CONF_DIRS = ("ext", "_static", "_templates")
PACKAGE = Path(__file__).resolve().parent.parent  # deckbook/, the code that builds


@dataclass(frozen=True)
class Inputs:
    source: Path
    confdir: Path
    version: str
    overrides: tuple[tuple[str, str], ...] = ()
    # Folders inside the sources that are outputs, such as the site itself.
    exclude: tuple[Path, ...] = ()


def _files(folder: Path, exclude: tuple[Path, ...] = ()) -> Iterator[Path]:
    folder = folder.resolve()
    # Only outputs inside the folder matter (a git ref is checked out *into* one).
    inside = [e for e in exclude if e.is_relative_to(folder)]
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(p.startswith(".") or p in _SKIP_DIRS for p in relative):
            continue
        if path.is_file() and not any(path.is_relative_to(e) for e in inside):
            yield path


def _config_files(confdir: Path) -> Iterator[Path]:
    confdir = confdir.resolve()
    yield from (p for p in [confdir / "conf.py"] if p.is_file())
    yield from sorted(confdir.glob("requirements*.txt"))
    for name in _CONF_DIRS:
        if (confdir / name).is_dir():
            yield from _files(confdir / name)


def _digest_files(digest, label: str, root: Path, files: Iterable[Path]) -> None:
    for path in files:
        name = path.relative_to(root.resolve()).as_posix()
        digest.update(f"{label}:{name}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


@functools.cache
def _installed() -> tuple[tuple[str, str], ...]:
    """Every installed distribution, read once a process (a publish asks thrice)."""
    found = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[name.lower()] = dist.version
    return tuple(sorted(found.items()))


def toolchain() -> dict[str, str]:
    """Python and every installed distribution: an upgrade of any of them rebuilds."""
    tools = {"python": sys.version.split()[0], **dict(_installed())}
    return dict(sorted(tools.items()))


def fingerprint(inputs: Inputs) -> str:
    digest = hashlib.sha256(SCHEME.encode())
    head = {"version": inputs.version, "overrides": list(inputs.overrides)}
    digest.update(json.dumps(head, sort_keys=True).encode())
    digest.update(json.dumps(toolchain(), sort_keys=True).encode())
    sources = _files(inputs.source, inputs.exclude)
    _digest_files(digest, "source", inputs.source, sources)
    _digest_files(digest, "conf", inputs.confdir, _config_files(inputs.confdir))
    _digest_files(digest, "deckbook", PACKAGE, _files(PACKAGE))
    return digest.hexdigest()


def read_marker(version_dir: Path) -> dict | None:
    try:
        return json.loads((version_dir / VERSION_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
