"""Lean book pages: a page loads what it shows, not the whole site's search index
and every FontAwesome icon (issue 16; figures in benchmarks/RESULTS.md).

pydata-sphinx-theme's ``layout.html`` loads on every page

- Sphinx's ``searchtools.js``, ``language_data.js`` and ``searchindex.js``, so that
  its *search as you type* works in the search dialog: the index grows with the site
  (1.2 MB at 300 pages) and, with that option off (the default), no page but the
  search page uses it;
- ``fontawesome.js`` (1.56 MB), which swaps each ``<i class="fa-…">`` for an SVG. The
  theme's own stylesheet already draws the same icons with FontAwesome's web fonts
  (``.fa-solid::before`` and ``@font-face`` rules in ``pydata-sphinx-theme.css``), and
  the browser fetches a font only when a page shows one of its icons.

``templates/layout.html`` leaves out both (and the preloads of the theme's two other
scripts, which still load, deferred, at the end of the body). The search page keeps
its scripts (pydata's ``search.html`` adds them); elsewhere ``deckbook-search-lazy.js``
prefetches them when the reader moves to a search field (focus, pointer, Ctrl+K), so
the search page opens from the cache.

Written for pydata-sphinx-theme 0.16 to 0.20's ``layout.html`` blocks ``css`` and
``extrahead``; another version, or ``search_as_you_type`` on, gets the stock head
(``deckbook_lean_head`` false). What would let us delete this: a pydata-sphinx-theme
option to load the search index on demand and to choose the web fonts over
``fontawesome.js`` (pydata-sphinx-theme issues on page weight and the search index).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydata_sphinx_theme
from sphinx.util.osutil import relative_uri

from .._assets import BOOK_BUILDERS, use_static

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# The pydata-sphinx-theme releases whose layout.html blocks templates/layout.html
# reproduces; checked at start-up so a newer theme falls back to its own head.
SUPPORTED = ((0, 16), (0, 20))
LAZY_SCRIPT = "deckbook-search-lazy.js"
SEARCH_FILES = ("_static/searchtools.js", "_static/language_data.js", "searchindex.js")


def theme_supported(version: str = pydata_sphinx_theme.__version__) -> bool:
    try:
        major_minor = tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        return False
    low, high = SUPPORTED
    return low <= major_minor <= high


def lean_head(app: Sphinx) -> bool:
    if app.builder.name not in BOOK_BUILDERS or not app.config.deckbook_lean_pages:
        return False
    options = app.builder.theme_options if hasattr(app.builder, "theme_options") else {}
    options = {**(app.config.html_theme_options or {}), **(options or {})}
    as_you_type = str(options.get("search_as_you_type", False)).lower() == "true"
    return _pydata_based(app) and theme_supported() and not as_you_type


def _pydata_based(app: Sphinx) -> bool:
    """The book's theme is pydata-sphinx-theme or built on it (sphinx-book-theme):
    templates/layout.html reproduces its blocks, no other theme's."""
    theme = getattr(app.builder, "theme", None)
    dirs = theme.get_theme_dirs() if theme is not None else []
    return any(Path(folder).name == "pydata_sphinx_theme" for folder in dirs)


def add_lazy_search(app: Sphinx) -> None:
    if lean_head(app):
        use_static(app)
        app.add_js_file(LAZY_SCRIPT, loading_method="defer")


def mark_page(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """``deckbook_lean_head`` for the template; the search files' addresses for the
    lazy script (relative to the page, as ``pathto`` gives them)."""
    lean = lean_head(app)
    context["deckbook_lean_head"] = lean
    if lean:
        target = app.builder.get_target_uri
        context["deckbook_search_files"] = " ".join(
            relative_uri(target(pagename), path) for path in SEARCH_FILES
        )


def setup_lean_pages(app: Sphinx) -> None:
    app.add_config_value("deckbook_lean_pages", True, "html", types=frozenset({bool}))
    app.connect("builder-inited", add_lazy_search)
    app.connect("html-page-context", mark_page)
