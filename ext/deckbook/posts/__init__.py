"""Jekyll posts, unchanged: what Jekyll 4 with kramdown (GFM input) does to a post.

Read phase (same doctree for every builder), on pages written for Jekyll
(:meth:`deckbook.source.frontmatter.FrontMatter.is_jekyll`): Liquid is rendered on the
source before Markdown (``liquid*``), kramdown's syntax is read into MyST/docutils
(``kramdown*``), links to output addresses reach their page (``links``), ``##``
headings are renumbered (``headings``); a post gets its date, categories and author
line (``fields``), collected by the posts domain (``domain``: ``{postlist}``). Other
file names Jekyll reads (``files``). The blog features of Jekyll's usual plugins:
unpublished pages left out (``blog_published``), excerpts (``blog_excerpt``), header
images and preview tags (``blog_meta``); and in the book write phase the category and
tag pages (``categories``), the feed (``blog_feed``), old URLs (``blog_urls``, collected
by ``blog_domain``) and the sitemap (``blog_sitemap``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_posts(app: Sphinx) -> None:
    """Register each posts feature; each module keeps its own ``setup_<feature>``."""
    from . import (
        blog_domain,
        blog_excerpt,
        blog_feed,
        blog_meta,
        blog_published,
        blog_site,
        blog_sitemap,
        blog_urls,
        categories,
        domain,
        fields,
        files,
        kramdown,
        kramdown_transforms,
        links,
        liquid,
    )

    domain.setup_posts_domain(app)
    fields.setup_fields(app)
    blog_site.add_site_config(app)
    files.setup_files(app)
    liquid.setup_liquid(app)
    links.setup_links(app)
    kramdown.setup_kramdown(app)
    kramdown_transforms.setup_kramdown_transforms(app)
    blog_published.setup_blog_published(app)
    blog_domain.setup_blog_domain(app)
    blog_excerpt.setup_blog_excerpt(app)
    blog_meta.setup_blog_meta(app)
    blog_feed.setup_blog_feed(app)
    blog_urls.setup_blog_urls(app)
    blog_sitemap.setup_blog_sitemap(app)
    categories.setup_categories(app)
