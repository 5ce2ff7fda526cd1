"""A Marp deck as reveal.js slides that look like Marp's (deck builders only).

:class:`MarpDeckShape` (a post-transform for ``revealjs``/``dirrevealjs``) turns the
book-shaped doctree of :mod:`deckbook.marp.slides` into a flat list of slides, each::

    marp_slide
        marp_backgrounds   the slide's ``bg`` figures (and directive images)
        marp_content       marp_header, marp_heading (the title, back in place), …,
                           marp_footer; ``*`` and ``1)`` list items get "fragment"
        speaker_notes

rendered like Marp's "advanced backgrounds" (three layers, each a ``.marp-section``
the theme CSS styles as Marp themes style ``section``)::

    <section class="deckbook-marp" data-marp-index=…>           (a reveal.js slide)
      <div class="marp-section lead" data-marp-layer="background">figures</div>
      <div class="marp-section lead" data-marp-layer="content">header…footer</div>
      <div class="marp-section lead" data-marp-layer="pseudo" data-marpit-pagination=…>
      <aside class="notes">…</aside>
    </section>

``html-page-context`` hands the template the deck's theme, size, reveal.js settings,
CSS (scoped, :mod:`deckbook.marp.css`), ``lang``, ``title``, ``author`` and
``description``.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .._assets import DECK_BUILDERS
from ..notes import speaker_notes
from .css import SLIDE, drop_remote_urls, safe_style_text, scope_css
from .deck_html import DECK_ONLY_VISITORS, marp_backgrounds, marp_content, marp_heading
from .nodes import marp_deck, marp_footer, marp_header, marp_slide
from .themes import theme_set

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_HEAD = (nodes.docinfo, nodes.meta, nodes.decoration)


def _is_bg(node: nodes.Node) -> bool:
    return isinstance(node, nodes.figure) and "deckbook-marp-bg" in node["classes"]


class MarpDeckShape(SphinxPostTransform):
    """Reshape a Marp page's doctree into reveal.js slides (see the module doc)."""

    builders = DECK_BUILDERS
    # Before RemoteImagesAsLinks (90): it then turns remote images, background ones
    # included, into labelled links (offline by default) inside the layers built here.
    default_priority = 80

    def run(self, **kwargs: Any) -> None:
        deck = next(self.document.findall(marp_deck), None)
        if deck is None:
            return
        slides = list(self.document.findall(marp_slide))
        urls = {
            figure["marp-url"]: figure.next_node(nodes.image)["uri"]
            for figure in self.document.findall(nodes.figure)
            if "deckbook-marp-bg-directive" in figure["classes"]
            and figure.next_node(nodes.image) is not None
        }
        for slide in slides:
            self._shape(slide)
            slide.directive_urls = urls
        head = [n for n in self.document.children if isinstance(n, _HEAD)]
        self.document.children = []
        self.document.extend([*head, deck, *slides])

    def _shape(self, slide: marp_slide) -> None:
        children = list(slide.children)
        for child in children:
            slide.remove(child)
        chrome_top = [c for c in children if isinstance(c, marp_header)]
        chrome_bottom = [c for c in children if isinstance(c, marp_footer)]
        notes = [c for c in children if isinstance(c, speaker_notes)]
        backgrounds = [c for c in children if _is_bg(c)]
        body = [
            c
            for c in children
            if c not in chrome_top + chrome_bottom + notes + backgrounds
        ]
        if slide.titled:
            title = slide.parent[0] if slide.parent else None
            if isinstance(title, nodes.title):
                heading = marp_heading(
                    "", "", *(c.deepcopy() for c in title.children),
                    level=slide.heading_level, fit=slide.fit,
                )  # fmt: skip
                body.insert(0, heading)
        content = marp_content("", *chrome_top, *body, *chrome_bottom)
        for rubric in list(content.findall(nodes.rubric)):
            if "heading-level" in rubric:
                heading = marp_heading(
                    "", "", *rubric.children, level=rubric["heading-level"],
                    fit=bool(rubric.get("deckbook-marp-fit")),
                )  # fmt: skip
                rubric.replace_self(heading)
        slide.fragments = _mark_fragments(content)
        slide.extend([marp_backgrounds("", *backgrounds), content, *notes])


def _mark_fragments(content: nodes.Element) -> int:
    """Marp's fragmented lists: items of ``*`` bullet lists and ``1)`` ordered lists."""
    count = 0
    for node in content.findall(nodes.Element):
        fragmented = (
            isinstance(node, nodes.bullet_list) and node.get("bullet") == "*"
        ) or (isinstance(node, nodes.enumerated_list) and node.get("suffix") == ")")
        if fragmented:
            for item in node.children:
                if isinstance(item, nodes.list_item):
                    item["classes"].append("fragment")
                    count += 1
    return count


# --- the page: theme, size, CSS, reveal.js settings, metadata -----------------------


def page_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """The deck's ``author`` and ``description`` as ``<meta>``, in the book and deck."""
    deck = next(doctree.findall(marp_deck), None) if doctree is not None else None
    if deck is None:
        return
    meta = "".join(
        f'\n    <meta name="{name}" content="{_attr_text(value)}" />'
        for name, value in (("author", deck.author), ("description", deck.description))
        if value
    )
    context["metatags"] = context.get("metatags", "") + meta


def _attr_text(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def deck_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    if app.builder.name not in DECK_BUILDERS or doctree is None:
        return
    deck = next(doctree.findall(marp_deck), None)
    if deck is None:
        return
    keep_remote = app.config.deckbook_remote_images == "load"
    css = [scope_css(deck.css, SLIDE, keep_remote)] if deck.css else []
    for slide in doctree.findall(marp_slide):
        if slide.scoped_css:
            scope = f'{SLIDE}[data-marp-scope="{slide.number}"]'
            css.append(scope_css(slide.scoped_css, scope, keep_remote))
    reveal = {
        "width": deck.width,
        "height": deck.height,
        "margin": 0,
        "center": False,
        "transition": "none",
        "backgroundTransition": "none",
        "pdfSeparateFragments": False,
        "pdfMaxPagesPerSlide": 1,
        "viewDistance": 1000,
        # Arrows at the screen's edges, clear of the page number in the corner.
        "controlsLayout": "edges",
    }
    theme = theme_set(app.env).get(deck.theme) or theme_set(app.env).get("default")
    if theme.css:  # a custom theme: before the deck's own CSS, as Marp orders them
        css.insert(0, theme.css if keep_remote else drop_remote_urls(theme.css))
    context["deckbook_marp"] = {
        "theme": deck.theme,
        "base": theme.base,
        "css": safe_style_text("\n".join(c for c in css if c)),
        "reveal": json.dumps(reveal).replace("</", "<\\/"),
    }
    if deck.lang:
        # The template writes it unescaped (<html lang="{{ language }}">).
        context["language"] = html.escape(deck.lang)
    if deck.title:
        context["title"] = deck.title


def _pass(self, node: nodes.Node) -> None:
    pass


def setup_marp_deck(app: Sphinx) -> None:
    for node_class, handler in DECK_ONLY_VISITORS.items():
        # Deck-only nodes: the book and the other builders never see them.
        others = {"html": (_pass, _pass)}
        others |= {b: (_pass, _pass) for b in ("latex", "text", "man", "texinfo")}
        app.add_node(node_class, revealjs=handler, dirrevealjs=handler, **others)
    app.add_post_transform(MarpDeckShape)
    app.connect("html-page-context", deck_context)
    # Before sphinxext-opengraph (500), which writes a description of its own, taken
    # from the page's text, unless the page already has one.
    app.connect("html-page-context", page_metadata, priority=450)
