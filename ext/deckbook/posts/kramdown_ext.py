"""kramdown's extensions (``{::comment}``, ``{::nomarkdown}``, ``{::options /}``) and
abbreviation definitions (``*[HTML]: Hyper Text Markup Language``), as markdown-it
rules (kramdown: ``extensions.rb``, ``abbreviation.rb``).

A comment is dropped, ``nomarkdown`` is raw HTML, ``options`` set what Deckbook can
honour (``toc_levels``, ``parse_block_html``) and accept the rest of kramdown's
options with a debug note; an unknown option or extension, or one without its stop
tag, is a warning and stays as text (kramdown does the same).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .kramdown_attrs import _CHAR, _line, parse_attribute_list

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

EXTENSIONS = ("comment", "nomarkdown", "options")
_START = rf"\{{::(\w+)(?:\s({_CHAR}*?)|)(/)?\}}"
EXT_START = re.compile(_START)
EXT_BLOCK = re.compile(_START + r"\s*$")
ABBR_DEF = re.compile(r"\*\[(.+?)\]:(.*)$")
# kramdown 2.x's options (lib/kramdown/options.rb) and kramdown-parser-gfm's.
KNOWN_OPTIONS = {
    "template", "auto_ids", "auto_id_prefix", "auto_id_stripping",
    "transliterated_header_ids", "parse_block_html", "parse_span_html",
    "html_to_native", "link_defs", "footnote_nr", "entity_output", "toc_levels",
    "line_width", "latex_headers", "smart_quotes", "typographic_symbols",
    "remove_block_html_tags", "remove_span_html_tags", "header_offset",
    "syntax_highlighter", "syntax_highlighter_opts", "math_engine",
    "math_engine_opts", "footnote_backlink", "footnote_backlink_inline",
    "footnote_prefix", "remove_line_breaks_for_cjk", "forbidden_inline_options",
    "list_indent", "hard_wrap", "gfm_quirks", "gfm_emojis", "gfm_emoji_opts",
}  # fmt: skip
HONOURED = {"toc_levels", "parse_block_html"}


def stop_re(name: str) -> re.Pattern[str]:
    return re.compile(r"\{:/(?:" + re.escape(name) + r")?\}")


def warn(env: dict, line: int | None, message: str) -> None:
    """Collected here, logged by the parser with the page's ``file:line``."""
    env.setdefault("kramdown_warnings", []).append((line, message))


def note(env: dict, line: int | None, message: str) -> None:
    env.setdefault("kramdown_notes", []).append((line, message))


def set_options(env: dict, body: str, line: int | None) -> None:
    """``{::options key="value" /}``: kramdown's ``handle_extension('options')``."""
    attrs = parse_attribute_list(body or "")
    if attrs is None:
        warn(env, line, f"no options found in '{{::options {body}}}'")
        return
    options = env.setdefault("kramdown_options", {})
    for key, value in attrs.pairs.items():
        if key not in KNOWN_OPTIONS and not key.startswith("coderay_"):
            warn(env, line, f"unknown kramdown option '{key}' (ignored)")
        elif key in HONOURED:
            options[key] = value
        else:
            note(env, line, f"kramdown option '{key}' accepted, not needed here")


def toc_levels(env: dict) -> set[int]:
    """``toc_levels="2..3"`` or ``"2,3"``; all six by default."""
    value = env.get("kramdown_options", {}).get("toc_levels", "1..6")
    if match := re.fullmatch(r"\s*(\d)\s*\.\.\s*(\d)\s*", value):
        return set(range(int(match[1]), int(match[2]) + 1))
    levels = {int(part) for part in re.findall(r"\d", value)}
    return levels or set(range(1, 7))


def parse_block_html(env: dict) -> bool:
    value = env.get("kramdown_options", {}).get("parse_block_html", "false")
    return value.strip().lower() in ("true", "1", "yes")


def extension_block_rule(state: StateBlock, start: int, end: int, silent: bool):
    """A ``{::name …}`` line; a ``comment``/``nomarkdown`` body runs to its
    ``{:/name}`` (or ``{:/}``) line. Without one, the paragraph (and the span rule's
    warning) takes over, as kramdown's ``error_block`` does."""
    if state.is_code_block(start):
        return False
    match = EXT_BLOCK.match(_line(state, start))
    if not match or match[1] not in EXTENSIONS:
        return False
    name, body, closed = match.groups()
    stop = start
    if not closed:
        stop = next(
            (
                n
                for n in range(start + 1, end)
                if stop_re(name).fullmatch(_stripped(state, n))
            ),
            None,
        )
        if stop is None:
            return False
    if silent:
        return True
    if name == "options":
        set_options(state.env, body, start + 1)
    elif name == "nomarkdown" and stop > start + 1:
        token = state.push("html_block", "", 0)
        token.map = [start, stop + 1]
        token.content = state.getLines(start + 1, stop, state.blkIndent, True)
    else:
        token = state.push("kramdown_hidden", "", 0)
        token.map = [start, stop + 1]
    state.line = stop + 1
    return True


def _stripped(state: StateBlock, line: int) -> str:
    return _line(state, line).strip()


def extension_span_rule(state: StateInline, silent: bool) -> bool:
    """``{::comment}…{:/comment}``, ``{::nomarkdown}…{:/}``, ``{::options /}`` in text;
    a bad one becomes a ``kramdown_bad`` token: text plus a warning (core rule)."""
    if not state.src.startswith("{::", state.pos):
        return False
    match = EXT_START.match(state.src, state.pos)
    if not match or match.end() > state.posMax:
        return False
    name, body, closed = match.groups()
    after, content = match.end(), None
    if name in EXTENSIONS and not closed:
        stop = stop_re(name).search(state.src, after, state.posMax)
        if stop is None:
            return _bad(state, silent, match, f"no stop tag for extension '{name}'")
        content, after = state.src[match.end() : stop.start()], stop.end()
    elif name not in EXTENSIONS:
        return _bad(state, silent, match, f"invalid kramdown extension '{name}'")
    if not silent:
        if name == "options":
            state.push("kramdown_options", "", 0).content = body or ""
        elif name == "nomarkdown" and content:
            state.push("html_inline", "", 0).content = content
    state.pos = after
    return True


def _bad(state: StateInline, silent: bool, match: re.Match, message: str) -> bool:
    if not silent:
        token = state.push("kramdown_bad", "", 0)
        token.content = match.group()
        token.meta = {"message": message + "; shown as text"}
    state.pos = match.end()
    return True


def abbr_def_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """``*[HTML]: Hyper Text Markup Language``: a definition, never shown itself."""
    if state.is_code_block(start):
        return False
    match = ABBR_DEF.match(_line(state, start))
    if not match:
        return False
    if not silent:
        token = state.push("kramdown_abbr_def", "", 0)
        token.map = [start, start + 1]
        token.meta = {"abbr": match[1].strip(), "title": match[2].strip()}
    state.line = start + 1
    return True
