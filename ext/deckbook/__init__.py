"""Deckbook: one set of Markdown sources, an HTML book and reveal.js decks.

Each feature lives in its own module with a ``setup_<feature>(app)`` helper; this
``setup()`` only wires them together (the sphinx-design layout).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    from . import (
        categories,
        comments,
        decks,
        encoding,
        frontmatter,
        gallery,
        i18n_catalogues,
        incremental,
        jekyll,
        lean_icons,
        lean_pages,
        markdown,
        marp,
        math,
        navigation,
        notes,
        offline,
        posts,
        qa,
        revealjs_compat,
        safety,
        sanitize,
        search_hidden,
        search_ko,
        slides,
        speed,
        theme,
        versions_ui,
    )

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_revealjs")
    markdown.setup_markdown(app)
    encoding.setup_encoding(app)
    frontmatter.setup_frontmatter(app)
    posts.setup_posts(app)
    jekyll.setup_jekyll(app)
    categories.setup_categories(app)
    comments.setup_comments(app)
    notes.setup_notes(app)
    marp.setup_marp(app)
    math.setup_math(app)
    safety.setup_safety(app)
    sanitize.setup_sanitize(app)
    qa.setup_qa(app)
    slides.setup_slides(app)
    decks.setup_decks(app)
    gallery.setup_gallery(app)
    offline.setup_offline(app)
    revealjs_compat.setup_revealjs_compat(app)
    theme.setup_theme(app)
    navigation.setup_navigation(app)
    speed.setup_speed(app)
    incremental.setup_incremental(app)
    versions_ui.setup_versions_ui(app)
    search_ko.setup_search_ko(app)
    lean_pages.setup_lean_pages(app)
    lean_icons.setup_lean_icons(app)
    app.setup_extension("deckbook.lean_css")
    search_hidden.setup_search_hidden(app)
    i18n_catalogues.setup_i18n_catalogues(app)
    return {
        "version": __version__,
        # 3: Marp decks read into slides (marp_slides.py); Q&A nodes and domain (qa.py)
        # 4: the Marp theme set (marp_themes.py), the deck gallery (gallery.py),
        #    posts' author and excerpt, the blog domain (jekyll/blog_domain.py)
        # 5: raw HTML cleaned in the doctree (sanitize.py): no old unsafe doctree kept
        "env_version": 5,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
