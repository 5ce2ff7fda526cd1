"""Read a Marp deck into slides (DESIGN §3.2): the same doctree for the book and deck.

MyST gives ``---`` as ``transition`` nodes, headings as nested sections and every
``<!-- … -->`` as a ``raw`` HTML node. :class:`MarpSlides` flattens that, splits it into
slides at transitions (and before headings, with ``headingDivider``), resolves the
directives (:mod:`deckbook.marp.directives`), turns the other comments into speaker
notes and
``bg`` images into figures (:mod:`deckbook.marp.images`), and hands the slides to
:mod:`deckbook.marp.book` to be regrouped for reading. See :mod:`deckbook.marp.nodes`
for the result.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .._log import DeckbookWarnings, get_logger, warn
from ..source.titles import FrontMatterTransform
from .book import DOCUMENT_HEAD, BookBuilder, Heading, Slide, is_visible
from .css import imports
from .directives import (
    Resolver,
    comments,
    directives_in,
    heading_divider,
    is_fit_marker,
    note_text,
    value_problem,
)
from .images import drop, is_empty_paragraph, place_images
from .inline import render_breaks, render_emoji
from .source import MarkdownSnippets, MarpSource, marp_source

logger = get_logger(__name__)
_STYLE = re.compile(r"\A\s*<style(\s+scoped)?\s*>(.*?)</style>\s*\Z", re.S | re.I)
_ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")


class MarpSlides(SphinxTransform):
    """Marp pages (``marp: true``): slides, directives, notes, backgrounds, fit."""

    # After FrontMatterTransform (AddSlugIds - 10), which leaves Marp decks to us, so
    # the two never reshape one page; before MyST's AddSlugIds (700), so the slug
    # anchors of headings land on the sections and rubrics we build; before
    # doctree-read, where TitleCollector, ImageCollector and the TOC read the result.
    default_priority = FrontMatterTransform.default_priority + 1

    def apply(self, **kwargs: Any) -> None:
        source = marp_source(self.env)
        document_source = self.document.get("source")
        if source is None or not document_source:
            return
        if (
            Path(document_source).resolve()
            != Path(self.env.doc2path(self.env.docname)).resolve()
        ):
            return  # a document parsed on the side
        DeckReader(self, source).read()


class DeckReader:
    def __init__(self, transform: MarpSlides, source: MarpSource) -> None:
        self.document = transform.document
        self.env = transform.env
        self.config = transform.config
        self.source = source
        self.docname = self.env.docname
        self.markdown = MarkdownSnippets(self.document, self.env)
        self.global_css: list[str] = []
        self.global_lines: dict[str, int | None] = {}

    # --- flatten and split -----------------------------------------------------------

    def _flatten(self, parent: nodes.Element, depth: int):
        for child in list(parent.children):
            if isinstance(child, nodes.section) and child.children:
                title = child[0]
                yield Heading(child, title, self._level(title, depth + 1))
                yield from self._flatten(child, depth + 1)
            elif not isinstance(child, nodes.title) or parent is self.document:
                yield child

    def _level(self, title: nodes.title, depth: int) -> int:
        line = title.line or title.parent.line
        lines = self.source.lines
        if line and 0 < line <= len(lines):
            if match := _ATX.match(lines[line - 1]):
                return len(match.group(1))
            if line < len(lines) and lines[line].strip().startswith("="):
                return 1
            if line < len(lines) and lines[line].strip().startswith("-"):
                return 2
        return depth

    def read(self) -> None:
        head = [n for n in self.document.children if isinstance(n, DOCUMENT_HEAD)]
        items = [i for i in self._flatten(self.document, 0) if i not in head]
        raws = self._classify(items)
        globals_ = self._globals(raws)
        slides = self._split(
            items, raws, heading_divider(globals_.get("headingDivider"))
        )
        resolved = self._resolve(slides, raws)
        BookBuilder(self).build(head, slides, resolved, globals_)
        render_breaks(self.document)
        render_emoji(self.document)

    def _classify(self, items) -> dict[int, tuple[str, Any]]:
        """Every raw HTML node that is Marp syntax: comments, or a ``<style>``."""
        found: dict[int, tuple[str, Any]] = {}
        for item in items:
            root = item.title if isinstance(item, Heading) else item
            if not isinstance(root, nodes.Element):
                continue
            for raw in root.findall(nodes.raw):
                if "html" not in raw.get("format", "").split():
                    continue
                text = raw.astext()
                if (bodies := comments(text)) is not None:
                    found[id(raw)] = ("comments", bodies)
                elif match := _STYLE.match(text):
                    found[id(raw)] = ("style", (match.group(2), bool(match.group(1))))
        return found

    def _comment_raws(self, item, raws):
        root = item.title if isinstance(item, Heading) else item
        if isinstance(root, nodes.Element):
            for raw in list(root.findall(nodes.raw)):
                if id(raw) in raws:
                    yield raw

    def _globals(self, raws) -> dict[str, Any]:
        resolver = Resolver()
        resolver.start_slide()
        resolver.apply(self.source.front)
        for kind, value in raws.values():
            if kind == "comments":
                for body in value:
                    if (data := directives_in(body)) is not None:
                        resolver.apply(data)
        return resolver.deck.globals

    def _split(self, items, raws, divider: list[int] | None) -> list[Slide]:
        slides, seen_visible = [Slide()], False
        for item in items:
            if isinstance(item, nodes.transition):
                slides.append(Slide())
                seen_visible = True
                continue
            if (
                isinstance(item, Heading)
                and divider
                and item.level in divider
                and seen_visible
            ):
                slides.append(Slide())
            slides[-1].items.append(item)
            seen_visible = seen_visible or is_visible(item, raws)
        return slides

    # --- directives, notes, images per slide -----------------------------------------

    def _resolve(self, slides: list[Slide], raws) -> list[dict[str, Any]]:
        resolver = Resolver()
        for number, slide in enumerate(slides):
            resolver.start_slide()
            if number == 0:
                self._check(self.source.front, self.source.key_lines)
                resolver.apply(self.source.front, self.source.key_lines)
            for item in list(slide.items):
                for raw in self._comment_raws(item, raws):
                    self._take_raw(raw, raws[id(raw)], slide, resolver)
            place_images(slide, self.document)
        deck = resolver.finish()
        self.global_lines = deck.global_lines
        return deck.slides

    def _take_raw(
        self, raw: nodes.raw, found, slide: Slide, resolver: Resolver
    ) -> None:
        kind, value = found
        if kind == "style":
            css, scoped = value
            self._check_css(css, raw.line)
            (slide.scoped_css if scoped else self.global_css).append(css)
        else:
            for body in value:
                if is_fit_marker(body) and isinstance(raw.parent, nodes.title):
                    raw.parent["deckbook-marp-fit"] = True
                elif is_fit_marker(body):
                    slide.notes.append((body.strip(), raw.line))
                elif (data := directives_in(body)) is not None:
                    self._check(data, raw.line)
                    resolver.apply(data, raw.line)
                elif (text := note_text(body)) is not None:
                    slide.notes.append((text, raw.line))
        if raw in slide.items:
            slide.items.remove(raw)
        parent = raw.parent
        index = parent.index(raw)
        parent.remove(raw)
        if isinstance(parent, nodes.title):
            _strip_title(
                parent, at_start=index == 0, at_end=index == len(parent.children)
            )
        if is_empty_paragraph(parent):
            drop(parent, slide)

    def _check_css(self, css: str, line: int | None) -> None:
        for target in imports(css):
            message = (
                f"Marp CSS '@import {target}' is not followed: decks are built "
                "offline (a theme by name: see deckbook_marp_themes)"
            )
            warn(logger, message, DeckbookWarnings.MARP, (self.docname, line or 1))

    def _check(self, data: dict[str, Any], lines) -> None:
        for key, value in data.items():
            if str(key).lstrip("$") == "style" and isinstance(value, str):
                line = lines.get(key, 1) if isinstance(lines, Mapping) else lines
                self._check_css(value, line)
            if (problem := value_problem(str(key), value)) is not None:
                line = lines.get(key, 1) if isinstance(lines, Mapping) else lines
                warn(logger, problem, DeckbookWarnings.MARP, (self.docname, line))


def _strip_title(title: nodes.Element, at_start: bool, at_end: bool) -> None:
    """Drop the space a removed comment leaves at either end of a heading."""
    for index, strip in ((0, at_start and str.lstrip), (-1, at_end and str.rstrip)):
        if strip and title.children and isinstance(title[index], nodes.Text):
            text = strip(str(title[index]))
            if text:
                title[index] = nodes.Text(text)
            else:
                title.remove(title[index])


def setup_marp_slides(app) -> None:
    app.add_transform(MarpSlides)
