"""With more than one job the deck pass writes beside the book pass, in a process of
its own, and the build is what one pass after the other makes (site/build.py)."""

from __future__ import annotations

import dataclasses
import io
import os
import sys

import pytest
from PIL import Image
from sphinx.errors import ExtensionError, SphinxWarning

from deckbook.site.build import BuildOptions, DecksBeside, build_site
from deckbook.site.deck_doctrees import deck_doctrees
from tests.sites import build_with_warnings, copy_root, modules_loaded_by, site_options


def _build(srcdir, jobs: int, **overrides) -> tuple[int, str, BuildOptions]:
    options, status, warnings = build_with_warnings(srcdir, jobs, **overrides)
    return status, warnings, options


def _passes(srcdir) -> dict[tuple[str, str], tuple[int, int]]:
    """(builder, event) → (pid, time) of the last build, from the fixture's log."""
    found = {}
    for line in (srcdir / "passes.log").read_text(encoding="utf-8").splitlines():
        builder, event, pid, when = line.split()
        found[builder, event] = int(pid), int(when)
    return found


def test_with_two_jobs_the_decks_are_written_while_the_book_is(tmp_path):
    srcdir = copy_root("beside", tmp_path)
    status, _, options = _build(srcdir, jobs=2, fixture_wait_for_decks=True)
    assert status == 0
    passes = _passes(srcdir)
    book_pid, book_done = passes["html", "finished"]
    deck_pid, deck_started = passes["revealjs", "started"]
    assert book_pid == os.getpid() and deck_pid != book_pid
    assert deck_started < book_done  # beside, not after
    assert "written at the same time" in (options.decks_dir / "index.html").read_text(
        encoding="utf-8"
    )


def _page_writers(srcdir) -> set[int]:
    lines = (srcdir / "passes.log").read_text(encoding="utf-8").splitlines()
    return {int(line.split()[2]) for line in lines if line.startswith("html page:")}


@pytest.mark.parametrize(("jobs", "in_main_only"), [(2, True), (3, False)])
def test_beside_the_decks_two_jobs_write_the_book_in_its_main_process(
    tmp_path, jobs, in_main_only
):
    """A core for each pass; with more, Sphinx's write workers write book pages."""
    srcdir = copy_root("beside", tmp_path)
    for number in range(12):
        (srcdir / f"page{number}.md").write_text(f"# Page {number}\n", "utf-8")
    assert _build(srcdir, jobs)[0] == 0
    assert (_page_writers(srcdir) == {os.getpid()}) is in_main_only


def _deck_process_starts(monkeypatch, srcdir) -> list[bool]:
    """For each deck process started: whether the book had begun writing."""
    starts = []
    prepare = DecksBeside.prepare

    def spy(self):
        if self.process is None:
            log = (srcdir / "passes.log").read_text(encoding="utf-8")
            starts.append("html writing" in log.split("html started")[-1])
        prepare(self)

    monkeypatch.setattr(DecksBeside, "prepare", spy)
    return starts


def test_a_rebuild_of_few_pages_starts_the_deck_process_as_the_book_reads(
    tmp_path, monkeypatch
):
    """A full read starts it at the book's writing (the readers' memory peaks
    then); a read of few pages at once, to hide its start-up. The decks are the
    same either way."""
    srcdir = copy_root("beside", tmp_path)
    for number in range(4):
        (srcdir / f"page{number}.md").write_text(f"# Page {number}\n", "utf-8")
    starts = _deck_process_starts(monkeypatch, srcdir)
    assert _build(srcdir, jobs=2)[0] == 0
    assert starts == [True]  # all pages read: at the writing
    index = srcdir / "index.md"
    index.write_text(index.read_text("utf-8") + "\nAn edit.\n", encoding="utf-8")
    status, _, options = _build(srcdir, jobs=2)
    assert status == 0
    assert starts == [True, False]  # one page of five: as the book began reading
    deck = (options.decks_dir / "index.html").read_text(encoding="utf-8")
    assert "An edit." in deck


def test_a_deck_process_started_early_stops_when_the_book_fails(tmp_path, monkeypatch):
    """The book fails before it writes: the deck process gets no work, and no deck
    is written (as one pass after the other)."""
    srcdir = copy_root("beside", tmp_path)
    for number in range(4):
        (srcdir / f"page{number}.md").write_text(f"# Page {number}\n", "utf-8")
    starts = _deck_process_starts(monkeypatch, srcdir)
    assert _build(srcdir, jobs=2)[0] == 0
    deck = srcdir / "_build" / "html" / "slides" / "index.html"
    deck.unlink()
    index = srcdir / "index.md"
    index.write_text(index.read_text("utf-8") + "\n{unknown-role}`x`\n", "utf-8")
    options = dataclasses.replace(
        site_options(srcdir), jobs=2, exception_on_warning=True
    )
    options.warning_stream = io.StringIO()
    with pytest.raises(SphinxWarning, match="unknown-role"):
        build_site(options)
    assert starts == [True, False]  # the second as the book began reading
    assert not deck.exists()


def test_with_one_job_the_decks_follow_the_book_in_one_process(tmp_path):
    srcdir = copy_root("beside", tmp_path)
    assert _build(srcdir, jobs=1)[0] == 0
    passes = _passes(srcdir)
    assert passes["revealjs", "started"][0] == os.getpid()
    assert passes["revealjs", "started"][1] > passes["html", "finished"][1]


def test_what_the_deck_pass_warns_follows_what_the_book_warns(tmp_path):
    """The same warnings in the same order as one pass after the other: the book's
    (the missing picture, the reference), then the deck's (the reference: the
    picture is warned once, as the deck pass does not read the page again)."""
    _, one_by_one, _ = _build(copy_root("beside", tmp_path / "one"), 1, nitpicky=True)
    _, beside, _ = _build(copy_root("beside", tmp_path / "two"), 2, nitpicky=True)
    lines = [line for line in beside.splitlines() if "WARNING" in line]
    assert [line.split(":", 1)[1] for line in lines] == [
        line.split(":", 1)[1] for line in one_by_one.splitlines() if "WARNING" in line
    ]
    assert "missing.png" in lines[0]
    assert [("NoSuchClass" in line) for line in lines] == [False, True, True]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_deck_follows_its_included_file_and_its_picture(tmp_path, jobs):
    """The book reads a page again when a file it includes changes, or its missing
    picture appears, though its source is as it was: its deck is written again too
    (Sphinx writes a deck only for a newer source), from the book's doctree."""
    srcdir = copy_root("beside", tmp_path)
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text("utf-8") + '\nexclude_patterns = ["part.md"]\n',
        "utf-8",
    )
    index = srcdir / "index.md"
    text = index.read_text("utf-8")
    index.write_text(text + "\n```{include} part.md\n```\n", "utf-8")
    (srcdir / "part.md").write_text("The first included words.\n", "utf-8")
    status, _, options = _build(srcdir, jobs)
    assert status == 0
    deck = options.decks_dir / "index.html"
    assert "The first included words." in deck.read_text("utf-8")
    source_time = index.stat().st_mtime_ns
    (srcdir / "part.md").write_text("The second included words.\n", "utf-8")
    Image.new("RGB", (4, 4), "teal").save(srcdir / "missing.png")
    status, warnings, _ = _build(srcdir, jobs)
    assert status == 0 and index.stat().st_mtime_ns == source_time
    written = deck.read_text("utf-8")
    assert "The second included words." in written
    assert "missing.png" in written and "not readable" not in warnings


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_of_the_deck_pass_reaches_the_caller(tmp_path, jobs):
    srcdir = copy_root("beside", tmp_path)
    with pytest.raises(ExtensionError, match="deck pass fails, as asked"):
        _build(srcdir, jobs, fixture_fail_decks=True)
    assert (srcdir / "_build" / "html" / "index.html").is_file()  # the book is built


def test_a_deck_pass_that_ends_unfinished_fails_the_build_and_says_so(tmp_path):
    srcdir = copy_root("beside", tmp_path)
    status, warnings, options = _build(srcdir, 2, fixture_end_decks=True)
    assert status == 3
    assert "the deck pass ended with status 3" in warnings
    assert (options.book_dir / "index.html").is_file()


def test_each_pass_keeps_its_records_in_a_folder_of_its_own(tmp_path):
    """The deck pass's folder holds the book's doctrees, and records of its own,
    by which a page gone has its deck removed."""
    srcdir = copy_root("beside", tmp_path)
    (srcdir / "other.md").write_text(
        "---\nslides: true\n---\n\n# Other\n\nA page with a deck.\n", encoding="utf-8"
    )
    options = _build(srcdir, jobs=2)[2]
    book, decks = options.doctree_dir, deck_doctrees(options.doctree_dir)
    for name in ("index.doctree", "other.doctree"):
        assert (decks / name).read_bytes() == (book / name).read_bytes()
    assert (decks / "environment.pickle").is_file()  # the deck pass's own, then
    outputs = "deckbook-outputs.json"
    assert '"html"' in (book / outputs).read_text(encoding="utf-8")
    assert '"revealjs"' not in (book / outputs).read_text(encoding="utf-8")
    assert '"revealjs"' in (decks / outputs).read_text(encoding="utf-8")
    assert (options.decks_dir / "other.html").is_file()

    (srcdir / "other.md").unlink()
    assert _build(srcdir, jobs=2)[0] == 0
    assert not (options.decks_dir / "other.html").exists()
    assert not (options.book_dir / "other.html").exists()


def test_the_deck_doctrees_name_sphinxs_environment_file():
    """site/deck_doctrees.py names it without importing Sphinx (publish does not)."""
    from sphinx.application import ENV_PICKLE_FILENAME

    from deckbook.site.deck_doctrees import ENVIRONMENT

    assert ENVIRONMENT == ENV_PICKLE_FILENAME


def test_publishing_does_not_import_sphinx():
    """The publish process only starts builds, in processes of their own."""
    code = (
        "from deckbook.site.cli import make_parser; "
        "from deckbook.publish import commands; make_parser()"
    )
    assert modules_loaded_by(code, "sphinx") == "[]"


def test_the_deck_process_imports_quietly(tmp_path, monkeypatch, capsys):
    """What a module prints or warns as it is imported, the book pass has shown
    already (sphinxext-opengraph prints when matplotlib is missing)."""
    from deckbook.site.deck_child import _import

    (tmp_path / "noisy_fixture_module.py").write_text(
        "import sys, warnings\nprint('imported')\nprint('also', file=sys.stderr)\n"
        "warnings.warn('a warning')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    _import(["noisy_fixture_module", "no_such_module_here"])
    assert "noisy_fixture_module" in sys.modules
    assert capsys.readouterr() == ("", "")
