"""Versions share work: a new version's build starts from an older version's doctrees.

Publishing 2.0 after 1.0, most pages are the same bytes. Each version is built from a
git ref checked out into a temporary tree, so every file is new to Sphinx (its
modification time is the checkout's) and every page would be read again. This module
keeps a few **workspaces** under ``<scratch>/cache/``; each holds the tree and the
doctree folder (``environment.pickle`` and the doctrees) of the last version built in
it, and a manifest of the SHA-256 of every file that build saw. A publish takes the
workspace whose files are nearest to its own (with the same key, below), moves its
checked-out tree there and sets each file's modification time from its *content*:

- a file whose bytes are in the manifest at the same path gets :data:`UNCHANGED`, an
  old fixed time, earlier than any time Sphinx recorded reading a document;
- any other file keeps a time later than the end of the workspace's last build.

Then the ordinary build runs with ``-d <workspace>/doctrees`` and Sphinx's own
incremental machinery decides what to read again: a changed page, a page whose noted
dependency changed (``{include}``, Liquid ``{% include %}``, images: all
``env.dependencies``, which Sphinx compares by modification time), a config value of
the ``env`` kind that differs, an extension's ``env_version``, a new Sphinx
``ENV_VERSION``; and Deckbook's own hooks for pages that show other pages (post lists,
Q&A lists, galleries, Marp themes), which already run for every incremental build.

Why seed Sphinx's environment rather than cache each document's doctree and env data
(``env-merge-info``/``env-purge-doc``): the per-document cache would have to know every
cross-document dependency again, by itself, and get every extension's merge right; a
seeded environment is exactly the state of an incremental build after ``git checkout``
of the new ref, the case Sphinx and Deckbook's tests already cover.

The workspace keeps its **output folder** too (``out/``), so the build is incremental
in writing as well: Sphinx rewrites the pages whose sources changed, their toctree
parents, and every page when the navigation, a template or an ``html`` configuration
value changed; Deckbook rewrites the post lists, category pages and indexes that show
a changed page (``incremental.py``) and deletes what the new version no longer has
(``incremental.remove_what_is_gone``). No page names its version
(``book/versions_ui.py``), so a page unchanged since the last version is the page a
cold build writes. The finished output is then copied into the publish's staging
folder: the version installed never shares a file with the workspace, which the
next build changes in place.

What the environment cannot see goes into the workspace **key**: the Deckbook package
and the whole toolchain (every installed distribution's version, as
:func:`.inputs.toolchain`), the configuration folder's files (``conf.py`` may hold
code; its ``ext/``, ``_templates/``, ``_static/``), the source and configuration paths,
and ``-W`` (warnings of pages not read again are not repeated). A different key never
shares a workspace. The ``-D`` overrides are plain values, which Sphinx compares itself
(one of the ``env`` kind that differs: every page is read again), so versions that
differ by ``-D release=…`` share their doctrees.

Kill-safety: a workspace is held by an ``flock`` that the build inherits; its manifest
is removed before the build changes the doctrees and written again (atomically) only
after the build succeeded, so a workspace without a manifest is never trusted and is
emptied. The cache is bounded to :data:`WORKSPACES` workspaces (least recently used go
first), can be deleted at any time no publish runs, and ``--no-cache`` skips it.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .._assets import STATIC_STAMPS
from ..site.deck_doctrees import deck_doctrees
from . import fsops
from .inputs import PACKAGE, SCHEME, _config_files, _digest_files, _files, toolchain

CACHE_SCHEME = "deckbook-doctree-cache/1"
WORKSPACES = 3  # kept per site; each is one version's tree and doctrees
UNCHANGED = 315_532_800 * 10**9  # 1980-01-01 in ns: zip-safe, before any build
MANIFEST = "manifest.json"
_STALE_TMP_SECONDS = 3600  # as locks.py: a lock file being named, left by a kill


def cache_key(tree: Path, source: Path, confdir: Path, strict: bool) -> str:
    """What must be equal for two builds to share doctrees (the module docstring)."""
    digest = hashlib.sha256(f"{CACHE_SCHEME}\0{SCHEME}\0".encode())
    head = {
        "source": source.as_posix(),
        "confdir": confdir.as_posix(),
        "strict": strict,
        "toolchain": toolchain(),
    }
    digest.update(json.dumps(head, sort_keys=True).encode())
    _digest_files(digest, "conf", tree / confdir, _config_files(tree / confdir))
    _digest_files(digest, "deckbook", PACKAGE, _files(PACKAGE))
    return digest.hexdigest()


def file_hashes(tree: Path) -> dict[str, str]:
    """Every file of the checked-out tree, by path, with the SHA-256 of its bytes."""
    hashes = {}
    for folder, _, names in os.walk(tree):
        for name in names:
            path = Path(folder, name)
            if path.is_symlink() or not path.is_file():
                continue  # a tree with links is never shared (Workspace.adopt)
            relative = path.relative_to(tree).as_posix()
            hashes[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


@dataclass
class Workspace:
    """One workspace, held (``fd`` is its lock) for one build."""

    path: Path
    fd: int
    manifest: dict | None  # what its doctrees were built from; None: start afresh

    @property
    def tree(self) -> Path:
        return self.path / "tree"

    @property
    def doctrees(self) -> Path:
        return self.path / "doctrees"

    @property
    def out(self) -> Path:
        """The kept output folder (``deckbook build -o``)."""
        return self.path / "out"

    def adopt(self, tree: Path, hashes: dict[str, str]) -> int:
        """Move the checked-out ``tree`` in; date its files by content. Returns how
        many files are unchanged since the workspace's last build."""
        fsops.remove_tree(self.tree)
        os.rename(tree, self.tree)  # same file system: scratch/staging, scratch/cache
        if self.manifest is None:
            return 0
        # A link's content is the file it names, which may be another one now:
        # a tree with links is dated as changed throughout (every page is read).
        known = {} if _has_links(self.tree) else self.manifest["files"]
        # Later than every read time of the last build, even if the clock went back.
        changed = max(time.time_ns(), self.manifest["built_ns"] + 10**9)
        unchanged = 0
        for name, sha in hashes.items():
            stamp = UNCHANGED if known.get(name) == sha else changed
            unchanged += stamp == UNCHANGED
            os.utime(self.tree / name, ns=(stamp, stamp))
        return unchanged

    def begin_build(self) -> None:
        """From here until :meth:`finish_build` the doctrees are in flux."""
        fsops.remove(self.path / MANIFEST)
        # Static files are copied again, as in a cold build: pages link each style
        # with a checksum of it as copied, before book/lean_css.py trims it at the
        # end of the build; a skipped copy would leave the trimmed one to be summed.
        for doctrees in (self.doctrees, deck_doctrees(self.doctrees)):
            fsops.remove_tree(doctrees / STATIC_STAMPS)

    def copy_output(self, into: Path) -> None:
        """The built site (``out/html``), copied into ``into`` (a new folder), but
        for what only a build in an old output folder leaves: Sphinx's backup of
        the last build's ``.buildinfo`` when the configuration changed."""
        only_kept = shutil.ignore_patterns(".buildinfo.bak")
        shutil.copytree(self.out / "html", into, symlinks=True, ignore=only_kept)

    def finish_build(self, key: str, hashes: dict[str, str]) -> None:
        manifest = {"key": key, "files": hashes, "built_ns": time.time_ns()}
        fsops.write_atomically(self.path / MANIFEST, json.dumps(manifest))

    def release(self) -> None:
        os.close(self.fd)


def _has_links(tree: Path) -> bool:
    return any(
        os.path.islink(os.path.join(folder, name))
        for folder, folders, files in os.walk(tree)
        for name in [*folders, *files]
    )


def _read_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ok = isinstance(manifest, dict) and isinstance(manifest.get("files"), dict)
    return manifest if ok and isinstance(manifest.get("built_ns"), int) else None


def _lock(lock_file: Path) -> int | None:
    """The lock's fd if we got it (non-blocking) and the file is still the one named
    there (a sweep may have removed it between our open and our lock)."""
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if os.fstat(fd).st_ino == os.stat(lock_file).st_ino:
            return fd
    except (BlockingIOError, FileNotFoundError):
        pass
    os.close(fd)
    return None


def _new_workspace(base: Path) -> Workspace:
    """As :class:`.locks.Staging`: named only once locked, so no sweep takes it."""
    name = uuid.uuid4().hex
    temporary = base / f"{name}.lock.tmp"
    fd = os.open(temporary, os.O_CREAT | os.O_RDWR | os.O_CLOEXEC, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    os.rename(temporary, base / f"{name}.lock")
    (base / name).mkdir()
    return Workspace(base / name, fd, None)


def _empty(workspace: Workspace) -> Workspace:
    """Its doctrees cannot be trusted or shared: start it afresh, keep its lock."""
    fsops.remove_tree(workspace.path)
    workspace.path.mkdir()
    return Workspace(workspace.path, workspace.fd, None)


def _candidates(base: Path) -> list[tuple[Path, dict | None]]:
    found = []
    for lock_file in base.glob("*.lock"):
        folder = base / lock_file.name.removesuffix(".lock")
        found.append((folder, _read_manifest(folder)))
    return found


def _take(base: Path, key: str, hashes: dict[str, str]) -> Workspace:
    """The free workspace of this key nearest to ``hashes``; else a new one, or the
    least useful free one emptied when the cache is full."""
    found = _candidates(base)
    same_key = [
        (sum(m["files"].get(name) == sha for name, sha in hashes.items()), folder)
        for folder, m in found
        if m is not None and m.get("key") == key
    ]
    for _, folder in sorted(same_key, reverse=True):
        fd = _lock(base / f"{folder.name}.lock")
        if fd is None:
            continue  # another publish builds in it
        manifest = _read_manifest(folder)  # again, now that it is ours
        if manifest is not None and manifest.get("key") == key:
            return Workspace(folder, fd, manifest)
        os.close(fd)
    if len(found) < WORKSPACES:
        return _new_workspace(base)
    # Unfinished ones first, then the least recently built.
    for folder, _manifest in sorted(found, key=lambda item: _built(item[1])):
        fd = _lock(base / f"{folder.name}.lock")
        if fd is not None:
            return _empty(Workspace(folder, fd, None))
    return _new_workspace(base)  # every one is busy: one more, swept later


def _built(manifest: dict | None) -> int:
    return manifest["built_ns"] if manifest else -1


def sweep(base: Path, keep: Path) -> None:
    """Bound the cache: drop workspaces without a manifest (a build killed or
    failed), then the least recently built ones beyond :data:`WORKSPACES`."""
    free, busy = [], 0
    for folder, manifest in _candidates(base):
        if folder == keep:
            continue
        fd = _lock(base / f"{folder.name}.lock")
        if fd is None:
            busy += 1  # another publish's: counted, never touched
        else:
            free.append((_built(manifest), folder, fd))
    room = WORKSPACES - 1 - busy  # ``keep`` is one
    for index, (built, folder, fd) in enumerate(sorted(free, reverse=True)):
        if built < 0 or index >= room:
            fsops.remove_tree(folder)
            fsops.remove(base / f"{folder.name}.lock")
        os.close(fd)
    now = time.time()
    for temporary in base.glob("*.lock.tmp"):
        try:
            if now - temporary.stat().st_mtime > _STALE_TMP_SECONDS:
                fsops.remove(temporary)
        except FileNotFoundError:
            continue


@contextmanager
def workspace(base: Path, key: str, hashes: dict[str, str]) -> Iterator[Workspace]:
    """Hold the best workspace for one build, then bound the cache."""
    base.mkdir(parents=True, exist_ok=True)
    held = _take(base, key, hashes)
    try:
        sweep(base, keep=held.path)
        yield held
    finally:
        held.release()
