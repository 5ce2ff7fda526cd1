"""What the blog features collect from each page at read time (``self.data``):
``redirects`` maps a docname to its old addresses ``[(output path, line)]``,
``images`` to its preview image (as the front matter wrote it).

A domain, as ``sphinx.ext.todo`` keeps its todos: cleared for a re-read page, merged
from parallel readers, so the book's write phase (feed, stubs, tags) sees every page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sphinx.domains import Domain

from .. import _log
from ..source.frontmatter import page_front_matter
from . import blog_fields, blog_urls
from .blog_site import site_settings
from .domain import post_meta

if TYPE_CHECKING:
    from collections.abc import Set

    from docutils import nodes

logger = _log.get_logger(__name__)


class BlogDomain(Domain):
    name = "blog"
    label = "Blog"
    data_version = 1  # raise when the shape of self.data changes
    initial_data: ClassVar[dict[str, Any]] = {"redirects": {}, "images": {}}

    @property
    def redirects(self) -> dict[str, list[tuple[str, int]]]:
        return self.data.setdefault("redirects", {})

    @property
    def images(self) -> dict[str, str]:
        return self.data.setdefault("images", {})

    def clear_doc(self, docname: str) -> None:
        self.redirects.pop(docname, None)
        self.images.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key in ("redirects", "images"):
            for docname in docnames & otherdata[key].keys():
                self.data[key][docname] = otherdata[key][docname]

    def process_doc(self, env, docname: str, document: nodes.document) -> None:
        front = page_front_matter(env)
        data, key_lines = dict(front.data), front.key_lines
        if not data:
            return

        def warn(key: str, message: str) -> None:
            _log.warn(
                logger,
                message,
                _log.DeckbookWarnings.BLOG,
                (docname, key_lines.get(key, 1)),
            )

        if image := blog_fields.image_path(data, teaser=True):
            self.images[docname] = image
        meta = next(document.findall(post_meta), None)
        site = site_settings(env.config)
        if found := _old_addresses(docname, data, meta, site, key_lines, warn):
            self.redirects[docname] = found

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []


def _old_addresses(docname, data, meta, site, key_lines, warn):
    """``[(output path, line)]`` of the page's Jekyll permalink and ``redirect_from``.

    A post without a date has no default address (Jekyll has no dateless posts; the
    unreadable date was warned about already)."""
    permalink = data.get("permalink")
    if meta is not None:
        values = blog_urls.post_placeholders(docname, meta.attributes, data, site)
        template = permalink or blog_urls.post_template(site.get("permalink"))
        if not permalink and "year" not in values:
            template = None
    else:
        values, template = blog_urls.page_placeholders(docname), permalink
    urls: list[tuple[str, int]] = []
    if template is not None and not isinstance(template, str):
        message = f"front matter 'permalink' {template!r} is not a path; ignored"
        warn("permalink", message)
    elif template:
        try:
            url = blog_urls.expand(template, values)
            urls.append((url, key_lines.get("permalink", 1)))
        except blog_urls.UnknownPlaceholder as error:
            message = f"permalink {template!r} has no ':{error}' here (Jekyll stops "
            message += "on it too); this old URL is not redirected"
            warn("permalink", message)
    line = key_lines.get("redirect_from", 1)
    urls += [(url, line) for url in blog_fields.path_list(data, "redirect_from", warn)]
    found: dict[str, int] = {}
    for url, at in urls:
        found.setdefault(blog_urls.output_path(url), at)
    return list(found.items())


def setup_blog_domain(app) -> None:
    app.add_domain(BlogDomain)
