"""Marp's lenient YAML (Marpit's ``looseYAML``), shared by the front-matter reader
and Marp's directive comments, so both read a line by the same rule.

marp-core quotes the rest of the line after a known directive key, unless it starts
with one of ``["'{|>~&*``, then reads the text with js-yaml's *failsafe* schema (every
scalar a string), so ``style: @import url(x.css)`` or ``header: a: b`` work.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

import yaml

from . import yaml_c

# Marpit's globals plus marp-core's (size, math) and marp-cli's metadata; `marp` is
# the switch editors read. Recognised, so a comment holding only these is no note.
GLOBAL_KEYS = frozenset(
    {"theme", "style", "headingDivider", "lang", "size", "math", "title", "author",
     "description", "image", "keywords", "url", "marp"}
)  # fmt: skip
# `transition` is marp-cli's (bespoke template); recognised and ignored here.
LOCAL_KEYS = frozenset(
    {"paginate", "header", "footer", "class", "backgroundColor", "backgroundImage",
     "backgroundPosition", "backgroundRepeat", "backgroundSize", "color", "transition"}
)  # fmt: skip
_SPECIAL_FIRST = "[\"'{|>~&*"
_KEYS = "|".join(sorted(GLOBAL_KEYS | LOCAL_KEYS))
_LAZY = re.compile(rf"^([_$]?(?:{_KEYS})\s*:)(.+)$")


def loosen_line(line: str) -> str:
    """Marpit's ``convertLazy``: quote the value of a known directive key."""
    match = _LAZY.match(line)
    if not match:
        return line
    prop, value = match.groups()
    trimmed = value.strip()
    if not trimmed or trimmed[0] in _SPECIAL_FIRST:
        return line
    spaces = value[: len(value) - len(value.lstrip())]
    return prop + spaces + '"' + trimmed.replace('"', '\\"') + '"'


def parse_yaml(text: str) -> dict[str, Any] | None:
    """Marp's YAML reading of a comment or the front matter: a mapping of strings
    (js-yaml's FAILSAFE_SCHEMA); an empty text is an empty mapping.

    A deck's comments are read twice (its global directives first, then slide by
    slide) and decks repeat theirs (``_class: lead``): each text is parsed once, and
    every caller gets its own copy to keep."""
    return copy.deepcopy(_parse_yaml_once(text))


@functools.lru_cache(maxsize=4096)
def _parse_yaml_once(text: str) -> dict[str, Any] | None:
    loose = "\n".join(loosen_line(line) for line in text.splitlines())
    try:
        data = yaml_c.load(loose, yaml.BaseLoader)
    except yaml.YAMLError:
        return None
    if data is None and not loose.strip():
        return {}
    return {str(k): v for k, v in data.items()} if isinstance(data, dict) else None
