"""Jekyll front matter: the page title, and a post's date and categories (DESIGN §3.1).

MyST flattens the YAML into text in ``env.metadata`` (a list becomes JSON), so a
``source-read`` handler keeps the typed mapping, and neutralises broken front matter
with one ``file:line`` warning. The read-phase :class:`FrontMatterTransform` then gives
every builder the same doctree: the front-matter ``title`` (or, failing any title, the
file name) titles the page, a different first ``#`` heading stays visible under it,
and a post gets a post-meta line (:func:`.posts.build_post_meta`).
``layout``, ``comments`` and unknown keys are accepted silently, as in Jekyll.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import babel.dates
from docutils import nodes
from myst_parser.mdit_to_docutils.transforms import AddSlugIds
from sphinx.transforms import SphinxTransform

from . import _log, posts
from ._i18n import LOCALE_DIR
from .frontmatter_reader import (
    FrontMatter,
    as_bool,
    as_yaml_block,
    read_front_matter_text,
)
from .jekyll import blog_fields

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = _log.get_logger(__name__)
# Keys in env.current_document (per document): the reading (a FrontMatter), and
# (data, key_lines) as a plain dict and mapping, for readers of the older shape.
FRONT_MATTER_READ = "deckbook_frontmatter_read"
FRONT_MATTER = "deckbook_frontmatter"
# env.current_document: True when the body's headings start below `#` (a Jekyll post's
# `##`, jekyll/headings.py): its first section is a section too, never the rubric.
BODY_BELOW_TITLE = "deckbook_body_below_title"
_JEKYLL_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)")
# Stay before the title: the docinfo (see _retitle) and nodes nobody sees; a raw HTML
# block, say, is content and moves under the title.
_DOCUMENT_HEAD = (nodes.docinfo, nodes.Invisible, nodes.system_message, nodes.meta)


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
    app.env.current_document[FRONT_MATTER] = (dict(front.data), dict(front.key_lines))


def _check_slides(front: FrontMatter, docname: str) -> None:
    """``slides:`` switches a page's deck (decks.py); anything but a boolean is
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


class FrontMatterTransform(SphinxTransform):
    """Title the page from its front matter (or file name); add the post-meta line.

    For ``title: T`` over a body starting ``# H``::

        section (names: T)
            title: T
            post_meta (a post only)
            rubric (classes: deckbook-source-title; the ids, names and slug of H): H
            …the body of H, its ``##`` sections now direct subsections…
    """

    # After MyST's PrioritiseExplicitIds (262): explicit labels already sit on the
    # heading whose ids move to the rubric. Before MyST's AddSlugIds (700): the slug
    # anchor lands on the rubric too. Before SphinxDomains (850) and doctree-read
    # (880), where the posts domain and Sphinx's TitleCollector read the result.
    default_priority = AddSlugIds.default_priority - 10

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if not _is_main_document(self.document, self.env.doc2path(docname)):
            return
        front = self.env.current_document.get(FRONT_MATTER_READ) or FrontMatter()
        if front.is_marp:
            return  # a Marp `title` is a deck directive, and decks.py owns the slides
        data = dict(front.data)
        warn = _warner(docname, front.key_lines)
        title = _front_matter_title(data, warn)
        if self.env.myst_config.title_to_header:
            title = None  # MyST already made the title a heading of its own
        first = next(self.document.findall(nodes.section), None)
        keep = bool(self.env.current_document.get(BODY_BELOW_TITLE))
        if first is None:
            title = title or title_from_filename(docname, self.config.project)
            _retitle(self.document, title)
        elif title is not None and not _same(first[0].astext(), title):
            _retitle(self.document, title, keep_sections=keep)
        if is_post(data, docname):
            post = post_fields(data, docname, self.config.language, warn)
            top = next(self.document.findall(nodes.section))
            top.insert(1, posts.build_post_meta(post, docname, top))


def is_main_document(document: nodes.document, env) -> bool:
    """True for the document being read, not one parsed on the side."""
    return _is_main_document(document, env.doc2path(env.docname))


def _is_main_document(document: nodes.document, path: Path) -> bool:
    """False for documents parsed on the side (e.g. translated messages)."""
    source = document.get("source")
    return bool(source) and Path(source).resolve() == Path(path).resolve()


def _warner(docname: str, key_lines):
    def warn(key: str, message: str) -> None:
        location = (docname, key_lines.get(key, 1))
        _log.warn(logger, message, _log.DeckbookWarnings.FRONTMATTER, location)

    return warn


def _front_matter_title(data: dict[str, Any], warn) -> str | None:
    title = data.get("title")
    if isinstance(title, (list, dict)):
        kind = type(title).__name__
        warn("title", f"front matter 'title' is a {kind}, not text; it is ignored")
        return None
    if title is None:
        return None
    return " ".join(str(title).split()) or None  # `title: ""` is no title


def _same(heading: str, title: str) -> bool:
    return " ".join(heading.split()) == " ".join(title.split())


def is_post(data: dict[str, Any], docname: str) -> bool:
    filename_date = _JEKYLL_NAME.fullmatch(docname.rsplit("/", 1)[-1])
    return "date" in data or data.get("layout") == "post" or bool(filename_date)


def title_from_filename(docname: str, project: str) -> str:
    """Jekyll's ``titleize_slug``: ``2021-01-15-my-post`` → ``My Post``, keeping the
    rest of each word (Ruby's ``capitalize`` would turn ``AWS`` into ``Aws``). An
    ``index`` page takes its folder's name, or the project's."""
    parts = docname.split("/")
    stem = parts[-1] if parts[-1] != "index" else (parts[-2:-1] or [project])[0]
    if match := _JEKYLL_NAME.fullmatch(stem):
        stem = match.group(2)
    words = [word for word in re.split(r"[-_\s]+", stem) if word]
    return " ".join(word[:1].upper() + word[1:] for word in words) or stem


def _retitle(document: nodes.document, title: str, keep_sections=False) -> None:
    """Wrap the body in a section titled *title*; the first heading becomes a rubric
    if it is the only top-level one (and not ``keep_sections``).

    The docinfo stays in front: Sphinx's MetadataCollector only takes (and
    removes) it from there."""
    children = list(document.children)
    start = next(
        (i for i, node in enumerate(children) if not isinstance(node, _DOCUMENT_HEAD)),
        len(children),
    )
    body = children[start:]
    sections = [node for node in body if isinstance(node, nodes.section)]
    # One top-level section is the body's own `# heading`. Several are a post's `##`
    # sections (MyST nests from the first level used): they all stay sections.
    first = sections[0] if len(sections) == 1 and not keep_sections else None
    section = nodes.section("", nodes.title(title, title))
    if body:
        section.source, section.line = body[0].source, body[0].line
    for node in body:
        document.remove(node)
        if node is first:
            section += _heading_as_rubric(node, document)
            section.extend(node.children[1:])
        else:
            section += node
    section["names"].append(nodes.fully_normalize_name(title))
    document += section
    document.note_implicit_target(section, section)


def _heading_as_rubric(section: nodes.section, document: nodes.document):
    heading = section[0]
    rubric = nodes.rubric(heading.rawsource, "", *heading.children)
    rubric["classes"] = ["deckbook-source-title", *heading["classes"]]
    rubric.source, rubric.line = heading.source or section.source, heading.line
    for attribute in ("ids", "names", "dupnames"):
        rubric[attribute] = section[attribute]
    if "slug" in section:  # MyST's heading anchor, made an id by AddSlugIds
        rubric["slug"] = section["slug"]
    for node_id in rubric["ids"]:
        document.ids[node_id] = rubric
    return rubric


# --- a post's fields, by Jekyll's rules -------------------------------------------

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?!\d)")
# Jekyll writes "2021-01-15 10:00:00 +0900": a space before the offset, which
# fromisoformat does not take (and YAML, for lack of a colon, leaves it a string).
_SPACED_OFFSET = re.compile(r"\s+(?=(?:[+-]\d{2}:?\d{2}|Z)$)")


def post_fields(data: dict, docname: str, language: str | None, warn) -> dict[str, Any]:
    """A post's normalised date, categories and author, as stored on its post-meta
    node."""
    when = _post_date(data, docname, warn)
    fields: dict[str, Any] = {"date": "", "sortkey": "", "label": ""}
    if when is not None:
        fields["date"] = when.isoformat()
        fields["sortkey"] = _sortkey(when)
        fields["label"] = format_date(when, language)
    fields["categories"] = _names(data, "category", "categories", warn)
    fields["tags"] = _names(data, "tag", "tags", warn)
    fields["author"] = blog_fields.author_name(data, warn)
    fields["description"] = blog_fields.text(data, "description")
    fields["excerpt"] = ""  # filled in from the body by jekyll/blog_excerpt.py
    return fields


def _post_date(data: dict, docname: str, warn) -> dt.date | None:
    """The front-matter date, else (as Jekyll) the ``YYYY-MM-DD-`` file-name prefix.
    An unreadable date leaves the post undated, so it is listed last."""
    value = data.get("date")
    if value is None or value == "":
        named = _JEKYLL_NAME.fullmatch(docname.rsplit("/", 1)[-1])
        return parse_date(named.group(1)) if named else None
    when = parse_date(value)
    if when is None:
        warn(
            "date",
            f"front matter 'date' {str(value)!r} is not a date (expected YYYY-MM-DD, "
            "optionally with HH:MM[:SS] and a +HHMM offset); the post is listed "
            "without a date",
        )
    return when


def parse_date(value: Any) -> dt.date | None:
    """A YAML date or datetime, or an ISO-like string starting ``YYYY-MM-DD``."""
    if isinstance(value, dt.date):  # datetime.datetime is a date too
        return value
    if not isinstance(value, str) or not _DATE.match(text := value.strip()):
        return None
    text = _SPACED_OFFSET.sub("", text)
    try:
        if len(text) == len("YYYY-MM-DD"):
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:  # 2021-02-30, 25:00, +2500, trailing words
        return None


def _sortkey(when: dt.date) -> str:
    """Wall-clock time as written: naive and aware dates compare without a zone."""
    if isinstance(when, dt.datetime):
        return when.replace(tzinfo=None).isoformat(timespec="seconds")
    return when.isoformat() + "T00:00:00"


def format_date(when: dt.date, language: str | None) -> str:
    """A post's date label: CLDR's long date (babel) in a language whose interface
    Deckbook translates ("2021년 1월 15일"), ISO 8601 in any other."""
    day = dt.date(when.year, when.month, when.day)
    base = (language or "").split("_")[0].split("-")[0]
    if base and (LOCALE_DIR / base).is_dir():
        return babel.dates.format_date(day, "long", locale=base)
    return day.isoformat()


def _names(data: dict, singular: str, plural: str, warn) -> list[str]:
    """Jekyll's ``pluralized_array_from_hash``: ``category: A B`` is one name, and
    ``categories: A B`` two (a string is split on spaces); either may be a list."""
    key = singular if data.get(singular) not in (None, "", []) else plural
    value = data.get(key)
    if isinstance(value, str):
        value = [value] if key == singular else value.split()
    elif isinstance(value, dict):
        warn(key, f"front matter '{key}' is a mapping, not names; it is ignored")
        value = []
    elif not isinstance(value, list):
        value = [] if value is None else [value]
    names: list[str] = []
    for item in value:
        if (name := _name(key, item, warn)) and name not in names:
            names.append(name)
    return names


def _name(key: str, item: Any, warn) -> str | None:
    if item is None or isinstance(item, str):
        return " ".join((item or "").split()) or None
    where = f"front matter '{key}' has {item!r} where a name belongs"
    if isinstance(item, (list, dict)):
        warn(key, f"{where}; it is ignored")
        return None
    warn(key, f"{where}; the {type(item).__name__} is used as {str(item)!r}")
    return str(item)


def setup_frontmatter(app: Sphinx) -> None:
    # After other source-read handlers (default 500), e.g. a re-decoding one, so the
    # front matter is read from the final text.
    app.connect("source-read", read_front_matter, priority=600)
    app.add_transform(FrontMatterTransform)
