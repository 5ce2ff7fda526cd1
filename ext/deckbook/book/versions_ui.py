"""The version switcher, old-version banner and deck version menu of a published build.

``deckbook publish`` builds each version with ``-D deckbook_version=<name>``; only then
does a page get ``deckbook-versions.js``, which reads ``versions.json`` at the site
root at run time (see :mod:`deckbook.publish`). A plain build has no switcher and never
asks for a ``versions.json`` that is not there.

No page names its version: the script reads it from the folder it is published in.
So the pages of two versions built from the same sources are the same bytes, and a
version's build rewrites only the pages that differ from the version built before it
in the same cache workspace (``publish/doctree_cache.py``). For that the name is not
an ``html`` value (Sphinx would rewrite every page when it changes); whether there is
one is (``deckbook_published``, set from it).

The book shows pydata-sphinx-theme's own ``version-switcher`` component (in
sphinx-book-theme's article header, pydata's navbar otherwise), filled by our script
rather than pydata's: pydata's resolves the ``url`` of each entry against the page, so
it needs absolute URLs, and a site published under an unknown sub-path has none.
Decks get a small menu beside their way back to the book.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .._assets import BOOK_BUILDERS, DECK_BUILDERS, PACKAGE
from .._i18n import translate

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

STATIC = str(PACKAGE / "publish" / "static")
SWITCHER = "version-switcher"  # pydata-sphinx-theme's component
# Where the switcher goes per theme, and that option's default in the theme's
# theme.conf (sphinx-book-theme 1.4, pydata-sphinx-theme 0.20).
PLACES = {
    "sphinx_book_theme": ("article_header_start", ["toggle-primary-sidebar.html"]),
    "pydata_sphinx_theme": ("navbar_end", ["theme-switcher", "navbar-icon-links"]),
}
LABELS = {
    "version": "Version",
    "choose": "Choose a version",
    "old": "This is the documentation of an old version ({version}).",
    "newer": "This is the documentation of an unreleased version ({version}).",
    "switch": "Read this page in version {version}",
}


def _placed(config: Config) -> bool:
    """Whether the project already put the switcher somewhere itself."""
    places = [*config.html_theme_options.values(), *config.html_sidebars.values()]
    return any(SWITCHER in str(value) for value in places)


def place_switcher(app: Sphinx, config: Config) -> None:
    """Add the switcher component to the book's header, for published builds only.

    At config-inited: pydata-sphinx-theme reads its options into the builder before
    builder-inited. Only html-rebuild values change, so the doctrees stay shared.
    """
    if (
        not config.deckbook_version
        or config.html_theme not in PLACES
        or _placed(config)
    ):
        return
    key, default = PLACES[config.html_theme]
    options = dict(config.html_theme_options)
    current = options.get(key, default)
    if isinstance(current, str):
        current = [name.strip() for name in current.split(",") if name.strip()]
    options[key] = [*current, SWITCHER]
    config.html_theme_options = options


def note_published(app: Sphinx, config: Config) -> None:
    """The one thing about the version that pages show: whether there is one."""
    config.deckbook_published = bool(config.deckbook_version)


def add_versions_assets(app: Sphinx) -> None:
    """The script and its styles, for the book and the decks of a published build."""
    version = app.config.deckbook_version
    name = app.builder.name
    if not version or name not in (*BOOK_BUILDERS, *DECK_BUILDERS):
        return
    if STATIC not in app.config.html_static_path:
        app.config.html_static_path.append(STATIC)
    language = app.config.language
    labels = {key: translate(language, text) for key, text in LABELS.items()}
    attributes = {
        "data-kind": "deck" if name in DECK_BUILDERS else "book",
        "data-labels": json.dumps(labels, ensure_ascii=False),
    }
    # On the builder, not the app: the registry would hand the book's assets to the
    # deck builder too (sphinx-revealjs reads registered scripts).
    app.builder.add_js_file("deckbook-versions.js", **attributes)
    app.builder.add_css_file("deckbook-versions.css")


def setup_versions_ui(app: Sphinx) -> None:
    # The version this build is published as; empty for ordinary builds. Not an
    # "html" value: no page shows it (deckbook-versions.js reads it from its URL).
    app.add_config_value("deckbook_version", "", "", types=frozenset({str}))
    # Set from it (note_published): pages with the switcher or without.
    app.add_config_value("deckbook_published", False, "html", types=frozenset({bool}))
    app.connect("config-inited", note_published)
    app.connect("config-inited", place_switcher)
    # After revealjs_compat's decouple_static_path (100): the deck's own static path.
    app.connect("builder-inited", add_versions_assets)
