"""The Q&A nodes and how every builder writes them.

The read-phase doctree (identical for every builder)::

    qa_group (ids: qa-group-<hash>, classes: deckbook-qa-group)
        rubric (classes: deckbook-qa-group-title)   — only for a titled group
        qa_item (nodes.Admonition; ids: qa-<hash>, classes: deckbook-qa, answered)
            qa_title (nodes.title): inline(deckbook-qa-marker) "Q", " ", question…
            container (classes: deckbook-qa-question)   — more question, if any
            qa_answer (classes: deckbook-qa-answer) ×n
                paragraph: inline(deckbook-qa-marker) "A", " ", answer…
                …the rest of the answer (lists, code, paragraphs)…
            paragraph (classes: deckbook-qa-unanswered)   — when there is no answer

The markers stay as text (``Q``, ``질문``, ``A``, ``답변``…) so nothing the author
wrote is lost; CSS turns them into badges. The book writes a ``qa_item`` as an
admonition ``<div>`` (or ``<details>`` with ``deckbook_qa_collapsible``) whose title
carries a permalink; decks get their own slides from :mod:`deckbook.deck.from_pages`,
and the other
builders fall
back to their plain admonition, container and title handling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .._assets import BOOK_BUILDERS
from .._i18n import translate

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class qa_group(nodes.General, nodes.Element):
    """The Q&A of one list (titled by the list item they were nested under, if any)."""


class qa_item(nodes.Admonition, nodes.Element):
    """One question (the title) and its answers (the body)."""


class qa_title(nodes.title):
    """The question: a title, so every writer treats it as the admonition's title."""


class qa_answer(nodes.General, nodes.Element):
    """One answer to the question of its :class:`qa_item`."""


class qalist(nodes.General, nodes.Element):
    """Placeholder for ``{qalist}``, always replaced at ``doctree-resolved``."""


def in_answer(node: nodes.Node) -> bool:
    """True for Q&A written inside another Q&A (shown there, not on their own)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, qa_item):
            return True
        parent = parent.parent
    return False


# --- HTML (book and, for nested Q&A, decks) -----------------------------------------


def _collapsible(self, node: nodes.Element) -> bool:
    return bool(self.config.deckbook_qa_collapsible) and (
        self.builder.name in BOOK_BUILDERS
    )


def visit_group_html(self, node: qa_group) -> None:
    self.body.append(self.starttag(node, "div", ""))


def depart_group_html(self, node: qa_group) -> None:
    self.body.append("</div>\n")


def visit_item_html(self, node: qa_item) -> None:
    classes = ["admonition"]
    if not node.get("answered", True):
        classes.append("deckbook-qa-unanswered")
    tag = "details" if _collapsible(self, node) else "div"
    self.body.append(self.starttag(node, tag, "", CLASS=" ".join(classes)))


def depart_item_html(self, node: qa_item) -> None:
    tag = "details" if _collapsible(self, node) else "div"
    self.body.append(f"</{tag}>\n")


def visit_title_html(self, node: qa_title) -> None:
    tag = "summary" if _collapsible(self, node.parent) else "p"
    self.body.append(self.starttag(node, tag, "", CLASS="admonition-title"))


def depart_title_html(self, node: qa_title) -> None:
    item = node.parent
    label = translate(self.config.language, "Link to this question")
    original = item.get("original_uri")
    if original and self.config.html_permalinks and self.builder.add_permalinks:
        # A copy in {qalist}: the link goes to the question where it was asked.
        icon = self.config.html_permalinks_icon
        self.body.append(
            f'<a class="headerlink" href="{self.attval(original)}" '
            f'title="{self.attval(label)}">{icon}</a>'
        )
    else:
        self.add_permalink_ref(item, self.attval(label))
    tag = "summary" if _collapsible(self, item) else "p"
    self.body.append(f"</{tag}>\n")


def visit_answer_html(self, node: qa_answer) -> None:
    self.body.append(self.starttag(node, "div", ""))


def depart_answer_html(self, node: qa_answer) -> None:
    self.body.append("</div>\n")


# --- everything else: the builder's own admonition, title and container -------------


def visit_item(self, node: qa_item) -> None:
    self.visit_admonition(node)


def depart_item(self, node: qa_item) -> None:
    self.depart_admonition(node)


def visit_title(self, node: qa_title) -> None:
    self.visit_title(node)


def depart_title(self, node: qa_title) -> None:
    self.depart_title(node)


def visit_block(self, node: nodes.Element) -> None:
    self.visit_container(node)


def depart_block(self, node: nodes.Element) -> None:
    self.depart_container(node)


def setup_qa_nodes(app: Sphinx) -> None:
    html = {
        qa_group: (visit_group_html, depart_group_html),
        qa_item: (visit_item_html, depart_item_html),
        qa_title: (visit_title_html, depart_title_html),
        qa_answer: (visit_answer_html, depart_answer_html),
    }
    other = {
        qa_group: (visit_block, depart_block),
        qa_item: (visit_item, depart_item),
        qa_title: (visit_title, depart_title),
        qa_answer: (visit_block, depart_block),
    }
    for node_class in (qa_group, qa_item, qa_title, qa_answer):
        # revealjs/dirrevealjs explicitly: sphinx-revealjs would otherwise copy the
        # html visitors at config-inited (inherit_extension_nodes).
        app.add_node(
            node_class,
            html=html[node_class],
            revealjs=html[node_class],
            dirrevealjs=html[node_class],
            latex=other[node_class],
            text=other[node_class],
            man=other[node_class],
            texinfo=other[node_class],
        )
    app.add_node(qalist)
