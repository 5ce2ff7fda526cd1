"""One page per category and per tag, and an index of each: the book only (html,
dirhtml).

Pages are ``categories/<slug>``, ``tags/<slug>``, ``categories/index`` and
``tags/index`` (as Jekyll themes have ``/categories/`` and ``/tags/``), collected at
``html-collect-pages`` and rendered with the theme's ``page.html``; the posts come from
:class:`.posts.PostsDomain`.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes

from .. import _log
from .._assets import BOOK_BUILDERS
from .._i18n import translate
from ..incremental import pages_to_write
from .domain import FOLDERS, link_to, post_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = _log.get_logger(__name__)
INDEX = "categories/index"
# Per kind of name: (front-matter key, index title, page title, link back).
KINDS = (
    ("categories", "Categories", "Category: {}", "All categories"),
    ("tags", "Tags", "Tag: {}", "All tags"),
)


def generated_pagenames(env) -> list[str]:
    """Every page this module writes (for the sitemap)."""
    domain, names = env.domains["posts"], []
    for key, *_ in KINDS:
        if slugs := domain.categories((key,)):
            names += [f"{FOLDERS[key]}/{slug}" for slug in slugs]
            names.append(f"{FOLDERS[key]}/index")
    return [name for name in names if name not in env.found_docs]


def collect_category_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    if app.builder.name not in BOOK_BUILDERS:
        return []
    # What the pages show: they are made only if it changed (incremental.py).
    env, posts = app.env, app.env.domains["posts"].posts
    titles = [
        (doc, env.titles[doc].astext()) for doc in sorted(posts) if doc in env.titles
    ]
    inputs = (
        sorted(posts.items()),
        titles,
        app.config.language,
        sorted(env.found_docs),
    )
    return pages_to_write(app, "categories", inputs, lambda: _all_pages(app))


def _all_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    pages = [page for kind in KINDS for page in _category_pages(app, *kind)]
    return [page for page in pages if page is not None]


def _category_pages(app: Sphinx, key: str, *titles: str) -> list:
    """The pages of one kind of name (categories or tags), then their index."""
    env, builder = app.env, app.builder
    domain = env.domains["posts"]
    language = app.config.language
    index_title, page_title, back_text = (translate(language, t) for t in titles)
    index_name = FOLDERS[key] + "/index"
    ordered = domain.sorted_posts(env)
    index, pages = nodes.bullet_list(classes=["deckbook-categories"]), []
    for slug, (name, docnames) in domain.categories((key,)).items():
        pagename = FOLDERS[key] + "/" + slug
        listed = [(doc, post) for doc, post in ordered if doc in docnames]
        back = nodes.inline(text=back_text)
        body = [
            post_entries(builder, env, pagename, listed),
            nodes.paragraph("", "", link_to(builder, pagename, index_name, back)),
        ]
        pages.append(_page(app, pagename, page_title.format(name), body))
        label = nodes.inline(text=f"{name} ({len(docnames)})")
        entry = link_to(builder, index_name, pagename, label)
        index += nodes.list_item("", nodes.paragraph("", "", entry))
    if pages:
        pages.append(_page(app, index_name, index_title, [index]))
    return pages


def _page(app: Sphinx, pagename: str, title: str, body: list[nodes.Node]):
    """One generated page: the theme's ``page.html`` with a ``body``, rendered by the
    builder's own translator. The heading is written here: rendering a title needs
    ``builder.fignumbers``, which exists only once some document has been written
    (a rebuild with nothing changed writes none)."""
    if pagename in app.env.found_docs:
        kind = "tag" if pagename.startswith(FOLDERS["tags"] + "/") else "category"
        message = f"a page {pagename!r} exists, so this {kind} page is not written"
        _log.warn(logger, message, _log.DeckbookWarnings.POSTS, (pagename, None))
        return None
    parts = "".join(app.builder.render_partial(node)["fragment"] for node in body)
    html = f'<section id="deckbook-category-page">\n<h1>{escape(title)}</h1>\n{parts}'
    return pagename, {"title": title, "body": html + "</section>\n"}, "page.html"


def setup_categories(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_category_pages)
