"""Work beside the build (``deckbook/book/forked.py``): the FontAwesome subset of a
build that may use two processes is made in a forked one while the stylesheets are
trimmed, the same fonts as in one process; its failure is a warning.

A build forks only in a process with no other thread, and a pytest-xdist worker
has its own: what must fork runs in a new interpreter (:func:`sites.run_python`)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from deckbook.book import forked, lean_icons

from .sites import build_with_warnings, copy_root, run_python

WHOLE_FONTS = lean_icons.THEME_STATIC / lean_icons.FONTS


def _fonts(book: Path) -> dict[str, bytes]:
    fonts = book / "_static" / lean_icons.FONTS
    return {path.name: path.read_bytes() for path in sorted(fonts.glob("*.woff2"))}


def build_recording_pids(srcdir: str, jobs: int, log: str, broken: bool) -> None:
    """Run by :func:`_build_alone`, in its new interpreter: build with the subset's
    process recorded in ``log`` (and failing if ``broken``); print how it went."""
    original = lean_icons._write_subsets

    def recorded(*args):
        with open(log, "a") as file:
            file.write(f"{os.getpid()}\n")
        if broken:
            raise RuntimeError("no room <left>")
        original(*args)

    lean_icons._write_subsets = recorded
    # The fixture site is small: any number of pages is worth a process here.
    lean_icons.FORK_AT = 1
    options, status, warnings = build_with_warnings(Path(srcdir), jobs)
    report = {"pid": os.getpid(), "status": status, "warnings": warnings}
    print(json.dumps({**report, "book": str(options.book_dir)}))


def _build_alone(srcdir: Path, jobs: int, broken: bool = False):
    """Build in a new interpreter: (book folder, status, warnings, whether the subset
    was made in a process other than the build's)."""
    log = srcdir.parent / f"{srcdir.name}-pids"
    log.touch()
    arguments = f"{str(srcdir)!r}, {jobs}, {str(log)!r}, {broken}"
    printed = run_python(
        f"from tests.test_forked import build_recording_pids as build\n"
        f"build({arguments})"
    )
    report = json.loads(printed.splitlines()[-1])
    (subset_pid,) = [int(pid) for pid in log.read_text().split()]
    beside = subset_pid != report["pid"]
    return Path(report["book"]), report["status"], report["warnings"], beside


def test_two_jobs_subset_the_fonts_in_a_fork_the_same(tmp_path):
    serial, status, warnings, beside = _build_alone(
        copy_root("search-ko", tmp_path / "one"), 1
    )
    assert (status, warnings, beside) == (0, "", False)
    parallel, status, warnings, beside = _build_alone(
        copy_root("search-ko", tmp_path / "two"), 2
    )
    assert (status, warnings) == (0, "")
    assert beside  # made in another process...
    assert _fonts(parallel) == _fonts(serial)  # ...and waited for: the same fonts
    whole = (WHOLE_FONTS / "fa-solid-900.woff2").stat().st_size
    assert len(_fonts(parallel)["fa-solid-900.woff2"]) < whole / 5


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failed_subset_is_a_warning_and_the_build_goes_on(tmp_path, jobs):
    book, status, warnings, beside = _build_alone(
        copy_root("search-ko", tmp_path), jobs, broken=True
    )
    assert status == 0
    assert beside is (jobs == 2)
    assert "deckbook: the FontAwesome fonts were not subset: " in warnings
    assert "RuntimeError: no room <left> [deckbook.icons]" in warnings
    assert "Traceback" not in warnings
    assert (book / "index.html").is_file()
    # The theme's whole font stays: every icon still shows.
    whole = (WHOLE_FONTS / "fa-solid-900.woff2").read_bytes()
    assert _fonts(book)["fa-solid-900.woff2"] == whole


def _app(parallel: int) -> SimpleNamespace:
    return SimpleNamespace(parallel=parallel)


def test_work_runs_here_unless_a_fork_is_worth_it():
    ran_in: list[int] = []
    for app, worth_it in ((_app(1), True), (_app(2), False)):
        forked.start(app, "work", lambda: ran_in.append(os.getpid()), worth_it)
        assert forked.join(app, "work") is None
    assert ran_in == [os.getpid()] * 2


def test_no_fork_beside_another_thread():
    # The live preview's server: a forked copy of its locks could never be released.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.can_fork(_app(2))
    finally:
        stop.set()
        thread.join()


FORK_AND_FAIL = """
import os
from types import SimpleNamespace
from deckbook.book import forked
app = SimpleNamespace(parallel=2)
parent = os.getpid()
print(forked.can_fork(app))
forked.start(app, "work", lambda: print(os.getpid() != parent, flush=True), True)
print(forked.join(app, "work"))
forked.start(app, "work", lambda: 1 / 0, True)
print(forked.join(app, "work"))
print(forked.join(app, "work"))
"""


def test_a_fork_reports_how_it_failed():
    lines = run_python(FORK_AND_FAIL).splitlines()
    assert lines == [
        "True",  # a single thread, two jobs: it may fork
        "True",  # the work ran in another process
        "None",  # and did not fail
        "ZeroDivisionError: division by zero",
        "None",  # joined once
    ]
