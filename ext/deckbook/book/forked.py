"""Work done in a forked process beside the build's main one, and joined later.

Once the book's last page is written, two finishing steps read the whole output back
on the build's critical path, one after the other: the FontAwesome subset
(``book/lean_icons.py``) and the trimmed stylesheets (``book/lean_css.py``). Neither
needs the other's result, and with two cores the deck pass has long ended by then,
so the subset runs in a process forked from the book's, while the book's own
process trims; the last ``build-finished`` handler waits for it.

Only where it is worth a process and safe to fork: a build that may use several
processes (``-j`` above 1), a process with no other thread (a forked thread's lock
would never be released: the live preview's server threads), and work large enough
(the caller says). Otherwise the work runs at once, in the build's own process.

Either way its failure comes back as a message for the caller's warning, never a
traceback, and the rest of the build goes on.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

# (the application, the work's name) → the child's pid and the pipe its failure
# comes by; or, for work done at once, its failure (None when it did not fail).
_started: dict[tuple[int, str], tuple[int, int] | str | None] = {}


def can_fork(app: Sphinx) -> bool:
    return (
        hasattr(os, "fork")
        and getattr(app, "parallel", 1) > 1
        and threading.active_count() == 1
    )


def start(app: Sphinx, name: str, work: Callable[[], None], in_a_fork: bool) -> None:
    """Run ``work`` beside this process if ``in_a_fork`` (and :func:`can_fork`);
    else now. :func:`join` says how it went."""
    key = (id(app), name)
    join(app, name)  # a previous build's, never joined (it raised)
    if not (in_a_fork and can_fork(app)):
        _started[key] = _failure_of(work)
        return
    read, write = os.pipe()
    _flush_standard_streams()  # else the child could write the parent's buffer again
    pid = os.fork()
    if pid == 0:  # the child: do the work, say how it failed, leave at once
        os.close(read)
        failure = _failure_of(work)
        if failure:
            os.write(write, failure.encode("utf-8", errors="replace"))
        os._exit(1 if failure else 0)  # no clean-up: the parent's objects are its
    os.close(write)
    _started[key] = (pid, read)


def join(app: Sphinx, name: str) -> str | None:
    """Wait for the work; its failure, None if it did not fail or never started."""
    started = _started.pop((id(app), name), None)
    if not isinstance(started, tuple):
        return started
    pid, read = started
    with os.fdopen(read, "rb") as pipe:
        message = pipe.read().decode("utf-8", errors="replace")
    _, status = os.waitpid(pid, 0)
    if status and not message:
        message = f"the process ended with status {os.waitstatus_to_exitcode(status)}"
    return message or None


def _flush_standard_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):
            stream.flush()


def _failure_of(work: Callable[[], None]) -> str | None:
    try:
        work()
    except Exception as error:  # reported as a warning by the caller
        return f"{type(error).__name__}: {error}"
    return None
