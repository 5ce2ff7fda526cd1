"""Which pages read ``$`` as math, and the Markdown parser that reads them.

The choice is made while reading, from the page's source alone, so every builder
gets the same doctree (STYLE 6): a Marp deck (``marp: true``) reads math as marp-core
does; a page written for Jekyll
(:meth:`deckbook.source.frontmatter.FrontMatter.is_jekyll`), or any page whose front
matter says ``math: true`` (the switch Jekyll themes use), as kramdown does; every
other page as the project's MyST configuration says (math only if conf enables
``dollarmath``).

:func:`math_dialect` tells :mod:`deckbook.markdown`'s parser which rules
(:mod:`.syntax`) a page gets; :class:`MathRenderer` reports an unclosed ``$$``;
:func:`markdown_parser` builds the same parser for Markdown snippets of a Marp deck
(notes, header, footer).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from myst_parser.parsers.mdit import create_md_parser

from .. import _log
from ..read_speed import DocumentGivenRenderer
from ..source.frontmatter import page_front_matter
from .syntax import math_plugin

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.tree import SyntaxTreeNode
    from myst_parser.config.main import MdParserConfig
    from sphinx.environment import BuildEnvironment

logger = _log.get_logger(__name__)
_TRUE = {"true", "yes", "on", "1"}


def math_dialect(env: BuildEnvironment) -> str | None:
    """``"marp"``, ``"kramdown"`` or None, for the page being read."""
    front = page_front_matter(env)
    if front.is_marp:
        return "marp"
    if front.is_jekyll(env.docname) or str(front.data.get("math", "")).lower() in _TRUE:
        return "kramdown"
    return None


class MathRenderer(DocumentGivenRenderer):
    """MyST's Sphinx renderer (with no throw-away document: read_speed.py), plus
    the text of a ``$$`` that nothing closed."""

    def render_math_unclosed(self, token: SyntaxTreeNode) -> None:
        self.current_node.append(nodes.Text(token.content))
        block = token.parent
        while block is not None and not block.map:
            block = block.parent
        # MyST made the maps 1-based before rendering (_render_tokens).
        line = (block.map[0] if block is not None else 1) + token.meta["line"]
        message = (
            "math: '$$' is never closed by another '$$'; it is shown as text "
            "(write a literal one as '\\$\\$')"
        )
        _log.warn(
            logger, message, _log.DeckbookWarnings.MATH, (self.sphinx_env.docname, line)
        )


def markdown_parser(config: MdParserConfig, env: BuildEnvironment) -> MarkdownIt:
    """The markdown-it parser for the page being read: MyST's, with its math rules."""
    dialect = math_dialect(env)
    if dialect is None:
        return create_md_parser(config, DocumentGivenRenderer)
    parser = create_md_parser(config, MathRenderer)
    math_plugin(parser, dialect)
    return parser
