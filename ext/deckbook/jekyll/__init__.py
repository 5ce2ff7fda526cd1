"""Jekyll posts, unchanged: what Jekyll 4 with kramdown (GFM input) does to a post.

Read phase (same doctree for every builder): Liquid is rendered on a post's source
before Markdown (``liquid``), kramdown's syntax is turned into MyST/docutils
(``kramdown``). The blog features Jekyll's usual plugins give a site: unpublished
pages left out (``blog_published``), excerpts (``blog_excerpt``), header images and
preview tags (``blog_meta``), and in the book the feed (``blog_feed``), old URLs
(``blog_urls``, collected by ``blog_domain``) and the sitemap (``blog_sitemap``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_jekyll(app: Sphinx) -> None:
    """Register each Jekyll feature; each module keeps its own ``setup_<feature>``."""
    from . import (
        blog_domain,
        blog_excerpt,
        blog_feed,
        blog_meta,
        blog_published,
        blog_site,
        blog_sitemap,
        blog_urls,
        files,
        kramdown,
        links,
        liquid,
    )

    blog_site.add_site_config(app)
    files.setup_files(app)
    liquid.setup_liquid(app)
    links.setup_links(app)
    kramdown.setup_kramdown(app)
    blog_published.setup_blog_published(app)
    blog_domain.setup_blog_domain(app)
    blog_excerpt.setup_blog_excerpt(app)
    blog_meta.setup_blog_meta(app)
    blog_feed.setup_blog_feed(app)
    blog_urls.setup_blog_urls(app)
    blog_sitemap.setup_blog_sitemap(app)
