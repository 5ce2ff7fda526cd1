"""Marp's image syntax: keywords in the alternative text (Marpit ``image/parse.js``).

``![bg left:40% blur w:900px caption words](url)``: the alt text is split on spaces and
each word matched in turn. Size (``N%``), ``w:``/``width:``, ``h:``/``height:`` and
CSS filters apply to any image; with a ``bg`` word the image is a slide background and
``auto``/``contain``/``cover``/``fit``, ``left``/``right[:N%]`` and
``vertical``/``horizontal`` are consumed too. Words nothing consumed stay alt text
(a background's caption).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docutils import nodes

from .nodes import marp_image_style

if TYPE_CHECKING:
    from .book import Slide

_LENGTH = r"(?:\d*\.)?\d+(?:%|ch|cm|em|ex|in|mm|pc|pt|px)?|auto"
_WIDTH = re.compile(rf"w(?:idth)?:({_LENGTH})$")
_HEIGHT = re.compile(rf"h(?:eight)?:({_LENGTH})$")
_PERCENT = re.compile(r"(?:\d*\.)?\d+%$")
_SPLIT = re.compile(r"(left|right)(?::((?:\d*\.)?\d+%))?$")
# name → default argument, as Marpit
FILTERS = {
    "blur": "10px",
    "brightness": "1.5",
    "contrast": "2",
    "drop-shadow": "0 5px 10px rgba(0,0,0,.4)",
    "grayscale": "1",
    "hue-rotate": "180deg",
    "invert": "1",
    "opacity": ".5",
    "saturate": "2",
    "sepia": "1",
}
_FILTER = re.compile(rf"({'|'.join(re.escape(name) for name in FILTERS)})(?::(.+))?$")
_BG_SIZES = {"auto": "auto", "contain": "contain", "cover": "cover", "fit": "contain"}
# What a filter argument may be in a style attribute: a number, length, angle or
# colour (a colour function only in drop-shadow, as Marpit allows).
_SAFE_VALUE = re.compile(r"[\w.%#+-]+")
_COLOR_FUNCTION = re.compile(
    r"(?:rgba?|hsla?|hwb|(?:ok)?(?:lab|lch)|color)\([\w\s.,%/+-]*\)"
)


@dataclass
class ImageOptions:
    alt: str = ""
    background: bool = False
    width: str | None = None
    height: str | None = None
    size: str | None = None  # N% or a background size keyword
    filters: list[tuple[str, str]] = field(default_factory=list)
    split: str | None = None  # "left" | "right"
    split_size: str | None = None  # "40%"
    direction: str | None = None  # "vertical" | "horizontal"

    @property
    def filter_css(self) -> str:
        return " ".join(f"{name}({value})" for name, value in self.filters)

    @property
    def background_size(self) -> str | None:
        """Marpit's CSS ``background-size``: ``w:900px`` alone gives ``900px auto``."""
        size = self.size
        if size not in ("contain", "cover") and (self.width or self.height):
            return f"{self.width or size or 'auto'} {self.height or size or 'auto'}"
        return size


def _length(value: str) -> str:
    return value + "px" if re.fullmatch(r"(?:\d*\.)?\d+", value) else value


def _filter_value(name: str, value: str | None) -> str | None:
    if value is None:
        return FILTERS[name]
    if name == "drop-shadow":
        args = [a.strip() for a in re.split(r",(?![^(]*\))", value)]
        safe = all(
            _SAFE_VALUE.fullmatch(a) or _COLOR_FUNCTION.fullmatch(a) for a in args
        )
        return " ".join(args) if safe and len(args) >= 2 else None
    return value if _SAFE_VALUE.fullmatch(value) else None


def parse(alt: str) -> ImageOptions:
    options = ImageOptions()
    words = alt.split()
    consumed = [False] * len(words)
    for index, word in enumerate(words):
        if _PERCENT.match(word):
            options.size = word
        elif match := _WIDTH.match(word):
            options.width = _length(match.group(1))
        elif match := _HEIGHT.match(word):
            options.height = _length(match.group(1))
        elif match := _FILTER.match(word):
            value = _filter_value(match.group(1), match.group(2))
            if value is None:
                continue
            options.filters.append((match.group(1), value))
        else:
            continue
        consumed[index] = True
    if any(w == "bg" and not c for w, c in zip(words, consumed, strict=True)):
        options.background = True
        for index, word in enumerate(words):
            if consumed[index]:
                continue
            if word == "bg":
                pass
            elif word in _BG_SIZES:
                options.size = _BG_SIZES[word]
            elif match := _SPLIT.match(word):
                options.split, options.split_size = match.group(1), match.group(2)
            elif word in ("vertical", "horizontal"):
                options.direction = word
            else:
                continue
            consumed[index] = True
    options.alt = " ".join(w for w, c in zip(words, consumed, strict=True) if not c)
    return options


# --- a slide's images -------------------------------------------------------------


def place_images(slide: Slide, document: nodes.document) -> None:
    """``bg`` images become background figures next to their block; others are sized."""
    for item in list(slide.items):
        root = getattr(item, "title", item)  # a Heading's title, or a body node
        if not isinstance(root, nodes.Element):
            continue
        for image in list(root.findall(nodes.image)):
            options = parse(image.get("alt", ""))
            if options.background and image["uri"].strip():
                _background(image, options, item, slide, document)
            else:
                _inline_image(image, options)


def _background(image, options: ImageOptions, item, slide: Slide, document) -> None:
    figure = nodes.figure("", classes=["deckbook-marp-bg"])
    figure.source, figure.line = image.source, image.line
    figure["marp-size"] = options.background_size or ""
    figure["marp-filter"] = options.filter_css
    figure["marp-url"] = image.get("original_uri", image["uri"])
    if options.split:
        slide.split = (options.split, options.split_size)
    if options.direction:
        slide.direction = options.direction
    block = image.parent
    block.remove(image)
    image["alt"] = options.alt
    figure += image
    if options.alt:
        figure += nodes.caption(options.alt, options.alt)
        # Sphinx numbers captioned figures by id; its AutoNumbering (210) ran already.
        document.set_id(figure)
    position = slide.items.index(item) + 1
    while position < len(slide.items) and is_bg(slide.items[position]):
        position += 1  # several backgrounds in one paragraph keep their order
    slide.items.insert(position, figure)
    if is_empty_paragraph(block):
        drop(block, slide)


def _inline_image(image: nodes.image, options: ImageOptions) -> None:
    image["alt"] = options.alt
    for key in ("width", "height"):
        value = getattr(options, key)
        if value and value != "auto":
            image[key] = value
    if options.filters and image.parent is not None:
        wrapper = marp_image_style("", style=f"filter:{options.filter_css}")
        image.replace_self(wrapper)
        wrapper += image


def is_bg(node) -> bool:
    return isinstance(node, nodes.figure) and "deckbook-marp-bg" in node["classes"]


def is_empty_paragraph(node: nodes.Node) -> bool:
    return (
        isinstance(node, nodes.paragraph)
        and not node.astext().strip()
        and not any(isinstance(child, nodes.Element) for child in node.children)
    )


def drop(node: nodes.Element, slide: Slide) -> None:
    """Remove an emptied block, from the slide's items or from its parent."""
    if node in slide.items:
        slide.items.remove(node)
    elif node.parent is not None:
        node.parent.remove(node)
