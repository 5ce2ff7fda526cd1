"""Versioned publishing of the book and its decks (DESIGN §4), after mike and RTD.

``deckbook publish VERSION`` builds one version in a subprocess and installs it into a
site folder or a git branch; ``deckbook versions …`` manages what is published. The
modules, one concern each:

- :mod:`.versions`: version names and ``versions.json`` (pydata-sphinx-theme's format)
- :mod:`.fsops`: the only file-system steps that change a live site, each atomic
- :mod:`.locks`: the site lock and the staging folders' locks
- :mod:`.site`: the site layout, the crash-safe order of changes, recovery
- :mod:`.stubs`: redirect pages for aliases and the site root
- :mod:`.inputs`: the fingerprint that makes publishing incremental
- :mod:`.builder`: the build subprocess, and git refs checked out for it
- :mod:`.doctree_cache`: a new version's build starts from an earlier one's doctrees
- :mod:`.targets`: a folder or a git branch
- :mod:`.commands` and :mod:`deckbook.site.cli`: the operations and their command line

The switcher, banner and deck menu that read ``versions.json`` in the browser are
:mod:`deckbook.book.versions_ui` and ``static/deckbook-versions.js``.
"""
