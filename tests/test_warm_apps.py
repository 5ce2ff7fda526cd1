"""The live preview's kept applications (warm_apps.py) write what a new process
building the same edits incrementally writes, page for page, book and decks."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from deckbook.site.build import BuildOptions, build_site
from deckbook.site.warm_apps import KeptSite

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus

PAGES = 8
OUTPUTS = {".html", ".js", ".xml", ".inv"}  # pages, search index, feed, sitemap


def _options(root: Path) -> BuildOptions:
    return BuildOptions(root / "docs", root, root / "_build", quiet=True)


def _outputs(options: BuildOptions) -> dict[str, bytes]:
    html = options.book_dir
    return {
        str(path.relative_to(html)): path.read_bytes()
        for path in sorted(html.rglob("*"))
        if path.suffix in OUTPUTS and "_static" not in path.parts
    }


@pytest.fixture
def sites(tmp_path):
    """Two copies of one built site: one for the kept applications, one for new
    processes (``build_site`` in a fork: a fresh interpreter's state)."""
    kept, fresh = tmp_path / "kept", tmp_path / "fresh"
    names = corpus.generate(kept, PAGES)
    # Each build a new process, as the kept ones are forks of this one: Sphinx
    # keeps the checksum of each style it linked for the rest of a process.
    _fresh_build(kept)
    # A second build: the first rebuild after a fresh build also rewrites genindex
    # and search (test_incremental_index.py), which only one side would do.
    _fresh_build(kept)
    shutil.copytree(kept, fresh, symlinks=True)
    site = KeptSite(_options(kept))
    yield kept, fresh, site, next(name for name in names if name.startswith("posts/"))
    site.close()


def _fresh_build(root: Path) -> None:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    process = context.Process(target=build_site, args=(_options(root),))
    process.start()
    process.join()
    assert process.exitcode == 0


def _edit(root: Path, post: str, change) -> Path:
    source = root / "docs" / f"{post}.md"
    source.write_text(change(source.read_text(encoding="utf-8")), encoding="utf-8")
    return source


def test_kept_applications_write_what_new_processes_write(sites):
    kept, fresh, site, post = sites
    assert site.build() == 0  # the applications are made (nothing changed)
    _fresh_build(fresh)
    edits = [
        lambda text: text + "\n\n첫째 편집 zqxfirst 문단.\n",  # a body
        lambda text: text.replace('title: "', 'title: "새 제목 ', 1),  # the navigation
        lambda text: text + "\n\n```{index} Zyzzyvakept\n```\n\n셋째.\n",  # genindex
    ]
    for number, change in enumerate(edits):
        changed = _edit(kept, post, change)
        _edit(fresh, post, change)
        assert site.build([changed]) == 0
        _fresh_build(fresh)
        ours, theirs = _outputs(_options(kept)), _outputs(_options(fresh))
        assert sorted(ours) == sorted(theirs)
        different = [name for name in ours if ours[name] != theirs[name]]
        assert different == [], f"edit {number + 1}"
    book = (kept / "_build/html/qa.html").read_text(encoding="utf-8")
    assert "새 제목" in book  # every page's sidebar
    deck = (kept / f"_build/html/slides/{post}.html").read_text(encoding="utf-8")
    assert "zqxfirst" in deck
    assert "Zyzzyvakept" in (kept / "_build/html/genindex.html").read_text("utf-8")


def test_a_change_outside_the_sources_makes_new_applications(sites):
    kept, _, site, _ = sites
    assert site.build() == 0
    first = [kept_pass._process.pid for kept_pass in site.passes]
    assert site.build([kept / "docs" / "index.md"]) == 0
    assert [kept_pass._process.pid for kept_pass in site.passes] == first
    assert site.build([kept / "conf.py"]) == 0
    assert all(kept_pass._process.pid not in first for kept_pass in site.passes)


def test_the_passes_build_side_by_side_in_doctree_folders_of_their_own(sites):
    kept, _, site, post = sites
    assert site.build() == 0
    book, decks = site.book.options.doctree_dir, site.decks.options.doctree_dir
    assert book != decks
    # Each pass wrote its environment in its own folder: never one pickle by two.
    assert (book / "environment.pickle").is_file()
    assert (decks / "environment.pickle").is_file()
    before = (book / "environment.pickle").stat().st_mtime_ns
    decks_before = (decks / "environment.pickle").stat().st_mtime_ns
    changed = _edit(kept, post, lambda text: text + "\n\nzqxside 문단.\n")
    assert site.build([changed]) == 0
    assert (book / "environment.pickle").stat().st_mtime_ns > before
    assert (decks / "environment.pickle").stat().st_mtime_ns > decks_before
    deck = (kept / f"_build/html/slides/{post}.html").read_text(encoding="utf-8")
    assert "zqxside" in deck
