"""The HTML book: its look, navigation, search and language (book write phase).

- :mod:`.theme`: templates and styles of the book and the decks' theme;
- :mod:`.navigation`, :mod:`.navigation_skeleton`: the sidebar rendered once per build
  (byte-equal to sphinx-book-theme's, checked against the theme versions at start-up);
  :mod:`.navigation_lazy`: a page holds its own branch, the others load when opened;
- :mod:`.search_ko`, :mod:`.search_hidden`: Korean search, hidden text kept out of it;
- :mod:`.lean_pages`, :mod:`.lean_icons`, :mod:`.lean_css`: a page loads what it shows
  (lazy search index, only the icons and CSS rules used); :mod:`.css_links`: pages
  link each trimmed sheet by its own sum; :mod:`.forked`: the icon subset made in a
  process beside the CSS trim;
- :mod:`.incremental_index`: ``genindex`` and ``search`` rewritten only when changed;
- :mod:`.i18n_catalogues`: a complete Korean interface (message catalogues);
- :mod:`.versions_ui`: the version switcher, old-version banner and deck version menu.
"""
