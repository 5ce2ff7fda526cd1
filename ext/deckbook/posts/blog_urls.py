"""Old Jekyll URLs: each post's (and page's) Jekyll address redirects to its page.

A post's address is its ``permalink:``, else Jekyll's default for posts,
``/:categories/:year/:month/:day/:title:output_ext``, with Jekyll 4's placeholders
(``UrlDrop``) and URL clean-up (``URL#sanitize_url``); ``redirect_from:`` adds more
(jekyll-redirect-from). The book (html, dirhtml) gets a stub at each address, the
same stub a published alias gets (:mod:`deckbook.publish.stubs`), so ``#fragment``
and ``?query`` survive. A real page is never overwritten.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .. import _log
from .._assets import BOOK_BUILDERS
from ..publish.stubs import redirect_page
from .blog_site import write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = _log.get_logger(__name__)
POST_TEMPLATE = "/:categories/:year/:month/:day/:title:output_ext"
# Jekyll's built-in permalink styles (site ``permalink:``, Utils / Document).
STYLES = {
    "date": POST_TEMPLATE,
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_DATED_NAME = re.compile(r"(\d{2,4}-\d{1,2}-\d{1,2})-(.*)")
# Jekyll's Utils.slugify: "pretty" keeps these besides letters, marks and digits.
_NOT_PRETTY = re.compile(r"[^\w.~!$&'()+,;=@]+")
_NOT_DEFAULT = re.compile(r"[\W_]+")
_STUB_MARK = '<meta name="robots" content="noindex">\n<title>Redirecting…</title>'


class UnknownPlaceholder(ValueError):
    pass


def slugify(text: str, *, pretty: bool = False, cased: bool = False) -> str:
    slug = (_NOT_PRETTY if pretty else _NOT_DEFAULT).sub("-", text).strip("-")
    return slug if cased else slug.lower()


def post_template(style: Any) -> str:
    """The site's ``permalink:`` (a style name or a template) for posts."""
    if not isinstance(style, str) or not style:
        return POST_TEMPLATE
    return STYLES.get(style, style)


def post_placeholders(docname: str, post: dict[str, Any], data: dict, site: dict):
    """Jekyll's ``UrlDrop`` for a post: what each ``:name`` of a permalink means."""
    stem = docname.rsplit("/", 1)[-1]
    named = _DATED_NAME.fullmatch(stem)
    slug = str(data.get("slug") or (named.group(2) if named else stem)).rstrip(".")
    values = {
        "collection": "posts",
        "path": docname,
        "name": slugify(stem),
        "title": slugify(slug, pretty=True, cased=True),
        "slug": slugify(slug),
        # Jekyll lower-cases each category and keeps it whole (spaces too).
        "categories": "/".join(dict.fromkeys(c.lower() for c in post["categories"])),
        "slugified_categories": "/".join(
            dict.fromkeys(slugify(c) for c in post["categories"])
        ),
        "output_ext": ".html",
    }
    if when := _when(post.get("date", ""), site):
        values.update(_date_placeholders(when))
    return values


def _when(iso: str, site: dict) -> dt.datetime | None:
    """The post's time; converted to ``deckbook_site['timezone']`` as Jekyll's
    ``timezone:`` does, else the wall-clock time the author wrote."""
    if not iso:
        return None
    when = dt.datetime.fromisoformat(iso)
    if when.tzinfo is not None and site.get("timezone"):
        # An unknown zone name keeps the time as written.
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            when = when.astimezone(ZoneInfo(str(site["timezone"])))
    return when


def _date_placeholders(when: dt.datetime) -> dict[str, str]:
    iso_year, iso_week, iso_day = when.isocalendar()
    return {
        "year": f"{when.year:04d}",
        "month": f"{when.month:02d}",
        "day": f"{when.day:02d}",
        "hour": f"{when.hour:02d}",
        "minute": f"{when.minute:02d}",
        "second": f"{when.second:02d}",
        "i_day": str(when.day),
        "i_month": str(when.month),
        "short_month": when.strftime("%b").upper(),
        "long_month": when.strftime("%B"),
        "short_year": f"{when.year % 100:02d}",
        "w_year": str(iso_year),
        "week": f"{iso_week:02d}",
        "w_day": str(iso_day),
        "short_day": when.strftime("%a").upper(),
        "long_day": when.strftime("%A"),
        "y_day": f"{when.timetuple().tm_yday:03d}",
    }


def page_placeholders(docname: str) -> dict[str, str]:
    """A page's placeholders (Jekyll's ``Page#url_placeholders``)."""
    folder, _, stem = docname.rpartition("/")
    return {"path": "/" + folder, "basename": stem, "output_ext": ".html"}


def expand(template: str, values: dict[str, str]) -> str:
    """Jekyll 4's ``URL#generate_url_from_drop`` then ``sanitize_url``."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        pool = [name, name[:-1]] if name.endswith("_") else [name]
        winner = next((key for key in pool if key in values), None)
        if winner is None:
            raise UnknownPlaceholder(name)
        return values[winner] + match.group(0)[len(winner) + 1 :]

    url = re.sub("/+", "/", _PLACEHOLDER.sub(replace, template))
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub("/+", "/", url)


def output_path(url: str) -> str:
    """Where Jekyll writes ``url``: ``…/`` is ``…/index.html``, no extension gets
    ``.html`` (``Document#destination``)."""
    path = url.split("#", 1)[0].split("?", 1)[0].lstrip("/")
    if not path or path.endswith("/"):
        return path + "index.html"
    return path if path.endswith((".html", ".htm")) else path + ".html"


# --- the stubs, written once the book is -----------------------------------------


def write_redirects(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in BOOK_BUILDERS:
        return
    builder, outdir = app.builder, Path(app.outdir)
    taken: dict[str, str] = {}
    redirects = app.env.domains["blog"].redirects
    wanted = sorted(doc for doc in redirects if doc in app.env.found_docs)
    # Every page's file, resolved (a sixth of a kept one-page rebuild at 300
    # pages): only when some post has an old address.
    found = app.env.found_docs if any(redirects[doc] for doc in wanted) else ()
    pages = {_normal(builder.get_outfilename(doc)) for doc in found}
    for docname in wanted:
        target = builder.get_target_uri(docname)
        for path, line in redirects[docname]:
            stub = outdir / path
            where = (docname, line)
            if _normal(stub) == _normal(builder.get_outfilename(docname)):
                continue  # the old address is the page's own
            if path in taken:
                message = f"old URL /{path} is already redirected to {taken[path]!r}"
                _log.warn(
                    logger,
                    message + "; not redirected here too",
                    _log.DeckbookWarnings.BLOG,
                    where,
                )
                continue
            if _normal(stub) in pages or _is_real_file(stub):
                message = f"old URL /{path} is a file of the site; no redirect written"
                _log.warn(logger, message, _log.DeckbookWarnings.BLOG, where)
                continue
            taken[path] = docname
            page = redirect_page(_relative(target, path))
            write_if_changed(stub, page.encode("utf-8"))
    _remove_stale_stubs(app, sorted(taken))


def _normal(path: str | Path) -> str:
    """The path as the output folder names it, ``..`` and ``.`` taken out: written
    out, never asked of the disk (``Path.resolve`` for every page was most of this
    step in a one-page rebuild). Sphinx makes the output's folders, never links."""
    return os.path.normpath(os.path.abspath(path))


def _remove_stale_stubs(app: Sphinx, written: list[str]) -> None:
    """Remove the stubs of the last build that this one did not write (a post
    withdrawn or moved), as Jekyll's clean output would not have them."""
    record = Path(app.doctreedir, f"deckbook-redirects-{app.builder.name}.json")
    try:
        before = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = []
    for path in set(before) - set(written):
        stub = Path(app.outdir, path)
        if stub.is_file() and not _is_real_file(stub):
            stub.unlink()
    record.write_text(json.dumps(written), encoding="utf-8")


def _is_real_file(stub: Path) -> bool:
    if not stub.exists():
        return False
    try:
        return _STUB_MARK not in stub.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return True


def _relative(target: str, stub: str) -> str:
    """The page's URL seen from the stub (dirhtml targets end in ``/``)."""
    url = posixpath.relpath(target or ".", posixpath.dirname(stub) or ".")
    return url + "/" if target.endswith("/") or not target else url


def setup_blog_urls(app: Sphinx) -> None:
    app.connect("build-finished", write_redirects)
