"""Render a post's Liquid piece by piece, keeping its lines where they were.

The body is cut, with python-liquid's own lexer, into top-level pieces: text, one
``{{ … }}``, one tag, or a block tag with everything up to its end tag. Each piece is
parsed and rendered on its own, in one shared render context (so ``assign`` and
``capture`` carry on), and a piece that fails to parse or render is kept as written,
shown as code, with a ``file:line`` warning: one bad tag loses nothing else.

Line numbers: a piece whose output has fewer lines than its source is padded with
newlines, right after it if it stood on lines of its own (Jekyll leaves such a line
empty too), else at the next blank line; so later Markdown keeps its line numbers and
MyST's and Sphinx's warnings point into the original file. A piece whose output has
more lines (an include of several lines, a loop) cannot give lines back: what follows
it is that many lines further down, until a later piece that shrinks makes up for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from io import StringIO
from typing import TYPE_CHECKING, Any

from liquid import Environment
from liquid.context import RenderContext
from liquid.exceptions import LiquidError
from liquid.token import TOKEN_CONTENT, TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG
from markdown_it import MarkdownIt

from ..read_speed import block_tokens
from . import liquid_filters, liquid_links, liquid_tags
from .liquid_tags import STATE, UNDEFINED_MARK, RenderState, as_code

if TYPE_CHECKING:
    from collections.abc import Iterator


class JekyllEnvironment(Environment):
    """Liquid as Jekyll configures it: strict parsing (a bad tag is an error we
    catch per piece), its tags and filters, and undefined values we can spot."""

    def __init__(self) -> None:
        super().__init__(undefined=liquid_tags.MarkingUndefined, strict_filters=True)
        liquid_tags.register(self)
        for tag in liquid_links.TAGS:
            self.add_tag(tag)
        liquid_filters.register(self)


@dataclass
class Piece:
    start: int
    end: int
    kind: str  # TOKEN_CONTENT, TOKEN_OUTPUT, TOKEN_TAG, or "bad"
    name: str = ""  # a tag's name
    text: str = ""  # content: what the lexer made of it (raw, whitespace control)
    problem: str = ""  # bad: why


def pieces(env: Environment, body: str) -> list[Piece]:
    """The top-level pieces of ``body``, in order, each ending where the next starts."""
    found: list[Piece] = []
    position = 0
    while position < len(body):
        position = _lex_from(env, body, position, found)
    for piece, after in zip(found, [*found[1:], None], strict=True):
        piece.end = after.start if after else len(body)
    return found


def _lex_from(env: Environment, body: str, offset: int, found: list[Piece]) -> int:
    """Lex ``body[offset:]`` into ``found``; return where to go on (the end, or just
    past a piece the lexer refused)."""
    tokens, error = list_until_error(env, body[offset:])
    index = 0
    while index < len(tokens):
        token = tokens[index]
        start = offset + token.start_index
        if token.kind == TOKEN_CONTENT:
            found.append(Piece(start, 0, TOKEN_CONTENT, text=token.value))
        elif token.kind == TOKEN_OUTPUT:
            found.append(Piece(start, 0, TOKEN_OUTPUT))
            index += 1  # its expression token
        elif token.kind == TOKEN_TAG:
            start = body.rfind("{%", 0, start + 1)
            closing = _matching_end(env, tokens, index)
            found.append(Piece(start, 0, TOKEN_TAG, name=token.value))
            index = closing if closing is not None else index
        index += 1
    if error is None:
        return len(body)
    start = offset + error.token.start_index
    found.append(Piece(start, 0, "bad", problem=error.message))
    return start + max(len(error.token.value), 1)


def list_until_error(env: Environment, text: str) -> tuple[list, LiquidError | None]:
    """The lexer's tokens up to its first error (an unclosed ``{{``, a ``{%``
    without a name), and that error, whose token says where and what it refused."""
    tokens = []
    try:
        for token in env.tokenizer()(text):
            tokens.append(token)
    except LiquidError as error:
        if error.token is None:  # the lexer always names its token; be sure
            raise
        return tokens, error
    return tokens, None


def _matching_end(env: Environment, tokens: list, index: int) -> int | None:
    """The index of the end tag closing the block tag at ``index``, or ``None`` for
    a tag that is no block, or a block never closed (then the tag alone is a piece,
    which fails to parse, and what follows is read as usual)."""
    name = tokens[index].value
    tag = env.tags.get(name)
    end = getattr(tag, "end", "")
    if tag is None or not getattr(tag, "block", False) or not end:
        return None
    depth = 0
    for position in range(index + 1, len(tokens)):
        token = tokens[position]
        if token.kind != TOKEN_TAG:
            continue
        if token.value == name:
            depth += 1
        elif token.value == end:
            if depth == 0:
                nxt = position + 1
                has_expression = (
                    nxt < len(tokens) and tokens[nxt].kind == TOKEN_EXPRESSION
                )
                return nxt if has_expression else position
            depth -= 1
    return None


def code_lines(body: str) -> set[int]:
    """0-based lines of ``body`` inside code blocks, by CommonMark's own parser: a
    piece that fails there is kept verbatim, since it already shows as code."""
    lines: set[int] = set()
    # Only the blocks matter, by a parser built once (read_speed.py).
    build = partial(MarkdownIt, "commonmark")
    for token in block_tokens("commonmark", None, build, body):
        if token.type in ("fence", "code_block") and token.map:
            lines.update(range(*token.map))
    return lines


class PostRenderer:
    def __init__(self, state: RenderState, variables: dict[str, Any], line0: int):
        self.env = JekyllEnvironment()
        self.state, self.line0 = state, line0
        base = self.env.from_string("", name=state.docname)
        self.context = RenderContext(base, globals=variables)
        self.context.tag_namespace[STATE] = state

    def render(self, body: str) -> str:
        # Only Liquid pieces ask whether they stand in code: a post with none (most)
        # is never parsed for it.
        in_code: set[int] | None = None
        out: list[str] = []
        debt = 0  # source lines not yet matched in the output
        for piece in pieces(self.env, body):
            source = body[piece.start : piece.end]
            line = body.count("\n", 0, piece.start)
            self.state.unit_line = self.line0 + line + 1
            if piece.kind != TOKEN_CONTENT:
                in_code = code_lines(body) if in_code is None else in_code
                self.state.in_code = line in in_code
            text = self._render(piece, source)
            if piece.name == "highlight":
                text = _own_lines(text, body, piece, out)
            debt += source.count("\n") - text.count("\n")
            if debt > 0 and _stands_alone(body, piece):
                text, debt = text + "\n" * debt, 0
            elif debt > 0 and piece.kind == TOKEN_CONTENT and "\n\n" in text:
                at = text.index("\n\n")
                text, debt = text[:at] + "\n" * debt + text[at:], 0
            out.append(text)
        return "".join(out).replace(UNDEFINED_MARK, "") + "\n" * max(debt, 0)

    def _render(self, piece: Piece, source: str) -> str:
        if piece.kind == TOKEN_CONTENT:
            return piece.text
        if piece.kind == "bad":
            return self._kept(source, f"Liquid syntax error: {piece.problem}")
        buffer = StringIO()
        try:
            template = self.env.from_string(source, name=self.state.docname)
            template.render_with_context(self.context, buffer)
        except LiquidError as error:
            return self._kept(source, _message(error, piece, self.state.docname))
        return buffer.getvalue()

    def _kept(self, source: str, message: str) -> str:
        self.state.warn(
            f"{message}; the Liquid is shown as written", self.state.unit_line
        )
        return source if self.state.in_code else as_code(source)


def _message(error: LiquidError, piece: Piece, docname: str) -> str:
    """The error, and where in an included file it is (the piece's line in the post
    is the warning's location)."""
    where = ""
    name = str(error.template_name or "")
    if error.token is not None and name and name != docname:
        line = error.token.source.count("\n", 0, max(error.token.start_index, 0)) + 1
        where = f" (in {name}:{line})"
    unknown = error.message.startswith("unexpected tag")
    kind = "unknown tag" if unknown else "Liquid error"
    shown = f"{{% {piece.name} %}}" if piece.name else "{{ … }}"
    return f"{kind} in {shown}: {error.message}{where}"


def _stands_alone(body: str, piece: Piece) -> bool:
    """True if the piece starts a line and its line ends where it does."""
    starts = piece.start == 0 or body[piece.start - 1] == "\n"
    ends = (
        piece.end == len(body) or body[piece.end] == "\n" or body[piece.end - 1] == "\n"
    )
    return starts and ends


def _own_lines(text: str, body: str, piece: Piece, out: list[str]) -> str:
    """A code fence must start and end a line of its own."""
    if out and out[-1] and not out[-1].endswith("\n"):
        text = "\n" + text
    if piece.end < len(body) and body[piece.end] != "\n":
        text += "\n"
    return text


def iter_marks(text: str) -> Iterator[tuple[int, int]]:
    """``(0-based line, highlight index)`` of each highlight fence's info mark."""
    for number, line in enumerate(text.split("\n")):
        _, mark, rest = line.partition(liquid_tags.FENCE_MARK)
        if mark:
            yield number, int(rest.split(liquid_tags.FENCE_MARK)[0])
