"""Jekyll's Liquid filters (``Jekyll::Filters``), for python-liquid.

Liquid's standard filters come with the engine. These are the ones Jekyll adds, as
Jekyll 4 defines them, except where a URL must work from the post's page in the book:
``relative_url`` puts the path under the source folder as seen from the post
(``../assets/x.png``), which Sphinx then resolves for the book and the deck alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from typing import Any
from urllib.parse import quote, quote_plus

from liquid import Undefined
from liquid.exceptions import FilterArgumentError
from liquid.filter import with_context

from .liquid_tags import state_of


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, Undefined) else str(value)


@with_context
def relative_url(value: Any, *, context) -> str:
    path = _text(value)
    if re.match(r"[a-zA-Z][\w+.-]*:", path) or path.startswith("//"):
        return path  # already absolute: Jekyll's Addressable keeps it
    return state_of(context).root + "/" + path.lstrip("/")


@with_context
def absolute_url(value: Any, *, context) -> str:
    base = state_of(context).site_url
    if not base:  # Jekyll: without site.url, absolute_url is relative_url
        return relative_url(value, context=context)
    return base.rstrip("/") + "/" + _text(value).lstrip("/")


def _date(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    from .fields import parse_date

    if isinstance(value, str) and (when := parse_date(value)) is not None:
        return _date(when)
    if value in ("now", "today"):
        return dt.datetime.now()
    raise FilterArgumentError(f"expected a date, found {value!r}", token=None)


def _ordinal(day: int) -> str:
    suffix = (
        "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10)
    )
    return f"{day}{suffix or 'th'}"


def _date_string(value: Any, month: str, kind: Any = None, style: Any = None) -> str:
    when = _date(value)
    if kind != "ordinal":
        return when.strftime(f"%d {month} %Y")
    if style == "US":
        return when.strftime(f"{month} ") + _ordinal(when.day) + when.strftime(", %Y")
    return _ordinal(when.day) + when.strftime(f" {month} %Y")


def date_to_string(value: Any, kind: Any = None, style: Any = None) -> str:
    return _date_string(value, "%b", kind, style)


def date_to_long_string(value: Any, kind: Any = None, style: Any = None) -> str:
    return _date_string(value, "%B", kind, style)


def date_to_xmlschema(value: Any) -> str:
    when = _date(value)
    return when.isoformat(timespec="seconds")


def date_to_rfc822(value: Any) -> str:
    when = _date(value)
    return when.strftime("%a, %d %b %Y %H:%M:%S ") + (when.strftime("%z") or "+0000")


def xml_escape(value: Any) -> str:
    text = _text(value)
    for char, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = text.replace(char, entity)
    return text.replace('"', "&quot;").replace("'", "&#39;")


def cgi_escape(value: Any) -> str:
    return quote_plus(_text(value))


def uri_escape(value: Any) -> str:
    # Addressable's normalize_component keeps reserved characters and escapes
    return quote(_text(value), safe="!#$&'()*+,/:;=?@[]~%")


def slugify(value: Any, mode: Any = "default") -> str:
    """Jekyll's ``Utils.slugify``: modes raw, default, pretty, ascii, latin, none."""
    text = _text(value)
    if mode == "none":
        return text
    if mode == "latin":
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        mode = "default"
    pattern = {
        "raw": r"\s+",
        "pretty": r"[^\w._~!$&'()+,;=@]+",
        "ascii": r"[^a-zA-Z0-9]+",
    }.get(mode, r"[\W_]+")
    return re.sub(pattern, "-", text).strip("-").lower()


def markdownify(value: Any) -> str:
    return _text(value)  # the post is Markdown: it is parsed with the rest of the page


def jsonify(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, default=str)


def _plain(value: Any) -> Any:
    if isinstance(value, Undefined):
        return None
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]"
)


def number_of_words(value: Any, mode: Any = None) -> int:
    text = _text(value)
    if mode in ("cjk", "auto"):
        cjk = len(_CJK.findall(text))
        if mode == "cjk" or cjk:
            return cjk + len(_CJK.sub(" ", text).split())
    return len(text.split())


def array_to_sentence_string(value: Any, connector: Any = "and") -> str:
    items = [_text(item) for item in (value or [])]
    if len(items) <= 2:
        return f" {connector} ".join(items)
    return ", ".join(items[:-1]) + f", {connector} {items[-1]}"


def normalize_whitespace(value: Any) -> str:
    return " ".join(_text(value).split())


def to_integer(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    try:
        return int(float(_text(value) or 0))
    except ValueError as error:
        raise FilterArgumentError(f"to_integer: {value!r}", token=None) from error


def _list(value: Any) -> list:
    return list(value) if isinstance(value, (list, tuple)) else []


def push(value: Any, item: Any) -> list:
    return [*_list(value), item]


def pop(value: Any, count: Any = 1) -> list:
    return _list(value)[: -int(count) or None]


def shift(value: Any, count: Any = 1) -> list:
    return _list(value)[int(count) :]


def unshift(value: Any, item: Any) -> list:
    return [item, *_list(value)]


def inspect(value: Any) -> str:
    return xml_escape(repr(_plain(value)))


def group_by(value: Any, prop: Any) -> list[dict[str, Any]]:
    groups: dict[str, list] = {}
    for item in _list(value):
        key = _text(item.get(prop)) if isinstance(item, dict) else ""
        groups.setdefault(key, []).append(item)
    return [
        {"name": key, "items": items, "size": len(items)}
        for key, items in groups.items()
    ]


FILTERS = {
    name: function
    for name, function in dict(globals()).items()
    if callable(function)
    and not name.startswith("_")
    and getattr(function, "__module__", None) == __name__
}


def register(env) -> None:
    for name, function in FILTERS.items():
        env.add_filter(name, function)
    env.add_filter("smartify", markdownify)  # the Markdown parser makes the quotes
