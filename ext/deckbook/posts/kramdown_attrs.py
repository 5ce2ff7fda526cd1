"""kramdown's attribute lists: block and span IALs, and ALDs, as markdown-it rules.

kramdown (``lib/kramdown/parser/kramdown/extensions.rb``) writes ``{: .class #id
key="value" ref}``. A *block IAL* line applies to the block right before it (no blank
line between) or, failing one, to the next block; stacked lines merge. A *span IAL*
applies to the span element right before it (emphasis, link, code span, image); after
plain text it is text, with a warning. An *ALD* ``{:name: attrs}`` defines attributes
an IAL pulls in by name (anywhere in the page).

Why not MyST's ``attrs_block``/``attrs_inline`` (mdit-py-plugins' attrs): they take
pandoc's ``{.a}`` *before* a block, where kramdown's follow it, and a following
``{: …}`` line is swallowed by the paragraph, list, table or quote before it (lazy
continuation), so no text pre-translation can move it; they have no ALD references,
no attributes after emphasis, and unquoted values kramdown rejects. So the IAL line
is a block rule of its own that ends those blocks, and a core rule resolves it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown_it.token import Token

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

# The regexps of extensions.rb, in Python's dialect.
_NAME = r"\w[\w-]*"
_CHAR = r"(?:\\\}|[^}])"  # ALD_ANY_CHARS
_BODY = _CHAR + "+"
_KEY_VALUE = rf"(?P<key>{_NAME})=(?P<q>[\"'])(?P<val>(?:\\\}}|\\(?P=q)|[^}}])*?)(?P=q)"
_ID_OR_CLASS = r"#[A-Za-z][\w:-]*|\.[^\s.#]+"
_ANY = re.compile(
    rf"(?:\A|\s)(?:{_KEY_VALUE}|(?P<ref>{_NAME})|(?P<multi>(?:{_ID_OR_CLASS})+))"
    r"(?=\s|\Z)"
)
IAL_LINE = re.compile(rf"\{{:(?!:|/)({_BODY})\}}\s*$")
ALD_LINE = re.compile(rf"\{{:({_NAME}):({_BODY})\}}\s*$")
SPAN_IAL = re.compile(rf"\{{:(?!:|/)({_BODY})\}}")
# Span elements an IAL may follow (markdown-it token types; closing ones by opener).
SPAN_TARGETS = {"em_close", "strong_close", "s_close", "link_close", "span_close"}
SPAN_SELF = {"code_inline", "image", "footnote_ref"}
# Attributes MyST's renderer copies itself (image sizes); the rest waits in meta.
NATIVE = {"class", "id"}
# (chirpy writes w="700" h="400"; MyST reads w, h and a as width, height, align)
IMAGE_NATIVE = NATIVE | {"width", "height", "align", "title", "w", "h", "a"}


@dataclass
class Attrs:
    """One attribute list: what kramdown's ``parse_attribute_list`` collects."""

    classes: list[str] = field(default_factory=list)
    id: str | None = None
    pairs: dict[str, str] = field(default_factory=dict)
    refs: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # parts no rule matched

    def update(self, other: Attrs) -> None:
        """``update_attr_with_ial``: classes add up, the rest the later wins."""
        self.classes += [c for c in other.classes if c not in self.classes]
        self.id = other.id or self.id
        self.pairs.update(other.pairs)


def parse_attribute_list(text: str) -> Attrs | None:
    """The attributes of an IAL/ALD body; None when nothing in it is an attribute
    (kramdown: "No or invalid attributes found in IAL/ALD content")."""
    attrs = Attrs()
    if text.strip() in ("", ":"):
        return attrs
    found, end = False, 0
    for match in _ANY.finditer(text):
        found = True
        if text[end : match.start()].strip():
            attrs.ignored.append(text[end : match.start()].strip())
        end = match.end()
        if match["ref"]:
            attrs.refs.append(match["ref"])
        elif match["multi"]:
            for part in re.findall(_ID_OR_CLASS, match["multi"]):
                if part[0] == ".":
                    attrs.classes.append(part[1:])
                else:
                    attrs.id = part[1:]
        else:
            value = re.sub(r"\\([}" + match["q"] + "])", r"\1", match["val"])
            attrs.pairs[match["key"]] = value
    if text[end:].strip():
        attrs.ignored.append(text[end:].strip())
    return attrs if found else None


# --- block rules ----------------------------------------------------------------


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def ial_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A ``{: …}`` or ``{:name: …}`` line: a token of its own, resolved later. It
    ends a paragraph, list, quote or table before it (kramdown's ``LAZY_END``)."""
    if state.is_code_block(start):  # indented 4+: code, as kramdown's OPT_SPACE
        return False
    text = _line(state, start)
    if not text.startswith("{:"):
        return False
    ald, ial = ALD_LINE.match(text), IAL_LINE.match(text)
    if not ald and not ial:
        return False
    if silent:
        return True
    token = state.push("kramdown_ald" if ald else "kramdown_ial", "", 0)
    token.map = [start, start + 1]
    token.content = text
    body = ald.group(2) if ald else ial.group(1)
    token.meta = {"attrs": parse_attribute_list(body), "name": ald and ald.group(1)}
    state.line = start + 1
    return True


def span_ial_rule(state: StateInline, silent: bool) -> bool:
    """``{: …}`` inside a paragraph: a token, attached to its span in the core rule."""
    if not state.src.startswith("{:", state.pos):
        return False
    match = SPAN_IAL.match(state.src, state.pos)
    if not match or match.end() > state.posMax:
        return False
    if not silent:
        token = state.push("kramdown_span_ial", "", 0)
        token.content = match.group()
        token.meta = {"attrs": parse_attribute_list(match.group(1))}
    state.pos = match.end()
    return True


# --- resolving them (a core rule, after inline parsing) ---------------------------


def opener(tokens: list[Token], index: int) -> int:
    """The opening token of the element whose last token is ``tokens[index]``."""
    if tokens[index].nesting != -1:
        return index
    depth = 0
    for i in range(index, -1, -1):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return index


def _closer(tokens: list[Token], index: int) -> int:
    if tokens[index].nesting != 1:
        return index
    depth = 0
    for i in range(index, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return index


def block_target(tokens: list[Token], index: int) -> int | None:
    """kramdown's rule: the block just before (no blank line between), else the next
    block at the same level (a stack of IAL lines shares one target)."""
    ial = tokens[index]
    back, top = index - 1, ial.map[0]
    while (
        back >= 0 and tokens[back].type == "kramdown_ial" and tokens[back].map[1] == top
    ):
        back, top = back - 1, tokens[back].map[0]  # IAL lines right above this one
    if (
        back >= 0
        and tokens[back].level == ial.level
        and tokens[back].type != "kramdown_ial"
    ):
        first = opener(tokens, back)
        prev = tokens[first]
        if prev.map and prev.map[1] == top and prev.type != "kramdown_ald":
            return first
    ahead = index + 1
    while ahead < len(tokens) and tokens[ahead].type in (
        "kramdown_ial",
        "kramdown_ald",
    ):
        ahead += 1
    following = tokens[ahead] if ahead < len(tokens) else None
    if (
        following is not None
        and following.level == ial.level
        and following.nesting >= 0
    ):
        return ahead
    return None


def span_target(children: list[Token], index: int) -> int | None:
    while (
        index > 0
        and children[index - 1].type == "text"
        and not children[index - 1].content
    ):
        index -= 1  # an emphasis delimiter's leftover
    if index == 0:
        return None
    prev = children[index - 1]
    if prev.type in SPAN_TARGETS:
        return opener(children, index - 1)
    if prev.type in SPAN_SELF or prev.type.startswith("kramdown_span_ial"):
        return index - 1 if prev.type in SPAN_SELF else span_target(children, index - 1)
    return None


def apply(token: Token, attrs: Attrs) -> None:
    """Classes and id go where MyST's renderer copies them; other pairs to meta."""
    if attrs.classes:
        old = str(token.attrs.get("class", "")).split()
        token.attrs["class"] = " ".join(
            old + [c for c in attrs.classes if c not in old]
        )
    if attrs.id:
        token.attrs["id"] = attrs.id
    native = IMAGE_NATIVE if token.type == "image" else NATIVE
    for key, value in attrs.pairs.items():
        if key in native:
            token.attrs[key] = value
        else:
            token.meta.setdefault("kramdown_attrs", {})[key] = value


def as_text_paragraph(token: Token) -> list[Token]:
    """An IAL that applies to nothing, shown as the text it is (nothing lost)."""
    para = Token("paragraph_open", "p", 1, map=token.map, level=token.level)
    inline = Token("inline", "", 0, map=token.map, level=token.level + 1)
    inline.content = token.content
    inline.children = [Token("text", "", 0, content=token.content)]
    close = Token("paragraph_close", "p", -1, level=token.level)
    return [para, inline, close]


def closing_index(tokens: list[Token], index: int) -> int:
    return _closer(tokens, index)
