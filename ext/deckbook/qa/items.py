"""Reading one question item: its question, and its answers wherever they are written.

A question item (see :mod:`deckbook.qa.markers`) takes its answers from

- items nested under it that start with an answer marker (the seed posts' form),
- lines or paragraphs of its own that start with an answer marker,

and :class:`~.qa.QATransform` adds answer items that follow it in its list. Nested
items that are not answers stay where they were written: before the first answer they
describe the question, after an answer they continue it. :mod:`deckbook.qa.transform`
turns the result
into nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes

from . import markers as qa_markers
from .markers import Marker

LISTS = (nodes.bullet_list, nodes.enumerated_list)


@dataclass
class Answer:
    marker: Marker
    content: list[nodes.Node]
    origin: nodes.Node  # for the warning location


@dataclass
class Question:
    item: nodes.list_item
    marker: Marker
    title: list[nodes.Node]
    body: list[nodes.Node] = field(default_factory=list)
    answers: list[Answer] = field(default_factory=list)

    def target(self) -> list[nodes.Node]:
        """Where content that is no new answer goes: the last answer or the question."""
        return self.answers[-1].content if self.answers else self.body


def read_question(item: nodes.list_item, marker: Marker) -> Question:
    """The question of a question item, with every answer it carries (module doc)."""
    first = item[0]
    qa_markers.cut(first, marker.length)
    inline_answers = qa_markers.split_answer_lines(first)
    question = Question(item, marker, list(first.children))
    for answer_marker, paragraph in inline_answers:
        _add_answer(question, answer_marker, [paragraph], paragraph)
    for child in item.children[1:]:
        child_marker = qa_markers.paragraph_marker(child)
        if child_marker is not None and not child_marker.is_question:
            qa_markers.cut(child, child_marker.length)
            _add_answer(question, child_marker, [child], child)
        elif isinstance(child, LISTS):
            _nested_list(question, child)
        else:
            question.target().append(child)
    return question


def _nested_list(question: Question, listing: nodes.Element) -> None:
    """Answer items become answers; other items stay a list where they were."""
    pending: list[nodes.list_item] = []
    start = 0
    for index, item in enumerate(list(listing.children)):
        marker = qa_markers.item_marker(item)
        if marker is not None and not marker.is_question:
            if pending:
                question.target().append(list_like(listing, pending, start))
                pending = []
            question.answers.extend(read_answers(item, marker))
        else:
            if not pending:
                start = index
            pending.append(item)
    if pending:
        question.target().append(list_like(listing, pending, start, first=True))


def read_answers(item: nodes.list_item, marker: Marker) -> list[Answer]:
    """The answers of an answer item (one, or one per answer line)."""
    first = item[0]
    qa_markers.cut(first, marker.length)
    # "A: one⏎A: two" inside one item: several answers, in order; the item's nested
    # content follows its last line.
    more = qa_markers.split_answer_lines(first)
    answers = [Answer(marker, [first], item)]
    answers += [Answer(extra, [paragraph], paragraph) for extra, paragraph in more]
    answers[-1].content.extend(item.children[1:])
    return answers


def _add_answer(question: Question, marker: Marker, content, origin) -> None:
    more = qa_markers.split_answer_lines(content[0])
    question.answers.append(Answer(marker, content, origin))
    for extra_marker, extra in more:
        question.answers.append(Answer(extra_marker, [extra], extra))


def list_like(listing, items, start: int, first: bool = False) -> nodes.Element:
    """A list of the same kind holding *items*; numbered lists keep their numbers."""
    clone = listing.copy()
    if not first:
        clone["ids"], clone["names"] = [], []
    if isinstance(listing, nodes.enumerated_list):
        number = listing.get("start", 1) + start
        if number != 1:
            clone["start"] = number
        elif "start" in clone:
            del clone["start"]
    clone.extend(items)
    return clone


def marker_node(marker: Marker) -> nodes.inline:
    return nodes.inline(marker.word, marker.word, classes=["deckbook-qa-marker"])


def prefix_marker(block: nodes.Element, marker: Marker) -> None:
    first = block[0]
    if isinstance(first, nodes.paragraph):
        first.insert(0, [marker_node(marker), nodes.Text(" ")])
    else:
        block.insert(0, nodes.paragraph("", "", marker_node(marker)))


def plain(inline: list[nodes.Node]) -> str:
    return " ".join("".join(node.astext() for node in inline).split())
