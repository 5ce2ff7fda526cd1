"""The deck pass in a process of its own, beside the book pass's writing.

    python -m deckbook.site.deck_child RESULT MODULES < pickled (options, write_all)

Started by :class:`deckbook.site.build.DecksBeside`, as the book pass begins reading
(when it reads few pages) or begins writing. It imports the modules MODULES names
(one a line: what the book's extensions loaded), then waits for its work, sent once
the book pass has read every page (its environment and doctrees are on disk, copied
into the deck pass's folder); no work (the book failed, or the decks follow it) ends
it. A new interpreter rather than a fork: the book pass's heap (every doctree it
holds until written) is not the deck pass's to scan or copy. What the pass prints
and warns goes to this process's standard output and error, which the book's
process relays, after its own, as a build one pass after the other would print
them. The outcome, the pass's status or the exception it raised, is pickled into
RESULT.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import io
import os
import pickle
import sys
import traceback
import warnings
from pathlib import Path

from .build import run_deck_pass

NICER = 10  # added to this process's nice value


def _outcome(options, write_all: bool) -> tuple[str, object]:
    try:
        # CPython's own collector policy, not speed.py's fewer full collections:
        # the book pass writes longer than this one, so the time the collector
        # takes here is no wait, and the doctrees written are freed sooner
        # (the build's processes together: 410 → 370 MB at 600 pages).
        return "status", run_deck_pass(options, write_all, fewer_collections=False)
    except BaseException as error:  # the book's process raises it
        try:
            pickle.dumps(error)
        except Exception:  # an exception that cannot travel
            error = RuntimeError("".join(traceback.format_exception(error)))
        return "error", error


def _import(names: list[str]) -> None:
    """The modules the book's extensions loaded, imported while the book reads:
    what the deck pass's application would import first. One that cannot be
    imported here is left to that application, which says why. What they warn or
    print as they are imported, the book pass has shown already (or hid:
    posts/blog_meta.py)."""
    quiet = io.StringIO()
    with (
        warnings.catch_warnings(),
        contextlib.redirect_stdout(quiet),
        contextlib.redirect_stderr(quiet),
    ):
        warnings.simplefilter("ignore")
        for name in names:
            try:
                importlib.import_module(name)
            except Exception:  # left to the application (see the docstring)
                continue


def main(argv: list[str]) -> int:
    # Behind the book's readers for the cores: the book is what a build waits for.
    if hasattr(os, "nice"):
        os.nice(NICER)
    _import(Path(argv[1]).read_text(encoding="utf-8").split())
    try:
        options, write_all = pickle.load(sys.stdin.buffer)
    except EOFError:
        return 0  # the book pass gave no work: its decks follow it, or it failed
    outcome = _outcome(options, write_all)
    Path(argv[0]).write_bytes(pickle.dumps(outcome))
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # the decks are written: let the OS free the memory, not a collection
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
