"""Liquid on Jekyll posts, rendered before Markdown as Jekyll does (python-liquid).

**Which pages.** Jekyll renders Liquid in every file with front matter, but ordinary
MyST pages keep MyST's own ``{{ }}`` substitutions. So Liquid runs on a Markdown page
written for Jekyll (:meth:`deckbook.source.frontmatter.FrontMatter.is_jekyll`, the one
rule kramdown and math share): a post (a ``YYYY-MM-DD-`` file name, a front-matter
``date`` or ``layout: post``), a file in a ``_posts/`` folder, or a page whose front
matter has a key only Jekyll uses (``layout``, ``permalink``, ``render_with_liquid``).
Never a Marp deck.
``render_with_liquid: false`` turns it off: the Liquid then shows as written.

**What it gives.** ``site.*`` from ``conf.py`` (``title``: ``html_title`` or
``project``; ``url``: ``deckbook_site_url`` or ``html_baseurl``'s host; ``baseurl``:
the source folder as seen from the post, so ``{{ site.baseurl }}/assets/x.png``
works; ``author``, ``description``, ``lang``, ``time``; a ``deckbook_site`` dict for
the rest, or to override these) and ``page.*`` from the front matter, with
``title``, ``date``, ``url``, ``path``, ``slug``, ``categories`` and ``tags``. There is
no ``site.posts`` (nor ``site.pages``, ``site.categories``): a page's Liquid is
rendered when that page is read, and may not depend on other pages, or every edit
would re-read them all; a loop over them is empty, as over any missing list. Tags and
filters: :mod:`.liquid_tags`, :mod:`.liquid_filters`; pieces and line numbers:
:mod:`.liquid_render`.

**MyST substitutions.** Whatever ``{{`` is left in a post after Liquid (a ``{% raw %}``
block, a post without Liquid) is the author's text, not a MyST substitution: it is
swapped for a private character before MyST parses the page and swapped back in the
doctree by :class:`RestoreLiquidText`, in prose and code alike.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.locale import _
from sphinx.transforms import SphinxTransform

from .. import _log
from ..source.frontmatter import JEKYLL_NAME, closing_line, page_front_matter
from ..source.titles import title_from_filename
from .fields import parse_date, post_fields

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .liquid_tags import RenderState

logger = _log.get_logger(__name__)
SUBTYPE = _log.DeckbookWarnings.LIQUID
BRACES = "\ue001"  # stands for "{{" between source-read and the first transform
LIQUID_PAGE = "deckbook_liquid"  # env.current_document: highlight options by line


def render_liquid(app: Sphinx, docname: str, source: list[str]) -> None:
    env = app.env
    if app.config.source_suffix.get(env.doc2path(docname).suffix) != "markdown":
        return
    front = page_front_matter(env)
    if not front.is_jekyll(docname):
        return
    data = dict(front.data)
    head, body = _split_front_matter(source[0])
    line0 = head.count("\n")
    if data.get("render_with_liquid") is not False and _has_liquid(body):
        body = _render(app, docname, data, body, line0)
    else:
        env.current_document[LIQUID_PAGE] = {}
    source[0] = head + body.replace("{{", BRACES + BRACES)


def _split_front_matter(text: str) -> tuple[str, str]:
    """``(front matter with its closing line, body)`` as source/frontmatter.py reads it
    (it already blanked a block it could not read)."""
    lines = text.split("\n")
    marker = re.match(r"-{3,}", lines[0])
    end = marker and closing_line(lines, len(marker.group()))
    if not end:
        return "", text
    return "\n".join(lines[: end + 1]) + "\n", "\n".join(lines[end + 1 :])


def _has_liquid(body: str) -> bool:
    """Whether Liquid would change the text: with no ``{{`` output and no ``{%``
    tag (a ``{%-`` too begins with it), it renders every character as it is."""
    return "{{" in body or "{%" in body


def _render(app: Sphinx, docname: str, data: dict, body: str, line0: int) -> str:
    # Imported here: python-liquid is 40 ms of the start-up of every process, and
    # a site without Liquid never needs it.
    from .liquid_render import PostRenderer, iter_marks
    from .liquid_tags import FENCE_MARK, RenderState

    env = app.env

    def warn(message: str, line: int) -> None:
        _log.warn(logger, message, SUBTYPE, (docname, line))

    def doc_suffix(name: str) -> str:
        return env.doc2path(name).suffix

    state = RenderState(
        docname=docname,
        srcdir=str(env.srcdir),
        found_docs=set(env.found_docs),
        doc_suffix=doc_suffix,
        note_dependency=env.note_dependency,
        warn=warn,
    )
    variables = {"site": site_data(app, state), "page": page_data(app, docname, data)}
    text = PostRenderer(state, variables, line0).render(body)
    highlights: dict[int, dict] = {}
    lines = text.split("\n")
    for number, index in iter_marks(text):
        highlights[line0 + number + 1] = state.highlights[index]
        lines[number] = lines[number].split(FENCE_MARK)[0]
    env.current_document[LIQUID_PAGE] = highlights
    return "\n".join(lines)


def site_data(app: Sphinx, state: RenderState) -> dict[str, Any]:
    config = app.config
    url = config.deckbook_site_url or config.html_baseurl or ""
    parts = urlsplit(url)
    path = config.deckbook_site.get("baseurl", parts.path if parts.netloc else "")
    state.site_url = f"{parts.scheme}://{parts.netloc}{path}" if parts.netloc else ""
    site = {
        "title": _site_title(config),
        "url": f"{parts.scheme}://{parts.netloc}" if parts.netloc else url,
        "baseurl": state.root,
        "author": config.author,
        "description": "",
        "lang": config.language or "en",
        "time": dt.datetime.now().astimezone(),
    }
    return {**site, **config.deckbook_site}


def _site_title(config) -> str:
    """``html_title`` if conf.py set it, else the project (Sphinx's default title,
    "Project documentation", is no site title)."""
    default = _("%s %s documentation") % (config.project, config.release)
    title = config.html_title
    return config.project if not title or title == default else title


def page_data(app: Sphinx, docname: str, data: dict[str, Any]) -> dict[str, Any]:
    """Jekyll's ``page``: the front matter, over a title and slug from the file name,
    under what Jekyll computes (the date as a date, the URL, the lists of names)."""
    stem = posixpath.basename(docname)
    named = JEKYLL_NAME.fullmatch(stem)
    page = {
        "title": title_from_filename(docname, app.config.project),
        "slug": named.group(2) if named else stem,
        **{key: value for key, value in data.items() if value is not None},
        "url": "/" + docname + ".html",
        "path": str(app.env.doc2path(docname, False)),
        "id": "/" + docname,
    }
    post = post_fields(data, docname, None, lambda *args: None)
    page["categories"], page["tags"] = post["categories"], post["tags"]
    when = parse_date(post["date"]) if post["date"] else None
    if when is not None:
        page["date"] = when
    return page


class RestoreLiquidText(SphinxTransform):
    """Put back the ``{{`` a post's source hid from MyST, and give each
    ``{% highlight %}`` fence its line numbers and marked lines."""

    # First of all transforms (docutils' own start at 100): every other one sees
    # the author's text.
    default_priority = 50

    def apply(self, **kwargs: Any) -> None:
        highlights = self.env.current_document.get(LIQUID_PAGE)
        if highlights is None:
            return
        for node in self.document.findall(nodes.Element):
            _restore_attributes(node)
            if isinstance(node, nodes.literal_block) and node.line in highlights:
                _apply_highlight(node, highlights[node.line])
        for text in list(self.document.findall(nodes.Text)):
            if BRACES in text:
                text.parent.replace(text, nodes.Text(text.replace(BRACES * 2, "{{")))


def _restore_attributes(node: nodes.Element) -> None:
    if isinstance(node.rawsource, str) and BRACES in node.rawsource:
        node.rawsource = node.rawsource.replace(BRACES * 2, "{{")
    for key, value in node.attributes.items():
        if isinstance(value, str) and BRACES in value:
            node[key] = value.replace(BRACES * 2, "{{")
        elif isinstance(value, list) and any(BRACES in str(item) for item in value):
            node[key] = [str(item).replace(BRACES * 2, "{{") for item in value]


def _apply_highlight(node: nodes.literal_block, options: dict[str, Any]) -> None:
    if options.get("linenos"):
        node["linenos"] = True
    if marks := options.get("mark_lines"):
        node.setdefault("highlight_args", {})["hl_lines"] = marks


def setup_liquid(app: Sphinx) -> None:
    # deckbook_site and deckbook_site_url: blog_site.add_site_config.
    # After source/frontmatter.py's handler (600), which reads the front matter we use.
    app.connect("source-read", render_liquid, priority=650)
    app.add_transform(RestoreLiquidText)
