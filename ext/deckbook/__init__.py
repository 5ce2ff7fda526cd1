"""Deckbook: one set of Markdown sources, an HTML book and reveal.js decks.

The rooms (each subpackage's ``__init__`` says what it owns and in which phase it works;
``README.md`` beside this file draws the data flow):

- :mod:`.source`: what a source file is: its encoding, its one front-matter reading, its
  title, unclosed comments, files from outside the project, remote images.
- :mod:`.posts`: Jekyll posts, unchanged: Liquid, kramdown, the posts index, categories
  and the blog features (feed, sitemap, old URLs).
- :mod:`.marp`: Marp decks, unchanged: read into slides, shown as a book page and as a
  Marp-looking reveal.js deck.
- :mod:`.math`, :mod:`.qa`: math (kramdown and marp-core rules) and Q&A admonitions.
- :mod:`.deck`: which pages have a deck, decks from ordinary pages, the deck builders
  and every sphinx-revealjs workaround.
- :mod:`.book`: the book's theme, navigation, search, interface language and version
  switcher.
- :mod:`.site`: the command line, the build of book and decks, live preview, exports.
- :mod:`.publish`: versioned publishing.

At the top stay what every room shares: the logger (``_log``), builder names and static
folders (``_assets``), interface strings (``_i18n``), the version, the one Markdown
parser (``markdown``), speaker notes (``notes``), the HTML cleaning (``sanitize``),
incremental-build bookkeeping (``incremental``) and the build-speed builders
(``speed``).

Each feature module has a ``setup_<feature>(app)``; this ``setup()`` only wires them
together, in an order that matters where two handlers share an event and a priority.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["__version__", "setup"]


def setup(app: Sphinx) -> dict[str, Any]:
    from . import incremental, markdown, marp, math, notes, posts, sanitize, speed
    from .book import (
        i18n_catalogues,
        lean_css,
        lean_icons,
        lean_pages,
        navigation,
        navigation_lazy,
        search_hidden,
        search_ko,
        theme,
        versions_ui,
    )
    from .deck import builder, from_pages, gallery, revealjs_compat
    from .qa import transform as qa
    from .source import (
        comments,
        encoding,
        frontmatter,
        offline,
        own_output,
        safety,
        titles,
    )

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_revealjs")
    markdown.setup_markdown(app)
    encoding.setup_encoding(app)
    frontmatter.setup_frontmatter(app)
    titles.setup_titles(app)
    posts.setup_posts(app)
    comments.setup_comments(app)
    notes.setup_notes(app)
    marp.setup_marp(app)
    math.setup_math(app)
    safety.setup_safety(app)
    own_output.setup_own_output(app)
    sanitize.setup_sanitize(app)
    qa.setup_qa(app)
    from_pages.setup_slides(app)
    builder.setup_decks(app)
    gallery.setup_gallery(app)
    offline.setup_offline(app)
    revealjs_compat.setup_revealjs_compat(app)
    theme.setup_theme(app)
    navigation.setup_navigation(app)
    navigation_lazy.setup_navigation_lazy(app)
    speed.setup_speed(app)
    incremental.setup_incremental(app)
    versions_ui.setup_versions_ui(app)
    search_ko.setup_search_ko(app)
    lean_pages.setup_lean_pages(app)
    lean_icons.setup_lean_icons(app)
    lean_css.setup_lean_css(app)
    search_hidden.setup_search_hidden(app)
    i18n_catalogues.setup_i18n_catalogues(app)
    return {
        "version": __version__,
        # 3: Marp decks read into slides (marp/slides.py); Q&A nodes and domain (qa/)
        # 4: the Marp theme set (marp/themes.py), the deck gallery (deck/gallery.py),
        #    posts' author and excerpt, the blog domain (posts/blog_domain.py)
        # 5: raw HTML cleaned in the doctree (sanitize.py): no old unsafe doctree kept
        # 6: the subpackage layout: the doctrees' node classes moved (marp/, qa/)
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
