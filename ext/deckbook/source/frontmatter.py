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
from typing import TYPE_CHECKING, Any

import yaml

from .. import _log
from . import yaml_c
from .marp_yaml import parse_yaml

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = _log.get_logger(__name__)

_OPENING = re.compile(r"\ufeff?(-{3,})[ \t]*$")
_KEY = re.compile(r"([^\s#:'\"][^:]*?)\s*:(?:\s|$)")
# A top-level entry starts at column 0 with anything but a comment or a list item.
_ENTRY_START = re.compile(r"[^\s#-]|-[^\s-]")
# Jekyll post file names: YYYY-MM-DD-slug.
JEKYLL_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)")
# Front-matter keys only Jekyll reads: a page having one was written for Jekyll.
JEKYLL_ONLY_KEYS = ("layout", "permalink", "render_with_liquid")
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

    def is_post(self, docname: str) -> bool:
        """A dated post (Jekyll's rules): a ``date``, ``layout: post`` or a
        ``YYYY-MM-DD-`` file name. It gets a post-meta line and the posts index."""
        dated_name = JEKYLL_NAME.fullmatch(docname.rsplit("/", 1)[-1])
        post_layout = self.data.get("layout") == "post"
        return "date" in self.data or post_layout or bool(dated_name)

    def is_jekyll(self, docname: str) -> bool:
        """Written for Jekyll, so read with its rules (Liquid, kramdown, ``$$`` math):
        a post, a page in a ``_posts`` folder, or one whose front matter has a key only
        Jekyll uses. Never a Marp deck, whose own rules apply."""
        if self.is_marp:
            return False
        in_posts = "_posts" in docname.split("/")[:-1]
        jekyll_keys = any(key in self.data for key in JEKYLL_ONLY_KEYS)
        return self.is_post(docname) or in_posts or jekyll_keys


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
        data = yaml_c.load("\n".join(inner))
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


# --- the page being read -----------------------------------------------------------

# env.current_document (per document): the page's one reading, a FrontMatter.
FRONT_MATTER_READ = "deckbook_frontmatter_read"


def page_front_matter(env: BuildEnvironment) -> FrontMatter:
    """The front matter of the page being read (empty for a page that has none)."""
    return env.current_document.get(FRONT_MATTER_READ) or FrontMatter()


def read_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    if app.config.source_suffix.get(app.env.doc2path(docname).suffix) != "markdown":
        return
    front = read_front_matter_text(source[0])
    lines = source[0].split("\n")
    if front.unclosed:
        # markdown-it reads this as a thematic break then a paragraph, and docutils
        # warns that a document may not begin with a transition. Blanking the marker
        # keeps every other line, at its line number, as page text.
        message = "front matter opened by '---' on line 1 is never closed by a '---' "
        message += "or '...' line; its lines are kept as page text"
        _log.warn(logger, message, _log.DeckbookWarnings.FRONTMATTER, (docname, 1))
        lines[0] = ""
    elif front.block_lines and not front.data:
        # MyST drops an unreadable block too, but warns "Malformed YAML" at line 1
        # (and "not a dict" for an empty one): our precise warnings instead.
        lines[: front.block_lines] = [""] * front.block_lines
    elif front.block_lines and not front.strict:
        # A Marp deck strict YAML rejects: MyST reads Marp's reading instead.
        lines[1 : front.block_lines - 1] = as_yaml_block(front)
    for problem in front.problems:
        _log.warn(
            logger,
            problem.message,
            _log.DeckbookWarnings.FRONTMATTER,
            (docname, problem.line),
        )
    _check_slides(front, docname)
    source[0] = "\n".join(lines)
    app.env.current_document[FRONT_MATTER_READ] = front


def _check_slides(front: FrontMatter, docname: str) -> None:
    """``slides:`` switches a page's deck (deck/builder.py); anything but a boolean is
    ignored, so the page keeps its default."""
    value = front.data.get("slides")
    if value is None or as_bool(value) is not None:
        return
    message = (
        f"front matter 'slides' {str(value)!r} is not true or false; it is ignored "
        "(the page's default is used: a deck for a Marp deck or a page matching "
        "deckbook_slides_patterns)"
    )
    location = (docname, front.key_lines.get("slides", 1))
    _log.warn(logger, message, _log.DeckbookWarnings.FRONTMATTER, location)


def setup_frontmatter(app: Sphinx) -> None:
    # After other source-read handlers (default 500), e.g. a re-decoding one, so the
    # front matter is read from the final text.
    app.connect("source-read", read_front_matter, priority=600)
