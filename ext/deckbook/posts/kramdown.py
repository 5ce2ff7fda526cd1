"""kramdown syntax on Jekyll posts: what Jekyll 4's kramdown (GFM input) reads.

**Which pages:** a page written for Jekyll
(:meth:`deckbook.source.frontmatter.FrontMatter.is_jekyll`, the rule Liquid and math
share): a post (``YYYY-MM-DD-title.md``, ``date:`` or ``layout: post``), a page under a
``_posts/`` folder, or one with a key only Jekyll reads (``layout``, ``permalink``,
``render_with_liquid``) — never a Marp deck (``marp: true``). Front matter
``kramdown: false`` turns it off for a post, ``kramdown: true`` on for any page. Every
other page is read by MyST exactly as before.

**How:** the Markdown parser (:mod:`deckbook.markdown`) is MyST's; for a post it
builds MyST's markdown-it parser with kramdown's extra rules (attribute
lists, extensions, abbreviations, kramdown's HTML blocks; definition lists,
strikethrough and task lists as kramdown's GFM input has them) and renders with
:class:`KramdownRenderer`, which keeps what MyST's renderer has no place for.
The read-phase transforms (:mod:`.kramdown_transforms`) then make notices
admonitions, ``file=`` a code caption and ``{:toc}`` a contents list, identically
for every builder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

from .. import _log
from ..read_speed import DocumentGivenRenderer
from ..source.frontmatter import page_front_matter
from . import kramdown_attrs, kramdown_core, kramdown_ext, kramdown_html

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = _log.get_logger(__name__)
# kramdown always has these; its GFM input (Jekyll's default) adds the last two.
KRAMDOWN_SYNTAX = ("deflist", "strikethrough", "tasklist")
TERMINATES = ["paragraph", "reference", "blockquote", "list", "footnote_def"]


def is_kramdown_page(env: BuildEnvironment, docname: str) -> bool:
    """The rule in the module docstring, from the front matter read at source-read."""
    front = page_front_matter(env)
    if isinstance(front.data.get("kramdown"), bool):
        return front.data["kramdown"]
    return front.is_jekyll(docname)


def kramdown_plugin(md: MarkdownIt) -> None:
    """kramdown's block, span and core rules on MyST's markdown-it parser."""
    md.block.ruler.before(
        "table", "kramdown_ial", kramdown_attrs.ial_block_rule, {"alt": TERMINATES}
    )
    md.block.ruler.before("table", "kramdown_ext", kramdown_ext.extension_block_rule)
    md.block.ruler.before("reference", "kramdown_abbr", kramdown_ext.abbr_def_rule)
    md.block.ruler.at("html_block", kramdown_html.kramdown_html_block)
    md.inline.ruler.before("text", "kramdown_ext", kramdown_ext.extension_span_rule)
    md.inline.ruler.before("text", "kramdown_ial", kramdown_attrs.span_ial_rule)
    md.core.ruler.after("inline", "kramdown", kramdown_core.resolve)
    # A line starting with "%" is text in kramdown, not a MyST comment to drop.
    md.block.ruler.disable("myst_line_comment")


def kramdown_config(config):
    """The page's MyST configuration plus the syntax kramdown always has."""
    extensions = set(config.enable_extensions) | set(KRAMDOWN_SYNTAX)
    return config.copy(enable_extensions=extensions)


def front_matter_toc(document: nodes.document, env, md_env: dict) -> None:
    """minimal-mistakes' ``toc: true`` (and ``toc_label``): a contents list on top."""
    data = page_front_matter(env).data
    if data.get("toc") is True:
        levels = kramdown_ext.toc_levels(md_env)
        node = toc_placeholder(document, {"levels": levels, "class": "toc-top"})
        node["label"] = str(data.get("toc_label") or "")
        document.insert(_first_body_index(document), node)


def _first_body_index(document: nodes.document) -> int:
    """After what heads the document: MyST's front-matter field list must stay first
    for docutils' DocInfo transform to take it."""
    head = (nodes.Invisible, nodes.docinfo, nodes.meta, nodes.field_list)
    for index, child in enumerate(document.children):
        if not isinstance(child, head):
            return index
    return len(document.children)


class kramdown_toc(nodes.General, nodes.Element):
    """Where a contents list goes (``{:toc}``, ``toc: true``); always replaced by
    :class:`.kramdown_transforms.KramdownContents` in the read phase."""


def toc_placeholder(document: nodes.document, attrs: dict[str, Any]) -> kramdown_toc:
    node = kramdown_toc("", ordered=attrs.get("ordered", False))
    node["levels"] = sorted(attrs.get("levels", range(1, 7)))
    node["classes"] = str(attrs.get("class", "")).split()
    if attrs.get("id"):
        node["ids"] = [nodes.make_id(attrs["id"])]
    node.source = document["source"]
    return node


class KramdownRenderer(DocumentGivenRenderer):
    """MyST's renderer plus kramdown's tokens; attributes beyond class and id wait on
    the node (``kramdown_attrs``) for the transforms."""

    def copy_attributes(self, token, node, keys=("class",), **kwargs) -> None:
        super().copy_attributes(token, node, keys, **kwargs)
        if extra := token.meta.get("kramdown_attrs"):
            node["kramdown_attrs"] = dict(extra)

    def render_em(self, token: SyntaxTreeNode) -> None:
        self._render_span(token, nodes.emphasis())

    def render_strong(self, token: SyntaxTreeNode) -> None:
        self._render_span(token, nodes.strong())

    def render_s(self, token: SyntaxTreeNode) -> None:
        """GFM's ``~~text~~``, as MyST draws it (``<s>`` in HTML, the book's and the
        decks' format) but without MyST's warning that other formats lack it."""
        self.current_node.append(nodes.raw("", "<s>", format="html"))
        self.render_children(token)
        self.current_node.append(nodes.raw("", "</s>", format="html"))

    def _render_span(self, token: SyntaxTreeNode, node: nodes.Element) -> None:
        self.add_line_and_source_path(node, token)
        self.copy_attributes(token, node, ("class", "id"))
        with self.current_node_context(node, append=True):
            self.render_children(token)

    def render_kramdown_abbr(self, token: SyntaxTreeNode) -> None:
        node = nodes.abbreviation(token.content, token.content)
        if token.meta["title"]:
            node["explanation"] = token.meta["title"]
        self.current_node.append(node)

    def render_kramdown_toc(self, token: SyntaxTreeNode) -> None:
        attrs = {**token.attrs, "ordered": token.meta.get("ordered", False)}
        attrs["levels"] = kramdown_ext.toc_levels(self.md_env)
        node = toc_placeholder(self.document, attrs)
        self.add_line_and_source_path(node, token)
        self.current_node.append(node)

    def render_kramdown_hidden(self, token: SyntaxTreeNode) -> None:
        """A ``{::comment}``: kramdown's HTML has it as a comment nobody sees."""

    render_kramdown_ald = render_kramdown_abbr_def = render_kramdown_hidden

    def _render_finalise(self) -> None:
        super()._render_finalise()
        docname = self.sphinx_env.docname
        found = self.md_env.pop("kramdown_warnings", [])
        for line, message in sorted(found, key=lambda item: item[0] or 0):
            _log.warn(logger, message, _log.DeckbookWarnings.KRAMDOWN, (docname, line))
        for line, message in self.md_env.pop("kramdown_notes", []):
            logger.debug("%s:%s: %s", docname, line, message)


def setup_kramdown(app: Sphinx) -> None:
    # The rules reach posts through deckbook.markdown's parser; the transforms
    # (kramdown_transforms.py, set up next by posts/__init__) read what they leave.
    app.add_node(kramdown_toc)
