"""How a Marp slide is written as a reveal.js slide (``revealjs``/``dirrevealjs``).

The three layers of a slide (see :mod:`deckbook.marp.deck`), each a ``.marp-section``
carrying
the slide's classes, directive colours and Marpit's ``data-*`` attributes, so Marp
themes and user CSS select them as they select ``section``.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from docutils import nodes

from ..source.offline import is_remote
from .nodes import NodeAttribute, marp_footer, marp_header, marp_slide

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)")


class marp_backgrounds(nodes.General, nodes.Element):
    """Deck only: a slide's background layer."""


class marp_content(nodes.General, nodes.Element):
    """Deck only: a slide's content layer."""


class marp_heading(nodes.General, nodes.TextElement):
    """Deck only: a heading of a slide."""

    level = NodeAttribute[int]("level", 1)
    fit = NodeAttribute[bool]("fit", False)  # a `<!-- fit -->` heading


def _layer(self: HTML5Translator, slide: marp_slide, layer: str, **extra: Any) -> str:
    classes = " ".join(["marp-section", *slide.marp_class.split()])
    attributes: dict[str, Any] = {"data-marp-layer": layer, **extra}
    attributes.update(_dataset(slide))
    if slide.scoped_css:
        attributes["data-marp-scope"] = str(slide.number)
    if slide.split:
        attributes["data-marp-split"] = slide.split
    style = _directive_style(self, slide)
    if slide.split:
        style += f"--marp-split:{slide.split_size};"
    if style:
        attributes["style"] = style
    # The `class` directive's value is the author's text: escaped like every value.
    return f'<div class="{self.attval(classes)}"{_attrs(self, attributes)}>'


def _dataset(slide: marp_slide) -> dict[str, str]:
    """Marpit's data attributes for directives, which themes and user CSS select on."""
    dataset = {
        "data-paginate": slide.paginate,
        "data-class": slide.marp_class,
        "data-background-color": slide.style_directive("backgroundColor"),
        "data-color": slide.style_directive("color"),
    }
    return {name: value for name, value in dataset.items() if value}


def _attrs(self: HTML5Translator, attributes: dict[str, Any]) -> str:
    return "".join(
        f' {name}="{self.attval(str(value))}"' for name, value in attributes.items()
    )


def _directive_style(self: HTML5Translator, slide: marp_slide) -> str:
    style = ""
    if color := slide.style_directive("backgroundColor"):
        style += f"background-color:{color};"
    if color := slide.style_directive("color"):
        style += f"color:{color};"
    if image := slide.style_directive("backgroundImage"):
        image = _resolve_css_urls(self, image, slide.directive_urls)
        if image:
            position = slide.style_directive("backgroundPosition") or "center"
            repeat = slide.style_directive("backgroundRepeat") or "no-repeat"
            size = slide.style_directive("backgroundSize") or "cover"
            style += f"background-image:{image};"
            style += f"background-position:{position};"
            style += f"background-repeat:{repeat};"
            style += f"background-size:{size};"
    return style


def _resolve_css_urls(self: HTML5Translator, value: str, urls: dict[str, str]) -> str:
    offline = self.config.deckbook_remote_images != "load"

    def replace(match: re.Match) -> str:
        url = match.group(2)
        if is_remote(url) and is_remote(urls.get(url, url)):  # not vendored
            return "none" if offline else f'url("{url}")'
        if url.startswith("data:"):
            return match.group(0)
        return f'url("{_image_path(self, urls.get(url, url))}")'

    return _CSS_URL.sub(replace, value)


def _image_path(self: HTML5Translator, uri: str) -> str:
    if uri in self.builder.images:
        return posixpath.join(self.builder.imgpath, quote(self.builder.images[uri]))
    return uri


def visit_slide(self: HTML5Translator, node: marp_slide) -> None:
    attributes = {
        "data-marp-index": node.number,
        "data-marp-class": node.marp_class,
        "data-marpit-fragments": node.fragments,
    }
    if node.page:
        attributes["data-marpit-pagination"] = node.page
    self.body.append(f'<section class="deckbook-marp"{_attrs(self, attributes)}>\n')


def depart_slide(self: HTML5Translator, node: marp_slide) -> None:
    extra = {}
    if node.page:
        extra["data-marpit-pagination"] = node.page
        extra["data-marpit-pagination-total"] = node.total
    self.body.append(_layer(self, node, "pseudo", **extra) + "</div>\n</section>\n")


def visit_backgrounds(self: HTML5Translator, node: marp_backgrounds) -> None:
    slide = node.parent
    self.body.append(_layer(self, slide, "background"))
    direction = slide.direction
    self.body.append(f'<div class="marp-bg-container" data-direction="{direction}">')
    for figure in node.children:
        if "deckbook-marp-bg-directive" in figure["classes"]:
            continue  # drawn by the layer's own CSS background
        _background_figure(self, figure)
    self.body.append("</div></div>\n")
    raise nodes.SkipNode


def _background_figure(self: HTML5Translator, figure: nodes.figure) -> None:
    image = figure.next_node(nodes.image)
    style = ""
    if figure.get("marp-size"):
        style += f"background-size:{figure['marp-size']};"
    if figure.get("marp-filter"):
        style += f"filter:{figure['marp-filter']};"
    caption = figure.next_node(nodes.caption)
    if image is not None:
        url = _image_path(self, image["uri"])
        style = f'background-image:url("{url}");' + style
        self.body.append(f"<figure{_attrs(self, {'style': style})}>")
    else:  # a remote image the offline policy turned into a labelled link
        self.body.append(
            f'<figure class="deckbook-marp-bg-remote"{_attrs(self, {"style": style})}>'
        )
        for child in figure.children:
            if not isinstance(child, nodes.caption):
                child.walkabout(self)
    if caption is not None:
        self.body.append(f"<figcaption>{self.encode(caption.astext())}</figcaption>")
    self.body.append("</figure>")


def visit_content(self: HTML5Translator, node: marp_content) -> None:
    self.body.append(_layer(self, node.parent, "content") + "\n")


def depart_content(self: HTML5Translator, node: marp_content) -> None:
    self.body.append("</div>\n")


def visit_header(self: HTML5Translator, node: marp_header) -> None:
    self.body.append("<header>")


def depart_header(self: HTML5Translator, node: marp_header) -> None:
    self.body.append("</header>\n")


def visit_footer(self: HTML5Translator, node: marp_footer) -> None:
    self.body.append("<footer>")


def depart_footer(self: HTML5Translator, node: marp_footer) -> None:
    self.body.append("</footer>\n")


def visit_heading(self: HTML5Translator, node: marp_heading) -> None:
    level = min(max(int(node.level), 1), 6)
    fit = ' data-marp-fit=""' if node.fit else ""
    self.body.append(f"<h{level}{fit}>" + ('<span class="marp-fit">' if fit else ""))


def depart_heading(self: HTML5Translator, node: marp_heading) -> None:
    level = min(max(int(node.level), 1), 6)
    self.body.append(("</span>" if node.fit else "") + f"</h{level}>\n")


def _skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _pass(self, node: nodes.Node) -> None:
    pass


DECK_VISITORS = {
    marp_slide: (visit_slide, depart_slide),
    marp_header: (visit_header, depart_header),
    marp_footer: (visit_footer, depart_footer),
}
DECK_ONLY_VISITORS = {
    marp_backgrounds: (visit_backgrounds, None),
    marp_content: (visit_content, depart_content),
    marp_heading: (visit_heading, depart_heading),
}
