"""The garbage-collector measures of ``deckbook.speed``: frozen only while reading."""

from __future__ import annotations

import gc
import os

from deckbook.speed import fewer_full_collections, free_between_passes, stop_freezing


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
