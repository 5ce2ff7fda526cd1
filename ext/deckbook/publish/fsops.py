"""The few file-system steps that change a published site, each atomic on its own.

Every change to a live site goes through one of these functions, so the order of
steps in :mod:`deckbook.publish.site` is the whole story of what a reader (or a
publish killed at any moment) can see. The crash tests count calls to them and kill
the process before the n-th one.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import sys
import uuid
from pathlib import Path

_AT_FDCWD = -100
# The temporary name of a file being replaced by write_atomically().
TEMPORARY = re.compile(r"\..+\.[0-9a-f]{32}\.tmp")
_RENAME_EXCHANGE = 2  # linux/fs.h

_renameat2 = None
if sys.platform.startswith("linux"):
    _libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    _renameat2 = getattr(_libc, "renameat2", None)  # glibc >= 2.28


def can_exchange(directory: Path) -> bool:
    """Whether :func:`exchange` works here (Linux ``renameat2``, this file system)."""
    if _renameat2 is None:
        return False
    probe = directory / f".exchange-probe-{uuid.uuid4().hex}"
    (probe / "a").mkdir(parents=True)
    (probe / "b").mkdir()
    try:
        return _exchange(probe / "a", probe / "b") == 0
    finally:
        shutil.rmtree(probe, ignore_errors=True)


def _exchange(a: Path, b: Path) -> int:
    result = _renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE
    )
    return 0 if result == 0 else ctypes.get_errno()


def exchange(a: Path, b: Path) -> None:
    """Swap two directories in one step: no instant where either path is missing."""
    code = _exchange(a, b)
    if code:
        raise OSError(code, os.strerror(code), str(a), None, str(b))


def move(source: Path, target: Path) -> None:
    """Rename ``source`` to a ``target`` that must not exist (same file system)."""
    if target.exists():
        raise FileExistsError(errno.EEXIST, "refusing to replace", str(target))
    os.rename(source, target)


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` by a complete new file: readers see the old or the new one."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with open(temporary, "w", encoding="utf-8") as stream:
        stream.write(text)
        stream.flush()
        os.fsync(stream.fileno())  # the new content is on disk before it is visible
    os.replace(temporary, path)


def remove(path: Path) -> None:
    """Delete a file if it is there."""
    path.unlink(missing_ok=True)


def remove_tree(path: Path) -> None:
    """Delete a directory tree that is no longer reachable from the site.

    Errors are left for the next run's recovery to retry (a tree in the trash is never
    served and never listed).
    """
    shutil.rmtree(path, ignore_errors=True)
