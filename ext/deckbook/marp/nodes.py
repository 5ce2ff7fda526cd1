"""The nodes a Marp deck is read into, and how the book and other builders show them.

Read phase (every builder)::

    marp_deck (theme, size, lang, css, title, author, description)   invisible
    section (the page title)
        title
        marp_slide (index, page, total, classes, colours, split…)
            marp_header / marp_footer      the slide's header and footer (deck only)
            …the slide's content…
            figure (classes: deckbook-marp-bg)    a background image
            speaker_notes                          (see notes.py)
        section (a titled slide's heading)
            title
            marp_slide (titled)
            …

The deck builders reshape these (:mod:`deckbook.marp.deck`); for the book a slide is a
plain
block, its header and footer are shown as a small line where their text changes, the
deck's author is a byline under the title, and ``marp_image_style``
is a span carrying an inline image's CSS filter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..source.offline import RemoteImagesAsLinks, is_remote

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

T = TypeVar("T")


class NodeAttribute(Generic[T]):
    """A typed attribute of a Marp node, stored in the node's docutils attributes under
    its one key, so doctrees pickle, copy and print as any other node's, and every
    module reads and writes it by name (``slide.page``), never by a key of its own."""

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def __get__(self, node: nodes.Element | None, owner: type | None = None) -> T:
        if node is None:
            return self  # type: ignore[return-value]  # the class's own attribute
        return node.get(self.key, self.default)

    def __set__(self, node: nodes.Element, value: T) -> None:
        node[self.key] = value


class marp_deck(nodes.Invisible, nodes.Element):
    """Deck-wide settings (global directives); shown by no builder."""

    theme = NodeAttribute[str]("theme", "default")
    width = NodeAttribute[int]("width", 1280)
    height = NodeAttribute[int]("height", 720)
    css = NodeAttribute[str]("css", "")  # the `style` directive and global <style>s
    # marp-cli's metadata (each one line; "" when the deck does not say)
    lang = NodeAttribute[str]("lang", "")
    title = NodeAttribute[str]("title", "")
    author = NodeAttribute[str]("author", "")
    description = NodeAttribute[str]("description", "")


# The local directives kept as CSS on a slide, under their Marp names.
STYLE_DIRECTIVES = (
    "backgroundColor", "color", "backgroundImage", "backgroundPosition",
    "backgroundRepeat", "backgroundSize",
)  # fmt: skip


class marp_slide(nodes.General, nodes.Element):
    """One Marp slide and its resolved local directives.

    The style directives (:data:`STYLE_DIRECTIVES`) are kept under their Marp names;
    :meth:`style_directive` reads one.
    """

    number = NodeAttribute[int]("index", 0)  # 1-based, in the deck
    total = NodeAttribute[int]("total", 0)  # slides in the deck
    paginate = NodeAttribute[str]("paginate", "")  # the directive as written
    page = NodeAttribute[int]("page", 0)  # the page number shown, 0 for none
    marp_class = NodeAttribute[str]("marp-class", "")  # the `class` directive
    titled = NodeAttribute[bool]("titled", False)  # its heading titles a section
    heading_level = NodeAttribute[int]("heading-level", 1)
    fit = NodeAttribute[bool]("fit", False)  # a `<!-- fit -->` heading
    split = NodeAttribute[str]("split", "")  # "left"/"right": a split background
    split_size = NodeAttribute[str]("split-size", "50%")
    direction = NodeAttribute[str]("direction", "horizontal")  # backgrounds' stacking
    scoped_css = NodeAttribute[str]("scoped-css", "")  # its <style scoped>
    # Deck builders only (marp/deck.py): fragments counted, directive image URLs.
    fragments = NodeAttribute[int]("fragments", 0)
    directive_urls = NodeAttribute[dict]("directive-urls", {})

    def style_directive(self, name: str) -> str:
        return self.get(name) or ""


class marp_header(nodes.General, nodes.TextElement):
    """A slide's header (inline Markdown); the book shows it where it changes."""


class marp_footer(nodes.General, nodes.TextElement):
    """A slide's footer (inline Markdown); the book shows it where it changes."""


class marp_image_style(nodes.Inline, nodes.TextElement):
    """Wraps an inline image whose keywords ask for a CSS filter (``style``)."""


def _skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _pass(self, node: nodes.Node) -> None:
    pass


def visit_slide_html(self: HTML5Translator, node: marp_slide) -> None:
    self.body.append(
        self.starttag(
            node,
            "div",
            "",
            CLASS="deckbook-marp-slide",
            **{"data-marp-slide": node.number},
        )
    )


def depart_slide_html(self: HTML5Translator, node: marp_slide) -> None:
    self.body.append("</div>\n")


def visit_chrome_html(self: HTML5Translator, node: nodes.Element) -> None:
    """A header or footer, in the book: a small line where its text changes."""
    if not node.get("book"):
        raise nodes.SkipNode
    kind = "header" if isinstance(node, marp_header) else "footer"
    self.body.append(
        self.starttag(node, "p", "", CLASS=f"deckbook-marp-chrome deckbook-marp-{kind}")
    )


def depart_chrome_html(self: HTML5Translator, node: nodes.Element) -> None:
    self.body.append("</p>\n")


def visit_chrome_other(self, node: nodes.Element) -> None:
    if not node.get("book"):
        raise nodes.SkipNode
    self.visit_paragraph(node)


def depart_chrome_other(self, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def visit_image_style_html(self: HTML5Translator, node: marp_image_style) -> None:
    self.body.append(
        self.starttag(
            node, "span", "", CLASS="deckbook-marp-image", style=node["style"]
        )
    )


def depart_image_style_html(self: HTML5Translator, node: marp_image_style) -> None:
    self.body.append("</span>")


OTHER_BUILDERS = ("latex", "text", "man", "texinfo")


class RemoteBackgroundsInParagraphs(SphinxPostTransform):
    """A remote background image is wrapped in a paragraph before source/offline.py
    turns it
    into a link: Sphinx's HTML writer only accepts a link directly in a figure when it
    wraps an image (``visit_reference`` asserts it)."""

    formats = ("html",)  # book and deck
    # Just before RemoteImagesAsLinks, after the deck's MarpDeckShape (80).
    default_priority = RemoteImagesAsLinks.default_priority - 5

    def run(self, **kwargs: Any) -> None:
        if self.config.deckbook_remote_images == "load":
            return
        for figure in list(self.document.findall(nodes.figure)):
            if "deckbook-marp-bg" not in figure["classes"]:
                continue
            for image in list(figure.findall(nodes.image)):
                if is_remote(image["uri"]) and image.parent is figure:
                    paragraph = nodes.paragraph()
                    image.replace_self(paragraph)
                    paragraph += image


def setup_marp_nodes(app, deck_visitors: dict[type, tuple[Any, Any]]) -> None:
    """Register the nodes: book visitors for "html" (dirhtml falls back to it), the
    deck's from :mod:`deckbook.marp.deck`, and pass-through or skip for the others."""
    html = {
        marp_deck: (_skip, None),
        marp_slide: (visit_slide_html, depart_slide_html),
        marp_header: (visit_chrome_html, depart_chrome_html),
        marp_footer: (visit_chrome_html, depart_chrome_html),
        marp_image_style: (visit_image_style_html, depart_image_style_html),
    }
    other = {
        marp_deck: (_skip, None),
        marp_slide: (_pass, _pass),
        marp_header: (visit_chrome_other, depart_chrome_other),
        marp_footer: (visit_chrome_other, depart_chrome_other),
        marp_image_style: (_pass, _pass),
    }
    for node_class, handler in html.items():
        deck = deck_visitors.get(node_class, handler)
        handlers = {"html": handler, "revealjs": deck, "dirrevealjs": deck}
        handlers |= {name: other[node_class] for name in OTHER_BUILDERS}
        app.add_node(node_class, **handlers)
    app.add_post_transform(RemoteBackgroundsInParagraphs)
