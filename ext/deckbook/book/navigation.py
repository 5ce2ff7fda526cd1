"""The book's sidebar navigation, rendered once per build instead of once per page.

sphinx-book-theme's ``sbt-sidebar-nav.html`` calls pydata-sphinx-theme's
``generate_toctree_html``, which resolves the whole site's toctree for every page
(Sphinx's ``_get_local_toctree``), renders it, re-parses it with BeautifulSoup and
reshapes it: quadratic in the number of pages, and most of a large site's build time.

Yet with ``collapse=False`` (the book theme's default) the navigation is the same on
every page except for

- the links, relative to the page's folder (and ``#`` for the page itself);
- the marks on the page's branch: ``current`` on its link, ``current active`` on every
  ``<li>`` from the top down to it, ``current`` on the ``<ul>`` holding them, and
  ``open`` on their ``<details>``.

So it is rendered once, through the very same Sphinx and pydata code, with *slots* for
those (:mod:`deckbook.book.navigation_skeleton`), and each page fills the slots. The
result is the
stock HTML byte for byte (``tests/test_navigation.py`` compares every page of a
fixture site, and the sidebars of docs/). What the slots cannot express (collapsed
navigation, ``show_navbar_depth: 0``, ``only`` directives in a table of contents, a
page listed twice, or deeper than the navigation shows) is left to the stock function.

The template ``templates/sbt-sidebar-nav.html`` (found before the theme's own, through
``templates_path``) points the theme's unchanged template at
``deckbook_generate_toctree_html``; a context function is the documented way in, where
replacing pydata's would be too late (its ``update_and_remove_templates`` renders the
sidebar at the same priority, 500, that defines it).

The rendered navigation is also kept in the doctree folder, keyed by what it is made
of (:func:`.incremental.fingerprint`, the configuration, the code), so a rebuild that
leaves it as it was does not render it again.

Written for pydata-sphinx-theme 0.16 to 0.20 and sphinx-book-theme 1.x (the markup
:mod:`deckbook.book.navigation_skeleton` slots into): :func:`theme_supported` checks
them at
start-up, and any other version gets the stock sidebar (the template falls back when
``deckbook_generate_toctree_html`` is not defined). What would let us delete this
module: pydata-sphinx-theme rendering the site's navigation once per build itself
(its ``generate_toctree_html`` is ``functools.cache``d per page only), or Sphinx
caching the resolved global toctree (``_get_local_toctree``) across pages.

Per process, and safe under ``-j``: the in-memory cache is dropped at ``write-started``;
Sphinx writes the first page in the main process before forking writers, which inherit
it. Nothing is stored on the environment.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pydata_sphinx_theme
import sphinx
import sphinx_book_theme
from markupsafe import Markup
from sphinx.builders import Builder
from sphinx.util import logging

from .._assets import BOOK_BUILDERS
from .._version import __version__
from ..incremental import fingerprint
from .navigation_skeleton import Skeleton, build_skeleton

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

# The releases whose sidebar markup the skeleton's slots were written against.
PYDATA_SUPPORTED = ((0, 16), (0, 20))
BOOK_THEME_SUPPORTED = ((1, 0), (1, 99))
STORE = "deckbook-navigation.json"  # in the doctree folder
FORMAT = 1  # raise when the stored skeleton's shape changes


class NavigationCache:
    """The skeletons of one builder's write phase, one per set of template arguments,
    kept in the doctree folder between builds."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.skeletons: dict[str, Skeleton | None] = {}
        self._listed: set[str] | None = None
        self._print: str | None = None

    def render(self, pagename: str, fallback: Callable[..., Any], *args, **kwargs):
        key = self._key(args, kwargs)
        if key not in self.skeletons:
            # Kept between builds only if the fingerprint covers all it shows.
            keep = kwargs.get("titles_only") is True
            stored = self._stored(key) if keep else None
            self.skeletons[key] = stored or self._build(key, args, kwargs, keep)
        skeleton = self.skeletons[key]
        html = self._page_html(skeleton, pagename) if skeleton else None
        if html is None or self._deeper_than_shown(skeleton, pagename):
            return fallback(*args, **kwargs)
        return Markup(html)

    def _page_html(self, skeleton: Skeleton, pagename: str) -> str | None:
        """The page's navigation from the skeleton (:mod:`.navigation_lazy` overrides
        it to collapse the other branches); None leaves the page to the stock one."""
        return skeleton.render(self.app.builder, pagename)

    def _key(self, args: tuple, kwargs: dict[str, Any]) -> str:
        """Everything the skeleton depends on: the pages' toctrees and titles, the
        template's arguments, the builder and its configuration, the code."""
        if self._print is None:
            self._print = fingerprint(self.app.env)
        builder = self.app.builder
        info = getattr(builder, "build_info", None)
        config = (getattr(info, "config_hash", ""), getattr(info, "tags_hash", ""))
        versions = (sphinx.__version__, pydata_sphinx_theme.__version__, __version__)
        parts = (FORMAT, self._print, builder.name, config, versions, args, kwargs)
        return hashlib.sha256(repr(parts).encode()).hexdigest()

    def _build(
        self, key: str, args: tuple, kwargs: dict, keep: bool
    ) -> Skeleton | None:
        skeleton = build_skeleton(self.app, *args, **kwargs)
        if skeleton is not None and keep:
            _store(self._path(), self.app.builder.name, key, skeleton)
        return skeleton

    def _stored(self, key: str) -> Skeleton | None:
        try:
            stored = json.loads(self._path().read_text(encoding="utf-8"))
            entry = stored[self.app.builder.name]
        except (OSError, ValueError, KeyError):
            return None
        return Skeleton.from_state(entry["state"]) if entry["key"] == key else None

    def _path(self) -> Path:
        return Path(self.app.doctreedir, STORE)

    def _deeper_than_shown(self, skeleton: Skeleton, pagename: str) -> bool:
        """A page listed in a toctree but not in the navigation (beyond maxdepth):
        Sphinx still marks its ancestors, which the slots do not know."""
        if self._listed is None:
            includes = self.app.env.toctree_includes.values()
            self._listed = {doc for children in includes for doc in children}
        return pagename in self._listed and pagename not in skeleton.by_target


def _store(path: Path, builder: str, key: str, skeleton: Skeleton) -> None:
    """Keep the builder's latest skeleton (written whole, then renamed into place)."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    stored[builder] = {"key": key, "state": skeleton.state()}
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        temporary.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)  # a cache: the next build renders it again


_caches: weakref.WeakKeyDictionary[Builder, NavigationCache] = (
    weakref.WeakKeyDictionary()
)


def _major_minor(version: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in version.split(".")[:2])
    except ValueError:
        return None


def theme_supported(
    pydata: str = pydata_sphinx_theme.__version__,
    book: str = sphinx_book_theme.__version__,
) -> bool:
    """Whether the installed themes are the ones the skeleton was written for."""
    found = [_major_minor(pydata), _major_minor(book)]
    ranges = (PYDATA_SUPPORTED, BOOK_THEME_SUPPORTED)
    pairs = zip(found, ranges, strict=True)
    return all(v is not None and lo <= v <= hi for v, (lo, hi) in pairs)


_THEMES_SUPPORTED = theme_supported()  # checked once, as the extension loads


def forget_navigation(app: Sphinx, builder: Builder) -> None:
    """A new write phase: the toctrees or titles may have changed since the last."""
    _caches.pop(builder, None)


def add_navigation_function(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """``deckbook_generate_toctree_html``: pydata's ``generate_toctree_html``, cached.

    Defined before pydata's handlers run (priority 500), so the sidebar check in its
    ``update_and_remove_templates`` already uses it; pydata's function, defined by
    then, is looked up at call time for the cases the cache leaves to it.
    """
    if (
        app.builder.name not in BOOK_BUILDERS
        or not app.config.deckbook_navigation_cache
        or not _THEMES_SUPPORTED
    ):
        return
    cache = _caches.get(app.builder)
    if cache is None:
        cache = _caches[app.builder] = NavigationCache(app)

    # Cached per page as pydata's is: its template check renders the sidebar too.
    @functools.cache
    def generate_toctree_html(*args: Any, **kwargs: Any):
        return cache.render(pagename, context["generate_toctree_html"], *args, **kwargs)

    context["deckbook_generate_toctree_html"] = generate_toctree_html


def setup_navigation(app: Sphinx) -> None:
    if not _THEMES_SUPPORTED:
        logger.info(
            "deckbook: the sidebar cache was written for pydata-sphinx-theme 0.16-0.20"
            " and sphinx-book-theme 1.x; using the stock sidebar"
        )
    app.add_config_value(
        "deckbook_navigation_cache", True, "html", types=frozenset({bool})
    )
    app.connect("write-started", forget_navigation)
    # Before pydata-sphinx-theme's handlers (default 500), which render the sidebar.
    app.connect("html-page-context", add_navigation_function, priority=400)
