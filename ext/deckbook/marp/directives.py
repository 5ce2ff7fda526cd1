"""Marp directives: which comments are directives, what they mean, and page numbers.

Pure functions over strings and dicts (no docutils), following Marpit 3 and marp-core 4:

- A comment's body is parsed as YAML with Marpit's *failsafe* schema (every scalar is a
  string) after marp-core's "loose YAML" rewrite, which quotes the value of a known key
  unless it starts with one of ``["'{|>~&*``. It is a *directive comment* when at least
  one key is a known directive; unknown keys in it are ignored, as Marp ignores them.
- Global directives apply to the whole deck, the last definition winning. Local
  directives apply to the slide that defines them (wherever in the slide) and to every
  later slide; with a ``_`` prefix they are *spot* directives for that slide only.
- ``paginate``: ``true`` shows the number, ``false`` (or an unknown value) counts the
  page without showing it, ``skip`` neither counts nor shows, ``hold`` shows the
  previous number again without counting.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..source.marp_yaml import GLOBAL_KEYS, LOCAL_KEYS, parse_yaml

PAGINATE = ("true", "false", "skip", "hold")

_COMMENT = re.compile(r"<!--+\s*(.*?)\s*--+>", re.S)
# Comments that are tool pragmas, not writing (Marp hides them from notes too).
_PRAGMA = re.compile(r"^(?:prettier-ignore|markdownlint|textlint-|eslint-)", re.I)
_LABEL = re.compile(r"\Acomment(?::|[ \t]*(?:\n|\Z))", re.I)


def comments(raw: str) -> list[str] | None:
    """The bodies of the comments making up ``raw`` HTML, or None if it holds more."""
    bodies = []
    rest = _COMMENT.sub(lambda m: bodies.append(m.group(1)) or "", raw)
    return bodies if bodies and not rest.strip() else None


def recognised(key: str) -> bool:
    bare = key[1:] if key.startswith("$") else key
    spot = key[1:] if key.startswith("_") else None
    return bare in GLOBAL_KEYS or key in LOCAL_KEYS or spot in LOCAL_KEYS


def directives_in(body: str) -> dict[str, Any] | None:
    """The directives of a comment body, or None when the comment is no directive."""
    data = parse_yaml(body)
    if data is None or not any(recognised(str(key)) for key in data):
        return None
    return data


def is_fit_marker(body: str) -> bool:
    """``fit`` fits a heading (marp-core); elsewhere it is a note, as in Marp."""
    return body.strip().lower() == "fit"


def note_text(body: str) -> str | None:
    """A note's Markdown: the ``comment:`` label dropped, dedented; None for pragmas."""
    text = body.strip("\n")
    if not text.strip() or _PRAGMA.match(text.strip()) or is_fit_marker(text):
        return None
    stripped = text.lstrip()
    if label := _LABEL.match(stripped):
        text = stripped[label.end() :]
    text = textwrap.dedent(text).strip()
    return text or None


# --- values -------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _paginate(value: Any) -> str | None:
    text = _text(value)
    return text.strip().lower() if text and text.strip().lower() in PAGINATE else None


def _class(value: Any) -> str | None:
    if isinstance(value, list):
        return " ".join(str(v) for v in value if isinstance(v, str))
    return _text(value)


def heading_divider(value: Any) -> list[int] | None:
    """Levels that start a slide: ``N`` means 1..N; a list names them."""
    if isinstance(value, list):
        levels = [int(v) for v in value if str(v).strip().isdigit()]
        return [v for v in levels if 1 <= v <= 6] or None
    text = str(value).strip() if isinstance(value, str) else ""
    if text.isdigit() and 1 <= int(text) <= 6:
        return list(range(1, int(text) + 1))
    return None


_LOCAL_VALUE = {"paginate": _paginate, "class": _class}


# --- resolution ---------------------------------------------------------------------


def value_problem(key: str, value: Any) -> str | None:
    """Why Marp ignores a directive's value, and what it uses instead (None: valid).
    ``theme`` and ``size`` depend on the theme set: see :mod:`deckbook.marp.themes`."""
    bare = key.lstrip("_$")
    shown = f"Marp directive '{key}' has the value {_shown(value)}"
    if bare == "paginate" and _paginate(value) is None:
        return (
            f"{shown}, not true, false, skip or hold; the slide is counted but "
            "shows no page number, as in Marp"
        )
    if bare == "headingDivider" and heading_divider(value) is None:
        return (
            f"{shown}, not a heading level 1 to 6 (or a list of them); it is "
            "ignored, as in Marp: only '---' lines start slides"
        )
    return None


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, (str, list)) else repr(str(value))


@dataclass
class Deck:
    """Everything the directives say: the deck's globals and each slide's locals,
    and the line that set each global last."""

    globals: dict[str, Any] = field(default_factory=dict)
    slides: list[dict[str, Any]] = field(default_factory=list)
    global_lines: dict[str, int | None] = field(default_factory=dict)


class Resolver:
    """Feed directives slide by slide (``start_slide`` first), then ``finish``."""

    def __init__(self) -> None:
        self.deck = Deck()
        self._local: dict[str, Any] = {}
        self._spot: dict[str, Any] = {}

    def start_slide(self) -> None:
        if self.deck.slides:
            self._close()
        self.deck.slides.append({})

    def _close(self) -> None:
        self.deck.slides[-1] = {**self._local, **self._spot}
        self._spot = {}

    def apply(self, data: dict[str, Any], lines=None) -> None:
        """``lines``: the line of every key (a mapping) or of them all (an int)."""
        for key, value in data.items():
            key = str(key)
            bare = key[1:] if key.startswith("$") else key
            if bare in GLOBAL_KEYS:
                self.deck.globals[bare] = value
                line = lines.get(key) if isinstance(lines, Mapping) else lines
                self.deck.global_lines[bare] = line
            elif key in LOCAL_KEYS:
                self._local[key] = _LOCAL_VALUE.get(key, _text)(value)
            elif key.startswith("_") and key[1:] in LOCAL_KEYS:
                self._spot[key[1:]] = _LOCAL_VALUE.get(key[1:], _text)(value)

    def finish(self) -> Deck:
        if self.deck.slides:
            self._close()
        return self.deck


def paginate(values: list[str | None]) -> tuple[list[int | None], int]:
    """Each slide's page number (None: not shown) and the total, as Marp counts."""
    counter, shown = 0, []
    for value in values:
        if value == "skip":
            shown.append(None)
        elif value == "hold":
            counter = counter or 1
            shown.append(counter)
        else:
            counter += 1
            shown.append(counter if value == "true" else None)
    return shown, counter
