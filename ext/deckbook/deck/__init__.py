"""The reveal.js decks: which pages have one, and how a deck is built (deck write).

- :mod:`.builder`: which pages have a deck (Marp decks, ``slides:``,
  ``deckbook_slides_patterns``), the deck builders, the links between book and deck;
- :mod:`.from_pages`: decks from ordinary pages: a slide per heading, Q&A slides,
  no overflow (DESIGN §3.3); its reshaping is a post-transform for deck builders only;
- :mod:`.revealjs_compat`: every sphinx-revealjs workaround, each naming its trap;
- :mod:`.gallery`: the decks' title-slide pictures (``{deck-gallery}``, ``og:image``).

Marp decks are read in :mod:`deckbook.marp`, which also writes their slides.
"""
