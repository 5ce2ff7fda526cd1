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
        decks,
        encoding,
        frontmatter,
        offline,
        posts,
        revealjs_compat,
        safety,
        theme,
    )

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_revealjs")
    encoding.setup_encoding(app)
    frontmatter.setup_frontmatter(app)
    posts.setup_posts(app)
    categories.setup_categories(app)
    safety.setup_safety(app)
    decks.setup_decks(app)
    offline.setup_offline(app)
    revealjs_compat.setup_revealjs_compat(app)
    theme.setup_theme(app)
    return {
        "version": __version__,
        "env_version": 2,  # 2: posts domain (posts.py)
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
