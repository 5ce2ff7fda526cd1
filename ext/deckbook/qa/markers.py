"""Q&A markers (DESIGN §3.4): finding them at the start of inline text, cutting them.

A marker is matched on the *leading text* of a paragraph: its first Text nodes, looking
through ``strong``/``emphasis`` (``**Q:**``, ``**Q**:`` and ``**Q: text**`` all match)
but never into code, links or anything else (```Q:``` in backticks is no question).

- questions: ``Q:`` ``Q.`` ``Q)`` ``Q：`` and ``질문:`` (case-insensitive, spaces
  around the separator allowed);
- answers: ``A:`` ``A.`` ``A)`` ``A：`` ``답변:`` ``답:``.

``Q.``/``A.`` must not run into a Latin letter or digit (``Q.E.D.``), and the letter
must be followed by a separator at all: ``Q3 results`` and ``QA team:`` are text.
``A.``/``A)`` are *weak* answer markers: outside a list with a question they are the
first item of an ordinary "A. …, B. …" outline, not an orphan answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docutils import nodes

_LATIN_SEPARATOR = r"\s*(?P<sep>[:：]|\)|\.(?![A-Za-z0-9.]))"
_KOREAN_SEPARATOR = r"\s*(?P<sep>[:：])"
_QUESTION = (
    re.compile(rf"\s*(?P<word>Q){_LATIN_SEPARATOR}\s*", re.IGNORECASE),
    re.compile(rf"\s*(?P<word>질문){_KOREAN_SEPARATOR}\s*"),
)
_ANSWER = (
    re.compile(rf"\s*(?P<word>A){_LATIN_SEPARATOR}\s*", re.IGNORECASE),
    re.compile(rf"\s*(?P<word>답변|답){_KOREAN_SEPARATOR}\s*"),
)
_INLINE_WRAPPERS = (nodes.strong, nodes.emphasis)
# Enough leading text to see any marker (and the spaces around it).
_LOOKAHEAD = 24


@dataclass(frozen=True)
class Marker:
    kind: str  # "question" or "answer"
    word: str  # as written: "Q", "q", "질문", "A", "답변", "답"
    length: int  # characters of leading text it covers, trailing spaces included
    weak: bool  # "A." / "A)": only an answer where questions are around

    @property
    def is_question(self) -> bool:
        return self.kind == "question"


def leading_text(children: list[nodes.Node]) -> str:
    """The text a reader sees first, through bold and italics only."""
    text, _ = _leading(children, "")
    return text


def _leading(children, text: str) -> tuple[str, bool]:
    """(text so far, whether to keep reading after these children)."""
    for child in children:
        if len(text) >= _LOOKAHEAD:
            return text, False
        if isinstance(child, nodes.Text):
            text += str(child)
        elif isinstance(child, _INLINE_WRAPPERS):
            text, more = _leading(child.children, text)
            if not more:
                return text, False
        else:
            return text, False
    return text, True


def match(children: list[nodes.Node]) -> Marker | None:
    """The question or answer marker these inline nodes start with, if any."""
    text = leading_text(children)
    for kind, patterns in (("question", _QUESTION), ("answer", _ANSWER)):
        for pattern in patterns:
            found = pattern.match(text)
            if found:
                weak = kind == "answer" and found.group("sep") in ".)"
                return Marker(kind, found.group("word"), found.end(), weak)
    return None


def paragraph_marker(node: nodes.Node) -> Marker | None:
    return match(node.children) if isinstance(node, nodes.paragraph) else None


def item_marker(item: nodes.Node) -> Marker | None:
    """The marker of a list item: the one its first paragraph starts with."""
    if not isinstance(item, nodes.list_item) or not item.children:
        return None
    return paragraph_marker(item[0])


def cut(owner: nodes.Element, count: int, start: int = 0) -> int:
    """Remove *count* leading characters of text from ``owner[start:]``.

    Bold/italic wrappers left empty are removed too. Returns what could not be removed.
    """
    while count > 0 and start < len(owner):
        child = owner[start]
        # By index, never by value: Text nodes are strings, and equal ones are common.
        if isinstance(child, nodes.Text):
            text = str(child)
            if len(text) <= count:
                del owner[start]
                count -= len(text)
                continue
            owner[start] = nodes.Text(text[count:])
            return 0
        if isinstance(child, _INLINE_WRAPPERS):
            count = cut(child, count)
            if not child.children:
                del owner[start]
                continue
            if count:  # the wrapper holds something that is not text
                return count
            continue
        return count
    return count


# --- lines inside one paragraph ------------------------------------------------------


def _is_hard_break(node: nodes.Node) -> bool:
    """MyST renders a hard line break as a raw ``<br />`` plus a raw LaTeX ``\\\\``."""
    if not isinstance(node, nodes.raw):
        return False
    text = node.astext().strip()
    return text.startswith("<br") or text == "\\\\"


def _ends_line(node: nodes.Node) -> bool:
    return (isinstance(node, nodes.Text) and str(node).endswith("\n")) or (
        _is_hard_break(node)
    )


def _is_blank(node: nodes.Node) -> bool:
    return _is_hard_break(node) or (isinstance(node, nodes.Text) and not node.strip())


def _split_text_at_newlines(paragraph: nodes.paragraph) -> None:
    """Make every soft line break the end of a Text node (so lines start at a child)."""
    for index in reversed(range(len(paragraph))):
        child = paragraph[index]
        if isinstance(child, nodes.Text) and "\n" in str(child).rstrip("\n"):
            parts = str(child).splitlines(keepends=True)
            paragraph[index : index + 1] = [nodes.Text(part) for part in parts]


def split_answer_lines(
    paragraph: nodes.paragraph,
) -> list[tuple[Marker, nodes.paragraph]]:
    """Cut *paragraph* before every line that starts with an answer marker.

    ``Q: question⏎A: answer`` (a soft or hard line break) leaves ``question`` in
    *paragraph* and returns ``[(A marker, paragraph(answer))]``, markers removed.
    """
    _split_text_at_newlines(paragraph)
    starts = []
    for index in range(1, len(paragraph)):
        child = paragraph[index]
        # A line starts at its first visible child: not at a break, nor at the lone
        # newline a Marp deck keeps after the <br> it renders for it (marp_inline).
        if _ends_line(paragraph[index - 1]) and not _is_blank(child):
            marker = match(paragraph.children[index:])
            if marker is not None and not marker.is_question:
                starts.append((index, marker))
    pieces = []
    for index, marker in reversed(starts):
        tail = paragraph.children[index:]
        del paragraph[index:]
        answer = nodes.paragraph("", "", *tail)
        answer.source, answer.line = paragraph.source, paragraph.line
        cut(answer, marker.length)
        pieces.append((marker, answer))
        trim_line_end(paragraph)
    return list(reversed(pieces))


def trim_line_end(paragraph: nodes.paragraph) -> None:
    """Drop the line break (and spaces) a paragraph was cut after."""
    while paragraph.children:
        last = paragraph[-1]
        if _is_hard_break(last):
            del paragraph[-1]
        elif isinstance(last, nodes.Text):
            text = str(last).rstrip()
            if text:
                paragraph[-1] = nodes.Text(text)
                return
            del paragraph[-1]
        else:
            return


def is_empty(node: nodes.Node) -> bool:
    """No text and nothing else to show (an image or a raw block counts as content)."""
    if isinstance(node, nodes.Text):
        return not str(node).strip()
    if isinstance(node, nodes.raw):
        return _is_hard_break(node)
    if isinstance(node, (nodes.image, nodes.literal_block)):
        return False
    return all(is_empty(child) for child in node.children)
