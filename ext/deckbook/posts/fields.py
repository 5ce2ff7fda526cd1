"""A post's fields by Jekyll's rules, and its post-meta line (DESIGN §3.1).

Read phase, every builder: right after the page is titled
(:class:`deckbook.source.titles.FrontMatterTransform`), :class:`PostMetaTransform`
puts a post's date, categories, tags and author under its title
(:func:`.domain.build_post_meta`), where the posts domain collects them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import babel.dates
from docutils import nodes
from sphinx.transforms import SphinxTransform

from .._i18n import LOCALE_DIR
from ..source.frontmatter import JEKYLL_NAME, page_front_matter
from ..source.titles import FrontMatterTransform, is_main_document, warner
from . import blog_fields
from .domain import build_post_meta

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class PostMetaTransform(SphinxTransform):
    """A post's post-meta line, first under its title."""

    # Right after the title is in place, so everything later sees the finished head.
    default_priority = FrontMatterTransform.default_priority + 1

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if not is_main_document(self.document, self.env):
            return
        front = page_front_matter(self.env)
        if front.is_marp or not front.is_post(docname):
            return
        warn = warner(docname, front.key_lines)
        post = post_fields(dict(front.data), docname, self.config.language, warn)
        top = next(self.document.findall(nodes.section))
        top.insert(1, build_post_meta(post, docname, top))


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
    fields["excerpt"] = ""  # filled in from the body by posts/blog_excerpt.py
    return fields


def _post_date(data: dict, docname: str, warn) -> dt.date | None:
    """The front-matter date, else (as Jekyll) the ``YYYY-MM-DD-`` file-name prefix.
    An unreadable date leaves the post undated, so it is listed last."""
    value = data.get("date")
    if value is None or value == "":
        named = JEKYLL_NAME.fullmatch(docname.rsplit("/", 1)[-1])
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


def setup_fields(app: Sphinx) -> None:
    app.add_transform(PostMetaTransform)
