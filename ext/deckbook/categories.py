"""One page per category or tag, and an index of them: the book only (html, dirhtml).

Pages are ``categories/<slug>`` and ``categories/index``, collected at
``html-collect-pages`` and rendered with the theme's ``page.html``; the posts come from
:class:`.posts.PostsDomain`.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from docutils import nodes

from . import _log
from ._assets import BOOK_BUILDERS
from ._i18n import translate
from .incremental import pages_to_write
from .posts import link_to, post_entries

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = _log.get_logger(__name__)
INDEX = "categories/index"


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
    return pages_to_write(app, "categories", inputs, lambda: _category_pages(app))


def _category_pages(app: Sphinx) -> list[tuple[str, dict[str, Any], str]]:
    env, builder = app.env, app.builder
    domain = env.domains["posts"]
    language = app.config.language
    ordered = domain.sorted_posts(env)
    index, pages = nodes.bullet_list(classes=["deckbook-categories"]), []
    for slug, (name, docnames) in domain.categories().items():
        pagename = "categories/" + slug
        listed = [(doc, post) for doc, post in ordered if doc in docnames]
        back = nodes.inline(text=translate(language, "All categories"))
        body = [
            post_entries(builder, env, pagename, listed),
            nodes.paragraph("", "", link_to(builder, pagename, INDEX, back)),
        ]
        title = translate(language, "Category: {}").format(name)
        pages.append(_page(app, pagename, title, body))
        label = nodes.inline(text=f"{name} ({len(docnames)})")
        entry = link_to(builder, INDEX, pagename, label)
        index += nodes.list_item("", nodes.paragraph("", "", entry))
    if pages:
        title = translate(language, "Categories")
        pages.append(_page(app, INDEX, title, [index]))
    return [page for page in pages if page is not None]


def _page(app: Sphinx, pagename: str, title: str, body: list[nodes.Node]):
    """One generated page: the theme's ``page.html`` with a ``body``, rendered by the
    builder's own translator. The heading is written here: rendering a title needs
    ``builder.fignumbers``, which exists only once some document has been written
    (a rebuild with nothing changed writes none)."""
    if pagename in app.env.found_docs:
        message = f"a page {pagename!r} exists, so this category page is not written"
        _log.warn(logger, message, "posts", (pagename, None))
        return None
    parts = "".join(app.builder.render_partial(node)["fragment"] for node in body)
    html = f'<section id="deckbook-category-page">\n<h1>{escape(title)}</h1>\n{parts}'
    return pagename, {"title": title, "body": html + "</section>\n"}, "page.html"


def setup_categories(app: Sphinx) -> None:
    app.connect("html-collect-pages", collect_category_pages)
