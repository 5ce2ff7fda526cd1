"""Every Q&A of the site, and the ``{qalist}`` directive that lists them by page.

:class:`QADomain` keeps, per document, a copy of each top-level
:class:`~.qa_nodes.qa_group` (Q&A inside an answer travel inside their group), like
``sphinx.ext.todo``'s domain. ``{qalist}`` emits a placeholder replaced at
``doctree-resolved`` (where the builder can make links, and ``NoUri`` is caught for
LaTeX)::

    container (classes: deckbook-qalist)
        rubric (classes: deckbook-qalist-page): reference → the page (its title)
        qa_group copies (no ids; each qa_item links to its original: ``original_uri``)
        …the next page, in the order of the site's table of contents…
"""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective, new_document

from .._i18n import translate
from .nodes import in_answer, qa_group, qa_item, qalist

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment


class QADomain(Domain):
    """``self.data["groups"]``: ``{docname: pickled [qa_group copy, …]}`` in document
    order (:meth:`page_groups` unpickles). Pickled once, not node by node with the
    environment, which every build writes and every pass reads: the copies were
    most of that cost (a 3.5 MB environment at 300 pages took 0.17 s to write, 0.06
    with them pickled; benchmarks/RESULTS.md)."""

    name = "qa"
    label = "Q&A"
    data_version = 2  # raise when the shape of self.data changes
    initial_data: ClassVar[dict[str, Any]] = {"groups": {}}

    @property
    def groups(self) -> dict[str, bytes]:
        return self.data.setdefault("groups", {})

    def page_groups(self, docname: str) -> list[qa_group]:
        data = self.groups.get(docname)
        return pickle.loads(data) if data else []

    def clear_doc(self, docname: str) -> None:
        self.groups.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["groups"]:
                self.groups[docname] = otherdata["groups"][docname]

    def process_doc(
        self, env: BuildEnvironment, docname: str, document: nodes.document
    ) -> None:
        found = [g.deepcopy() for g in document.findall(qa_group) if not in_answer(g)]
        for node in (node for group in found for node in group.findall()):
            node.document = None  # deepcopy keeps the page's doctree: not in the env
        if found:
            self.groups[docname] = pickle.dumps(found, pickle.HIGHEST_PROTOCOL)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    def count(self, docname: str | None = None) -> int:
        pages = [docname] if docname else list(self.groups)
        return sum(
            len([i for i in g.findall(qa_item) if not in_answer(i)])
            for page in pages
            for g in self.page_groups(page)
        )


class QAListDirective(SphinxDirective):
    """Every Q&A of the site, grouped by page::

        ```{qalist}
        ```

    emits ``qalist`` (replaced at ``doctree-resolved``; see the module docstring).
    """

    option_spec: ClassVar[dict[str, Any]] = {
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        node = qalist("")
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        self.add_name(node)
        return [node]


def site_order(env: BuildEnvironment) -> list[str]:
    """Documents in the order of the table of contents, then any others by name."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname in seen:
            continue
        seen.add(docname)
        order.append(docname)
        stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order + sorted(set(env.found_docs) - seen)


def _uri(builder: Builder, fromdoc: str, docname: str) -> str | None:
    try:
        return builder.get_relative_uri(fromdoc, docname)
    except NoUri:  # e.g. LaTeX: no URI for a page outside the document
        return None


def _page_heading(env, builder, fromdoc: str, docname: str) -> nodes.rubric:
    title = env.titles[docname].astext() if docname in env.titles else docname
    heading = nodes.rubric(classes=["deckbook-qalist-page"])
    uri = _uri(builder, fromdoc, docname)
    text = nodes.inline(title, title)
    heading += nodes.reference("", "", text, internal=True, refuri=uri) if uri else text
    return heading


def _copy(group: qa_group, builder, fromdoc: str, docname: str) -> qa_group:
    copy = group.deepcopy()
    for node in copy.findall(nodes.Element):
        if isinstance(node, qa_item) and node["ids"]:
            uri = _uri(builder, fromdoc, docname)
            if uri is not None:
                node["original_uri"] = f"{uri}#{node['ids'][0]}"
        node["ids"] = []
    for xref in copy.findall(addnodes.pending_xref):
        if "refdoc" in xref:
            xref["refdoc"] = fromdoc
    return copy


def resolve_qalists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    env, builder = app.env, app.builder
    domain: QADomain = env.domains["qa"]
    for node in list(doctree.findall(qalist)):
        listing = nodes.container(classes=["deckbook-qalist", *node["classes"]])
        listing["ids"] = node["ids"]
        for page in site_order(env):
            groups = domain.page_groups(page)
            if not groups:
                continue
            listing += _page_heading(env, builder, docname, page)
            listing.extend(_copy(group, builder, docname, page) for group in groups)
        if len(listing) == 0:
            text = translate(app.config.language, "No questions yet")
            listing += nodes.paragraph(text, text, classes=["deckbook-qalist-empty"])
        # Cross-references inside the copies resolve as if written on this page.
        holder = new_document("")
        holder += listing
        env.resolve_references(holder, docname, builder)
        holder.remove(listing)
        node.replace_self(listing)


def setup_qa_domain(app: Sphinx) -> None:
    app.add_domain(QADomain)
    app.add_directive("qalist", QAListDirective)
    app.connect("doctree-resolved", resolve_qalists)
