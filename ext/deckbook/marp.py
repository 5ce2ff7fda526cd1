"""Marp decks, unchanged, as a book page and as reveal.js slides (DESIGN §3.2).

The feature is split by phase:

- :mod:`.marp_source` — ``source-read``: the deck switch, front matter, broken comments;
- :mod:`.marp_directives`, :mod:`.marp_images` — Marp's directive and image rules;
- :mod:`.marp_slides`, :mod:`.marp_book` — the read-phase transform (the same doctree
  for every builder): slides read, then regrouped for the book;
- :mod:`.marp_nodes` — the nodes and their book / other-builder visitors;
- :mod:`.marp_inline` — line breaks and emoji, as marp-core renders them;
- :mod:`.marp_themes` — custom themes (``deckbook_marp_themes``), sizes;
- :mod:`.marp_deck`, :mod:`.marp_deck_html`, :mod:`.marp_css` — the deck: reveal.js
  slides in Marp's look; themes, template and script in themes/deckbook-deck/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._assets import add_book_css
from .marp_deck import setup_marp_deck
from .marp_deck_html import DECK_VISITORS
from .marp_nodes import setup_marp_nodes
from .marp_slides import setup_marp_slides
from .marp_source import read_marp_source
from .marp_themes import setup_marp_themes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def add_book_assets(app: Sphinx) -> None:
    add_book_css(app, "deckbook-marp.css")


def setup_marp(app: Sphinx) -> None:
    # After the other source-read handlers (frontmatter.py's runs at 600, re-decoding
    # ones at the default 500), so the deck is read from the final text.
    app.connect("source-read", read_marp_source, priority=700)
    setup_marp_themes(app)
    setup_marp_nodes(app, DECK_VISITORS)
    setup_marp_slides(app)
    setup_marp_deck(app)
    app.connect("builder-inited", add_book_assets)
