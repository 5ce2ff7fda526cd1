"""The published site on disk, and every change to it in a crash-safe order.

Layout (``root`` is what the web server serves; ``scratch`` is on the same file
system, so renames between them are atomic)::

    root/versions.json            the versions, in pydata-sphinx-theme's format
    root/index.html               redirect to the default version
    root/<version>/               the book, its decks in slides/, .deckbook-inputs.json
    root/<alias>/                 redirect stubs, .deckbook-alias.json
    scratch/lock                  held by the one process changing the site
    scratch/staging/<id>[.lock]   builds in progress, each under its own lock
    scratch/trash/                directories on their way out
    scratch/swap.json             journal of a two-rename swap (no renameat2 only)

The guarantees, for a publishing process killed at any instant (SIGKILL, OOM, Ctrl-C)
and for any number of concurrent publishes:

1. ``versions.json`` is always a complete, valid file (replaced by rename, never
   written in place).
2. Every version it lists has its complete directory at every instant: a new version
   is renamed into place before it is listed; a replaced one is swapped with
   ``renameat2(RENAME_EXCHANGE)``; a deleted one is unlisted before it is removed.
   Without ``renameat2`` (not Linux, or a file system without it) a replacement is
   two renames, and for the instant between them the old directory is in the trash;
   a kill there leaves a journal, and the next run puts the old directory back.
3. Every alias it lists has stubs pointing into a version directory that exists, and
   ``index.html`` redirects to one (for an instant, possibly the previous default).
   When a version is rebuilt without a page it had, that page's stubs point nowhere
   until the same run regenerates the alias, right after the swap.
4. Directories may exist unlisted for an instant (a new version not yet listed, a
   deleted one not yet removed); :meth:`Site.recover`, which every change runs first
   under the lock, removes them, so after any completed run the listed versions and
   aliases are exactly the directories present.
5. Changes are serialised by ``scratch/lock``; builds run in parallel in their own
   staging folders. Two publishes of the same version: the last to lock wins.

Not covered: power loss or a kernel crash, where the file system's own ordering
decides (built files are not fsynced before their directory is renamed into place).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from . import fsops, locks
from .inputs import VERSION_MARKER, read_marker
from .stubs import ALIAS_MARKER, read_alias_marker, root_page, write_alias
from .versions import VERSIONS_JSON, PublishError, Versions


class Site:
    def __init__(self, root: Path, scratch: Path):
        self.root = root
        self.scratch = scratch
        self.trash = scratch / "trash"
        self.journal = scratch / "swap.json"
        # None: probe on first use; tests force False to exercise the fallback.
        self.atomic_exchange: bool | None = None

    # -- locks and staging -------------------------------------------------------

    def lock(self, on_wait=None):
        return locks.hold(self.scratch / "lock", on_wait)

    def staging(self) -> locks.Staging:
        return locks.Staging(self.scratch / "staging")

    # -- recovery ------------------------------------------------------------

    def recover(self) -> Versions:
        """Undo what a killed publish left; call with the lock held, before changes."""
        self.root.mkdir(parents=True, exist_ok=True)
        self._finish_swap()
        self._empty_trash()
        locks.sweep_staging(self.scratch / "staging")
        for folder in (self.root, self.scratch):
            for leftover in folder.glob(".*.tmp"):
                if fsops.TEMPORARY.fullmatch(leftover.name):
                    fsops.remove(leftover)  # a write_atomically() cut short
        versions = Versions.load(self.root)
        for version in list(versions.entries):
            if read_marker(self.root / version) is None:  # removed by hand
                versions.remove(version)
        self.apply(versions)
        return versions

    def _finish_swap(self) -> None:
        """A two-rename swap was cut between its renames: put the old one back."""
        if not self.journal.exists():
            return
        swap = json.loads(self.journal.read_text(encoding="utf-8"))
        target, old = self.root / swap["target"], self.trash / swap["old"]
        if not target.exists() and old.exists():
            fsops.move(old, target)
        fsops.remove(self.journal)

    # -- changes ---------------------------------------------------------------

    def install(self, version: str, built: Path) -> None:
        """Put a complete build at ``root/<version>`` (still unlisted if new)."""
        target = self.root / version
        if target.exists():
            self._check_ours(target, VERSION_MARKER)
            self._replace(built, target)
        else:
            fsops.move(built, target)

    def apply(self, versions: Versions) -> None:
        """Make the site match ``versions``: stubs first, then the list, then cleanup.

        Each step leaves the invariant true: stubs only ever point into version
        directories that already exist, and what the new list no longer names is
        removed only after the list is saved.
        """
        for alias, version in sorted(versions.aliases().items()):
            self._sync_alias(alias, version)
        text = json.dumps(versions.to_json(), indent=2, ensure_ascii=False) + "\n"
        self._write_if_changed(self.root / VERSIONS_JSON, text)
        if versions.default:
            self._write_if_changed(
                self.root / "index.html", root_page(versions.default)
            )
        else:
            fsops.remove(self.root / "index.html")
        # GitHub Pages would hide _static/ and friends from a Jekyll build.
        self._write_if_changed(self.root / ".nojekyll", "")
        self._drop_unlisted(versions)
        self._empty_trash()

    def check_free(self, name: str, marker: str) -> None:
        """Refuse early when ``root/<name>`` exists and is not ours to replace."""
        if (self.root / name).exists():
            self._check_ours(self.root / name, marker)

    # -- steps -------------------------------------------------------------------

    def _check_ours(self, path: Path, marker: str) -> None:
        if not (path / marker).is_file():
            raise PublishError(f"{path} exists and was not written by deckbook publish")

    def _replace(self, new: Path, target: Path) -> None:
        """``new`` takes ``target``'s place; the old directory goes to the trash."""
        if self.atomic_exchange is None:
            self.atomic_exchange = fsops.can_exchange(self.scratch)
        if self.atomic_exchange:
            fsops.exchange(new, target)
            self._to_trash(new)
            return
        # Two renames with a journal: a reader may miss ``target`` for the instant
        # between them; a kill in between is rolled back by _finish_swap().
        self.trash.mkdir(parents=True, exist_ok=True)
        old = uuid.uuid4().hex
        swap = {"target": target.name, "old": old}
        fsops.write_atomically(self.journal, json.dumps(swap))
        fsops.move(target, self.trash / old)
        fsops.move(new, target)
        fsops.remove(self.journal)

    def _sync_alias(self, alias: str, version: str) -> None:
        folder = self.root / alias
        build = (read_marker(self.root / version) or {}).get("build")
        if folder.exists():
            self._check_ours(folder, ALIAS_MARKER)
            if read_alias_marker(folder) == {"version": version, "build": build}:
                return
        with self.staging() as staging:
            stubs = staging.path / "alias"
            stubs.mkdir()
            write_alias(stubs, version, self.root / version, build)
            if folder.exists():
                self._replace(stubs, folder)
            else:
                fsops.move(stubs, folder)

    def _drop_unlisted(self, versions: Versions) -> None:
        listed = {
            VERSION_MARKER: set(versions.entries),
            ALIAS_MARKER: versions.aliases(),
        }
        for child in sorted(self.root.iterdir()):
            if not child.is_dir() or child == self.scratch:
                continue
            for marker, names in listed.items():
                if (child / marker).is_file() and child.name not in names:
                    self._to_trash(child)
                    break

    def _to_trash(self, path: Path) -> None:
        self.trash.mkdir(parents=True, exist_ok=True)
        fsops.move(path, self.trash / uuid.uuid4().hex)

    def _empty_trash(self) -> None:
        if self.trash.is_dir():
            for path in list(self.trash.iterdir()):
                fsops.remove_tree(path)

    def _write_if_changed(self, path: Path, text: str) -> None:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            fsops.write_atomically(path, text)
