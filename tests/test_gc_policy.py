"""The garbage-collector measures of ``deckbook.speed``: frozen only while reading."""

from __future__ import annotations

import gc
import io
import os
import sys
from pathlib import Path
from types import SimpleNamespace

from deckbook.site import build
from deckbook.speed import (
    fewer_full_collections,
    free_between_passes,
    freeze_for_writing,
    stop_freezing,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus


def test_freezing_stops_when_writing_starts():
    assert gc.get_freeze_count() == 0
    with fewer_full_collections():
        gc.collect()  # a full collection while reading freezes what survives it
        assert gc.get_freeze_count() > 0
        stop_freezing()  # write-started: written doctrees may be freed
        assert gc.get_freeze_count() == 0
        gc.collect()
        assert gc.get_freeze_count() == 0
    assert gc.get_freeze_count() == 0


def _app(waiting: dict) -> SimpleNamespace:
    """An application whose environment keeps ``waiting`` doctrees read here."""
    return SimpleNamespace(env=SimpleNamespace(_write_doc_doctree_cache=waiting))


def test_what_lives_is_frozen_as_writing_starts_where_no_doctree_waits():
    with fewer_full_collections():
        freeze_for_writing(_app({}), object())  # read in parallel, or nothing
        assert gc.get_freeze_count() > 1000
        gc.unfreeze()  # run_pass, as the pass ends


def test_nothing_is_frozen_while_doctrees_read_here_wait_to_be_written():
    with fewer_full_collections():
        gc.collect()  # frozen while reading
        freeze_for_writing(_app({"index": object()}), object())
        assert gc.get_freeze_count() == 0  # written doctrees must stay freeable
        freeze_for_writing(SimpleNamespace(env=SimpleNamespace()), object())
        assert gc.get_freeze_count() == 0  # a Sphinx without the cache: as before


def test_each_pass_freezes_while_it_reads_and_the_build_unfreezes():
    with fewer_full_collections():  # the whole build
        with fewer_full_collections():  # the book pass
            gc.collect()
            assert gc.get_freeze_count() > 0
        free_between_passes()
        assert gc.get_freeze_count() == 0
        with fewer_full_collections():  # the deck pass, reading the environment
            gc.collect()
            assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_the_thresholds_are_restored():
    before = gc.get_threshold()
    with fewer_full_collections(every=1000):
        assert gc.get_threshold()[2] == 1000
    assert gc.get_threshold() == before


def _frozen_in_a_fork() -> int:
    """How many objects a process forked now finds frozen."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report and leave at once
        os.write(write, str(gc.get_freeze_count()).encode())
        os._exit(0)
    os.close(write)
    count = int(os.read(read, 64))
    os.close(read)
    os.waitpid(pid, 0)
    return count


def test_a_process_forked_in_a_build_freezes_what_it_inherits():
    gc.unfreeze()
    assert _frozen_in_a_fork() == 0  # outside a build: as CPython does
    with fewer_full_collections():
        stop_freezing()  # writing: the parent itself freezes nothing now
        assert gc.get_freeze_count() == 0
        assert _frozen_in_a_fork() > 1000
    assert _frozen_in_a_fork() == 0


def test_a_build_freezes_the_deck_pass_for_its_writing_and_ends_unfrozen(
    tmp_path, monkeypatch
):
    """-j 1: the book reads here (nothing frozen), the deck pass reads nothing."""
    corpus.generate(tmp_path, 3)
    frozen: dict[str, int] = {}

    def spy(app, *args):
        freeze_for_writing(app, *args)
        frozen[app.builder.name] = gc.get_freeze_count()

    monkeypatch.setattr(build, "freeze_for_writing", spy)
    options = build.BuildOptions(
        tmp_path / "docs", tmp_path, tmp_path / "_build", quiet=True
    )
    options.warning_stream = io.StringIO()
    assert build.build_site(options) == 0
    assert frozen["html"] == 0
    assert frozen["revealjs"] > 1000
    assert gc.get_freeze_count() == 0
