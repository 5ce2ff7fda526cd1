"""``-j 2`` reads and writes in parallel, and writes exactly what ``-j 1`` writes."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

from deckbook.site.build import BuildOptions, build_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus

PAGES = 12  # posts with Q&A, Marp decks with notes, a seed copy; postlist, qalist


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("parallel")
    corpus.generate(root, PAGES)
    return root


def _build(root: Path, out: str, jobs: int) -> tuple[BuildOptions, str]:
    warnings = io.StringIO()
    options = BuildOptions(
        source=root / "docs",
        confdir=root,
        out=root / out,
        jobs=jobs,
        quiet=True,
        warning_stream=warnings,
    )
    assert build_site(options) == 0
    return options, warnings.getvalue()


def _pages(options: BuildOptions) -> dict[str, bytes]:
    html = options.book_dir
    return {
        str(path.relative_to(html)): path.read_bytes()
        for path in sorted(html.rglob("*"))
        if path.suffix in {".html", ".js", ".xml"} and "_static" not in path.parts
    }


@pytest.mark.parametrize("builder", ["html", "revealjs"])
def test_sphinx_may_read_and_write_in_parallel(site, tmp_path, builder):
    """Every extension the site loads, sphinx_revealjs included (deck/revealjs_compat.py
    trap 4), is declared safe for parallel reading and writing."""
    with patch_docutils(site), docutils_namespace():
        app = Sphinx(
            site / "docs",
            site,
            tmp_path / "out",
            tmp_path / "doctrees",
            builder,
            status=None,
            warning=io.StringIO(),
            parallel=2,
        )
        assert app.extensions["sphinx_revealjs"].parallel_read_safe is True
        assert app.is_parallel_allowed("read")
        assert app.is_parallel_allowed("write")


def test_two_jobs_write_what_one_job_writes(site):
    serial, serial_warnings = _build(site, "_serial", jobs=1)
    parallel, parallel_warnings = _build(site, "_parallel", jobs=2)
    one, two = _pages(serial), _pages(parallel)
    assert sorted(one) == sorted(two)
    # Posts, decks, the post list, the Q&A list, category pages, the search index.
    assert {"posts/index.html", "qa.html", "categories/index.html"} <= set(one)
    assert {"searchindex.js"} <= set(one)
    assert any(name.startswith("slides/decks/") for name in one)
    for name in one:
        # Decks name their own output folder; nothing else may differ.
        expected = one[name].replace(b"_serial", b"_parallel")
        assert two[name] == expected, name
    assert parallel_warnings == serial_warnings == ""


def test_deckbook_build_is_parallel_by_default():
    """What the test above proves identical is what `deckbook build` runs."""
    from deckbook.site.build_options import parse_build_options

    def jobs(*argv: str) -> int:
        return parse_build_options("deckbook build", list(argv)).jobs

    assert jobs() == (os.cpu_count() or 1)
    assert jobs("-j", "1") == 1
    assert jobs("-j", "auto") == (os.cpu_count() or 1)
    with pytest.raises(SystemExit):
        jobs("-j", "many")
