"""genindex and search are written only when what they show changed, searchindex.js
only when its content did (incremental_index.py)."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from deckbook.book import navigation_lazy
from deckbook.site.build import BuildOptions, build_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import corpus

PAGES = 8


def _build(root: Path) -> BuildOptions:
    options = BuildOptions(root / "docs", root, root / "_build", quiet=True)
    assert build_site(options) == 0
    return options


def _mtimes(options: BuildOptions) -> dict[str, int]:
    names = ("genindex.html", "search.html", "searchindex.js")
    return {name: (options.book_dir / name).stat().st_mtime_ns for name in names}


@pytest.fixture
def site(tmp_path):
    names = corpus.generate(tmp_path, PAGES)
    post = next(name for name in names if name.startswith("posts/"))
    _build(tmp_path)
    # The first rebuild writes both pages again: the theme rewrites pygments.css
    # once a fresh build wrote every page (build-finished), changing the checksum
    # by which every page links it. The second starts from a steady site.
    options = _build(tmp_path)
    return tmp_path, options, tmp_path / "docs" / f"{post}.md"


def _append(source: Path, text: str) -> None:
    source.write_text(source.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_nothing_changed_nothing_written(site):
    root, options, _ = site
    before = _mtimes(options)
    _build(root)
    assert _mtimes(options) == before


def test_a_body_edit_rewrites_the_search_index_only(site):
    root, options, source = site
    before = _mtimes(options)
    _append(source, "\n\nzqxvbn 문단.\n")
    _build(root)
    after = _mtimes(options)
    assert after["searchindex.js"] != before["searchindex.js"]
    index = (options.book_dir / "searchindex.js").read_text(encoding="utf-8")
    assert "zqxvbn" in index
    assert after["genindex.html"] == before["genindex.html"]
    assert after["search.html"] == before["search.html"]


def test_an_index_entry_rewrites_genindex(site):
    root, options, source = site
    before = _mtimes(options)
    _append(source, "\n\n```{index} Zyzzyvaterm\n```\n\nIndexed.\n")
    _build(root)
    after = _mtimes(options)
    assert after["genindex.html"] != before["genindex.html"]
    genindex = (options.book_dir / "genindex.html").read_text(encoding="utf-8")
    assert "Zyzzyvaterm" in genindex
    assert after["search.html"] == before["search.html"]


def test_a_missing_page_is_written_again(site):
    root, options, _ = site
    (options.book_dir / "genindex.html").unlink()
    (options.book_dir / "search.html").unlink()
    _build(root)
    assert (options.book_dir / "genindex.html").is_file()
    assert (options.book_dir / "search.html").is_file()


def test_a_title_edit_rewrites_both_pages(site):
    """Their sidebars reach every title: the lean sidebar (book/navigation_lazy.py)
    through the navigation fragment, which each page asks for by its checksum."""
    root, options, source = site
    before = _mtimes(options)
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace('title: "', 'title: "새 제목 ', 1), encoding="utf-8")
    _build(root)
    after = _mtimes(options)
    assert after["genindex.html"] != before["genindex.html"]
    assert after["search.html"] != before["search.html"]
    fragment = (options.book_dir / "_static" / navigation_lazy.FRAGMENT).read_text()
    parts = json.loads(fragment[fragment.index("{") : fragment.rindex("}") + 1])
    assert any("새 제목" in part for part in parts.values())
    version = hashlib.sha256(fragment.encode()).hexdigest()[:12]
    for name in ("genindex.html", "search.html"):
        page = (options.book_dir / name).read_text(encoding="utf-8")
        assert f"{navigation_lazy.FRAGMENT}?v={version}" in page
