"""A post's heading levels, made consecutive as MyST nests them anyway.

Jekyll posts start at ``##``: the layout prints the title as the ``<h1>``. MyST then
warns ``myst.header`` ("Document headings start at H2, not H1"; likewise for a jump
from ``##`` to ``####``), though it nests the sections exactly as it would with
consecutive levels. Renumbering each heading to its depth in that nesting (the
``##`` of a post becomes ``#``, a ``####`` under it ``##``) gives the same doctree,
the same TOC, and no warning; the page title from the front matter stays the one
``<h1>`` of the page. Anchors (``myst_heading_anchors``) count the new levels, which
gives a post's deeper headings their anchors, as kramdown gives every heading one.
Only headings at the top level count (MyST makes sections of no others).

The levels are changed on the tokens of the page's own parse, by a core rule right
after the block rules (before heading anchors and inline parsing), so a post is
parsed once: renumbering its source first took a second block parse of every post,
4 % of a build. The rule sees the blocks as the page's parser does, kramdown's
included (a heading inside ``{::comment}`` is no heading).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

BELOW_TITLE = "deckbook_headings_below_title"  # in the markdown-it env


def consecutive_headings_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "deckbook_consecutive_headings", _renumber)


def _renumber(state: StateCore) -> None:
    """Top-level headings renumbered to their nesting depth; ``BELOW_TITLE`` in the
    env says whether they started below ``#`` (then they are all sections under the
    title, as under the layout's ``<h1>`` in Jekyll: see titles.BODY_BELOW_TITLE)."""
    stack: list[int] = []
    first_level = 0
    opened: list[tuple[str, str]] = []  # the open heading's new tag and markup
    for token in state.tokens:
        if token.level != 0 or token.type not in ("heading_open", "heading_close"):
            continue
        if token.type == "heading_close":
            token.tag, token.markup = opened.pop()
            continue
        level = int(token.tag[1:])
        first_level = first_level or level
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        if len(stack) != level:
            token.tag = f"h{len(stack)}"
            if token.markup.startswith("#"):
                token.markup = "#" * len(stack)
            else:  # setext: only ever 2 -> 1, '-' -> '='
                token.markup = "="
        opened.append((token.tag, token.markup))
    state.env[BELOW_TITLE] = first_level > 1
