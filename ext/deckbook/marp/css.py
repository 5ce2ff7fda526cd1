"""Marp CSS (``style:``, ``<style>``, ``<style scoped>``, theme files) scoped to slides.

Marp writes slide CSS against ``section`` (the slide) and Marpit rewrites every
selector to live under the slide container. We do the same for our slide element
(:data:`SLIDE`, see :mod:`deckbook.marp.deck`): a selector starting with ``section`` or
``:root`` starts at the slide; any other selector is prefixed with it. Rules inside
``@media``/``@supports``/``@container``/``@layer`` are rewritten too; ``@keyframes``,
``@font-face`` and the like are kept; ``@charset`` and ``@namespace`` are dropped, and
so is ``@import`` unless the caller resolves it (theme files:
:mod:`deckbook.marp.themes`;
decks work offline, and Marp's theme imports name themes we ship ourselves).
CSS is read and written with tinycss2 (strings, escapes and nesting as CSS has them).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import tinycss2
from tinycss2 import ast

SLIDE = ".marp-section"  # the element the themes style as Marp themes style `section`
_LEADING = re.compile(r"(?:section|:root)(?![\w-])", re.I)
_NESTED_AT = {"media", "supports", "container", "layer", "scope", "document"}
_IMPORT = ("import", "import-theme")
_DROPPED_AT = {"charset", "namespace"}
_REMOTE_URL = re.compile(r"url\(\s*(['\"]?)(?:https?:)?//[^)]*\)", re.I)

# What the caller does with an ``@import`` rule: CSS text to put in its place, or None.
ImportHandler = Callable[[ast.AtRule], "str | None"]


def parse(css: str) -> list:
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


def split_selectors(prelude: list) -> list[str]:
    """A rule's selectors, split at top-level commas (tinycss2 nests the brackets)."""
    parts: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    texts = (tinycss2.serialize(part).strip() for part in parts)
    return [text for text in texts if text]


def scope_selector(selector: str, scope: str) -> str:
    if match := _LEADING.match(selector):
        return scope + selector[match.end() :]
    return f"{scope} {selector}"


def scope_css(
    css: str,
    scope: str,
    keep_remote: bool = True,
    on_import: ImportHandler | None = None,
) -> str:
    """``css`` with every rule moved under ``scope`` (a CSS selector)."""
    if not keep_remote:
        css = drop_remote_urls(css)
    return scope_rules(parse(css), scope, on_import)


def scope_rules(rules: list, scope: str, on_import: ImportHandler | None = None) -> str:
    return "\n".join(_rewrite(rules, lambda s: scope_selector(s, scope), on_import))


def drop_remote_urls(css: str) -> str:
    return _REMOTE_URL.sub("none", css)


def _rewrite(rules: list, rewrite: Callable[[str], str], on_import) -> list[str]:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = ", ".join(rewrite(s) for s in split_selectors(rule.prelude))
            if selectors:
                out.append(f"{selectors} {{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule":
            out.extend(_at_rule(rule, rewrite, on_import))
    return out


def _at_rule(rule: ast.AtRule, rewrite, on_import) -> list[str]:
    keyword = rule.lower_at_keyword
    if keyword in _IMPORT:
        text = on_import(rule) if on_import is not None else None
        return [text] if text else []
    if keyword in _DROPPED_AT:
        return []
    prelude = tinycss2.serialize(rule.prelude).strip()
    head = f"@{rule.at_keyword} {prelude}".rstrip()
    if rule.content is None:
        return [head + ";"]
    if keyword in _NESTED_AT:
        inner = parse(tinycss2.serialize(rule.content))
        return [f"{head} {{\n" + "\n".join(_rewrite(inner, rewrite, on_import)) + "\n}"]
    return [f"{head} {{{tinycss2.serialize(rule.content)}}}"]


def imports(css: str) -> list[str]:
    """What the ``@import`` rules of ``css`` name (a URL, or a theme's name)."""
    found = []
    for rule in parse(css):
        if rule.type == "at-rule" and rule.lower_at_keyword in _IMPORT:
            found.append(tinycss2.serialize(rule.prelude).strip())
    return found


def safe_style_text(css: str) -> str:
    """CSS that cannot close the ``<style>`` element it is written into."""
    return re.sub(r"</", r"<\\/", css)
