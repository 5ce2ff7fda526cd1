"""Nothing from content runs: raw HTML where Marp would not run it is cleaned with nh3.

What is cleaned (a read-phase transform, so the book and the deck get the same tree):

- every raw HTML node of a **Marp deck** (slides, notes, header and footer): marp-core 4
  renders a deck's HTML through its default ``html`` allow-list
  (``src/html/allowlist.ts``, applied tag by tag in ``src/html/html.ts``);
- on **every page**, raw HTML inside speaker notes (``{notes}``, ``{revealjs-notes}``)
  and Q&A titles: they are the author's remarks and questions, never page code.

Elsewhere in an ordinary page raw HTML is the author's, as in Sphinx and Jekyll (an
``<iframe>`` in a post keeps working); it is left alone.

The rule is marp-core's: an allowed tag keeps its allowed attributes (``href``/``src``
only with http, https, mailto or a relative URL); any other tag is shown as text, as
marp-core's filter escapes it, so a ``<script>`` in a note shows as ``<script>`` and the
note's words stay. MyST gives inline HTML one tag per raw node and a block's tags may be
unbalanced (``<div class="columns">`` … Markdown … ``</div>``), so tags are cleaned one
at a time, each start tag through nh3, and text between them is escaped.

The theme side: sphinx-book-theme puts ``title.astext()`` unescaped into its print
header and sidebar (``pagetitle``, ``root_title``); a title such as ``The `<script>`
tag`` would become markup, so both are escaped here.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

import nh3
from docutils import nodes
from markdown_it.common.html_re import HTML_TAG_RE
from sphinx.transforms import SphinxTransform

from .marp.nodes import marp_deck
from .notes import speaker_notes
from .qa.nodes import qa_group, qa_title
from .qa.transform import QATransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# marp-core 4's default allow-list (src/html/allowlist.ts): tag -> its own attributes.
_GLOBAL = {"class", "dir", "lang", "title"}
_TABLE_PART = {"align", "valign"}
_CELL = {"width", "rowspan", "colspan", *_TABLE_PART}
_MEDIA = {"autoplay", "controls", "loop", "muted", "preload", "src"}
ALLOWED: dict[str, set[str]] = {
    "a": {"href", "name", "rel", "target"},
    "audio": _MEDIA,
    "blockquote": {"cite"},
    "col": {"align", "valign", "span", "width"},
    "colgroup": {"align", "valign", "span", "width"},
    "del": {"cite", "datetime"},
    "details": {"open"},
    "img": {"align", "alt", "decoding", "height", "loading", "src", "srcset",
            "width"},
    "ins": {"cite", "datetime"},
    "li": {"type", "value"},
    "ol": {"reversed", "start", "type"},
    "q": {"cite"},
    "source": {"height", "media", "sizes", "src", "srcset", "type", "width"},
    "table": {"width", "border", *_TABLE_PART},
    "tbody": _TABLE_PART, "tfoot": _TABLE_PART, "thead": _TABLE_PART,
    "td": _CELL, "th": _CELL, "tr": {"rowspan", *_TABLE_PART},
    "time": {"datetime"},
    "video": {*_MEDIA, "playsinline", "poster", "height", "width"},
}  # fmt: skip
_PLAIN = (
    "abbr address article aside b bdi bdo big br caption center cite code dd div dl "
    "dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i kbd mark nav p picture pre rp rt "
    "ruby s section small span strike strong sub summary sup u ul wbr"
)
ALLOWED |= {name: set() for name in _PLAIN.split()}  # the global attributes only
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED),
    attributes={"*": _GLOBAL, **ALLOWED},
    url_schemes={"http", "https", "mailto"},
    link_rel=None,  # `rel` is the author's (allowed above), as in marp-core
    strip_comments=True,
)
# nh3 parses a fragment as if in <body>, where table parts are dropped: give them one.
_CONTEXT = {
    "td": "<table><tr>{}</tr></table>",
    "th": "<table><tr>{}</tr></table>",
    "tr": "<table>{}</table>",
    "col": "<table><colgroup>{}</colgroup></table>",
    **dict.fromkeys(
        ("tbody", "thead", "tfoot", "caption", "colgroup"), "<table>{}</table>"
    ),
}
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


def clean_html(text: str) -> str:
    """``text`` (raw HTML, possibly one tag or unbalanced) with nothing that can run."""
    out, position = [], 0
    for match in HTML_TAG_RE.finditer(text):
        out.append(_text(text[position : match.start()]))
        out.append(_tag(match.group(0)))
        position = match.end()
    out.append(_text(text[position:]))
    return "".join(out)


def _text(text: str) -> str:
    # No `<` may survive outside a checked tag: `<img src=x onerror=…` without its
    # `>` would otherwise join the next tag into one element.
    return text.replace("<", "&lt;")


def _tag(tag: str) -> str:
    name = _NAME.match(tag)
    if name is None:  # a comment, declaration, processing instruction or CDATA
        return ""
    lower = name.group(1).lower()
    if lower not in ALLOWED:
        return html.escape(tag, quote=False)  # shown, as marp-core shows it
    if tag.startswith("</"):
        return f"</{lower}>"
    cleaned = _CLEANER.clean(_CONTEXT.get(lower, "{}").format(tag))
    start = re.search(rf"<{lower}(?=[\s/>])[^>]*>", cleaned)
    return start.group(0) if start else ""


def _html_raws(root: nodes.Element):
    for raw in root.findall(nodes.raw):
        if "html" in raw.get("format", "").split():
            yield raw


def clean_raw_nodes(root: nodes.Element) -> None:
    """Clean every raw HTML node under ``root`` (``root`` included)."""
    for raw in list(_html_raws(root)):
        text = raw.astext()
        cleaned = clean_html(text)
        if cleaned != text:
            raw.children = []
            raw += nodes.Text(cleaned)


def _content_containers(document: nodes.document):
    """Notes and Q&A titles: never page code, on any page."""
    from sphinx_revealjs._ext.notes import revealjs_notes

    for node in document.findall(nodes.Element):
        if isinstance(node, (speaker_notes, revealjs_notes, qa_title)):
            yield node
        elif isinstance(node, nodes.rubric) and isinstance(node.parent, qa_group):
            yield node  # a group's title ("Audience Question")


class CleanContentHTML(SphinxTransform):
    """Clean raw HTML in Marp decks, notes and Q&A titles (see the module doc)."""

    # After the transforms that build those nodes: MarpSlides (691, notes, header and
    # footer) and QATransform (SmartQuotes - 10 = 740, Q&A titles).
    default_priority = QATransform.default_priority + 1

    def apply(self, **kwargs: Any) -> None:
        if next(self.document.findall(marp_deck), None) is not None:
            clean_raw_nodes(self.document)
            return
        for container in list(_content_containers(self.document)):
            clean_raw_nodes(container)


def escape_theme_titles(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """sphinx-book-theme writes these plain-text titles into HTML without escaping."""
    for key in ("pagetitle", "root_title"):
        if isinstance(context.get(key), str):
            context[key] = html.escape(context[key])


def setup_sanitize(app: Sphinx) -> None:
    app.add_transform(CleanContentHTML)
    # After sphinx-book-theme's add_metadata_to_page (the default 500) sets them.
    app.connect("html-page-context", escape_theme_titles, priority=600)
