"""Decks from ordinary pages (DESIGN §3.3): slides by heading, Q&A slides, no overflow.

sphinx-revealjs already makes the page title (with the intro) the title slide, each
``##`` section a horizontal slide and each ``###`` a vertical one. On top of that, for
every page that is not a Marp deck, the deck-only :class:`OrdinaryDeckTransform`

- lifts each top-level :class:`~.qa_nodes.qa_group` out of its slide: a group title
  slide (when the group has a title), then one slide per question whose answers are
  fragments; content that followed the group continues on a slide of its own;
- marks the slides it knows (``data-deckbook-kind``: ``title``, ``qa-group``, ``qa``,
  ``continued``) and gives the page a 1280×720 reveal.js configuration with
  ``deckbookFit`` set.

Overflow is measured where it happens, in the browser: ``deckbook-slides.js`` (shipped
with the deck theme, registered here for deck builders only) moves what does not fit at
1280×720 onto continuation slides titled "… (2/3)" after fonts and images load, then
calls ``Reveal.sync()``. Python cannot know Korean glyph widths, font fallback or image
sizes, and an estimate either wastes slides or overflows; the browser's layout is exact.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx_revealjs.nodes import revealjs_section, revealjs_slide

from .._i18n import translate
from ..qa.nodes import in_answer, qa_answer, qa_group, qa_item, qa_title
from .builder import DECK_BUILDERS, _as_bool

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# What every ordinary page's deck is configured with, unless the project's
# revealjs_script_conf (or the page's own revealjs-slide directive) says otherwise.
# In print (site/exports/pdf.py): a page a slide, fragments shown, as Marp decks print.
PAGE_CONF = {
    "width": 1280,
    "height": 720,
    "center": False,
    "deckbookFit": True,
    "pdfSeparateFragments": False,
}
KIND = "data-deckbook-kind"
# Sections deeper than this are not slides in sphinx-revealjs (writers.py): their
# content stays on the slide of their level-3 ancestor.
SLIDE_DEPTH = 3


class OrdinaryDeckTransform(SphinxPostTransform):
    """Q&A slides and the fitting configuration, for decks of ordinary pages."""

    builders = DECK_BUILDERS
    # After Sphinx's own post-transforms (5-100, ReferencesResolver at 10) and
    # offline.RemoteImagesAsLinks (90): the nodes we move are final by then. Before
    # search_hidden (900), which is book-only anyway.
    default_priority = 700

    def run(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if _as_bool(self.env.metadata.get(docname, {}).get("marp")):
            return  # a Marp deck: its slides come from the Marp engine
        top = next(iter(self.document.findall(nodes.section)), None)
        if top is None or top.parent is not self.document:
            return  # not a page (e.g. a fragment resolved on the side by {qalist})
        for group in list(self.document.findall(qa_group)):
            if not in_answer(group):
                self._lift(group)
        _mark(top, "title")
        self._configure(top)

    # --- Q&A -------------------------------------------------------------------------

    def _lift(self, group: qa_group) -> None:
        slide = _slide_of(group)
        if slide is None:
            return
        depth = _depth(slide)
        after = _split_after(slide, group)
        # Subsections of a slide are slides of their own (they stay after the new ones);
        # below level 3 they are only content, continued with the rest.
        keep = depth < SLIDE_DEPTH
        subsections = [n for n in after if keep and isinstance(n, nodes.section)]
        body = [n for n in after if n not in subsections]
        questions = [
            _question_slide(item)
            for item in group.children
            if isinstance(item, qa_item)
        ]
        title = next((c for c in group.children if isinstance(c, nodes.rubric)), None)
        new: list[nodes.section] = []
        if title is not None:
            # Where these questions were asked: the slide's title, as a subtitle.
            context = nodes.paragraph("", "", *_title_copy(slide))
            context["classes"] = ["deckbook-qa-group-context"]
            heading = _section(
                title.children, "qa-group", group["ids"], [context], origin=group
            )
            if depth == 1:  # the group is a horizontal slide, its questions below it
                heading.extend(questions)
                questions = []
            new.append(heading)
        new.extend(questions)
        if body:
            label = f" ({translate(self.config.language, 'continued')})"
            title_nodes = [*_title_copy(slide), nodes.Text(label)]
            # Every section needs an id: the HTML writer looks section numbers up by it.
            ids = [_fresh_id(self.document, f"{group['ids'][0]}-continued")]
            new.append(_section(title_nodes, "continued", ids, body, origin=group))
            self.document.ids[ids[0]] = new[-1]
        if keep:
            index = _first_subsection(slide)
            slide[index:index] = new
            slide.extend(subsections)
        else:
            parent = slide.parent
            index = parent.index(slide) + 1
            parent[index:index] = new

    # --- page configuration ----------------------------------------------------------

    def _configure(self, top: nodes.section) -> None:
        project = _as_dict(self.config.revealjs_script_conf)
        conf = {k: v for k, v in PAGE_CONF.items() if k not in project}
        existing = next(
            (c for c in top.children if isinstance(c, revealjs_slide)), None
        )
        if existing is None:
            node = revealjs_slide()
            node.content = ""  # the builder reads this attribute (directives.py)
            node["conf"] = json.dumps(conf)
            top.insert(1, node)
            return
        own = _as_dict(existing.get("conf"))
        existing["conf"] = json.dumps({**conf, **own})


def _as_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.strip():
        try:
            data = json.loads(value)
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    return {}


def _fresh_id(document: nodes.document, base: str) -> str:
    node_id, count = base, 1
    while node_id in document.ids:
        count += 1
        node_id = f"{base}-{count}"
    return node_id


def _depth(section: nodes.section) -> int:
    depth, node = 0, section
    while node is not None:
        if isinstance(node, nodes.section):
            depth += 1
        node = node.parent
    return depth


def _slide_of(node: nodes.Node) -> nodes.section | None:
    """The section whose slide shows *node* (sections below level 3 are not slides)."""
    sections = []
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            sections.append(parent)
        parent = parent.parent
    if not sections:
        return None
    sections.reverse()  # outermost first
    return sections[min(len(sections), SLIDE_DEPTH) - 1]


def _first_subsection(section: nodes.section) -> int:
    for index, child in enumerate(section.children):
        if isinstance(child, nodes.section):
            return index
    return len(section)


def _split_after(root: nodes.Element, node: nodes.Node) -> list[nodes.Node]:
    """Detach *node* and everything after it inside *root*; return what followed it.

    Ancestors between the two are cut in two: the part after *node* is a shallow copy
    holding the rest (a numbered list keeps counting, a list item continued from the
    slide before is marked ``deckbook-continued``). Emptied ancestors are removed.
    """
    parent = node.parent
    index = parent.index(node)
    carried = list(parent.children[index + 1 :])
    del parent[index:]
    while parent is not root:
        grand = parent.parent
        position = grand.index(parent)
        following = list(grand.children[position + 1 :])
        del grand[position + 1 :]
        carried = [_rest_of(parent, carried), *following] if carried else following
        if not parent.children:
            grand.remove(parent)
        parent = grand
    return carried


def _rest_of(element: nodes.Element, children: list[nodes.Node]) -> nodes.Element:
    clone = element.copy()
    clone["ids"], clone["names"] = [], []
    if isinstance(element, nodes.enumerated_list):
        kept = len(element.children)
        continued = bool(children) and "deckbook-continued" in children[0].get(
            "classes", []
        )
        clone["start"] = element.get("start", 1) + kept - (1 if continued else 0)
    if isinstance(element, nodes.list_item):
        clone["classes"] = [*clone["classes"], "deckbook-continued"]
    clone.extend(children)
    return clone


def _title_copy(section: nodes.section) -> list[nodes.Node]:
    """A copy of the section title's content (no ids: they must stay unique)."""
    if not section.children or not isinstance(section[0], nodes.title):
        return []
    copies = [child.deepcopy() for child in section[0].children]
    for copy in copies:
        for element in [copy] if isinstance(copy, nodes.Element) else []:
            for inner in element.findall(nodes.Element):
                inner["ids"] = []
    return copies


def _section(title_nodes, kind: str, ids, body=(), origin=None) -> nodes.section:
    section = nodes.section(ids=list(ids))
    if origin is not None:
        section.source, section.line = origin.source, origin.line
    section += nodes.title("", "", *title_nodes)
    section += revealjs_section(**{KIND: kind})
    section.extend(body)
    return section


def _question_slide(item: qa_item) -> nodes.section:
    """The question as the slide title; each answer a fragment (the next step)."""
    title = item[0] if isinstance(item[0], qa_title) else None
    section = _section(title.children if title else [], "qa", item["ids"], origin=item)
    for child in list(item.children[1 if title else 0 :]):
        if isinstance(child, qa_answer):
            block = nodes.container("", *child.children)
            block["classes"] = ["deckbook-qa-answer", "fragment"]
            section += block
        else:
            section += child
    if not item.get("answered", True):
        section[1]["data-deckbook-unanswered"] = "true"
    return section


def _mark(section: nodes.section, kind: str) -> None:
    existing = next(
        (c for c in section.children if isinstance(c, revealjs_section)), None
    )
    if existing is None:
        section.insert(1, revealjs_section(**{KIND: kind}))
    else:
        existing.attributes.setdefault(KIND, kind)


def add_deck_assets(app: Sphinx) -> None:
    """The fitting script and the slide styles, in every deck (the theme ships them)."""
    if app.builder.name not in DECK_BUILDERS:
        return
    app.builder.add_css_file("deckbook-slides.css")
    app.builder.add_js_file("deckbook-slides.js", defer="defer")


def setup_slides(app: Sphinx) -> None:
    app.add_post_transform(OrdinaryDeckTransform)
    app.connect("builder-inited", add_deck_assets)
