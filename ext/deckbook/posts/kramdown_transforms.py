"""Read-phase transforms of kramdown pages (the same doctree for every builder).

- A block whose class is a theme's notice (minimal-mistakes ``notice``,
  ``notice--info|warning|danger|success|primary``; chirpy ``prompt-tip|info|warning|
  danger``) becomes a titleless ``admonition`` with that class, drawn as a coloured
  box by ``deckbook-kramdown.css`` in the book (light and dark) and the decks.
- ``{: file="x.py"}`` on a code block becomes its caption (chirpy's file name).
- Other attributes an IAL gave have no place in a docutils node: a warning.
- ``kramdown_toc`` placeholders become a contents list of the page's sections.
- A ``mermaid`` code block stays a code block (no offline renderer): an info note.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from myst_parser.mdit_to_docutils.transforms import AddSlugIds
from sphinx.transforms import SphinxTransform

from .. import _log
from .._assets import DECK_BUILDERS, add_book_css, use_static
from .kramdown import is_kramdown_page, kramdown_toc

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = _log.get_logger(__name__)
NOTICE_KINDS = {
    "notice": "neutral",
    "notice--primary": "primary",
    "notice--info": "info",
    "notice--warning": "warning",
    "notice--danger": "danger",
    "notice--success": "success",
    "prompt-tip": "success",
    "prompt-info": "info",
    "prompt-warning": "warning",
    "prompt-danger": "danger",
}
CSS = "deckbook-kramdown.css"
# Attributes a docutils node has no use for, accepted without a word.
QUIET = {"target", "rel"}


class KramdownTransform(SphinxTransform):
    """Base: run on kramdown pages only (ordinary MyST pages keep their doctree)."""

    def apply(self, **kwargs: Any) -> None:
        if is_kramdown_page(self.env, self.env.docname):
            self.run()

    def run(self) -> None:
        raise NotImplementedError


class NoticeTransform(KramdownTransform):
    """``{: .notice--info}`` on a paragraph (or quote, list…)::

    admonition (classes: deckbook-notice deckbook-notice-info notice--info)
        paragraph …     (a quote's children, unwrapped)
    """

    default_priority = 500  # independent of other transforms

    def run(self) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if isinstance(node, nodes.Body) and not isinstance(node, nodes.Admonition):
                found = [c for c in node["classes"] if c in NOTICE_KINDS]
                if found:
                    _make_notice(node, found)


def _make_notice(node: nodes.Element, found: list[str]) -> None:
    kind = NOTICE_KINDS[found[-1]]
    box = nodes.admonition("", classes=["deckbook-notice", f"deckbook-notice-{kind}"])
    box["classes"] += found
    box.source, box.line = node.source, node.line
    node["classes"] = [c for c in node["classes"] if c not in found]
    if isinstance(node, nodes.block_quote):
        box["classes"] += node["classes"]
        box["ids"] = node["ids"]
        box.extend(node.children)
    else:
        box += node.deepcopy()
    node.replace_self(box)


class AttributesTransform(KramdownTransform):
    """The IAL attributes MyST could not place: ``file`` on code is a caption."""

    default_priority = 500

    def run(self) -> None:
        for node in list(self.document.findall(nodes.Element)):
            attrs = node.attributes.pop("kramdown_attrs", None)
            if not attrs:
                continue
            name = attrs.pop("file", None)
            if name is not None and isinstance(node, nodes.literal_block):
                _caption(self.document, node, name)
            elif name is not None:
                attrs["file"] = name
            for key in sorted(attrs):
                if key in QUIET:
                    continue
                message = (
                    f'kramdown attribute {key}="{attrs[key]}" on a {node.tagname} '
                    "has no equivalent here; it is ignored"
                )
                _log.warn(logger, message, _log.DeckbookWarnings.KRAMDOWN, node)


def _caption(document, block: nodes.literal_block, name: str) -> None:
    """Sphinx's ``code-block :caption:`` structure, so every builder shows it (with
    an id, as Sphinx numbers such containers)."""
    wrapper = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
    document.set_id(wrapper)
    wrapper.source, wrapper.line = block.source, block.line
    caption = nodes.caption(name, name, classes=["deckbook-code-file"])
    caption.source, caption.line = block.source, block.line
    block.replace_self(wrapper)
    wrapper += [caption, block]


class MermaidTransform(KramdownTransform):
    """Deckbook ships no mermaid renderer (see the guide), so a diagram stays its
    source: a plain-text code block, and an info message (not a warning: nothing
    is lost, and ``-W`` builds go on)."""

    default_priority = 500

    def run(self) -> None:
        for block in self.document.findall(nodes.literal_block):
            if block.get("language") == "mermaid":
                block["language"] = "text"  # Pygments has no mermaid lexer
                block["classes"].append("deckbook-mermaid")
                logger.info(
                    "mermaid diagram shown as its source code (no offline renderer)",
                    location=block,
                )


class KramdownContents(SphinxTransform):
    """A contents list where ``{:toc}`` (or ``toc: true``) asked for one: the
    page's sections below its title, as kramdown's ``toc_levels`` allow; headings
    of class ``no_toc`` are left out (their subsections move up)."""

    # After FrontMatterTransform (AddSlugIds - 10) made the page's title section and
    # after AddSlugIds (700) gave sections their slug ids, which the links use.
    default_priority = AddSlugIds.default_priority + 10

    def apply(self, **kwargs: Any) -> None:
        for placeholder in list(self.document.findall(kramdown_toc)):
            top = next(self.document.findall(nodes.section), None)
            entries = _entries(top, placeholder, 2) if top is not None else None
            if not entries:
                placeholder.parent.remove(placeholder)
                continue
            topic = nodes.topic("", entries, classes=["contents", "kramdown-toc"])
            if placeholder.get("label"):
                topic.insert(0, nodes.title(placeholder["label"], placeholder["label"]))
            topic["classes"] += placeholder["classes"]
            topic["ids"] = placeholder["ids"]
            topic.source, topic.line = placeholder.source, placeholder.line
            if placeholder.parent is self.document:  # toc: true, before the title
                placeholder.parent.remove(placeholder)
                top.insert(_after_heading(top), topic)
            else:
                placeholder.replace_self(topic)


def _after_heading(section: nodes.section) -> int:
    """Under the page title and what goes with it (the post-meta line)."""
    index = 1
    while index < len(section) and section[index].tagname in ("post_meta", "target"):
        index += 1
    return index


def _entries(section: nodes.section, placeholder, depth: int) -> nodes.Element | None:
    items = []
    for child in section.children:
        if not isinstance(child, nodes.section):
            continue
        nested = _entries(child, placeholder, depth + 1)
        if "no_toc" in child["classes"] or depth not in placeholder["levels"]:
            if nested is not None:
                items.extend(nested.children)
            continue
        title = child[0].astext() if child.children else ""
        link = nodes.reference("", title, refid=child["ids"][0] if child["ids"] else "")
        item = nodes.list_item("", nodes.paragraph("", "", link))
        if nested is not None:
            item += nested
        items.append(item)
    if not items:
        return None
    kind = nodes.enumerated_list if placeholder["ordered"] else nodes.bullet_list
    return kind("", *items)


def add_assets(app: Sphinx) -> None:
    """The notice styles in the book and, through the deck builder, in the decks
    (sphinx-revealjs ignores CSS registered with ``app.add_css_file``)."""
    add_book_css(app, CSS)
    if app.builder.name in DECK_BUILDERS:
        use_static(app)
        app.builder.add_css_file(CSS)


def setup_kramdown_transforms(app: Sphinx) -> None:
    app.add_transform(NoticeTransform)
    app.add_transform(AttributesTransform)
    app.add_transform(MermaidTransform)
    app.add_transform(KramdownContents)
    app.connect("builder-inited", add_assets)
