"""Unclosed HTML comments (source/comments.py): on every Markdown page, a located
warning and
the text after the marker kept, in the book and the deck; markers in code are text."""

from __future__ import annotations

import re

import pytest

from deckbook.source.comments import first_unclosed, open_unclosed_comments
from tests.sites import build_with_warnings, copy_root, soup


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        (["<!-- open", "", "text"], (0, 0)),
        (["<!-- a -->", "x <!-- b --> y <!-- c"], (1, 15)),
        (["<!-- a", "-->", "<!-- b"], (2, 0)),
        (["<!-- a", "b --> c <!-- d"], (1, 8)),
        (["```", "<!-- code", "```", "`<!--` and ``<!-- x``"], None),
        (["~~~~", "```", "<!-- still code", "~~~~"], None),
        (["<!-->", "<!--->", "<!---->"], None),
        # The only `-->` belongs to a later comment: the first one was left open.
        (["<!-- open", "", "text", "# Fit <!--fit-->"], (0, 0)),
        (["<!-- a note", "that says `<!--` is a marker -->"], None),
        (["<!-- open", "", "- A: `-->` in code"], (0, 0)),
    ],
)
def test_first_unclosed(lines, found):
    assert first_unclosed(lines, 0) == found


def test_every_open_marker_is_dropped_one_by_one():
    lines = ["<!-- a", "", "<!-- b", "x <!-- c --> <!-- d"]
    open_unclosed_comments(lines, 0, "doc")  # `c -->` is c's, not a's or b's
    assert lines == [" a", "", " b", "x <!-- c -->  d"]
    lines = ["<!-- a", "", "<!-- b"]
    open_unclosed_comments(lines, 0, "doc")
    assert lines == [" a", "", " b"]


def test_front_matter_lines_are_skipped():
    lines = ["---", 'x: "<!--"', "---", "text"]
    open_unclosed_comments(lines, 3, "doc")
    assert lines[1] == 'x: "<!--"'


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    options, status, warnings = build_with_warnings(
        copy_root("unclosed-comments", tmp_path_factory.mktemp("comments"))
    )
    assert status == 0
    return options, warnings


def test_each_unclosed_comment_warns_with_its_line(site):
    _, warnings = site
    found = re.findall(
        r"(\w+)\.md:(\d+): WARNING: HTML comment '<!--' is never closed by '-->'; "
        r"the marker is dropped and the text after it is kept \[deckbook\.comment\]",
        warnings,
    )
    found = sorted((name, int(line)) for name, line in found)
    assert found == [("page", 11), ("twice", 3), ("twice", 7), ("twice", 11)]
    assert "code.md" not in warnings and "Traceback" not in warnings


@pytest.mark.parametrize(
    ("path", "texts"),
    [
        ("page.html", ["this comment is never closed", "After", "must survive."]),
        ("slides/page.html", ["this comment is never closed", "must survive."]),
        ("twice.html", ["an open one on the same line", "A middle paragraph.",
                        "a second open comment", "The last paragraph.",
                        "left open", "A paragraph before a later comment.",
                        "Heading"]),
        ("code.html", ["<!-- a fence is code", "The code span <!-- is text",
                       "<!-- this", "Everything here is visible."]),
    ],
)  # fmt: skip
def test_text_after_the_marker_is_shown(site, path, texts):
    options, _ = site
    text = " ".join(
        soup(options.book_dir / path).select_one("main, .slides").text.split()
    )
    for expected in texts:
        assert expected in text
    assert "A comment closed" not in text  # a closed comment stays a comment
