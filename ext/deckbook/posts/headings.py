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
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from markdown_it.renderer import RendererHTML
from myst_parser.parsers.mdit import create_md_parser

from ..read_speed import block_tokens

if TYPE_CHECKING:
    from myst_parser.config.main import MdParserConfig


def consecutive_headings(body: str, config: MdParserConfig) -> tuple[str, bool]:
    """``body`` with its top-level headings renumbered to their nesting depth, and
    whether they started below ``#`` (then they are all sections under the title,
    as under the layout's ``<h1>`` in Jekyll: see frontmatter.BODY_BELOW_TITLE)."""
    lines = body.split("\n")
    stack: list[int] = []
    first_level = 0
    # Only the blocks matter, by a parser built once (read_speed.py).
    build = partial(create_md_parser, config, RendererHTML)
    for token in block_tokens("headings", config, build, body):
        if token.type != "heading_open" or token.level != 0 or not token.map:
            continue
        level = int(token.tag[1:])
        first_level = first_level or level
        while stack and stack[-1] >= level:
            stack.pop()
        stack.append(level)
        if len(stack) != level:
            _renumber(lines, token.map, token.markup, len(stack))
    return "\n".join(lines), first_level > 1


def _renumber(lines: list[str], where: list[int], markup: str, level: int) -> None:
    first, end = where
    if markup.startswith("#"):  # ATX: the first run of '#' on its line
        line = lines[first]
        at = line.index("#")
        lines[first] = line[:at] + "#" * level + line[at + len(markup) :]
    else:  # setext: only ever 2 -> 1, the underline's '-' become '='
        underline = end - 1
        lines[underline] = lines[underline].replace("-", "=")
