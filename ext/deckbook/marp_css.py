"""Marp CSS (``style:``, ``<style>``, ``<style scoped>``) scoped to a deck's slides.

Marp writes slide CSS against ``section`` (the slide) and Marpit rewrites every
selector to live under the slide container. We do the same for our slide element
(``.marp-section``, see :mod:`.marp_deck`): a selector starting with ``section`` or
``:root`` starts at the slide; any other selector is prefixed with it. Rules inside
``@media``/``@supports``/``@container``/``@layer`` are rewritten too; ``@keyframes``,
``@font-face`` and the like are kept; ``@import`` and ``@charset`` are dropped (decks
work offline, and Marp's theme imports name themes we ship ourselves).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_LEADING = re.compile(r"(?:section|:root)(?![\w-])", re.I)
_NESTED_AT = ("@media", "@supports", "@container", "@layer", "@scope", "@document")
_DROPPED_AT = ("@import", "@charset", "@namespace")
_REMOTE_URL = re.compile(r"url\(\s*(['\"]?)(?:https?:)?//[^)]*\)", re.I)


def _blocks(css: str):
    """Top-level ``(prelude, body or None)`` pairs, braces and strings respected."""
    index, length = 0, len(css)
    while index < length:
        start, depth, quote = index, 0, None
        body_start = None
        while index < length:
            char = css[index]
            if quote:
                if char == "\\":
                    index += 1
                elif char == quote:
                    quote = None
            elif char in "\"'":
                quote = char
            elif char == "{":
                depth += 1
                if depth == 1:
                    body_start = index
            elif char == "}":
                depth -= 1
                if depth == 0:
                    index += 1
                    break
                if depth < 0:  # a stray brace: skip it
                    depth = 0
            elif char == ";" and depth == 0:
                index += 1
                break
            index += 1
        chunk = css[start:index]
        if body_start is None:
            yield chunk.strip().rstrip(";").strip(), None
        else:
            prelude = css[start:body_start].strip()
            body = (
                css[body_start + 1 : index - 1] if chunk.rstrip().endswith("}") else ""
            )
            yield prelude, body


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in prelude:
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def scope_selector(selector: str, scope: str) -> str:
    if _LEADING.match(selector):
        return scope + selector[_LEADING.match(selector).end() :]
    return f"{scope} {selector}"


def scope_css(css: str, scope: str, keep_remote: bool = True) -> str:
    """``css`` with every rule moved under ``scope`` (a CSS selector)."""
    css = _COMMENT.sub("", css)
    if not keep_remote:
        css = _REMOTE_URL.sub("none", css)
    return "\n".join(_rewrite(css, lambda s: scope_selector(s, scope)))


def _rewrite(css: str, rewrite: Callable[[str], str]) -> list[str]:
    out = []
    for prelude, body in _blocks(css):
        if not prelude and body is None:
            continue
        lower = prelude.lower()
        if lower.startswith(_DROPPED_AT):
            continue
        if body is None:
            if prelude.startswith("@"):
                out.append(prelude + ";")
            continue
        if lower.startswith(_NESTED_AT):
            inner = "\n".join(_rewrite(body, rewrite))
            out.append(f"{prelude} {{\n{inner}\n}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude} {{{body}}}")
        else:
            selectors = ", ".join(rewrite(s) for s in _split_selectors(prelude))
            if selectors:
                out.append(f"{selectors} {{{body}}}")
    return out


def safe_style_text(css: str) -> str:
    """CSS that cannot close the ``<style>`` element it is written into."""
    return re.sub(r"</", r"<\\/", css)
