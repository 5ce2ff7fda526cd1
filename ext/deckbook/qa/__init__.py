"""Q&A lists become Q&A admonitions (DESIGN §3.4).

Read phase, the same doctree for every builder: :mod:`.markers` finds ``Q:``/``A:``
markers (and their Korean and full-width forms), :mod:`.items` reads a question with its
answers, :mod:`.transform` turns the lists into the nodes of :mod:`.nodes`. Write
phase: :mod:`.nodes` draws them in the book (styled admonitions with permalinks) and
for other builders; the decks' Q&A slides are :mod:`deckbook.deck.from_pages`'.
:mod:`.domain` collects every Q&A of the site for the ``{qalist}`` directive.
"""
