"""kramdown's HTML-block rules, in place of CommonMark's (``parser/kramdown/html.rb``).

- A line starting with a *span-level* tag (``<br>``, ``<img>``, ``<a>``, ``<span>``…,
  kramdown's ``HTML_SPAN_ELEMENTS``) is not an HTML block: it starts a paragraph with
  inline HTML, so the Markdown after ``<br>`` stays Markdown (CommonMark's block type
  7 would keep every line up to the next blank one raw).
- Any other tag starts a block that runs to its matching end tag, blank lines and
  all; it ends a paragraph before it (kramdown's ``LAZY_END``).
- ``markdown="1"`` (``"block"``, ``"span"``; ``"0"`` for raw) on it, or the
  ``parse_block_html`` option, parses the content: the block becomes raw open tag,
  parsed content, raw end tag.
- Comments, ``<?…?>``, ``<!…>`` and a tag without its end tag keep CommonMark's rule
  (the latter with a warning, as kramdown warns).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.rules_block import html_block

from .kramdown_attrs import _line
from .kramdown_ext import note, parse_block_html, warn

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock

# kramdown's HTML_SPAN_ELEMENTS, HTML_CONTENT_MODEL and HTML_ELEMENTS_WITHOUT_BODY.
SPAN_ELEMENTS = {
    "a", "abbr", "acronym", "b", "big", "bdo", "br", "button", "cite", "code", "del",
    "dfn", "em", "i", "img", "input", "ins", "kbd", "label", "mark", "option", "q",
    "rb", "rbc", "rp", "rt", "rtc", "ruby", "samp", "select", "small", "span",
    "strong", "sub", "sup", "tt", "u", "var",
}  # fmt: skip
SPAN_CONTENT = SPAN_ELEMENTS | {
    "address", "caption", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "p",
    "summary", "th", "td",
}  # fmt: skip
RAW_CONTENT = {"script", "style", "math", "option", "textarea", "pre", "code"}
WITHOUT_BODY = {
    "area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen",
    "link", "meta", "param", "source", "track", "wbr",
}  # fmt: skip
_ATTR = r"""(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)"""
OPEN_TAG = re.compile(rf"<([A-Za-z][\w:.-]*)({_ATTR}*)\s*(/?)>")
CLOSE_TAG = re.compile(r"</([A-Za-z][\w:.-]*)\s*>")
MARKDOWN_ATTR = re.compile(
    r"""\s+markdown\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""", re.I
)
MODELS = {"0": "raw", "1": "default", "block": "block", "span": "span"}


def kramdown_html_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Replaces markdown-it's ``html_block`` rule on kramdown pages."""
    if state.is_code_block(start) or not state.md.options.get("html"):
        return False
    text = _line(state, start)
    tag = OPEN_TAG.match(text) or CLOSE_TAG.match(text)
    if tag is None:
        return html_block(state, start, end, silent)  # <!-- -->, <?…?>, <!DOCTYPE>
    name = tag[1].lower()
    if name in SPAN_ELEMENTS:
        return False  # a paragraph with inline HTML
    if silent:
        return True  # a block tag ends the paragraph before it
    if tag.re is CLOSE_TAG:
        return html_block(state, start, end, silent)  # a stray end tag: keep it raw
    pos = state.bMarks[start] + state.tShift[start]
    opened = OPEN_TAG.match(state.src, pos)
    stop = _end_tag(state.src, opened, name)
    if stop is None:
        if name not in WITHOUT_BODY and not opened[3]:
            warn(state.env, start + 1, f"no end tag for <{name}>; its block ends at "
                 "the next blank line")  # fmt: skip
        return html_block(state, start, end, silent)
    model = _content_model(state, opened, name, start)
    stop_line = _line_of(state, stop.end() - 1, start, end)
    if model == "raw" or stop_line is None:
        return _raw(state, start, (stop_line if stop_line is not None else start) + 1)
    return _parsed(state, opened, stop, model, start, stop_line)


def _end_tag(src: str, opened: re.Match, name: str) -> re.Match | None:
    """The matching end tag (same-name tags nest), or the open tag itself when it
    has no body; None when the end tag is missing."""
    if opened[3] or name in WITHOUT_BODY:
        return opened
    depth = 0
    tags = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])(?:{_ATTR}*)\s*(/?)>", re.I)
    for match in tags.finditer(src, opened.end()):
        if match[1]:
            if depth == 0:
                return match
            depth -= 1
        elif not match[2]:
            depth += 1
    return None


def _content_model(state: StateBlock, opened: re.Match, name: str, line: int) -> str:
    marker = MARKDOWN_ATTR.search(opened[2])
    value = marker[1].strip("\"'") if marker else None
    model = MODELS.get(value or "")
    if value is not None and model is None:
        warn(state.env, line + 1, f'markdown="{value}" on <{name}> is not 0, 1, '
             "block or span; its content stays raw HTML")  # fmt: skip
    if model is None and value is None and parse_block_html(state.env):
        model = "default"
    if model == "default":
        model = (
            "raw"
            if name in RAW_CONTENT
            else "span"
            if name in SPAN_CONTENT
            else "block"
        )
    if model and value is None:
        note(state.env, line + 1, f"<{name}> parsed as Markdown (parse_block_html)")
    return model or "raw"


def _line_of(state: StateBlock, offset: int, start: int, end: int) -> int | None:
    for line in range(start, end):
        if state.bMarks[line] <= offset <= state.eMarks[line]:
            return line
    return None


def _raw(state: StateBlock, start: int, after: int) -> bool:
    token = state.push("html_block", "", 0)
    token.map = [start, after]
    token.content = state.getLines(start, after, state.blkIndent, True)
    state.line = after
    return True


def _parsed(state, opened: re.Match, stop: re.Match, model: str, start: int, last: int):
    """Raw open tag, the content parsed as blocks (or as one paragraph's spans),
    raw end tag. Content on the tags' own lines is parsed as spans."""
    open_tag = MARKDOWN_ATTR.sub("", opened.group())
    _push_raw(state, open_tag, start, start + 1)
    first_line_rest = state.src[opened.end() : state.eMarks[start]].strip()
    last_line_before = state.src[state.bMarks[last] : stop.start()].strip()
    own_lines = not first_line_rest and not last_line_before and last > start
    if model == "block" and own_lines:
        # As markdown-it's blockquote rule nests: paragraphs read up to lineMax.
        old = state.parentType, state.lineMax
        state.parentType, state.lineMax, state.line = "kramdown_html", last, start + 1
        state.md.block.tokenize(state, start + 1, last)
        state.parentType, state.lineMax = old
    else:
        content = state.src[opened.end() : stop.start()].strip()
        if content:
            _push_paragraph(state, content, start, last + 1)
    _push_raw(state, stop.group(), last, last + 1)
    rest = state.src[stop.end() : state.eMarks[last]].strip()
    if rest:
        _push_paragraph(state, rest, last, last + 1)
    state.line = last + 1
    return True


def _push_raw(state: StateBlock, html: str, start: int, after: int) -> None:
    token = state.push("html_block", "", 0)
    token.map = [start, after]
    token.content = html + "\n"


def _push_paragraph(state: StateBlock, content: str, start: int, after: int) -> None:
    token = state.push("paragraph_open", "p", 1)
    token.map = [start, after]
    token = state.push("inline", "", 0)
    token.content, token.map, token.children = content, [start, after], []
    state.push("paragraph_close", "p", -1)
