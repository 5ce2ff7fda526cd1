"""The garbage-collector measures of ``deckbook.speed``: frozen only while reading."""

from __future__ import annotations

import gc

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
