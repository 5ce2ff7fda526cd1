"""The garbage-collector measures of ``deckbook.speed``: frozen only while reading."""

from __future__ import annotations

import gc
import io
import os
import sys
import weakref
from pathlib import Path
from types import SimpleNamespace

from deckbook import speed
from deckbook.site import build
from deckbook.speed import (
    FREEZE_FOR,
    fewer_full_collections,
    free_between_passes,
    freeze_before_writing,
    freeze_for_writing,
    pass_over,
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


def test_what_lives_is_frozen_as_many_pages_are_written_where_no_doctree_waits():
    with fewer_full_collections():
        freeze_for_writing(_app({}), object())  # read in parallel, or nothing
        assert gc.get_freeze_count() == 0  # the builder does, knowing how many pages
        freeze_before_writing(FREEZE_FOR)
        assert gc.get_freeze_count() > 1000
        pass_over()  # run_pass, as the pass ends
        assert gc.get_freeze_count() == 0


def test_a_few_pages_are_not_worth_the_collection_before_a_freeze():
    with fewer_full_collections():
        freeze_for_writing(_app({}), object())
        freeze_before_writing(FREEZE_FOR - 1)  # a one-page edit, a publish from cache
        assert gc.get_freeze_count() == 0
        freeze_before_writing(FREEZE_FOR)  # asked once a pass: this is another
        assert gc.get_freeze_count() == 0
        freeze_for_writing(_app({}), object())
        pass_over()  # a pass that wrote nothing: the next pass's builder is not asked
        freeze_before_writing(FREEZE_FOR)
        assert gc.get_freeze_count() == 0


def test_nothing_is_frozen_while_doctrees_read_here_wait_to_be_written():
    with fewer_full_collections():
        gc.collect()  # frozen while reading
        freeze_for_writing(_app({"index": object()}), object())
        freeze_before_writing(FREEZE_FOR)
        assert gc.get_freeze_count() == 0  # written doctrees must stay freeable
        freeze_for_writing(SimpleNamespace(env=SimpleNamespace()), object())
        freeze_before_writing(FREEZE_FOR)
        assert gc.get_freeze_count() == 0  # a Sphinx without the cache: as before


def test_each_pass_freezes_while_it_reads_and_the_build_unfreezes():
    with fewer_full_collections():  # the whole build
        with fewer_full_collections():  # the book pass
            gc.collect()
            assert gc.get_freeze_count() > 0
        free_between_passes(FREEZE_FOR)
        assert gc.get_freeze_count() == 0
        with fewer_full_collections():  # the deck pass, reading the environment
            gc.collect()
            assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


class _Pass:
    """A pass's application: garbage in a cycle, which only a collection frees."""

    def __init__(self) -> None:
        self.itself = self


def _old_garbage() -> weakref.ref:
    finished = _Pass()
    gc.collect()  # it survives one: old, as a whole pass's application is
    found = weakref.ref(finished)
    del finished
    return found


def test_between_passes_the_first_is_freed_if_it_read_many_pages():
    with fewer_full_collections():
        book = _old_garbage()
        free_between_passes(FREEZE_FOR - 1)  # a one-page edit: not worth 70 ms
        assert book() is not None
        free_between_passes(FREEZE_FOR)
        assert book() is None


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
    frozen: list[tuple[int, int]] = []  # (pages, objects frozen), a pass after another

    def spy(pages):
        freeze_before_writing(pages)
        frozen.append((pages, gc.get_freeze_count()))

    monkeypatch.setattr(speed, "freeze_before_writing", spy)
    options = build.BuildOptions(
        tmp_path / "docs", tmp_path, tmp_path / "_build", quiet=True
    )
    options.warning_stream = io.StringIO()
    monkeypatch.setattr(speed, "FREEZE_FOR", 1)  # a small site: every page counts
    assert build.build_site(options) == 0
    (book_pages, book_frozen), (deck_pages, deck_frozen) = frozen
    assert book_pages > 3 and book_frozen == 0
    assert deck_pages >= 1 and deck_frozen > 1000
    assert gc.get_freeze_count() == 0
    # The next build writes only the decks of an edited page: not worth a freeze.
    frozen.clear()
    monkeypatch.setattr(speed, "FREEZE_FOR", 50)
    deck = next((tmp_path / "docs" / "decks").rglob("*-*.md"))
    deck.write_text(deck.read_text("utf-8") + "\n\n편집.\n", "utf-8")
    assert build.build_site(options) == 0
    assert [frozen_count for _, frozen_count in frozen] == [0, 0]
