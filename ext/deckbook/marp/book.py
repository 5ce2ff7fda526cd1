"""The book's shape of a Marp deck: slides regrouped for reading, and their nodes.

:class:`~.marp_slides.MarpSlides` reads a deck into :class:`Slide` objects (the page's
nodes, split and with directives resolved); :class:`BookBuilder` regroups them as DESIGN
§3.2 asks: one section per titled slide (a slide whose first visible block is a
heading), nested by heading level under the page title, untitled slides inside the
current section, each slide a :class:`~.marp_nodes.marp_slide` carrying its resolved
directives, header and footer, background figures and speaker notes. Bare URLs become
links, as Marp's markdown-it makes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from .._log import DeckbookWarnings, get_logger, warn
from ..notes import make_notes
from ..source.titles import title_from_filename
from .directives import paginate
from .images import is_bg
from .nodes import STYLE_DIRECTIVES, marp_deck, marp_footer, marp_header, marp_slide
from .themes import theme_set

logger = get_logger(__name__)
_URL = re.compile(r"https?://[^\s<>\"'`]+")
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)")
_NO_LINKS = (
    nodes.reference,
    nodes.literal,
    nodes.literal_block,
    nodes.raw,
    nodes.image,
)
# CSS values from directives go into a style attribute: no declaration breaks.
_UNSAFE_CSS = re.compile(r"[;{}<>\\]")


@dataclass
class Heading:
    """A heading of the page (a MyST section's title) and its Markdown level."""

    section: nodes.section
    title: nodes.title
    level: int


@dataclass
class Slide:
    items: list[Any] = field(default_factory=list)  # Heading or body nodes
    notes: list[tuple[str, int | None]] = field(default_factory=list)
    scoped_css: list[str] = field(default_factory=list)
    split: tuple[str, str | None] | None = None
    direction: str | None = None


def is_visible(item: Any, raws: dict) -> bool:
    """Marpit's "visible token": anything but comments, styles and invisible nodes."""
    if isinstance(item, Heading):
        return True
    if isinstance(item, (nodes.Invisible, nodes.substitution_definition)):
        return False
    return not (isinstance(item, nodes.raw) and id(item) in raws)


class BookBuilder:
    def __init__(self, reader) -> None:
        self.document = reader.document
        self.env = reader.env
        self.config = reader.config
        self.source = reader.source
        self.docname = reader.docname
        self.markdown = reader.markdown
        self.global_css = reader.global_css
        self.global_lines = reader.global_lines

    def build(self, head, slides: list[Slide], resolved, globals_) -> None:
        pages, total = paginate([r.get("paginate") for r in resolved])
        title_directive = _one_line(globals_.get("title"))
        front_title = _one_line(self.source.front.get("title"))
        root = nodes.section()
        root_level = 0 if front_title else None
        stack: list[tuple[int, nodes.section]] = [(0, root)]
        headers: dict = {}  # parsed header/footer texts, and the last of each
        previous_bg_image = None
        for number, (slide, local) in enumerate(zip(slides, resolved, strict=True), 1):
            node = self._slide_node(number, slide, local, pages[number - 1], total)
            self._chrome(node, local, headers)
            heading = next(
                (i for i in slide.items if is_visible(i, {}) and not is_bg(i)), None
            )
            titled = isinstance(heading, Heading)
            if titled and root_level is None:
                _adopt(root, heading, self.document)
                root_level = heading.level
                parent = root
            elif titled:
                while len(stack) > 1 and stack[-1][0] >= heading.level:
                    stack.pop()
                parent = nodes.section()
                _adopt(parent, heading, self.document)
                stack[-1][1].append(parent)
                stack.append((heading.level, parent))
            else:
                parent = stack[-1][1]
            if titled:
                node.titled = True
                node.heading_level = heading.level
                node.fit = bool(heading.title.get("deckbook-marp-fit"))
            for item in slide.items:
                if item is heading and titled:
                    continue
                node += (
                    _rubric(item, self.document) if isinstance(item, Heading) else item
                )
            bg_image = local.get("backgroundImage")
            if bg_image and bg_image != previous_bg_image:
                node.extend(self._directive_figures(bg_image))
            previous_bg_image = bg_image
            if slide.notes:
                notes = make_notes(self.config.language, self.document["source"])
                for text, line in slide.notes:
                    notes.extend(self.markdown.parse(text, line))
                node += notes
            parent.append(node)
        if root_level is None or front_title:
            text = (
                front_title
                or title_directive
                or title_from_filename(self.docname, self.config.project)
            )
            root.insert(0, nodes.title(text, text))
            root["names"].append(nodes.fully_normalize_name(text))
            self.document.note_implicit_target(root, root)
        self.document.children = []
        self.document.extend(head)
        deck = self._deck_node(globals_)
        if deck.author:
            # The deck's byline, under the page title: in the book only (the deck
            # keeps only the slides, and shows the author in its <meta>, as Marp).
            author = nodes.paragraph("", deck.author)
            author["classes"].append("deckbook-marp-author")
            root.insert(1, author)
        self.document += deck
        self.document += root
        _linkify(root)

    def _slide_node(self, number, slide: Slide, local, page, total) -> marp_slide:
        node = marp_slide()
        node.number, node.total = number, total
        node.paginate = local.get("paginate") or ""
        node.page = page if page is not None else 0
        node.marp_class = " ".join((local.get("class") or "").split())
        for key in STYLE_DIRECTIVES:
            value = local.get(key)
            if value and not _UNSAFE_CSS.search(value):
                node[key] = value.strip()
        if slide.split:
            node.split, node.split_size = slide.split[0], slide.split[1] or "50%"
        node.direction = slide.direction or "horizontal"
        node.scoped_css = "\n".join(slide.scoped_css)
        first = next((i for i in slide.items if not isinstance(i, Heading)), None)
        node.source = self.document["source"]
        node.line = getattr(first, "line", None)
        return node

    def _chrome(self, node: marp_slide, local, cache) -> None:
        """The slide's header and footer; the book shows one where its text changes
        (``book``), so a deck's running header is read once, not on every slide."""
        for key, node_class in (("header", marp_header), ("footer", marp_footer)):
            text = local.get(key)
            changed = text != cache.get(key)
            cache[key] = text
            if not text:
                continue
            if (key, text) not in cache:
                cache[key, text] = self.markdown.parse_inline(text, None)
            chrome = node_class("", "", *(n.deepcopy() for n in cache[key, text]))
            chrome["book"] = changed
            node += chrome

    def _directive_figures(self, value: str) -> list[nodes.figure]:
        figures = []
        for match in _CSS_URL.finditer(value):
            url = match.group(2)
            if not url or url.startswith("data:"):
                continue
            figure = nodes.figure(
                "", classes=["deckbook-marp-bg", "deckbook-marp-bg-directive"]
            )
            figure["marp-url"] = url
            figure += nodes.image(url, uri=url, alt="")
            figures.append(figure)
        return figures

    def _deck_node(self, globals_) -> marp_deck:
        themes = theme_set(self.env)
        name = str(globals_.get("theme") or "default").strip()
        theme = themes.get(name)
        if theme is None:
            warn(
                logger,
                f"unknown Marp theme {name!r} (known: {', '.join(themes.names())}; "
                "add more with deckbook_marp_themes); the default theme is used, as "
                "in Marp",
                DeckbookWarnings.MARP,
                (self.docname, self._line("theme")),
            )
            theme = themes.get("default")
        width, height = self._size(globals_.get("size"), theme)
        css = [_text(globals_.get("style")), *self.global_css]
        deck = marp_deck()
        deck.theme, deck.width, deck.height = theme.name, width, height
        deck.css = "\n".join(c for c in css if c)
        if value := _one_line(globals_.get("lang")):
            deck.lang = value
        if value := _one_line(globals_.get("title")):
            deck.title = value
        if value := _one_line(globals_.get("author")):
            deck.author = value
        if value := _one_line(globals_.get("description")):
            deck.description = value
        return deck

    def _line(self, key: str) -> int:
        return self.global_lines.get(key) or 1

    def _size(self, value, theme) -> tuple[int, int]:
        """marp-core: a ``size`` the theme defines with ``@size``; else ignored."""
        if value is None:
            return theme.size
        size = str(value).strip() if isinstance(value, str) else ""
        if size in theme.sizes:
            return theme.sizes[size]
        known = ", ".join(theme.sizes) or "none"
        warn(
            logger,
            f"Marp directive 'size' has the value {value!r}, not a size the theme "
            f"{theme.name!r} defines ({known}); it is ignored, as in Marp: the "
            f"theme's own size ({theme.size[0]}×{theme.size[1]}) is used",
            DeckbookWarnings.MARP,
            (self.docname, self._line("size")),
        )
        return theme.size


# What stays in front of the page's section (Sphinx's MetadataCollector looks there).
DOCUMENT_HEAD = (nodes.docinfo, nodes.decoration, nodes.meta)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _one_line(value: Any) -> str:
    return " ".join(_text(value).split())


def _adopt(section: nodes.section, heading: Heading, document: nodes.document) -> None:
    """``section`` takes the heading's title and its anchors (ids, names, slug)."""
    old = heading.section
    section.insert(0, heading.title)
    _take_anchors(section, old, ("ids", "names", "dupnames", "classes"), document)
    section.source, section.line = old.source, old.line


def _rubric(heading: Heading, document: nodes.document) -> nodes.rubric:
    """A heading in a slide (not its title): a rubric of its level, same anchors."""
    title, old = heading.title, heading.section
    rubric = nodes.rubric(title.rawsource, "", *title.children)
    rubric["heading-level"] = heading.level
    rubric["deckbook-marp-fit"] = bool(title.get("deckbook-marp-fit"))
    _take_anchors(rubric, old, ("ids", "names", "dupnames"), document)
    rubric.source, rubric.line = old.source, title.line
    return rubric


def _take_anchors(
    node: nodes.Element, old: nodes.Element, keys: tuple[str, ...], document
) -> None:
    """``node`` answers to ``old``'s anchors: links and the TOC keep working."""
    for key in keys:
        node[key] = list(old[key])
    if "slug" in old:
        node["slug"] = old["slug"]
    for node_id in node["ids"]:
        document.ids[node_id] = node


def _linkify(root: nodes.Element) -> None:
    """Bare URLs become links, as Marp's markdown-it (``linkify``) makes them."""
    for text in list(root.findall(nodes.Text)):
        parent = text.parent
        if parent is None or any(isinstance(a, _NO_LINKS) for a in _ancestors(text)):
            continue
        value = str(text)
        if "://" not in value:
            continue
        pieces: list[nodes.Node] = []
        last = 0
        for match in _URL.finditer(value):
            url = match.group(0).rstrip(".,;:!?")
            if url.endswith(")") and url.count("(") < url.count(")"):
                url = url[:-1]
            start = match.start()
            pieces.append(nodes.Text(value[last:start]))
            pieces.append(nodes.reference(url, url, refuri=url))
            last = start + len(url)
        if not pieces:
            continue
        pieces.append(nodes.Text(value[last:]))
        index = parent.index(text)
        parent[index : index + 1] = [
            p for p in pieces if not (isinstance(p, nodes.Text) and not p)
        ]


def _ancestors(node: nodes.Node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent
