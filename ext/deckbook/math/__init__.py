"""Math, typeset offline, in posts and Marp decks, in the book and in the decks.

Read phase (the same doctree for every builder): :mod:`.parser` decides per page
whether ``$`` is math, and in which dialect (marp-core's for Marp decks, kramdown's
for Jekyll posts), and reads it into docutils ``math``/``math_block`` nodes with the
rules of :mod:`.syntax`; an unclosed ``$$`` is kept as text with a ``file:line``
warning (``deckbook.math``). Ordinary pages keep MyST's behaviour. Write phase, html
and revealjs builders: :mod:`.assets` serves MathJax from the build (never a CDN), on
the pages that have math, and scales wide display math down to fit a slide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .assets import setup_assets

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_math(app: Sphinx) -> None:
    # The rules reach pages through deckbook.markdown's parser.
    setup_assets(app)
