"""Q&A lists become Q&A admonitions (DESIGN §3.4), the same for every builder.

:class:`QATransform` reads every bullet and numbered list. A question item (see
:mod:`deckbook.qa.markers`) takes its answers from

- items nested under it that start with an answer marker (the seed posts' form),
- answer items right after it in the same list,
- lines or paragraphs of its own that start with an answer marker,

in that order (:mod:`deckbook.qa.items`), each answer keeping all its content.
Consecutive
questions become one :class:`~.qa_nodes.qa_group`, lifted out of the list (items before
and after stay lists, numbered ones keep their numbers). A list item holding nothing but
a paragraph and a group titles that group ("Audience Question"). The nodes are drawn in
:mod:`deckbook.qa.nodes`.

Bad input never raises and never drops text: a question without an answer is marked
unanswered (warning ``deckbook.qa-unanswered``), an answer without a question, an empty
answer, a marker without text and Q&A inside an answer are kept and warned about
(``deckbook.qa``).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxSmartQuotes, SphinxTransform

from .. import _log
from .._assets import add_book_css
from .._i18n import translate
from . import domain as qa_domain
from . import items as qa_items
from . import markers as qa_markers
from . import nodes as qa_nodes
from .items import LISTS
from .markers import Marker

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = _log.get_logger(__name__)
# Never looked into: their text is not prose (or is already Q&A).
_OPAQUE = (nodes.literal_block, nodes.raw, nodes.comment, nodes.FixedTextElement)


class QATransform(SphinxTransform):
    # Before SmartQuotes (750): anchors hash the question as written, whatever the
    # smartquotes settings. After MyST's AddSlugIds (700), so heading ids are taken.
    default_priority = SphinxSmartQuotes.default_priority - 10

    def apply(self, **kwargs: Any) -> None:
        self._walk(self.document, nested=False)

    # --- walking ---------------------------------------------------------------------

    def _walk(self, node: nodes.Element, nested: bool) -> None:
        for child in list(node.children):
            if isinstance(child, LISTS):
                replacement = self._list(child, nested)
                if replacement != [child]:
                    node.replace(child, replacement)
            elif isinstance(child, nodes.Element) and not isinstance(
                child, (*_OPAQUE, qa_nodes.qa_group)
            ):
                self._walk(child, nested)

    def _list(self, listing: nodes.Element, nested: bool) -> list[nodes.Node]:
        items = list(listing.children)
        markers = [qa_markers.item_marker(item) for item in items]
        has_question = any(m is not None and m.is_question for m in markers)
        # For an answer item, the index of the question it follows (through answers).
        owner: list[int | None] = []
        last = None
        for index, marker in enumerate(markers):
            if marker is None:
                last = None
            elif marker.is_question:
                last = index
            owner.append(
                last if marker is not None and not marker.is_question else None
            )
        for index, item in enumerate(items):
            if markers[index] is None or (
                not markers[index].is_question and owner[index] is None
            ):
                self._orphan(item, markers[index], has_question)
                self._walk(item, nested)
        if not has_question and not any(map(_titles_group, items)):
            return [listing]
        return self._regroup(listing, items, markers, owner, nested)

    def _orphan(self, item, marker: Marker | None, has_question: bool) -> None:
        if marker is None or (marker.weak and not has_question):
            return
        _log.warn(
            logger,
            f"answer without a question ({marker.word!r} item); it is kept as written",
            _log.DeckbookWarnings.QA,
            item,
        )

    def _regroup(self, listing, items, markers, owner, nested) -> list[nodes.Node]:
        """The list as runs of plain items (lists) and Q&A (groups), in order."""
        out: list[nodes.Node] = []
        plain: list[nodes.list_item] = []
        plain_start = 0
        run: list[qa_nodes.qa_item] = []

        def flush_plain() -> None:
            if plain:
                out.append(
                    qa_items.list_like(listing, plain, plain_start, first=not out)
                )
                plain.clear()

        def flush_run() -> None:
            if run:
                out.append(self._group(run, run[0], nested))
                run.clear()

        question: qa_items.Question | None = None
        for index, item in enumerate(items):
            marker = markers[index]
            if marker is not None and marker.is_question:
                if question is not None:
                    run.append(self._build(question))
                flush_plain()
                question = qa_items.read_question(item, marker)
                continue
            if marker is not None and owner[index] is not None:
                question.answers.extend(qa_items.read_answers(item, marker))
                continue
            if question is not None:
                run.append(self._build(question))
                question = None
            if _titles_group(item):
                flush_plain()
                flush_run()
                out.append(self._title(item[1], item[0], item))
                continue
            flush_run()
            if not plain:
                plain_start = index
            plain.append(item)
        if question is not None:
            run.append(self._build(question))
        flush_plain()
        flush_run()
        return out

    def _build(self, question: qa_items.Question) -> qa_nodes.qa_item:
        item = qa_nodes.qa_item(classes=["deckbook-qa"], marker=question.marker.word)
        item.source, item.line = question.item.source, question.item.line
        language = self.config.language
        title_nodes = question.title
        if all(qa_markers.is_empty(node) for node in title_nodes):
            _log.warn(
                logger,
                "question marker without a question",
                _log.DeckbookWarnings.QA,
                item,
            )
            text = translate(language, "Question")
            title_nodes = [nodes.inline(text, text, classes=["deckbook-qa-untitled"])]
        title = qa_nodes.qa_title(
            "", "", qa_items.marker_node(question.marker), nodes.Text(" ")
        )
        title.extend(title_nodes)
        item += title
        if question.body:
            body = nodes.container("", *question.body, classes=["deckbook-qa-question"])
            self._walk(body, nested=True)
            item += body
        unanswered = translate(language, "No answer yet")
        answered = False
        for answer in question.answers:
            content = [node for node in answer.content if not qa_markers.is_empty(node)]
            block = qa_nodes.qa_answer("", classes=["deckbook-qa-answer"])
            block.source, block.line = answer.origin.source, answer.origin.line
            if content:
                answered = True
                block.extend(content)
            else:  # kept (its marker too), marked like an unanswered question
                _log.warn(
                    logger, "empty answer", _log.DeckbookWarnings.QA, answer.origin
                )
                note = nodes.inline(unanswered, unanswered)
                block += nodes.paragraph(
                    "", "", note, classes=["deckbook-qa-unanswered"]
                )
            qa_items.prefix_marker(block, answer.marker)
            self._walk(block, nested=True)
            item += block
        item["answered"] = answered
        if not question.answers:
            text = qa_items.plain(title_nodes)
            message = f"question without an answer: {text!r}"
            _log.warn(logger, message, _log.DeckbookWarnings.QA_UNANSWERED, item)
            item += nodes.paragraph(
                unanswered, unanswered, classes=["deckbook-qa-unanswered"]
            )
        self._set_id(item, "qa-", qa_items.plain(title_nodes) or item.astext())
        return item

    def _group(self, items, origin, nested: bool) -> qa_nodes.qa_group:
        group = qa_nodes.qa_group(classes=["deckbook-qa-group"])
        group.source, group.line = origin.source, origin.line
        group.extend(items)
        self._set_id(group, "qa-group-", _group_key(group))
        if nested:
            message = "Q&A inside an answer is shown inside that answer, not on its own"
            _log.warn(logger, message, _log.DeckbookWarnings.QA, group)
        return group

    def _title(self, group, title: nodes.paragraph, origin) -> qa_nodes.qa_group:
        """Title *group* with the paragraph of the list item it was nested under."""
        rubric = nodes.rubric("", "", *title.children)
        rubric["classes"] = ["deckbook-qa-group-title", *title["classes"]]
        rubric["ids"] = list(title["ids"])
        rubric.source, rubric.line = title.source, title.line
        group.insert(0, rubric)
        group.source, group.line = origin.source, origin.line
        for old_id in group["ids"]:
            self.document.ids.pop(old_id, None)
        group["ids"] = []
        self._set_id(group, "qa-group-", _group_key(group))
        return group

    def _set_id(self, node: nodes.Element, prefix: str, text: str) -> None:
        """A stable anchor: a hash of the text, so edits elsewhere never move it."""
        normal = " ".join(text.split())
        base = prefix + hashlib.sha1(normal.encode("utf-8")).hexdigest()[:8]
        node_id, count = base, 1
        while node_id in self.document.ids:
            count += 1
            node_id = f"{base}-{count}"
        node["ids"].append(node_id)
        self.document.ids[node_id] = node


def _group_key(group: qa_nodes.qa_group) -> str:
    """What a group's anchor is made of: its title and its first question."""
    title = next((c for c in group.children if isinstance(c, nodes.rubric)), None)
    first = next(iter(group.findall(qa_nodes.qa_item)), None)
    return "\n".join(
        node.astext() if node is not None else ""
        for node in (title, first and first[0])
    )


def _titles_group(item: nodes.Node) -> bool:
    return (
        isinstance(item, nodes.list_item)
        and len(item) == 2
        and isinstance(item[0], nodes.paragraph)
        and isinstance(item[1], qa_nodes.qa_group)
        and not any(isinstance(child, nodes.rubric) for child in item[1].children)
    )


def add_book_assets(app: Sphinx) -> None:
    """The Q&A styles, in the book only (decks style Q&A in deckbook-slides.css)."""
    add_book_css(app, "deckbook-qa.css")


def setup_qa(app: Sphinx) -> None:
    app.add_config_value(
        "deckbook_qa_collapsible", False, "html", types=frozenset({bool})
    )
    qa_nodes.setup_qa_nodes(app)
    app.add_transform(QATransform)
    app.connect("builder-inited", add_book_assets)
    qa_domain.setup_qa_domain(app)
