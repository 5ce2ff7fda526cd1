"""Each page links each trimmed stylesheet by the sum of the file as written
(``book/css_links.py``): a browser's cached sheet is never taken for a new one."""

from __future__ import annotations

import json
import re
import zlib

from deckbook.book import css_links
from deckbook.book.lean_css import MARK

from .sites import build, copy_root

POST = "posts/2024-05-01-lean.html"
TRIMMED = (
    "_static/styles/pydata-sphinx-theme.css",
    "_static/styles/sphinx-book-theme.css",
    "_static/pygments.css",
)
LINK = re.compile(r"""["'/](_static/[\w/.-]+\.css)\?(?:v|digest)=(\w+)""")


def sphinx_sum(path) -> str:
    """Worked out apart from ``css_links.checksum``, as Sphinx documents its ``?v=``."""
    content = path.read_bytes().replace(b"\r", b"")
    return f"{zlib.crc32(content):08x}"


def links(page) -> dict[str, str]:
    return dict(LINK.findall(page.read_text(encoding="utf-8")))


def pages(book) -> list:
    return [p for p in book.rglob("*.html") if "slides" not in p.parts]


def assert_every_page_links_the_sheets_as_written(book, names=TRIMMED) -> None:
    """Every page that links a sheet links it by its sum (a redirect stub links
    none); the book's pages link them all."""
    sums = {name: sphinx_sum(book / name) for name in names}
    for page in (book / "index.html", book / POST):
        assert set(names) <= set(links(page)), page
    for page in pages(book):
        linked = links(page)
        for name in set(names) & set(linked):
            assert linked[name] == sums[name], (page, name)


def test_relink_sets_each_sum_at_any_depth_and_nothing_else(tmp_path):
    page = tmp_path / "page.html"
    head = (
        '<html><head><link href="../../_static/pygments.css?v=0badc0de" rel=x>\n'
        "<link href='_static/styles/theme.css?digest=abc123' rel=stylesheet>\n"
        '<link href="_static/pygments.css.map?v=1">'
        '<link href="my_static/pygments.css?v=0badc0de">\n'
    )
    body = '</head><body><p>"_static/pygments.css?v=0badc0de" 라고 씁니다</p>'
    page.write_text(head + body, encoding="utf-8")
    sums = {"_static/pygments.css": "12345678", "_static/styles/theme.css": "9abcdef0"}
    rewritten = css_links.relink([page], sums)
    after = page.read_text(encoding="utf-8")
    expected = head.replace(
        "../_static/pygments.css?v=0badc0de", "../_static/pygments.css?v=12345678"
    ).replace("theme.css?digest=abc123", "theme.css?digest=9abcdef0")
    assert after == expected + body  # the author's words as written
    assert "my_static/pygments.css?v=0badc0de" in after
    assert list(rewritten) == [page]
    # Set already: not written again.
    assert css_links.relink([page], sums) == {}
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_sum_is_sphinx_own(tmp_path):
    from sphinx.builders.html._assets import _file_checksum

    sheet = tmp_path / "a.css"
    sheet.write_bytes(b"p {\r\n color: red }\r\n")
    assert css_links.checksum(sheet) == _file_checksum(tmp_path, "a.css")


def test_a_cold_build_links_the_trimmed_sheets(tmp_path):
    book = build(copy_root("lean-css", tmp_path)).book_dir
    for name in TRIMMED:
        assert MARK in (book / name).read_text(encoding="utf-8")[:200]
    assert_every_page_links_the_sheets_as_written(book)
    # The decks' own pages, by the deck pass's own trim.
    decks = book / "slides"
    deck = decks / "deck.html"
    assert links(deck)["_static/revealjs/dist/reveal.css"] == sphinx_sum(
        decks / "_static/revealjs/dist/reveal.css"
    )


def test_a_sheet_that_grows_is_linked_anew_by_every_page(tmp_path):
    """A new post with markup the site had not used keeps more rules: the pages the
    rebuild did not write link the grown sheet by its new sum too."""
    srcdir = copy_root("lean-css", tmp_path)
    book = build(srcdir).book_dir
    sheet = book / TRIMMED[0]
    first = sphinx_sum(sheet)
    index = book / "index.html"
    untouched = index.stat().st_mtime_ns
    post = srcdir / "posts/2024-05-01-lean.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text + '\n<div class="spinner-grow">x</div>\n', "utf-8")
    build(srcdir)
    assert ".spinner-grow" in sheet.read_text(encoding="utf-8")
    assert sphinx_sum(sheet) != first
    assert_every_page_links_the_sheets_as_written(book)
    assert index.stat().st_mtime_ns != untouched  # set, though Sphinx kept it


def test_a_rebuild_that_keeps_the_sheets_sets_no_page(tmp_path, monkeypatch):
    """When the sheets stay as the last pass left them, only the pages this pass
    wrote are looked at (and set: pydata-sphinx-theme links its sheet by its own
    digest); the others are left as they are."""
    srcdir = copy_root("lean-css", tmp_path)
    book = build(srcdir).book_dir
    times = {page: page.stat().st_mtime_ns for page in pages(book)}
    calls = []
    relink = css_links.relink

    def spy(pages, sums):
        pages = list(pages)
        calls.append(sorted(p.relative_to(book).as_posix() for p in pages))
        return relink(pages, sums)

    monkeypatch.setattr(css_links, "relink", spy)
    post = srcdir / "posts/2024-05-01-lean.md"
    post.write_text(post.read_text(encoding="utf-8") + "\n한 문단 더.\n", "utf-8")
    build(srcdir)
    assert_every_page_links_the_sheets_as_written(book)
    written = {p for p, mtime in times.items() if p.stat().st_mtime_ns != mtime}
    assert calls[0] == sorted(p.relative_to(book).as_posix() for p in written)
    assert POST in calls[0]
    assert len(written) < len(times)


def test_the_icon_scan_still_knows_the_pages_it_set(tmp_path):
    """The FontAwesome subset remembers each page it read by size and time; a page
    set since (only a sum changed) is not read again by the next pass."""
    srcdir = copy_root("lean-css", tmp_path)
    options = build(srcdir)
    book = options.book_dir
    scans = json.loads((options.doctree_dir / "deckbook-icons-scan.json").read_text())
    assert scans["files"]
    pages = {n: e for n, e in scans["files"].items() if n.endswith(".html")}
    assert len(pages) >= 3
    for name, entry in pages.items():
        info = (book / name).stat()
        assert entry[:2] == [info.st_size, info.st_mtime_ns], name
