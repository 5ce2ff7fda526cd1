"""Workarounds for sphinx-revealjs 3.2.x, each in one place and each naming its trap.

1. Its builder mutates two ``env``-rebuild config values during ``init()``:
   it appends its bundled static dir to ``revealjs_static_path`` (and makes
   ``html_static_path`` the very same list) and ``setdefault``s
   ``scrollActivationWidth`` into ``revealjs_script_conf``. The mutated config is
   pickled with the environment, so the next build sees "config changed" and re-reads
   every document (attakei/sphinx-revealjs#74). We normalise ``revealjs_script_conf``
   for every builder at ``config-inited`` and give the deck builder its own copy of the
   static path at ``builder-inited``, restoring ``revealjs_static_path``.
2. Its ``init_css_files()`` ignores CSS registered by extensions with
   ``app.add_css_file()`` in ``setup()``; it only reads ``revealjs_css_files``
   (see attakei/sphinx-revealjs#120 for the static-file side of the same design). We
   re-add the registered CSS to deck builders.
3. Its ``init_js_files()`` adds every script registered by extensions, including theme
   scripts such as ``sphinx_book_theme``'s ``scripts/sphinx-book-theme.js`` (registered
   when it is listed in ``extensions``) that only the book's theme ships, so every deck
   requested a file that 404s. We drop local scripts and styles a deck does not ship,
   at ``html-page-context``.
4. Its ``setup()`` returns ``"parallel_read_safe": False`` (sphinx_revealjs/__init__.py,
   3.2.1), so any build that loads it reads serially, even with ``-j``. Its reading
   is safe in parallel: its directives only make nodes, and it stores nothing on the
   environment (no domain, no ``env-*`` handler, no per-build module state; its config
   values are read, not written, while reading). We declare it safe for 3.2.x only,
   the version audited; ``tests/test_parallel.py`` checks that ``-j 2`` writes what
   ``-j 1`` writes.
5. Its writer keeps the last page's ``revealjs_slide`` configuration on the builder
   and replaces it only when it writes a level-1 section (writers.py, 3.2.1), so a
   page without one (a Marp deck) inherits the previous page's transition, theme
   and script configuration. We forget it before each page, in the deck builders' own
   ``write_doc`` (:class:`ForgetPageConf`, mixed into deck/builder.py's builders),
   which is
   also where each page is written under ``-j`` (a forked worker writes several).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import sphinx_revealjs
from sphinx_revealjs.utils import get_internal_static_path

from .._assets import DECK_BUILDERS
from .._log import get_logger

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

BUNDLED_STATIC = str(get_internal_static_path())

logger = get_logger(__name__)


def normalise_script_conf(app: Sphinx, config: Config) -> None:
    """Trap 1: make the value the deck builder would produce the value for everyone."""
    script_conf = config.revealjs_script_conf
    if isinstance(script_conf, dict) and script_conf:
        script_conf.setdefault("scrollActivationWidth", None)


def remember_book_static_path(app: Sphinx, config: Config) -> None:
    """Traps 1-2: keep the book's static path; the deck builder overwrites it."""
    config.deckbook_book_static_path = list(config.html_static_path)


def decouple_static_path(app: Sphinx) -> None:
    """Trap 1: the deck builder gets its own static path; the env config stays as read.

    The deck's static path is reveal.js's plus the book's, so CSS that extensions
    register from their static folders (trap 2) is copied into the deck too.
    """
    if app.builder.name not in DECK_BUILDERS:
        return
    config = app.config
    deck_static = list(config.revealjs_static_path)
    config.revealjs_static_path = [p for p in deck_static if p != BUNDLED_STATIC]
    book_static = [p for p in config.deckbook_book_static_path if p not in deck_static]
    config.html_static_path = [*deck_static, *book_static]


def readd_extension_css(app: Sphinx) -> None:
    """Trap 2: CSS that extensions registered in ``setup()`` reaches decks too."""
    if app.builder.name not in DECK_BUILDERS:
        return
    # TODO(attakei/sphinx-revealjs#120): the registry is private; remove when the
    # builder's init_css_files() reads app.registry.css_files like Sphinx's does.
    for filename, attributes in app.registry.css_files:
        app.builder.add_css_file(filename, **attributes)


def drop_unshipped_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """Trap 3: a deck never references a local script or style it did not copy."""
    if app.builder.name not in DECK_BUILDERS:
        return
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if _is_shipped(app.outdir, a)]


def _is_shipped(outdir: Path, asset: Any) -> bool:
    filename = str(getattr(asset, "filename", asset) or "")
    if not filename or "://" in filename or filename.startswith("//"):
        return True  # inline scripts and remote URLs are not ours to judge
    return (Path(outdir) / filename.split("?", 1)[0]).is_file()


def declare_parallel_read_safe(app: Sphinx) -> None:
    """Trap 4: let Sphinx read in parallel with the audited sphinx-revealjs."""
    # TODO(attakei/sphinx-revealjs): remove once its setup() declares
    # "parallel_read_safe": True (False up to 3.2.1, with nothing unsafe to read).
    extension = app.extensions.get("sphinx_revealjs")
    if extension is not None and sphinx_revealjs.__version__.startswith("3.2."):
        extension.parallel_read_safe = True


class ForgetPageConf:
    """Trap 5: every deck starts from its own configuration, not the last page's."""

    revealjs_slide: Any

    def write_doc(self, docname: str, doctree) -> None:
        self.revealjs_slide = None
        super().write_doc(docname, doctree)  # type: ignore[misc]


def setup_revealjs_compat(app: Sphinx) -> None:
    declare_parallel_read_safe(app)  # deckbook's setup() loaded sphinx_revealjs first
    app.add_config_value("deckbook_book_static_path", [], "", types=frozenset({list}))
    app.connect("config-inited", normalise_script_conf)
    # Late (after extensions' own config-inited handlers, default 500) so their static
    # folders are in the list we keep.
    app.connect("config-inited", remember_book_static_path, priority=900)
    # Before every other builder-inited handler (default 500), so extensions that
    # append to html_static_path append to the deck's own copy.
    app.connect("builder-inited", decouple_static_path, priority=100)
    app.connect("builder-inited", readd_extension_css)
    # After sphinx_book_theme's and pydata's asset handlers (default 500, 501).
    app.connect("html-page-context", drop_unshipped_assets, priority=900)
