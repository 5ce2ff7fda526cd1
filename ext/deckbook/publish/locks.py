"""Locks: one per site (serialises changes) and one per staging folder (a live build).

Both are ``flock`` locks, which the kernel releases when the holder dies, so a killed
publish never leaves a lock behind. A staging folder's lock is also inherited by the
build subprocess, so a build that outlives its parent keeps its folder.
"""

from __future__ import annotations

import fcntl
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import fsops

# A ``.lock.tmp`` file older than this was left by a publish killed between creating
# and naming its lock (a moment); younger ones may belong to a live publish.
_STALE_TMP_SECONDS = 3600


def _open(path: Path) -> int:
    return os.open(path, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o644)


@contextmanager
def hold(path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the exclusive lock ``path`` (created if missing), waiting for it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _open(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


class Staging:
    """A private folder ``<base>/<id>`` that no recovery deletes while we hold it."""

    def __init__(self, base: Path):
        base.mkdir(parents=True, exist_ok=True)
        name = uuid.uuid4().hex
        temporary = base / f"{name}.lock.tmp"
        self.fd = _open(temporary)
        fcntl.flock(self.fd, fcntl.LOCK_EX)
        # Named only once locked: a recovery never sees an unlocked "<id>.lock".
        os.rename(temporary, base / f"{name}.lock")
        self.lock_file = base / f"{name}.lock"
        self.path = base / name
        self.path.mkdir()

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        fsops.remove_tree(self.path)
        fsops.remove(self.lock_file)
        os.close(self.fd)


def sweep_staging(base: Path) -> None:
    """Delete the staging folders of publishes that are no longer running."""
    if not base.is_dir():
        return
    for lock_file in base.glob("*.lock"):
        fd = _open(lock_file)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            continue  # a live publish (or its build) holds it
        else:
            fsops.remove_tree(base / lock_file.name.removesuffix(".lock"))
            fsops.remove(lock_file)
        finally:
            os.close(fd)
    now = time.time()
    for temporary in base.glob("*.lock.tmp"):
        try:
            stale = now - temporary.stat().st_mtime > _STALE_TMP_SECONDS
        except FileNotFoundError:
            continue  # just named by its (live) publish
        if stale:
            fsops.remove(temporary)
    for folder in base.iterdir():
        if folder.is_dir() and not (base / f"{folder.name}.lock").exists():
            fsops.remove_tree(folder)  # its lock file is gone: its owner finished
