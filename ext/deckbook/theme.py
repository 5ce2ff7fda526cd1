"""Look and language of the book and the decks: templates, styles and the deck theme."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._i18n import translate

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

HERE = Path(__file__).parent
STATIC = str(HERE / "static")
TEMPLATES = str(HERE / "templates")
DECK_THEME = "deckbook-deck"
# reveal.js's speaker view (S key), shipped in sphinx-revealjs and loaded locally.
NOTES_PLUGIN = {"name": "RevealNotes", "src": "revealjs/plugin/notes/notes.js"}


def use_deck_theme(app: Sphinx, config: Config) -> None:
    """Decks use Deckbook's theme and speaker view unless the project chose otherwise.

    Set at config-inited, identically for every builder, so the env stays valid.
    """
    if config.revealjs_html_theme == "revealjs-basic":  # sphinx-revealjs's default
        config.revealjs_html_theme = DECK_THEME
    if not config.revealjs_script_plugins:
        config.revealjs_script_plugins = [NOTES_PLUGIN]
    # Our footer component (author.html) comes after the project's own templates.
    if TEMPLATES not in config.templates_path:
        config.templates_path = [*config.templates_path, TEMPLATES]


def add_book_assets(app: Sphinx) -> None:
    if app.builder.name not in ("html", "dirhtml"):
        return
    if STATIC not in app.config.html_static_path:
        app.config.html_static_path.append(STATIC)
    app.add_css_file("deckbook.css")


def add_language_labels(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    context["deckbook_by_label"] = translate(app.config.language, "By")


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme(DECK_THEME, str(HERE / "themes" / DECK_THEME))
    app.connect("config-inited", use_deck_theme)
    app.connect("builder-inited", add_book_assets)
    app.connect("html-page-context", add_language_labels)
