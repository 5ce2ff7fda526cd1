"""The memory a build holds at once, all its processes together (Linux ``/proc``).

``ru_maxrss`` is the largest resident set of *one* process (the build or one of the
descendants it waited for). A build whose passes or workers run at the same time
holds the sum of theirs, and a forked worker shares pages with its parent. So this
samples, every ``interval`` seconds, the proportional set size (PSS: a page shared by
n processes counts 1/n in each) of the process and of every descendant, and keeps the
largest sum.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

PROC = Path("/proc")


def available() -> bool:
    return (PROC / "self" / "smaps_rollup").is_file()


def _parents() -> dict[int, int]:
    """Every process's parent, from ``/proc/<pid>/stat``."""
    found = {}
    for entry in os.scandir(PROC):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue  # ended meanwhile
        # "pid (name) state ppid ...": the name may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        found[int(entry.name)] = int(fields[1])
    return found


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def _pss_kb(pid: int) -> int:
    try:
        text = Path(PROC, str(pid), "smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def tree_pss_mb(root: int) -> float:
    return sum(_pss_kb(pid) for pid in _tree(root)) / 1024


class PeakTreeMemory(threading.Thread):
    """Samples ``tree_pss_mb(pid)`` until :meth:`stop`; ``peak_mb`` the largest."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_mb = 0.0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(self.interval):
            self.peak_mb = max(self.peak_mb, tree_pss_mb(self.pid))

    def stop(self) -> float:
        self._stopped.set()
        self.join()
        return self.peak_mb
