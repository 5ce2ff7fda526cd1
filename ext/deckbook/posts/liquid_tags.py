"""Jekyll's Liquid tags for python-liquid, and how an undefined variable shows.

``highlight`` becomes a Markdown code fence (the others are in :mod:`.liquid_links`).
Each tag reads what it needs from :class:`RenderState`, kept in
the render context's ``tag_namespace`` (templates cannot name it). A tag that cannot
do its work raises a :class:`~liquid.exceptions.LiquidError`; the renderer then keeps
the tag's text visible as code with a ``file:line`` warning.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from liquid import Undefined
from liquid.ast import BlockNode, Node
from liquid.builtin.output import Output, OutputNode
from liquid.exceptions import LiquidSyntaxError
from liquid.parser import get_parser
from liquid.stringify import to_liquid_string
from liquid.tag import Tag
from liquid.token import (
    TOKEN_EXPRESSION,
    TOKEN_OUTPUT,
    TOKEN_TAG,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from liquid.context import RenderContext
    from liquid.stream import TokenStream
    from liquid.token import Token

STATE = "deckbook"  # key in RenderContext.tag_namespace
UNDEFINED_MARK = "\ue000"  # what an undefined variable prints, found by the output tag
FENCE_MARK = "\ue002"  # ends a highlight fence's info line: "\ue002<index>\ue002"


@dataclass
class RenderState:
    """What the tags of one post need: where it is, what exists, what went wrong."""

    docname: str
    srcdir: str
    found_docs: set[str]
    doc_suffix: Callable[[str], str]  # docname -> its source file's suffix
    note_dependency: Callable[[str], None]
    warn: Callable[[str, int], None]  # (message, line in the post)
    site_url: str = ""  # the site's address with its path, for absolute_url
    unit_line: int = 1  # line of the post where the piece being rendered starts
    in_code: bool = False  # inside a code block: show failed output verbatim
    highlights: list[dict[str, Any]] = field(default_factory=list)

    @property
    def root(self) -> str:
        """The source folder, relative to the post's folder: ``..`` or ``.``."""
        return posixpath.relpath(".", posixpath.dirname(self.docname) or ".")

    def line_of(self, token: Token | None, context: RenderContext) -> int:
        if token is None or context.template.name != self.docname:
            return self.unit_line  # in an include: the include tag's line
        return self.unit_line + token.source.count("\n", 0, max(token.start_index, 0))


def state_of(context: RenderContext) -> RenderState:
    return context.tag_namespace[STATE]


class MarkingUndefined(Undefined):
    """Prints a mark the output tag looks for: ``{{ nope | upcase }}`` is found too."""

    __slots__ = ()

    def __str__(self) -> str:
        return UNDEFINED_MARK


def longest_backtick_run(text: str) -> int:
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return longest


def code_span(text: str) -> str:
    """``text`` as inline code, with a backtick run longer than any inside."""
    ticks = "`" * (longest_backtick_run(text) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def as_code(text: str) -> str:
    """Every line of ``text`` as inline code, line for line (blank lines stay)."""
    lines = []
    for line in text.split("\n"):
        stripped = line.lstrip()
        indent = line[: len(line) - len(stripped)][:3]  # 4 would make a code block
        lines.append(indent + code_span(stripped.rstrip()) if stripped else line)
    return "\n".join(lines)


class KeepingOutputNode(OutputNode):
    """``{{ … }}``: an undefined result keeps the statement visible, with a warning
    (Jekyll prints nothing and says nothing, unless ``strict_variables``)."""

    __slots__ = ()

    def render_to_output(self, context: RenderContext, buffer) -> int:
        value = self.expression.evaluate(context)
        text = to_liquid_string(value, context.autoescape)
        if isinstance(value, Undefined) or UNDEFINED_MARK in text:
            state = state_of(context)
            written = self.token.value
            message = f"Liquid: {written} is undefined; it is shown as written"
            state.warn(message, state.line_of(self.token, context))
            text = written if state.in_code else code_span(written)
        return buffer.write(text)


class KeepingOutput(Output):
    node_class = KeepingOutputNode


def expression_text(stream: TokenStream) -> tuple[Token, str]:
    """Eat the tag token; return it and the tag's raw expression text (may be "")."""
    token = stream.eat(TOKEN_TAG)
    if stream.current.kind != TOKEN_EXPRESSION:
        return token, ""
    text = stream.current.value
    next(stream)
    return token, text


# --- highlight ------------------------------------------------------------------


class HighlightNode(Node):
    __slots__ = ("block", "language", "options")

    def __init__(self, token: Token, language: str, options: dict, block: BlockNode):
        super().__init__(token)
        self.language, self.options, self.block = language, options, block
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer) -> int:
        state = state_of(context)
        was_in_code, state.in_code = state.in_code, True
        try:
            body = context.get_buffer(buffer)
            self.block.render(context, body)
        finally:
            state.in_code = was_in_code
        # Jekyll strips the line terminators around the body, not other spaces.
        code = body.getvalue().strip("\r\n")
        fence = "`" * max(3, longest_backtick_run(code) + 1)
        index = len(state.highlights)
        state.highlights.append(self.options)
        mark = f"{FENCE_MARK}{index}{FENCE_MARK}"
        return buffer.write(f"{fence}{self.language}{mark}\n{code}\n{fence}")


class HighlightTag(Tag):
    """``{% highlight LANG [linenos] [mark_lines="1 2"] %}…{% endhighlight %}``."""

    name = "highlight"
    end = "endhighlight"
    node_class = HighlightNode

    def parse(self, stream: TokenStream) -> Node:
        token, text = expression_text(stream)
        language, options = _highlight_arguments(text, token)
        block = get_parser(self.env).parse_block(stream, (self.end,))
        stream.expect(TOKEN_TAG, value=self.end)
        return self.node_class(token, language, options, block)


def _highlight_arguments(text: str, token: Token) -> tuple[str, dict[str, Any]]:
    """Jekyll's ``highlight`` syntax: a language, then ``name``, ``name=value`` or
    ``name="1 2"`` options (``linenos`` and ``mark_lines`` are the ones that show)."""
    words = _split_quoted(text)
    if not words or not all(c.isalnum() or c in ".+#_-" for c in words[0]):
        message = "highlight needs a language: {% highlight LANG [linenos] %}"
        raise LiquidSyntaxError(message, token=token)
    options: dict[str, Any] = {}
    for word in words[1:]:
        name, equals, value = word.partition("=")
        if not name.replace("_", "").isalnum():
            raise LiquidSyntaxError(f"highlight: bad option {word!r}", token=token)
        quoted = value.startswith('"')
        options[name] = value.strip('"').split() if quoted else value or not equals
    if "mark_lines" in options:
        marks = options["mark_lines"]
        marks = marks if isinstance(marks, list) else [marks]
        if not all(mark.isdigit() for mark in marks):
            raise LiquidSyntaxError("highlight: mark_lines takes numbers", token=token)
        options["mark_lines"] = [int(mark) for mark in marks]
    return words[0].lower(), options


def _split_quoted(text: str) -> list[str]:
    """Split on spaces outside double quotes: ``a b="1 2"`` → ``['a', 'b="1 2"']``."""
    words, current, quoted = [], "", False
    for char in text.strip():
        if char == '"':
            quoted = not quoted
        if char.isspace() and not quoted:
            if current:
                words.append(current)
            current = ""
        else:
            current += char
    return [*words, current] if current else words


def register(env) -> None:
    env.tags[TOKEN_OUTPUT] = KeepingOutput(env)
    env.add_tag(HighlightTag)
