"""A build whose output lies inside its source folder (``deckbook build .``, as a
Jekyll site's source is its repository) never reads its own output as pages."""

from __future__ import annotations

from types import SimpleNamespace

from deckbook.site.deck_doctrees import deck_doctrees
from deckbook.source.own_output import exclude_own_output

from .sites import build_with_warnings, copy_root


def test_the_second_build_reads_nothing_of_the_first(tmp_path):
    srcdir = copy_root("search-ko", tmp_path)  # its output: srcdir/_build
    options, status, _ = build_with_warnings(srcdir)
    assert status == 0
    # sphinx-revealjs's static folder holds a README.md: once a page, and a warning.
    assert list((options.decks_dir / "_static").rglob("*.md"))
    pages = sorted(p.relative_to(options.book_dir) for p in options.book_dir.rglob("*"))
    # The deck pass shares the book's environment: one pattern more there, and it
    # would read every page again (its doctree folder would be written anew).
    trees = deck_doctrees(options.doctree_dir)
    written = {path: path.stat().st_mtime_ns for path in trees.rglob("*.doctree")}
    assert written
    options, status, again = build_with_warnings(srcdir)
    assert {path: path.stat().st_mtime_ns for path in written} == written
    assert status == 0
    assert again == ""
    assert not (options.book_dir / "_build").exists()
    after = sorted(p.relative_to(options.book_dir) for p in options.book_dir.rglob("*"))
    assert after == pages


def excluded(srcdir, outdir, doctreedir) -> list[str]:
    """What :func:`exclude_own_output` adds for a pass with these folders."""
    app = SimpleNamespace(srcdir=srcdir, outdir=outdir, doctreedir=doctreedir)
    config = SimpleNamespace(exclude_patterns=[])
    exclude_own_output(app, config)
    return config.exclude_patterns


def test_the_output_outside_the_source_adds_no_pattern(tmp_path):
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    assert excluded(srcdir, tmp_path / "out", tmp_path / "dt") == []
    # The decks' folders count as the book's: both passes add the same patterns.
    own = ["_site/html", "_site/doctrees", "_site/doctrees-decks"]
    assert excluded(srcdir, srcdir / "_site/html", srcdir / "_site/doctrees") == own
    decks = excluded(
        srcdir, srcdir / "_site/html/slides", srcdir / "_site/doctrees-decks"
    )
    assert decks == own
