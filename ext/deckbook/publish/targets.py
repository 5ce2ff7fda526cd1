"""Where a site is published: a folder (``_site/``) or a git branch (``gh-pages``).

A target gives read-only answers without the lock (what is installed, the versions)
and a *transaction*: the lock held, a recovered :class:`~.site.Site` to change, and for
a branch one commit at the end. A branch is checked out into a scratch folder in the
repository's git directory, changed with the same crash-safe steps as a folder, then
committed with plumbing (``write-tree``, ``commit-tree``) and moved with a checked
``update-ref``: a publish killed at any moment leaves the branch at its old commit.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import fsops
from .inputs import VERSION_MARKER, read_marker
from .site import Site
from .versions import VERSIONS_JSON, PublishError, Versions

Say = Callable[[str], None]
_NO_COMMIT = "0" * 40


def git(repo: Path, *args: str, env: dict | None = None, check: bool = True) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True
    )
    if check and result.returncode:
        raise PublishError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result.stdout.strip() if result.returncode == 0 else ""


class DirTarget:
    """A folder served as is; its scratch space is ``<site>/.deckbook/``."""

    def __init__(self, root: Path):
        self.site = Site(root, root / ".deckbook")
        self.label = str(root)

    def installed(self, version: str) -> dict | None:
        # Only a listed version counts: a directory a killed publish renamed into
        # place but did not list is removed by the next transaction's recovery.
        if version not in self.versions().entries:
            return None
        return read_marker(self.site.root / version)

    def versions(self) -> Versions:
        return Versions.load(self.site.root)

    @contextmanager
    def transaction(self, message: str, say: Say) -> Iterator[Site]:
        with self.site.lock(lambda: say("waiting for another publish to finish…")):
            self.site.recover()
            yield self.site


class BranchTarget:
    """A branch of the project's repository, one commit per change (like mike)."""

    def __init__(self, project: Path, branch: str):
        if git(project, "check-ref-format", "--branch", branch, check=False) == "":
            raise PublishError(f"invalid branch name {branch!r}")
        self.repo = Path(git(project, "rev-parse", "--show-toplevel"))
        self.git_dir = Path(git(self.repo, "rev-parse", "--absolute-git-dir"))
        common = git(
            self.repo, "rev-parse", "--path-format=absolute", "--git-common-dir"
        )
        self.ref = f"refs/heads/{branch}"
        slug = re.sub(r"[^A-Za-z0-9._-]", "_", branch)
        scratch = Path(common) / "deckbook-publish" / slug
        self.site = Site(scratch / "site", scratch)
        self.index = scratch / "index"
        self.label = f"branch {branch}"

    def _show(self, path: str) -> str | None:
        text = git(self.repo, "show", f"{self.ref}:{path}", check=False)
        return text or None

    def installed(self, version: str) -> dict | None:
        text = self._show(f"{version}/{VERSION_MARKER}")
        return json.loads(text) if text else None

    def versions(self) -> Versions:
        text = self._show(VERSIONS_JSON)
        if text is None:
            return Versions()
        return Versions.parse(text, f"{self.label}:{VERSIONS_JSON}")

    @contextmanager
    def transaction(self, message: str, say: Say) -> Iterator[Site]:
        with self.site.lock(lambda: say("waiting for another publish to finish…")):
            parent = git(
                self.repo, "rev-parse", "--verify", "-q", self.ref, check=False
            )
            try:
                self._checkout(parent)
                self.site.recover()
                yield self.site
                self._commit(parent, message, say)
            finally:
                fsops.remove_tree(self.site.root)
                fsops.remove(self.index)

    def _env(self) -> dict:
        return {**os.environ, "GIT_INDEX_FILE": str(self.index)}

    def _checkout(self, parent: str) -> None:
        fsops.remove_tree(self.site.root)
        fsops.remove(self.index)
        self.site.root.mkdir(parents=True)
        if parent:
            env = self._env()
            git(self.repo, "read-tree", parent, env=env)
            prefix = f"--prefix={self.site.root}/"
            git(self.repo, "checkout-index", "-a", "-f", prefix, env=env)

    def _commit(self, parent: str, message: str, say: Say) -> None:
        env = self._env()
        work = [f"--git-dir={self.git_dir}", f"--work-tree={self.site.root}"]
        # -f: the user's ignore rules are about sources, not about a built site.
        git(self.site.root, *work, "add", "-A", "-f", ".", env=env)
        tree = git(self.site.root, *work, "write-tree", env=env)
        if parent and tree == git(self.repo, "rev-parse", f"{parent}^{{tree}}"):
            say(f"{self.label}: nothing changed, no commit")
            return
        env.update(_identity(self.repo))
        args = ["commit-tree", tree, "-m", message, *(["-p", parent] if parent else [])]
        commit = git(self.repo, *args, env=env)
        git(
            self.repo,
            "update-ref",
            "-m",
            message,
            self.ref,
            commit,
            parent or _NO_COMMIT,
        )
        say(f"{self.label}: committed {commit[:12]} ({message})")


def _identity(repo: Path) -> dict:
    """A committer for machines with no git identity (CI), used only then."""
    if git(repo, "var", "GIT_COMMITTER_IDENT", check=False):
        return {}
    name, email = "deckbook publish", "deckbook@localhost"
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }
