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
from .nodes import marp_footer, marp_header, marp_slide

if TYPE_CHECKING:
    from sphinx.writers.html5 import HTML5Translator

_DATASET = {
    "paginate": "data-paginate",
    "marp-class": "data-class",
    "backgroundColor": "data-background-color",
    "color": "data-color",
}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)")


class marp_backgrounds(nodes.General, nodes.Element):
    """Deck only: a slide's background layer."""


class marp_content(nodes.General, nodes.Element):
    """Deck only: a slide's content layer."""


class marp_heading(nodes.General, nodes.TextElement):
    """Deck only: a heading of a slide (``level``, ``fit``)."""


def _layer(self: HTML5Translator, slide: marp_slide, layer: str, **extra: Any) -> str:
    classes = " ".join(["marp-section", *slide["marp-class"].split()])
    attributes: dict[str, Any] = {"data-marp-layer": layer, **extra}
    # Marpit's data attributes for directives, which themes and user CSS select on.
    for key, name in _DATASET.items():
        if slide.get(key):
            attributes[name] = slide[key]
    if slide.get("scoped-css"):
        attributes["data-marp-scope"] = str(slide["index"])
    if slide.get("split"):
        attributes["data-marp-split"] = slide["split"]
    style = _directive_style(self, slide)
    if slide.get("split"):
        style += f"--marp-split:{slide['split-size']};"
    if style:
        attributes["style"] = style
    # The `class` directive's value is the author's text: escaped like every value.
    return f'<div class="{self.attval(classes)}"{_attrs(self, attributes)}>'


def _attrs(self: HTML5Translator, attributes: dict[str, Any]) -> str:
    return "".join(
        f' {name}="{self.attval(str(value))}"' for name, value in attributes.items()
    )


def _directive_style(self: HTML5Translator, slide: marp_slide) -> str:
    style = ""
    if color := slide.get("backgroundColor"):
        style += f"background-color:{color};"
    if color := slide.get("color"):
        style += f"color:{color};"
    if image := slide.get("backgroundImage"):
        image = _resolve_css_urls(self, image, slide.get("directive-urls", {}))
        if image:
            style += f"background-image:{image};"
            style += f"background-position:{slide.get('backgroundPosition', 'center')};"
            style += f"background-repeat:{slide.get('backgroundRepeat', 'no-repeat')};"
            style += f"background-size:{slide.get('backgroundSize', 'cover')};"
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
        "data-marp-index": node["index"],
        "data-marp-class": node["marp-class"],
        "data-marpit-fragments": node.get("fragments", 0),
    }
    if node["page"]:
        attributes["data-marpit-pagination"] = node["page"]
    self.body.append(f'<section class="deckbook-marp"{_attrs(self, attributes)}>\n')


def depart_slide(self: HTML5Translator, node: marp_slide) -> None:
    extra = {}
    if node["page"]:
        extra["data-marpit-pagination"] = node["page"]
        extra["data-marpit-pagination-total"] = node["total"]
    self.body.append(_layer(self, node, "pseudo", **extra) + "</div>\n</section>\n")


def visit_backgrounds(self: HTML5Translator, node: marp_backgrounds) -> None:
    slide = node.parent
    self.body.append(_layer(self, slide, "background"))
    direction = slide.get("direction", "horizontal")
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
    level = min(max(int(node["level"]), 1), 6)
    fit = ' data-marp-fit=""' if node.get("fit") else ""
    self.body.append(f"<h{level}{fit}>" + ('<span class="marp-fit">' if fit else ""))


def depart_heading(self: HTML5Translator, node: marp_heading) -> None:
    level = min(max(int(node["level"]), 1), 6)
    self.body.append(("</span>" if node.get("fit") else "") + f"</h{level}>\n")


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
