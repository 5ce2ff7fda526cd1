"""Marp decks, unchanged, as a book page and as reveal.js slides (DESIGN §3.2).

The feature is split by phase:

- :mod:`.source` — ``source-read``: the deck's lines and its front matter, as the one
  reader (:mod:`deckbook.source.frontmatter`) read them;
- :mod:`.directives`, :mod:`.images` — Marp's directive and image rules;
- :mod:`deckbook.deck.from_pages`, :mod:`.book` — the read-phase transform (the same
  doctree for every
  builder): slides read, then regrouped for the book;
- :mod:`.nodes` — the nodes and their book / other-builder visitors;
- :mod:`.inline` — line breaks and emoji, as marp-core renders them;
- :mod:`.themes` — custom themes (``deckbook_marp_themes``), sizes;
- :mod:`.deck`, :mod:`.deck_html`, :mod:`.css` — deck write phase: reveal.js slides in
  Marp's look; themes, template and script in ``themes/deckbook-deck/``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._assets import add_book_css

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_book_assets(app: Sphinx) -> None:
    add_book_css(app, "deckbook-marp.css")


def setup_marp(app: Sphinx) -> None:
    # Imported here, so reading one module (e.g. .directives) loads no other.
    from .deck import setup_marp_deck
    from .deck_html import DECK_VISITORS
    from .nodes import setup_marp_nodes
    from .slides import setup_marp_slides
    from .source import read_marp_source
    from .themes import setup_marp_themes

    # After the other source-read handlers (source/frontmatter.py's runs at 600,
    # re-decoding
    # ones at the default 500), so the deck is read from the final text.
    app.connect("source-read", read_marp_source, priority=700)
    setup_marp_themes(app)
    setup_marp_nodes(app, DECK_VISITORS)
    setup_marp_slides(app)
    setup_marp_deck(app)
    app.connect("builder-inited", add_book_assets)
