"""Speaker notes: one builder-neutral node for Marp comments and ``{notes}``.

````markdown
```{notes}
Say **this** first.
```
````

The doctree is the same for every builder::

    speaker_notes (classes: deckbook-notes)
        title: 발표자 노트           (the label, in the site's language)
        …the notes' body, Markdown formatting kept…

- decks (``revealjs``/``dirrevealjs``): ``<aside class="notes">`` with the body rendered
  as HTML, so reveal.js's speaker view shows the formatting. sphinx-revealjs's own
  ``revealjs-notes`` escapes its notes to plain text (``html.escape(node.astext())``);
  this node is how Deckbook avoids that.
- the book (``html``/``dirhtml``): a collapsible ``<details>`` block, closed by default.
- LaTeX, text, man and Texinfo: an admonition titled with the label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ._assets import DECK_BUILDERS, add_book_css
from ._i18n import translate

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

OTHER_BUILDERS = ("latex", "text", "man", "texinfo")


class speaker_notes(nodes.Admonition, nodes.Element):
    """A slide's speaker notes; the first child is the title (the label)."""


def make_notes(language: str | None, source: str | None = None, line=None):
    label = translate(language, "Speaker notes")
    node = speaker_notes("", nodes.title(label, label), classes=["deckbook-notes"])
    node.source, node.line = source, line
    return node


class NotesDirective(SphinxDirective):
    """``{notes}``: the body is the current slide's speaker notes (Markdown kept)."""

    has_content = True
    option_spec: dict[str, Any] = {}  # noqa: RUF012 (docutils' interface)

    def run(self) -> list[nodes.Node]:
        node = make_notes(self.config.language)
        self.set_source_info(node)
        self.add_name(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


# --- visitors -----------------------------------------------------------------------


def _walk_body(self: HTML5Translator, node: speaker_notes) -> None:
    for child in node.children:
        if not isinstance(child, nodes.title):
            child.walkabout(self)


def _label(self: HTML5Translator, node: nodes.Element) -> str:
    if node.children and isinstance(node[0], nodes.title):
        return node[0].astext()
    return translate(self.config.language, "Speaker notes")


def visit_notes_book(self: HTML5Translator, node: speaker_notes) -> None:
    label = _label(self, node)
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{self.encode(label)}</summary>\n")
    self.body.append('<div class="deckbook-notes-body">\n')
    _walk_body(self, node)
    self.body.append("</div>\n</details>\n")
    raise nodes.SkipNode


def visit_notes_deck(self: HTML5Translator, node: speaker_notes) -> None:
    self.body.append('<aside class="notes">\n')
    _walk_body(self, node)
    self.body.append("</aside>\n")
    raise nodes.SkipNode


def visit_notes_other(self, node: speaker_notes) -> None:
    self.visit_admonition(node)


def depart_notes_other(self, node: speaker_notes) -> None:
    self.depart_admonition(node)


def add_static_assets(app: Sphinx) -> None:
    add_book_css(app, "deckbook-notes.css")


def _override_revealjs_notes(app: Sphinx) -> None:
    """sphinx-revealjs's ``{revealjs-notes}`` escapes its notes to plain text
    (``html.escape(node.astext())``); render its node like ours, HTML kept."""
    from sphinx_revealjs._ext.notes import revealjs_notes

    handlers: dict[str, Any] = {"html": (visit_notes_book, None)}
    handlers |= {b: (visit_notes_deck, None) for b in DECK_BUILDERS}
    handlers |= {b: (_skip, None) for b in OTHER_BUILDERS}
    app.add_node(revealjs_notes, override=True, **handlers)


def _skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_notes(app: Sphinx) -> None:
    # "html" also serves dirhtml, singlehtml and epub: Sphinx falls back to the format's
    # handlers, and registering "dirhtml" would hide every other extension's from it.
    handlers: dict[str, Any] = {"html": (visit_notes_book, None)}
    handlers |= {b: (visit_notes_deck, None) for b in DECK_BUILDERS}
    handlers |= {b: (visit_notes_other, depart_notes_other) for b in OTHER_BUILDERS}
    app.add_node(speaker_notes, **handlers)
    app.add_directive("notes", NotesDirective)
    _override_revealjs_notes(app)
    app.connect("builder-inited", add_static_assets)
