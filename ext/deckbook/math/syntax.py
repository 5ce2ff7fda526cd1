"""Math syntax as the input's own tool reads it: markdown-it rules for two dialects.

Both emit the token types MyST already renders, ``math_inline`` (a ``math`` node) and
``math_block`` (a ``math_block`` node), so the doctree is the one MyST's own
``dollarmath`` gives, and every builder renders it.

``kramdown`` (Jekyll posts; kramdown's ``lib/kramdown/parser/kramdown/math.rb``):
``$$…$$`` is the only kramdown delimiter. At a block boundary, with a blank line (or
the end) after its closing ``$$``, it is display math; anywhere else, inline math (it
may span lines). Jekyll themes' MathJax configurations also typeset ``$…$`` and
``\\(…\\)`` (written ``\\\\(…\\\\)`` in kramdown, which eats one backslash): both are
inline math here, ``$`` by the texmath rules below.

``marp`` (marp-core 4's ``src/math/math.ts``): ``$…$`` inline, where the opening
``$`` is not followed by a space or tab and the closing one is neither preceded by
one nor followed by a digit (so ``$5 and $10`` stays text); ``$$`` starting a line
opens display math, which may interrupt a paragraph, up to a line ending with ``$$``;
``$$`` inside a line is text.

In both, ``\\$`` is a dollar and a code span keeps its dollars: ``escape`` and
``backticks`` see them first, and ``$…$`` never spans a backtick (marp-core's
would; MathJax in a Jekyll theme skips code). A ``$$`` that nothing closes stays
text and is reported (:data:`UNCLOSED`): marp-core would take the rest of the slide
as math.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline

DIALECTS = ("kramdown", "marp")
UNCLOSED = "math_unclosed"  # token type of a ``$$`` nothing closes (rendered as text)
_BOUNDARY = re.compile(r"[ \t]*(?:\n|\Z)")


def math_plugin(md: MarkdownIt, dialect: str) -> None:
    """Add *dialect*'s math rules to *md* (in place of MyST's ``dollarmath`` ones)."""
    for ruler, name in (
        (md.inline.ruler, "math_inline"),
        (md.block.ruler, "math_block"),
    ):
        if name in ruler.get_all_rules():
            ruler.disable(name)  # conf enabled dollarmath: the dialect decides here
    if dialect == "kramdown":
        md.inline.ruler.before("escape", "deckbook_math_paren", _paren_inline)
        md.inline.ruler.after("escape", "deckbook_math_inline", _kramdown_inline)
        md.block.ruler.after("blockquote", "deckbook_math_block", _kramdown_block)
    else:
        md.inline.ruler.after("escape", "deckbook_math_inline", _marp_inline)
        alt = {"alt": ["paragraph", "reference", "blockquote", "list"]}
        md.block.ruler.after("blockquote", "deckbook_math_block", _marp_block, alt)
    # After inline parsing, before text_join merges escaped dollars into the text.
    md.core.ruler.after("inline", "deckbook_math_unclosed", _unclosed(dialect))


# --- inline -----------------------------------------------------------------------


def _push_inline(state: StateInline, content: str, markup: str) -> None:
    token = state.push("math_inline", "math", 0)
    token.content = content
    token.markup = markup


def _escaped(src: str, pos: int) -> bool:
    """An odd number of backslashes before *pos*."""
    count = 0
    while pos - count - 1 >= 0 and src[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _texmath_inline(state: StateInline, silent: bool) -> bool:
    """marp-core's ``parseInlineMath``: ``$…$`` with texmath's delimiter rules."""
    src, start = state.src, state.pos + 1
    if src[state.pos] != "$" or src.startswith("$$", state.pos):
        return False
    if start < state.posMax and src[start] in " \t":
        return False  # not openable: the dollar is text
    match = start
    while (match := src.find("$", match, state.posMax)) != -1 and _escaped(src, match):
        match += 1
    if match in (-1, start) or "`" in src[start:match]:
        return False  # a code span between the dollars keeps its own (and the text)
    after = src[match + 1] if match + 1 < state.posMax else ""
    if src[match - 1] in " \t" or after.isdigit():
        return False  # not closable: the first dollar is text, as in marp-core
    if not silent:
        _push_inline(state, src[start:match], "$")
    state.pos = match + 1
    return True


def _literal(state: StateInline, text: str, silent: bool) -> bool:
    """*text* as text, not reported as unclosed (``text_special`` joins the text)."""
    if not silent:
        state.push("text_special", "", 0).content = text
    state.pos += len(text)
    return True


def _marp_inline(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("$$", pos):
        return _texmath_inline(state, silent)
    if src[src.rfind("\n", 0, pos) + 1 : pos].strip(" \t"):
        return _literal(state, "$$", silent)  # marp-core: `$$` inside a line is text
    if not silent:
        state.pending += "$$"  # opening a line: a block nothing closed (reported)
    state.pos += 2
    return True


def _kramdown_inline(state: StateInline, silent: bool) -> bool:
    """kramdown's ``INLINE_MATH_START``: ``$$…$$``, content stripped; else ``$…$``."""
    src, pos = state.src, state.pos
    if not src.startswith("$$", pos):
        return _texmath_inline(state, silent)
    end = src.find("$$", pos + 2, state.posMax)
    if end == -1:
        if not silent:
            state.pending += "$$"  # both dollars text; reported as unclosed
        state.pos += 2
        return True
    if not src[pos + 2 : end].strip():
        return _literal(state, src[pos : end + 2], silent)  # `$$$$`: no math in it
    if not silent:
        _push_inline(state, src[pos + 2 : end].strip(), "$$")
    state.pos = end + 2
    return True


def _paren_inline(state: StateInline, silent: bool) -> bool:
    r"""``\\(…\\)``: what reaches a Jekyll theme's MathJax as ``\(…\)``. And
    ``\$$…$$`` opening a paragraph: kramdown's way to write inline math there."""
    src, pos = state.src, state.pos
    if pos == 0 and src.startswith("\\$$"):
        end = src.find("$$", 3, state.posMax)
        if end == -1 or not src[3:end].strip():
            return False
        if not silent:
            _push_inline(state, src[3:end].strip(), "$$")
        state.pos = end + 2
        return True
    if not src.startswith("\\\\(", pos) or _escaped(src, pos):
        return False
    end = src.find("\\\\)", pos + 3, state.posMax)
    if end == -1 or not src[pos + 3 : end].strip():
        return False
    if not silent:
        _push_inline(state, src[pos + 3 : end].strip(), "\\\\(")
    state.pos = end + 3
    return True


# --- blocks -----------------------------------------------------------------------


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def _opens(state: StateBlock, line: int) -> bool:
    return state.sCount[line] - state.blkIndent < 4 and _line(state, line).startswith(
        "$$"
    )


def _push_block(state: StateBlock, start: int, end: int, content: str) -> None:
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = content
    token.markup = "$$"
    token.map = [start, end]
    state.line = end


def _kramdown_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """kramdown's ``BLOCK_MATH_START`` at a block boundary (never inside a paragraph:
    there ``$$…$$`` is inline math), closed by the first ``$$``, then a boundary."""
    if not _opens(state, start):
        return False
    lines = [_line(state, line) for line in range(start, end)]
    text = "\n".join(lines)
    close = text.find("$$", 2)
    if close == -1 or not _BOUNDARY.match(text, close + 2):
        return False  # a paragraph; an unclosed `$$` is reported as such
    last = start + text.count("\n", 0, close)
    if last + 1 < end and not state.isEmpty(last + 1):
        return False  # kramdown: no block boundary after the closing `$$`
    if not silent:
        _push_block(state, start, last + 1, text[2:close].strip())
    return True


def _marp_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """marp-core's ``parseMathBlock``, except that an unclosed ``$$`` stays text."""
    if not _opens(state, start):
        return False
    first = _line(state, start)[2:]
    closed_here = first.strip().endswith("$$")
    last = start if closed_here else _closing_line(state, start, end)
    if last is None:
        return False
    if silent:
        return True
    if closed_here:
        head = first.strip()[:-2]
        content = f"{head}\n" if head.strip() else ""
    else:
        closing = _line(state, last)
        tail = closing[: closing.rfind("$$")]
        content = f"{first}\n" if first.strip() else ""
        content += state.getLines(start + 1, last, state.tShift[start], True)
        content += tail if tail.strip() else ""
    _push_block(state, start, last + 1, content)
    return True


def _closing_line(state: StateBlock, start: int, end: int) -> int | None:
    for line in range(start + 1, end):
        if state.bMarks[line] + state.tShift[line] < state.eMarks[line] and (
            state.tShift[line] < state.blkIndent
        ):
            return None  # marp-core: the container ended first
        if _line(state, line).strip().endswith("$$"):
            return line
    return None


# --- `$$` that nothing closed -----------------------------------------------------


def _unclosed(dialect: str):
    """Split every unclosed ``$$`` out of the text into an :data:`UNCLOSED` token,
    whose ``meta["line"]`` is its line within the block (the renderer warns there).

    In kramdown every ``$$`` left in the text is one; in marp only one starting a line
    (``$$`` inside a line is text there). Escaped dollars are ``text_special``."""

    def positions(text: str, start_of_line: bool) -> list[int]:
        if dialect == "kramdown":
            return [match.start() for match in re.finditer(r"\$\$", text)]
        stripped = text.lstrip(" \t")
        return (
            [len(text) - len(stripped)]
            if start_of_line and stripped[:2] == "$$"
            else []
        )

    def rule(state: StateCore) -> None:
        for block in state.tokens:
            if block.type != "inline" or not block.children:
                continue
            children, line, start_of_line = [], 0, True
            for child in block.children:
                found = (
                    positions(child.content, start_of_line)
                    if child.type == "text"
                    else []
                )
                children.extend(_split(child, found, line) if found else [child])
                if child.type in ("softbreak", "hardbreak"):
                    line, start_of_line = line + 1, True
                else:
                    start_of_line = False
            block.children = children

    return rule


def _split(token: Token, found: list[int], line: int) -> list[Token]:
    parts, cursor = [], 0
    for at in found:
        if at > cursor:
            parts.append(Token("text", "", 0, content=token.content[cursor:at]))
        parts.append(Token(UNCLOSED, "", 0, content="$$", meta={"line": line}))
        cursor = at + 2
    if cursor < len(token.content):
        parts.append(Token("text", "", 0, content=token.content[cursor:]))
    for part in parts:
        part.level = token.level
    return parts
