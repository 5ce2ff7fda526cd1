"""Preview tags and the header image, as jekyll-seo-tag and the usual themes give.

Open Graph and Twitter tags come from ``sphinxext-opengraph`` (title, description,
url, site name on every page). Deckbook adds what it knows of a post: ``og:type``
article, the excerpt as ``og:description``, the front matter's image as ``og:image``,
and ``twitter:card``. A local header image (``image``, ``header.image``,
``header.overlay_image``) is also drawn under the post's title, in every builder.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import posixpath
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .. import _log
from .._assets import BOOK_BUILDERS
from ..source.frontmatter import page_front_matter
from ..source.titles import is_main_document
from . import blog_fields
from .blog_site import site_url, url_for
from .domain import post_meta

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = _log.get_logger(__name__)
HEADER_CLASS = "deckbook-post-header"
DESCRIPTION_LENGTH = 200  # sphinxext-opengraph's default length


def _is_remote(path: str) -> bool:
    return "://" in path or path.startswith("//")


class HeaderImageTransform(SphinxTransform):
    """Draw the front matter's local preview image under the title::

    section
        title
        post_meta (a post)
        image (classes: deckbook-post-header; uri: /<path in the source folder>)
    """

    # After FrontMatterTransform (690), which makes the title and post-meta line;
    # before ExcerptTransform (800), which skips this image, and before Sphinx's
    # ImageCollector (doctree-read, 880), which copies it.
    default_priority = 750

    def apply(self, **kwargs: Any) -> None:
        if not is_main_document(self.document, self.env):
            return  # a document parsed on the side (e.g. a translated message)
        front = page_front_matter(self.env)
        data, key_lines = dict(front.data), front.key_lines
        path = blog_fields.image_path(data) if data.get("marp") is not True else ""
        section = next(self.document.findall(nodes.section), None)
        if not path or _is_remote(path) or section is None:
            return  # a remote image is only a preview: the site stays offline
        srcdir = Path(self.env.srcdir).resolve()
        local = (srcdir / path.lstrip("/")).resolve()
        if not local.is_relative_to(srcdir) or not local.is_file():
            key = next((k for k in ("image", "header") if k in data), "image")
            message = f"header image {path!r} is not a file in the source folder; "
            message += "the post is shown without it"
            location = (self.env.docname, key_lines.get(key, 1))
            _log.warn(logger, message, _log.DeckbookWarnings.BLOG, location)
            return
        uri = "/" + local.relative_to(srcdir).as_posix()
        image = nodes.image(uri=uri, alt=section[0].astext(), classes=[HEADER_CLASS])
        image.source, image.line = section.source, section.line
        meta = next(section.findall(post_meta), None)
        section.insert(section.index(meta) + 1 if meta is not None else 1, image)


# --- preview tags -------------------------------------------------------------------


def configure_opengraph(app: Sphinx, config: Config) -> None:
    """sphinxext-opengraph's site URL is the blog's; no generated social cards (they
    would need matplotlib and fonts, and the front matter's image is the card)."""
    if not config.ogp_site_url:
        config.ogp_site_url = site_url(config)
    if config.ogp_social_cards is None:
        config.ogp_social_cards = {"enable": False}


def post_preview(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """Per-page overrides, given to sphinxext-opengraph as its ``og:*`` fields (a
    copy of the page's metadata: the environment's stays untouched), and the tags
    it does not write, as ``(attribute, name, content)``."""
    if app.builder.name not in BOOK_BUILDERS or doctree is None:
        return
    fields = dict(context.get("meta") or {})
    tags: list[tuple[str, str, str]] = []
    if (post := app.env.domains["posts"].posts.get(pagename)) is not None:
        _describe_post(post, fields, tags)
    if image := _image_url(app, pagename, doctree):
        # sphinxext-opengraph writes fields as given (quotes aside): escape them.
        fields.setdefault("og:image", escape(image))
        if (title := app.env.titles.get(pagename)) is not None:
            fields.setdefault("og:image:alt", escape(title.astext()))
    tags.append(("name", "twitter:card", "summary_large_image" if image else "summary"))
    context["metatags"] = context.get("metatags", "") + "".join(
        f'<meta {kind}="{name}" content="{escape(value)}" />\n'
        for kind, name, value in tags
    )
    context["meta"] = fields


def _describe_post(post: dict[str, Any], fields: dict, tags: list) -> None:
    """What jekyll-seo-tag says of a post: an article, its description (else its
    excerpt), its author and date."""
    fields.setdefault("og:type", "article")
    if summary := _shorten(post.get("description") or post.get("excerpt") or ""):
        fields.setdefault("og:description", escape(summary))
        # sphinxext-opengraph's own description would start with the post-meta
        # line; it writes none when the page has one.
        tags.append(("name", "description", summary))
    if post.get("author"):
        tags.append(("name", "author", post["author"]))
    if post.get("date"):
        tags.append(("property", "article:published_time", post["date"]))


def _shorten(text: str) -> str:
    if len(text) <= DESCRIPTION_LENGTH:  # an empty text too
        return text
    return text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0] + "…"


def _image_url(app: Sphinx, pagename: str, doctree: nodes.document) -> str:
    """The drawn header image as copied to ``_images/``, or a remote image URL."""
    header = next(
        (n for n in doctree.findall(nodes.image) if HEADER_CLASS in n["classes"]), None
    )
    builder = app.builder
    # The translator has made "uri" page-relative by now; the candidate is the source.
    source = header.get("candidates", {}).get("*", "") if header is not None else ""
    if source in builder.images:
        path = posixpath.join(builder.imagedir, builder.images[source])
        target = builder.get_target_uri(pagename)  # dirhtml: "a/b/", html: "a/b.html"
        base = target.rstrip("/") if target.endswith("/") else posixpath.dirname(target)
        return url_for(app.config, path, base=base)
    given = app.env.domains["blog"].images.get(pagename, "")
    return given if _is_remote(given) else ""


def setup_blog_meta(app: Sphinx) -> None:
    # sphinxext-opengraph print()s "matplotlib is not installed" when imported
    # without it (social cards, which Deckbook turns off): keep that off the console.
    with contextlib.redirect_stdout(io.StringIO()):
        importlib.import_module("sphinxext.opengraph")
    app.setup_extension("sphinxext.opengraph")
    app.add_transform(HeaderImageTransform)
    app.connect("config-inited", configure_opengraph)
    # Before sphinxext-opengraph's handler (500), which reads the fields.
    app.connect("html-page-context", post_preview, priority=400)
