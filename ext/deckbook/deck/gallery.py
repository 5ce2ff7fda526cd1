"""The decks' pictures: a ``{deck-gallery}`` of title slides, and ``og:image``.

With ``deckbook_deck_thumbnails = True``, the deck pass pictures the first slide of
every deck (:mod:`.exports.thumbnails`) into ``slides/<page>.png``, beside the deck,
and the book page of a deck names that picture as its ``og:image``.
``{deck-gallery}`` shows the pictures as cards linking to the decks::

    ```{deck-gallery}
    :match: decks/*
    ```

lists every deck whose page matches (glob patterns, relative to the page's folder like
a toctree's; default ``*``: the decks beside it), in title order. The read-phase node is
a placeholder filled in when the page is written (``doctree-resolved``), as Sphinx's
``todolist`` is, so a deck added elsewhere shows without this page changing. In HTML a
card is a link holding the picture as an ``<object>``: when the picture is missing (a
build without Chromium) the browser shows the object's own content instead, a text
card with the title; other builders get a list of links.
"""

from __future__ import annotations

import posixpath
from fnmatch import fnmatchcase
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import quote

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.domains import Domain
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from .._assets import BOOK_BUILDERS, DECK_BUILDERS, add_book_css
from ..site.exports.thumbnails import setup_thumbnails
from .builder import DECKS_DIR, has_deck

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

HTML_BUILDERS = (*BOOK_BUILDERS, *DECK_BUILDERS)


def thumbnail_path(docname: str) -> str:
    """The picture of a deck's first slide, relative to the book's root."""
    return f"{DECKS_DIR}/{docname}.png"


class deck_gallery(nodes.General, nodes.Element):
    """Placeholder: the decks whose page matches ``patterns`` (filled when written)."""


class deck_card(nodes.General, nodes.Element):
    """HTML only: one deck (``title``, ``deck``, ``page`` and ``thumbnail`` URIs)."""


class DeckGalleryDomain(Domain):
    """Which pages hold a gallery, to rewrite them when the decks they list change."""

    name = "deckgallery"
    label = "Deck gallery"
    initial_data: ClassVar[dict[str, Any]] = {"galleries": {}}
    data_version = 1

    @property
    def galleries(self) -> dict[str, list[str]]:
        return self.data["galleries"]

    def clear_doc(self, docname: str) -> None:
        self.galleries.pop(docname, None)

    def merge_domaindata(self, docnames, otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["galleries"]:
                self.galleries[docname] = otherdata["galleries"][docname]

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []  # no object to link to (MyST warns about a domain without it)


class DeckGalleryDirective(SphinxDirective):
    """``{deck-gallery}`` → ``deck_gallery(patterns=[…])`` (no content)."""

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "match": directives.unchanged_required,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        folder = posixpath.dirname(self.env.docname)
        patterns = [
            posixpath.normpath(posixpath.join(folder, pattern))
            for pattern in self.options.get("match", "*").split()
        ]
        node = deck_gallery("", patterns=patterns)
        node["classes"] += ["deckbook-gallery", *self.options.get("class", [])]
        self.set_source_info(node)
        self.add_name(node)
        self.env.domains["deckgallery"].galleries[self.env.docname] = patterns
        return [node]


def listed_decks(env: BuildEnvironment, patterns: list[str], here: str) -> list[str]:
    found = [
        doc
        for doc in env.found_docs
        if doc != here
        and any(fnmatchcase(doc, p) for p in patterns)
        and has_deck(env, doc)
    ]
    return sorted(found, key=lambda doc: (_title(env, doc).casefold(), doc))


def _title(env: BuildEnvironment, docname: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else docname


def resolve_galleries(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for gallery in list(doctree.findall(deck_gallery)):
        decks = listed_decks(app.env, gallery["patterns"], docname)
        if app.builder.name in HTML_BUILDERS:
            replacement = _cards(app, docname, decks)
        else:
            replacement = _link_list(app, docname, decks)
        replacement["ids"] = gallery["ids"]
        replacement["classes"] += gallery["classes"]
        replacement.source, replacement.line = gallery.source, gallery.line
        gallery.replace_self(replacement)


def _cards(app: Sphinx, docname: str, decks: list[str]) -> nodes.container:
    # Every address relative to the book's root, then to where this page is written.
    here = app.builder.get_target_uri(docname)
    if app.builder.name in DECK_BUILDERS:
        here = f"{DECKS_DIR}/{here}"
    container = nodes.container()
    for deck in decks:
        deck_page = f"{DECKS_DIR}/{quote(deck)}.html"
        container += deck_card(
            title=_title(app.env, deck),
            deck=relative_uri(here, deck_page),
            thumbnail=relative_uri(here, quote(thumbnail_path(deck))),
        )
    return container


def _link_list(app: Sphinx, docname: str, decks: list[str]) -> nodes.bullet_list:
    listing = nodes.bullet_list()
    for deck in decks:
        title = _title(app.env, deck)
        paragraph = nodes.paragraph()
        try:
            uri = app.builder.get_relative_uri(docname, deck)
            paragraph += nodes.reference(title, title, internal=True, refuri=uri)
        except NoUri:  # LaTeX and others without per-page addresses
            paragraph += nodes.Text(title)
        listing += nodes.list_item("", paragraph)
    return listing


def visit_card(self, node: deck_card) -> None:
    title = escape(node["title"])
    self.body.append(
        f'<a class="deckbook-gallery-card reference internal" '
        f'href="{escape(node["deck"])}">'
        f'<object class="deckbook-gallery-thumbnail" type="image/png" '
        f'data="{escape(node["thumbnail"])}" aria-hidden="true" tabindex="-1">'
        f'<span class="deckbook-gallery-fallback">{title}</span></object>'
        f'<span class="deckbook-gallery-title">{title}</span></a>'
    )
    raise nodes.SkipNode


def og_image(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """A deck's book page names its title slide's picture as ``og:image``, unless
    another extension (sphinxext-opengraph) named one already."""
    if app.builder.name not in BOOK_BUILDERS or doctree is None:
        return
    if not app.config.deckbook_deck_thumbnails or not has_deck(app.env, pagename):
        return
    metatags = context.get("metatags", "")
    if 'property="og:image"' in metatags:
        return
    path = quote(thumbnail_path(pagename))
    base = app.config.html_baseurl
    url = base.rstrip("/") + "/" + path if base else context["pathto"](path, 1)
    tag = f'<meta property="og:image" content="{escape(url)}" />'
    context["metatags"] = metatags + "\n    " + tag


def remember_listing(app: Sphinx, env, added, changed, removed) -> set[str]:
    """Before reading (``env-get-outdated``): what the galleries list now."""
    env.domains["deckgallery"].listing_before_reading = _listing(env)
    return set()


def rewrite_galleries(app: Sphinx, env) -> list[str]:
    """After reading (``env-get-updated``): rewrite the pages with a gallery when the
    decks (their titles, which pages have one) changed."""
    domain: DeckGalleryDomain = env.domains["deckgallery"]
    before = getattr(domain, "listing_before_reading", None)
    domain.listing_before_reading = None
    if before is None or before == _listing(env):
        return []
    return sorted(domain.galleries)


def _listing(env) -> list[tuple[str, str]]:
    return sorted((doc, _title(env, doc)) for doc in env.all_docs if has_deck(env, doc))


def add_static_assets(app: Sphinx) -> None:
    add_book_css(app, "deckbook-gallery.css")


def _skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_gallery(app: Sphinx) -> None:
    # Not "dirhtml": a builder with handlers of its own no longer falls back to the
    # "html" ones for every other node (SphinxComponentRegistry.create_translator).
    html = dict.fromkeys(("html", "revealjs", "dirrevealjs"), (visit_card, None))
    others = dict.fromkeys(("latex", "text", "man", "texinfo"), (_skip, None))
    app.add_node(deck_card, **html, **others)
    app.add_node(deck_gallery, **dict.fromkeys((*html, *others), (_skip, None)))
    app.add_domain(DeckGalleryDomain)
    app.add_directive("deck-gallery", DeckGalleryDirective)
    app.connect("doctree-resolved", resolve_galleries)
    # After sphinx-book-theme and sphinxext-opengraph (default 500) filled the tags.
    app.connect("html-page-context", og_image, priority=600)
    app.connect("env-get-outdated", remember_listing)
    app.connect("env-get-updated", rewrite_galleries)
    app.connect("builder-inited", add_static_assets)
    setup_thumbnails(app)
