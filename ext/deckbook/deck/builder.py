"""Which pages have a deck, the deck builder, and the links between book and deck.

A page has a deck when it is a Marp deck (``marp: true``), when its front matter says
``slides: true``, or when its docname matches ``deckbook_slides_patterns``;
``slides: false`` always wins. Decks are written by the revealjs builder into
``<book>/slides/<page>.html`` (see :mod:`deckbook.site.build`), reusing the book's
doctrees.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Any

from sphinx_revealjs.builders import DirectoryRevealjsHTMLBuilder, RevealjsHTMLBuilder

from .._assets import BOOK_BUILDERS, DECK_BUILDERS, DECKS_DIR
from .._i18n import translate
from ..source.frontmatter import as_bool
from ..speed import FasterStaticAndTemplates
from .revealjs_compat import ForgetPageConf

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


# One rule for front-matter booleans (source/frontmatter.py): anything but true/false,
# yes/no, on/off, 1/0 is no answer (and `slides:` warns so, in source/frontmatter.py).
_as_bool = as_bool


def has_deck(env: BuildEnvironment, docname: str) -> bool:
    """The one rule deciding whether ``docname`` gets a deck (front matter first)."""
    metadata = env.metadata.get(docname, {})
    explicit = _as_bool(metadata.get("slides"))
    if explicit is not None:
        return explicit
    if _as_bool(metadata.get("marp")):
        return True
    patterns = env.config.deckbook_slides_patterns
    return any(fnmatchcase(docname, pattern) for pattern in patterns)


class _DeckOnlyMixin:
    """Write only the pages that have a deck; everything else stays book-only."""

    env: BuildEnvironment

    def get_outdated_docs(self) -> Iterator[str]:
        for docname in super().get_outdated_docs():  # type: ignore[misc]
            if has_deck(self.env, docname):
                yield docname

    def writes_page(self, docname: str) -> bool:
        """Whether ``docname`` has an output here (incremental.written_for: a deck
        left from when the page was one is removed, never served)."""
        return has_deck(self.env, docname)

    def write_documents(self, docnames: Set[str]) -> None:
        decks = {name for name in docnames if has_deck(self.env, name)}
        # Sphinx never calls this with nothing to write: its parallel writer needs
        # a first document (a title change in a site without decks gets here).
        if decks:
            super().write_documents(decks)  # type: ignore[misc]

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """A page without a deck is linked to in the book, one folder up from the
        decks (``slides/``): a deck's link to another post never leads nowhere."""
        uri = super().get_target_uri(docname, typ)  # type: ignore[misc]
        if docname in self.env.all_docs and not has_deck(self.env, docname):
            return f"../{uri}"
        return uri


class DeckbookRevealjsBuilder(
    _DeckOnlyMixin, ForgetPageConf, FasterStaticAndTemplates, RevealjsHTMLBuilder
):
    name = "revealjs"


class DeckbookDirRevealjsBuilder(
    _DeckOnlyMixin,
    ForgetPageConf,
    FasterStaticAndTemplates,
    DirectoryRevealjsHTMLBuilder,
):
    name = "dirrevealjs"


def deck_uri(pagename: str) -> str:
    return f"{DECKS_DIR}/{pagename}.html"


def add_slides_button(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """Book pages with a deck get a "slides" header button (sphinx-book-theme)."""
    if app.builder.name not in BOOK_BUILDERS or doctree is None:
        return
    if not has_deck(app.env, pagename) or "header_buttons" not in context:
        return
    language = app.config.language
    context["header_buttons"].insert(
        0,
        {
            "type": "link",
            "url": context["pathto"](deck_uri(pagename), 1),
            "tooltip": translate(language, "Open this page as slides"),
            "icon": "fas fa-person-chalkboard",
            "text": translate(language, "Slides"),
            "label": "deckbook-slides-button",
        },
    )


def add_book_link(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """Every deck links back to its book page, one folder up (the book's root)."""
    if app.builder.name not in DECK_BUILDERS:
        return
    book_page = f"../{app.builder.get_target_uri(pagename)}"
    context["deckbook_book_url"] = context["pathto"](book_page, 1)
    context["deckbook_book_label"] = translate(app.config.language, "Back to the page")
    context["deckbook_nav_label"] = translate(app.config.language, "Deck navigation")


# Set by site/build.py, never by conf.py: what the book pass read just before this
# deck pass, whose environment and doctrees are the book's, copied.
BOOK_READ = "deckbook_book_read"


def leave_reading_to_the_book(
    app: Sphinx, env: BuildEnvironment, docnames: list[str]
) -> None:
    """``env-before-read-docs`` of a deck pass after the book's: read nothing. The
    pages Sphinx would read again (one whose picture is missing: it warned a
    second time) the book has just read, and its doctrees are this pass's."""
    if app.builder.name in DECK_BUILDERS and app.config[BOOK_READ] is not None:
        docnames.clear()


def write_what_the_book_read(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the decks of the pages the book read are written again.
    Sphinx would write a deck only when its page's source is newer; a page read for
    its included file or a picture kept its old deck."""
    if app.builder.name in DECK_BUILDERS and app.config[BOOK_READ] is not None:
        return [name for name in app.config[BOOK_READ] if name in env.found_docs]
    return []


def setup_decks(app: Sphinx) -> None:
    app.add_config_value(
        "deckbook_slides_patterns", [], "env", types=frozenset({list, tuple})
    )
    app.add_config_value(BOOK_READ, None, "", types=frozenset({list, tuple}))
    app.connect("env-before-read-docs", leave_reading_to_the_book, priority=900)
    app.connect("env-updated", write_what_the_book_read)
    app.add_builder(DeckbookRevealjsBuilder, override=True)
    app.add_builder(DeckbookDirRevealjsBuilder, override=True)
    # After sphinx-book-theme's add_header_buttons (501), which fills the list.
    app.connect("html-page-context", add_slides_button, priority=510)
    app.connect("html-page-context", add_book_link)
