"""The build step: one ``python -m deckbook build`` subprocess per version.

The version is passed as ``-D deckbook_version=<name>``, the only build-time input the
version switcher needs (everything else is read from ``versions.json`` at run time), so
publishing a new version never rebuilds the others. A git ref is checked out with
``read-tree``/``checkout-index`` into the staging folder, and built with its own
``conf.py`` and sources by the Deckbook that runs ``publish``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import subprocess
import sys
from pathlib import Path

from .inputs import PACKAGE
from .targets import git
from .versions import PublishError

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def resolve_ref(project: Path, ref: str) -> str:
    """The commit ``ref`` names, or an error before anything is touched."""
    commit = git(
        project, "rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False
    )
    if not commit:
        raise PublishError(f"{ref!r} is not a commit, branch or tag in {project}")
    return commit


def export(project: Path, commit: str, into: Path) -> Path:
    """Check ``commit`` out into ``into``; returns where ``project`` is inside it."""
    top = Path(git(project, "rev-parse", "--show-toplevel"))
    prefix = git(project, "rev-parse", "--show-prefix")
    env = {**os.environ, "GIT_INDEX_FILE": str(into.parent / f"{into.name}.index")}
    git(top, "read-tree", commit, env=env)
    git(top, "checkout-index", "-a", "-f", f"--prefix={into}/", env=env)
    return into / prefix


def _die_with_parent(parent: int):
    """For the child: a killed ``publish`` takes its build down with it (Linux)."""
    prctl = None
    if sys.platform.startswith("linux"):
        prctl = ctypes.CDLL(ctypes.util.find_library("c") or None).prctl

    def in_child() -> None:
        if prctl is not None:
            prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(1)

    return in_child


def build_command(
    source: Path,
    confdir: Path,
    out: Path,
    version: str,
    overrides: list[tuple[str, str]],
    strict: bool,
    doctrees: Path | None = None,
) -> list[str]:
    command = [sys.executable, "-m", "deckbook", "build", str(source)]
    command += ["-c", str(confdir), "-o", str(out), "-q"]
    if doctrees is not None:  # a cache workspace's (doctree_cache.py)
        command += ["-d", str(doctrees)]
    command += ["-D", f"deckbook_version={version}"]
    for name, value in overrides:
        command += ["-D", f"{name}={value}"]
    if strict:
        command += ["-W", "--keep-going"]
    return command


def run_build(
    command: list[str], cwd: Path, keep_fd: int, also: tuple[int, ...] = ()
) -> None:
    """Run one build; ``keep_fd`` (the staging lock) and the locks in ``also`` stay
    held while it runs."""
    path = [str(PACKAGE.parent), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    status = subprocess.run(
        command,
        cwd=cwd,
        env=env,
        pass_fds=(keep_fd, *also),
        preexec_fn=_die_with_parent(os.getpid()),
    ).returncode
    if status:
        raise PublishError(f"the build failed (exit status {status}); site unchanged")
