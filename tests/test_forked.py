"""Work beside the build (``deckbook/_forked.py``): the FontAwesome subset of a build
that may use two processes is made in a forked one while the stylesheets are
trimmed, the same fonts as in one process; its failure is a warning."""

from __future__ import annotations

import dataclasses
import io
import os
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from deckbook import _forked
from deckbook.book import lean_icons
from deckbook.site.build import build_site

from .sites import copy_root, site_options


def _fonts(book: Path) -> dict[str, bytes]:
    fonts = book / "_static" / lean_icons.FONTS
    return {path.name: path.read_bytes() for path in sorted(fonts.glob("*.woff2"))}


def _build(srcdir: Path, jobs: int) -> tuple[Path, int, str]:
    warnings = io.StringIO()
    options = dataclasses.replace(
        site_options(srcdir), jobs=jobs, warning_stream=warnings
    )
    return options.book_dir, build_site(options), warnings.getvalue()


@pytest.fixture
def subset_where(monkeypatch, tmp_path):
    """Where ``_write_subsets`` ran: the pid of each call, from any process."""
    log = tmp_path / "pids"
    original = lean_icons._write_subsets

    def recorded(*args):
        with log.open("a") as file:
            file.write(f"{os.getpid()}\n")
        original(*args)

    monkeypatch.setattr(lean_icons, "_write_subsets", recorded)
    # The fixture site is small: any number of pages is worth a process here.
    monkeypatch.setattr(lean_icons, "FORK_AT", 1)
    return lambda: [int(pid) for pid in log.read_text().split()]


def test_two_jobs_subset_the_fonts_in_a_fork_the_same(tmp_path, subset_where):
    serial, status, warnings = _build(copy_root("search-ko", tmp_path / "one"), 1)
    assert (status, warnings) == (0, "")
    assert subset_where() == [os.getpid()]
    parallel, status, warnings = _build(copy_root("search-ko", tmp_path / "two"), 2)
    assert (status, warnings) == (0, "")
    (_, beside) = subset_where()
    assert beside != os.getpid()  # made in another process...
    assert _fonts(parallel) == _fonts(serial)  # ...and waited for: the same fonts
    whole = lean_icons.THEME_STATIC / lean_icons.FONTS
    assert len(_fonts(parallel)["fa-solid-900.woff2"]) < (
        (whole / "fa-solid-900.woff2").stat().st_size / 5
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failed_subset_is_a_warning_and_the_build_goes_on(
    tmp_path, monkeypatch, jobs
):
    def broken(*args):
        raise RuntimeError("no room <left>")

    monkeypatch.setattr(lean_icons, "_write_subsets", broken)
    monkeypatch.setattr(lean_icons, "FORK_AT", 1)
    book, status, warnings = _build(copy_root("search-ko", tmp_path), jobs)
    assert status == 0
    assert "deckbook: the FontAwesome fonts were not subset: " in warnings
    assert "RuntimeError: no room <left> [deckbook.icons]" in warnings
    assert "Traceback" not in warnings
    assert (book / "index.html").is_file()
    whole = lean_icons.THEME_STATIC / lean_icons.FONTS
    assert _fonts(book)["fa-solid-900.woff2"] == (
        (
            whole / "fa-solid-900.woff2"
        ).read_bytes()  # the theme's whole font: icons show
    )


def _app(parallel: int) -> SimpleNamespace:
    return SimpleNamespace(parallel=parallel)


def test_work_runs_here_unless_a_fork_is_worth_it_and_safe():
    ran_in: list[int] = []
    for app, worth_it in ((_app(1), True), (_app(2), False)):
        _forked.start(app, "work", lambda: ran_in.append(os.getpid()), worth_it)
        assert _forked.join(app, "work") is None
    assert ran_in == [os.getpid()] * 2
    # Another thread (the live preview's server): a forked copy of its locks could
    # never be released.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not _forked.can_fork(_app(2))
    finally:
        stop.set()
        thread.join()
    assert _forked.can_fork(_app(2))


def test_a_fork_reports_how_it_failed(tmp_path):
    app = _app(2)
    _forked.start(app, "work", lambda: (tmp_path / "done").write_text("x"), True)
    assert _forked.join(app, "work") is None
    assert (tmp_path / "done").read_text() == "x"
    _forked.start(app, "work", lambda: 1 / 0, True)
    assert _forked.join(app, "work") == "ZeroDivisionError: division by zero"
    assert _forked.join(app, "work") is None  # joined once
