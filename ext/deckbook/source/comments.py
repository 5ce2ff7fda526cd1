"""Unclosed HTML comments: on every Markdown page, a ``<!--`` no ``-->`` closes.

markdown-it (CommonMark's HTML block kind 2) swallows everything after such a marker,
to the end of the file, into one invisible raw block: the reader would lose the rest of
the page without a word. So it would when the only ``-->`` is a later comment's (a
``<!--`` on a later line before any ``-->``, HTML's "nested-comment" error). At
``source-read`` we warn with the marker's line and drop the ``<!--``, so the text after
it is kept as Markdown (in a Marp deck, as slide content). Markers in code fences and
code spans are text, not comments, and are left alone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import _log
from .frontmatter import read_front_matter_text

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = _log.get_logger(__name__)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


def first_unclosed(lines: list[str], start: int) -> tuple[int, int] | None:
    """``(line index, column)`` of the first ``<!--`` that no later ``-->`` closes."""
    fence: str | None = None
    opened: tuple[int, int] | None = None
    for index in range(start, len(lines)):
        line, offset = lines[index], 0
        if opened is not None:
            # A `-->` or `<!--` in a code span is the author's text, not a marker.
            blanked = _blank_code_spans(line)
            if "<!--" in blanked.split("-->", 1)[0]:
                # HTML's "nested-comment" error: a later `<!--` before any `-->`
                # means the first was left open (its `-->` is the later comment's).
                return opened
            if "-->" not in blanked:
                continue
            opened = None
            offset = blanked.index("-->") + 3
            line = line[offset:]
        if fence is not None:
            if _closes(_FENCE.match(line), fence):
                fence = None
            continue
        if match := _FENCE.match(line):
            fence = match.group(1)
            continue
        text = _blank_code_spans(line)
        at = text.find("<!--")
        while at >= 0:
            # From `at + 2`: `<!-->` and `<!--->` are whole (empty) comments.
            end = text.find("-->", at + 2)
            if end < 0:
                opened = (index, offset + at)
                break
            at = text.find("<!--", end + 3)
    return opened


def _blank_code_spans(line: str) -> str:
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def _closes(match: re.Match | None, fence: str) -> bool:
    return bool(match) and match[1][0] == fence[0] and len(match[1]) >= len(fence)


def unclosed_comments(lines: list[str], start: int) -> list[int]:
    """Line numbers (1-based) of ``<!--`` openings that no later ``-->`` closes."""
    found = first_unclosed(lines, start)
    return [found[0] + 1] if found else []


def open_unclosed_comments(lines: list[str], start: int, docname: str) -> None:
    """Warn about each unclosed ``<!--`` of ``lines`` and drop it, in place."""
    # One at a time: with a marker gone, a later `<!--` may be the one left open.
    while (found := first_unclosed(lines, start)) is not None:
        index, column = found
        _log.warn(
            logger,
            "HTML comment '<!--' is never closed by '-->'; the marker is dropped and "
            "the text after it is kept",
            _log.DeckbookWarnings.COMMENT,
            (docname, index + 1),
        )
        line = lines[index]
        lines[index] = line[:column] + line[column + 4 :]


def read_unclosed_comments(app: Sphinx, docname: str, source: list[str]) -> None:
    if app.config.source_suffix.get(app.env.doc2path(docname).suffix) != "markdown":
        return
    if "<!--" not in source[0]:
        return
    front_lines = read_front_matter_text(source[0]).block_lines
    lines = source[0].split("\n")
    open_unclosed_comments(lines, front_lines, docname)
    source[0] = "\n".join(lines)


def setup_comments(app: Sphinx) -> None:
    # After source/frontmatter.py (600), which may neutralise a broken front matter
    # block, and Liquid (posts/liquid.py, 650), whose output is the Markdown; before
    # marp/source.py (700), which keeps the deck's final lines.
    app.connect("source-read", read_unclosed_comments, priority=680)
