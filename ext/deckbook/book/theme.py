"""Look and language of the book and the decks: templates, styles and the deck theme."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._assets import PACKAGE, add_book_css
from .._i18n import translate

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES = str(PACKAGE / "templates")
DECK_THEME = "deckbook-deck"
THEME_PACKAGES = ("pydata_sphinx_theme", "sphinx_book_theme")
# reveal.js's speaker view (S key), shipped in sphinx-revealjs and loaded locally,
# when first wanted: static/deckbook-notes-lazy.js stands in for it (issue 16).
NOTES_PLUGIN = {"name": "RevealNotes", "src": "deckbook-notes-lazy.js"}


def use_deck_theme(app: Sphinx, config: Config) -> None:
    """Decks use Deckbook's theme and speaker view unless the project chose otherwise.

    Set at config-inited, identically for every builder, so the env stays valid.
    """
    if config.revealjs_html_theme == "revealjs-basic":  # sphinx-revealjs's default
        config.revealjs_html_theme = DECK_THEME
    if not config.revealjs_script_plugins:
        config.revealjs_script_plugins = [NOTES_PLUGIN]
    # Our components (author.html, the translatable overrides) come after the project's
    # own templates and before the themes' components folders.
    config.templates_path = _ours_before_the_themes(config.templates_path)


def drop_empty_navbar(app: Sphinx, config: Config) -> None:
    """No pydata-sphinx-theme navbar above sphinx-book-theme's pages.

    sphinx-book-theme's theme.conf empties the navbar (its search lives in the
    sidebar, its buttons in the article header), but pydata-sphinx-theme 0.20 sets
    ``navbar_persistent = ["search-button-field"]`` from Python whenever conf.py does
    not name it. Every page then grew a top bar holding only a second search button,
    plus hidden copies of the sidebar toggles that pydata's script binds instead of
    the book's visible ones, which then did nothing
    (executablebooks/sphinx-book-theme#986, #988). Naming the option here, empty,
    restores the book's layout; a project that sets it keeps its choice. Only an
    html-rebuild value changes, so the doctrees stay shared with the decks.
    """
    if config.html_theme != "sphinx_book_theme":
        return
    if "navbar_persistent" in config.html_theme_options:
        return
    config.html_theme_options = {**config.html_theme_options, "navbar_persistent": []}


def _ours_before_the_themes(paths: list[str]) -> list[str]:
    """pydata-sphinx-theme appends its components folder to ``templates_path`` when
    it is set up; listed in ``extensions`` that happens before config-inited, on
    Sphinx's shared default list, so every later build in the process (tests, the live
    preview) starts with the theme's folder and would hide our overrides."""
    themes = [p for p in paths if Path(p).name == "components" and _in_a_theme(p)]
    own = [p for p in paths if p not in themes and p != TEMPLATES]
    return [*own, TEMPLATES, *themes]


def _in_a_theme(path: str) -> bool:
    return any(part in THEME_PACKAGES for part in Path(path).parts)


def add_book_assets(app: Sphinx) -> None:
    add_book_css(app, "deckbook.css")


def add_language_labels(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    context["deckbook_by_label"] = translate(app.config.language, "By")


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme(DECK_THEME, str(PACKAGE / "themes" / DECK_THEME))
    app.connect("config-inited", use_deck_theme)
    app.connect("config-inited", drop_empty_navbar)
    app.connect("builder-inited", add_book_assets)
    app.connect("html-page-context", add_language_labels)
