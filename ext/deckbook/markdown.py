"""The one Markdown parser: MyST's, plus the rules of the tool a page was written for.

MyST builds its markdown-it parser inside ``MystParser.parse`` from one global
configuration, with no per-document hook, and Sphinx keeps one parser per suffix. So
one subclass, registered once for Markdown, adds per page (read phase, decided from
the page's source alone, so every builder gets the same doctree):

- kramdown's block, span and core rules on Jekyll posts (:mod:`.jekyll.kramdown`);
- math in the page's dialect: marp-core's in Marp decks, kramdown's in posts and
  ``math: true`` pages (:mod:`.math.parser`);
- on every page written for Jekyll, heading levels as its layout nests them
  (:mod:`.posts.headings`).

A page that needs neither is parsed by MyST's own ``parse``, unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from myst_parser.config.main import TopmatterReadError, merge_file_level, read_topmatter
from myst_parser.parsers.mdit import create_md_parser
from myst_parser.parsers.sphinx_ import MystParser
from myst_parser.warnings_ import create_warning

from .math.parser import MathRenderer, math_dialect
from .math.syntax import math_plugin
from .posts import kramdown
from .posts.headings import BELOW_TITLE, consecutive_headings_plugin
from .source.frontmatter import page_front_matter
from .source.titles import BODY_BELOW_TITLE

if TYPE_CHECKING:
    from docutils import nodes
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx


class KramdownMathRenderer(kramdown.KramdownRenderer, MathRenderer):
    """A post with math: the two renderers override different methods."""


def _renderer(on_kramdown: bool, with_math: bool) -> type:
    if on_kramdown:
        return KramdownMathRenderer if with_math else kramdown.KramdownRenderer
    return MathRenderer


FILE_LEVEL_KEYS = ("myst", "html_meta", "substitutions")  # myst-parser 5.2


def page_config(
    config: MdParserConfig, inputstring: str, document: nodes.document
) -> MdParserConfig:
    """What ``MystParser.parse`` does first (myst-parser 5.2): a ``myst:`` key in the
    front matter adjusts the configuration for this page.

    ``merge_file_level`` reads only the keys ``FILE_LEVEL_KEYS``: a page that never
    names one (nearly every page) keeps the configuration, without reading its front
    matter's YAML a second time (read_speed.py's measures, benchmarks/RESULTS.md)."""
    if not any(key in inputstring for key in FILE_LEVEL_KEYS):
        return config
    try:
        topmatter = read_topmatter(inputstring)
    except TopmatterReadError:
        return config  # MyST's renderer reports it
    if not topmatter:
        return config

    def warning(wtype, message):
        create_warning(document, message, wtype, line=1, append_to=document)

    return merge_file_level(config, topmatter, warning)


class DeckbookMystParser(MystParser):
    """MyST's parser; kramdown's rules on posts, math where the page's tool has it."""

    def parse(self, inputstring: str, document: nodes.document) -> None:
        env = document.settings.env
        on_kramdown = kramdown.is_kramdown_page(env, env.docname)
        dialect = math_dialect(env)
        on_jekyll = page_front_matter(env).is_jekyll(env.docname)
        if not (on_kramdown or on_jekyll or dialect is not None):
            super().parse(inputstring, document)
            return
        config = page_config(env.myst_config, inputstring, document)
        if on_kramdown:
            config = kramdown.kramdown_config(config)
        parser = create_md_parser(config, _renderer(on_kramdown, dialect is not None))
        if on_kramdown:
            parser.use(kramdown.kramdown_plugin)
        if dialect is not None:
            math_plugin(parser, dialect)
        if on_jekyll:
            parser.use(consecutive_headings_plugin)
        parser.options["document"] = document
        md_env: dict[str, Any] = {}
        parser.render(inputstring, md_env)
        if on_jekyll:
            env.current_document[BODY_BELOW_TITLE] = md_env[BELOW_TITLE]
        if on_kramdown:
            kramdown.front_matter_toc(document, env, md_env)


def setup_markdown(app: Sphinx) -> None:
    # Replaces MyST's parser for every Markdown suffix (myst_parser is set up first).
    app.add_source_parser(DeckbookMystParser, override=True)
