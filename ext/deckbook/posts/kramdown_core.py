"""The core rule that resolves what the kramdown block and span rules left as tokens:
IALs onto their elements (with ALDs pulled in by name), ``{:toc}`` lists into a
contents marker, abbreviations onto every occurrence of their word; a header's
trailing ``{#id}`` names it.

Runs after markdown-it's ``inline`` core rule, once the whole page is parsed, as
kramdown's ``update_tree`` and ``replace_abbreviations`` run after its parse.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

from .kramdown_attrs import (
    Attrs,
    apply,
    as_text_paragraph,
    block_target,
    closing_index,
    span_target,
)
from .kramdown_ext import set_options, warn
from .kramdown_html import MARKDOWN_ATTR

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore

LISTS = {"bullet_list_open", "ordered_list_open"}
# kramdown's header.rb: "## Header {#id}" names the header.
HEADER_ID = re.compile(r"[\t ]\{#([A-Za-z][\w:-]*)\}[\t ]*$")
# Raw HTML has nowhere to keep attributes (MyST makes it a raw node).
NO_ATTRIBUTES = {"html_block", "kramdown_abbr_def", "kramdown_hidden"}


def resolve(state: StateCore) -> None:
    alds: dict[str, Attrs] = {}
    abbrs: dict[str, str] = {}
    for token in state.tokens:
        if token.type == "kramdown_ald" and token.meta["attrs"] is not None:
            alds.setdefault(token.meta["name"], Attrs()).update(token.meta["attrs"])
        elif token.type == "kramdown_abbr_def":
            abbrs[token.meta["abbr"]] = token.meta["title"]
    _header_ids(state.tokens)
    state.tokens = _resolve_blocks(state.tokens, alds, state.env)
    pattern = _abbr_pattern(abbrs)
    for token in state.tokens:
        if token.type == "inline" and token.children:
            token.children = _resolve_spans(token, alds, state.env)
            if pattern is not None:
                token.children = _abbreviate(token.children, pattern, abbrs)


def _header_ids(tokens: list[Token]) -> None:
    for heading, inline in itertools.pairwise(tokens):
        if heading.type != "heading_open" or not inline.children:
            continue
        last = inline.children[-1]
        if last.type == "text" and (match := HEADER_ID.search(last.content)):
            last.content = last.content[: match.start()]
            inline.content = HEADER_ID.sub("", inline.content)
            heading.attrs["id"] = match[1]


def _line(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def _full(attrs: Attrs, alds: dict[str, Attrs], env: dict, line, seen=()) -> Attrs:
    """The IAL with its ALD references expanded first (``update_attr_with_ial``)."""
    full = Attrs()
    for ref in attrs.refs:
        if ref == "toc" or ref in seen:
            continue
        if ref not in alds:
            warn(env, line, f"kramdown attribute reference '{ref}' is not defined by "
                 "an ALD ('{:" + ref + ": …}'); ignored")  # fmt: skip
            continue
        full.update(_full(alds[ref], alds, env, line, (*seen, ref)))
    full.update(attrs)
    if attrs.ignored:
        warn(env, line, f"not kramdown attributes, ignored: {' '.join(attrs.ignored)}")
    return full


def _resolve_blocks(tokens: list[Token], alds, env) -> list[Token]:
    as_text: set[int] = set()
    tocs: dict[int, tuple[int, Token]] = {}
    for index, token in enumerate(tokens):
        if token.type == "kramdown_ald" and token.meta["attrs"] is None:
            warn(env, _line(token), f"no attributes found in ALD '{token.content}'; "
                 "shown as text")  # fmt: skip
            as_text.add(index)
        if token.type != "kramdown_ial":
            continue
        target = block_target(tokens, index)
        attrs = token.meta["attrs"]
        problem = None
        if attrs is None:
            problem = "no attributes found in IAL"
        elif target is None:
            problem = "IAL applies to no block (nothing before or after it)"
        elif tokens[target].type in NO_ATTRIBUTES:
            problem = (
                f"IAL cannot be applied to {tokens[target].type.replace('_', ' ')}"
            )
        if problem:
            warn(env, _line(token), f"{problem} '{token.content}'; shown as text")
            as_text.add(index)
            continue
        apply(tokens[target], _full(attrs, alds, env, _line(token)))
        if "toc" in attrs.refs and tokens[target].type in LISTS:
            tocs[target] = (closing_index(tokens, target), _toc_token(tokens[target]))
    out: list[Token] = []
    skip_to = -1
    for index, token in enumerate(tokens):
        if index <= skip_to:
            continue
        if index in tocs:
            skip_to, toc = tocs[index]
            out.append(toc)
        elif index in as_text:
            out.extend(as_text_paragraph(token))
        elif token.type != "kramdown_ial":
            out.append(token)
    return out


def _toc_token(lst: Token) -> Token:
    """``* TOC`` + ``{:toc}``: the list is replaced by the contents (kramdown's
    converter does the same); its classes and id stay on the contents."""
    toc = Token("kramdown_toc", "", 0, map=lst.map, level=lst.level)
    toc.attrs = dict(lst.attrs)
    toc.meta = {"ordered": lst.type == "ordered_list_open", **lst.meta}
    return toc


def _resolve_spans(inline: Token, alds, env) -> list[Token]:
    children = inline.children or []
    out: list[Token] = []
    breaks = 0
    for index, child in enumerate(children):
        line = _line(inline) + breaks if inline.map else None
        if child.type in ("softbreak", "hardbreak"):
            breaks += 1
        if child.type == "kramdown_options":
            set_options(env, child.content, line)
            continue
        if child.type == "kramdown_bad":
            warn(env, line, child.meta["message"] + f": '{child.content}'")
            out.append(Token("text", "", 0, content=child.content))
            continue
        if child.type == "html_inline":  # a span tag's markdown="1" is kramdown's
            child.content = MARKDOWN_ATTR.sub("", child.content)
        if child.type != "kramdown_span_ial":
            out.append(child)
            continue
        target = span_target(children, index)
        attrs = child.meta["attrs"]
        if attrs is None or target is None:
            why = "no attributes found in" if attrs is None else "text before"
            hint = "a span IAL follows emphasis, a link, a code span or an image"
            warn(env, line, f"{why} span IAL '{child.content}'; shown as text ({hint})")
            out.append(Token("text", "", 0, content=child.content))
            continue
        apply(children[target], _full(attrs, alds, env, line))
    return out


def _abbr_pattern(abbrs: dict[str, str]) -> re.Pattern[str] | None:
    """kramdown's: the longest first, only on word boundaries."""
    if not abbrs:
        return None
    names = sorted(abbrs, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")


def _abbreviate(children: list[Token], pattern: re.Pattern[str], abbrs) -> list:
    out: list[Token] = []
    for child in children:
        if child.type != "text" or not pattern.search(child.content):
            out.append(child)
            continue
        position = 0
        for match in pattern.finditer(child.content):
            if match.start() > position:
                out.append(
                    Token(
                        "text", "", 0, content=child.content[position : match.start()]
                    )
                )
            abbr = Token("kramdown_abbr", "abbr", 0, content=match.group())
            abbr.meta = {"title": abbrs[match.group()]}
            out.append(abbr)
            position = match.end()
        if position < len(child.content):
            out.append(Token("text", "", 0, content=child.content[position:]))
    return out
