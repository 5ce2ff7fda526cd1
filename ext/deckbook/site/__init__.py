"""The command line and the whole-site builds (no Sphinx phase: they drive Sphinx).

- :mod:`.cli`: ``python -m deckbook
  build|decks|serve|pdf|pptx|images|publish|versions``;
- :mod:`.build`, :mod:`.build_options`: the book, then the decks from the same doctrees,
  in one process, with sphinx-build's own options;
- :mod:`.serve`, :mod:`.serve_warm`, :mod:`.warm_apps`: live preview (sphinx-autobuild,
  the book and deck applications kept between rebuilds);
- :mod:`.exports`: a built deck as PDF, PowerPoint or PNG images, through Chromium.

Publishing versions is :mod:`deckbook.publish`.
"""
