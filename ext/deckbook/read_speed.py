"""Read-phase speed measures that change no doctree (each measured; benchmarks/).

**No throw-away docutils document per render.** MyST's ``setup_render`` reads
``options.get("document", make_document())``: the default is evaluated even when a
document is given, as Deckbook always gives one, and ``make_document`` builds a
docutils settings parser (``OptionParser``, some ninety ``optparse.Option``) to
discard it. A 300-page build renders about 1,700 times (pages, and each note, header
and footer of a Marp deck), which was 3 % of its time. :class:`DocumentGivenRenderer`
is MyST's Sphinx renderer with the same ``setup_render``, minus that default; it
refuses a render without a document rather than build one.

**Block structure from a parser built once, without inline parsing.** A source-read step
that only needs where blocks are, the code lines of a post that Liquid leaves alone
(:func:`deckbook.posts.liquid_render.code_lines`), built a markdown-it parser a page and
ran every rule, inline ones too (with the heading levels, which now change on the page's
own parse, :mod:`deckbook.posts.headings`: 8 % of a build). :func:`block_tokens` runs
only the core rules up to and including ``block`` (normalising and block parsing): the
block tokens, their ``map``, ``markup``, ``tag`` and nesting ``level``, are exactly
those of a full parse, as the later core rules (inline, and plugins' rules such as
heading anchors) only add children and attributes. The parser is built once per
configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, MutableMapping
from typing import TYPE_CHECKING, Any

from markdown_it import MarkdownIt
from myst_parser.mdit_to_docutils.base import get_language_rst
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer

if TYPE_CHECKING:
    from markdown_it.token import Token

BLOCK_CORE_RULES = ("normalize", "block")  # markdown-it's core chain up to the blocks


class DocumentGivenRenderer(SphinxRenderer):
    """MyST's Sphinx renderer; ``setup_render`` as MyST 5.2's, without evaluating a
    default document (``tests/test_read_speed.py`` compares the two)."""

    def setup_render(
        self, options: dict[str, Any], env: MutableMapping[str, Any]
    ) -> None:
        if "document" not in options:  # MyST would make one; Deckbook always gives it
            super().setup_render(options, env)
            return
        self.md_env = env
        self.md_options = options
        self.md_config = options["myst_config"]
        self.document = options["document"]
        self.current_node = options.get("current_node", self.document)
        self.reporter = self.document.reporter
        self.language_module_rst = get_language_rst(
            self.document.settings.language_code
        )
        self._heading_offset = 0
        self._level_to_section = {0: self.document}
        self._heading_slugs = {}


_block_parsers: dict[Hashable, tuple[Any, MarkdownIt]] = {}


def block_tokens(
    key: Hashable, config: Any, build: Callable[[], MarkdownIt], text: str
) -> list[Token]:
    """The block tokens of ``text`` by the parser ``build()`` makes, built once per
    ``key`` and ``config`` (compared by value: a changed configuration builds anew)."""
    cached = _block_parsers.get(key)
    if cached is None or cached[0] != config:
        parser = build()
        parser.core.ruler.enableOnly(list(BLOCK_CORE_RULES))
        cached = _block_parsers[key] = (config, parser)
    return cached[1].parse(text)
