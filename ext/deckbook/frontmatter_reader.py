"""The project's one front-matter reader: Jekyll's strict YAML and Marp's lenient one.

Jekyll reads front matter as YAML and ignores a block it cannot parse. Marp (Marpit's
``looseYAML``) first quotes the rest of the line after a known directive key, unless it
starts with one of ``["'{|>~&*``, then reads the block with js-yaml's *failsafe* schema
(every scalar a string), so ``style: @import url(x.css)`` or ``header: a: b`` work.
:func:`read_front_matter_text` reads a page once by both rules and says:

- ``data``: the typed mapping (strict YAML); for a Marp deck whose block strict YAML
  rejects, what Marp reads instead, so ``marp: true`` is never lost;
- ``marp``: the mapping as Marp reads it (strings), for the directives;
- each key's line, and every problem with its line. When even Marp's reading fails (an
  HTML comment or a stray line inside the block), Marp ignores the whole block; we read
  it entry by entry instead and report each entry we cannot read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import yaml

from .marp_directives import parse_yaml

_OPENING = re.compile(r"\ufeff?(-{3,})[ \t]*$")
_KEY = re.compile(r"([^\s#:'\"][^:]*?)\s*:(?:\s|$)")
# A top-level entry starts at column 0 with anything but a comment or a list item.
_ENTRY_START = re.compile(r"[^\s#-]|-[^\s-]")
TRUE = frozenset({"true", "yes", "on", "1"})
FALSE = frozenset({"false", "no", "off", "0"})


def _empty() -> MappingProxyType:
    return MappingProxyType({})


@dataclass(frozen=True)
class Problem:
    message: str
    line: int  # 1-based, in the page


@dataclass(frozen=True)
class FrontMatter:
    # Typed (strict YAML), or for a deck strict YAML rejects, Marp's reading.
    data: MappingProxyType = field(default_factory=_empty)
    marp: MappingProxyType = field(default_factory=_empty)  # as Marp reads it: strings
    key_lines: MappingProxyType = field(default_factory=_empty)
    problems: tuple[Problem, ...] = ()
    block_lines: int = 0  # lines of the block with its markers (0: no front matter)
    unclosed: bool = False
    strict: bool = True  # strict YAML read the block
    inner: tuple[str, ...] = field(default=(), repr=False)

    @property
    def is_marp(self) -> bool:
        """A Marp deck: ``marp: true`` by either reading (editors' switch)."""
        return is_marp(self.marp) or is_marp(self.data)


def is_marp(front: Mapping[str, Any]) -> bool:
    """The one rule: a front-matter mapping whose ``marp`` is true (or "true")."""
    return as_bool(front.get("marp")) is True


def as_bool(value: Any) -> bool | None:
    """YAML 1.1's booleans, as strings too; None for anything else."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        return True if text in TRUE else False if text in FALSE else None
    return None


def read_front_matter_text(text: str) -> FrontMatter:
    lines = text.split("\n")
    marker = _OPENING.match(lines[0]) if lines else None
    if marker is None:
        return FrontMatter()
    end = closing_line(lines, len(marker.group(1)))
    if end is None:
        return FrontMatter(unclosed=True)
    inner = [line.rstrip("\r") for line in lines[1:end]]
    key_lines = MappingProxyType(_key_lines(inner))
    common = {"block_lines": end + 1, "key_lines": key_lines, "inner": tuple(inner)}
    strict, strict_problem = _strict(inner)
    marp = parse_yaml("\n".join(inner))
    problems: list[Problem] = []
    if marp is None:
        marp = _entry_by_entry(inner, problems)
    marp_view = MappingProxyType(marp)
    is_deck = FrontMatter(data=MappingProxyType(strict), marp=marp_view).is_marp
    if strict_problem is None:
        return FrontMatter(
            data=MappingProxyType(strict), marp=marp_view,
            problems=tuple(problems) if is_deck else (), **common,
        )  # fmt: skip
    if is_deck:
        # Marp's reading wins for a deck: its words reach the page and its directives
        # apply; only what Marp could not read either is a problem.
        return FrontMatter(
            data=marp_view, marp=marp_view, problems=tuple(problems), strict=False,
            **common,
        )  # fmt: skip
    # Not a deck: Jekyll's rule, the block is ignored.
    return FrontMatter(problems=(strict_problem,), strict=False, **common)


def closing_line(lines: list[str], width: int) -> int | None:
    """The closing line's index, by the rules of MyST's front-matter plugin: ``...``,
    or at least as many dashes as the opening, indented less than a code block."""
    for index, line in enumerate(lines[1:], 1):
        dashes = line.strip()
        if line.rstrip() == "..." or (
            len(dashes) >= width and set(dashes) == {"-"} and line[:4].strip()
        ):
            return index
    return None


def _strict(inner: list[str]) -> tuple[dict, Problem | None]:
    """Jekyll's reading: the mapping, or why the block is ignored."""
    try:
        data = yaml.safe_load("\n".join(inner))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        detail = getattr(error, "problem", None) or "unreadable"
        message = f"front matter is not valid YAML ({detail}); it is ignored"
        return {}, Problem(message, 2 + mark.line if mark else 1)  # 1: the '---'
    if data is None:
        return {}, None  # an empty block is fine
    if not isinstance(data, dict):
        kind = type(data).__name__
        message = f"front matter is a YAML {kind}, not a mapping; it is ignored"
        return {}, Problem(message, 2)
    return {str(key): value for key, value in data.items()}, None


def _entries(inner: list[str]):
    """``(first line index, lines)`` of each top-level entry of the block."""
    start, chunk = None, []
    for index, line in enumerate(inner):
        if _ENTRY_START.match(line):
            if chunk:
                yield start, chunk
            start, chunk = index, [line]
        elif chunk:
            chunk.append(line)
        elif line.strip():
            yield index, [line]  # an indented or comment line before any key
    if chunk:
        yield start, chunk


def _entry_by_entry(inner: list[str], problems: list[Problem]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for start, chunk in _entries(inner):
        read = parse_yaml("\n".join(chunk))
        if read is None:
            # The key line alone, as looseYAML reads a known key: the rest of it.
            read = parse_yaml(chunk[0])
            rest = [i for i, line in enumerate(chunk) if line.strip()][1:]
            if not read and (text := _as_text(chunk[0])):
                read = text
                key, value = next(iter(text.items()))
                problems.append(
                    Problem(
                        f"front matter line {chunk[0].strip()[:60]!r} is not YAML "
                        f"(Marp ignores the whole block then); {key} is read as the "
                        f"text {value[:60]!r}",
                        start + 2,
                    )
                )
            unread = rest if read else [0, *rest]
            for offset in unread:
                text = chunk[offset].strip()
                problems.append(
                    Problem(
                        f"front matter line {text[:60]!r} cannot be read as YAML, "
                        "not even as Marp reads directives; it is ignored (Marp "
                        "ignores the whole block then; its other lines are read)",
                        start + offset + 2,
                    )
                )
        data.update(read or {})
    return data


def _as_text(line: str) -> dict[str, str] | None:
    """``key: anything`` as ``{key: "anything"}``: the author's words, kept, where
    neither YAML reading takes the value (``header: **Bold**``, an alias to YAML)."""
    match = _KEY.match(line)
    value = line[match.end() :].strip() if match else ""
    return {match.group(1): value} if value else None


def _key_lines(inner: list[str]) -> dict[str, int]:
    key_lines: dict[str, int] = {}
    for number, line in enumerate(inner, 2):
        if match := _KEY.match(line):
            key_lines.setdefault(match.group(1), number)
    return key_lines


def as_yaml_block(front: FrontMatter) -> list[str]:
    """The block's inner lines rewritten as strict YAML meaning ``front.data`` (Marp's
    reading: strings, lists, mappings): one JSON line (JSON is YAML), then blank lines,
    so every later line keeps its number. MyST reads this instead of the original."""
    line = json.dumps(dict(front.data), ensure_ascii=False)
    return [line] + [""] * (len(front.inner) - 1)
