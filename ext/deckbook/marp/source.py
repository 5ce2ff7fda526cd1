"""Reading a Marp deck's source: the deck switch, its front matter, and Markdown
snippets (notes, header, footer) parsed the way the page itself is parsed.

At ``source-read`` a page whose front matter says ``marp: true`` keeps its front matter
(as Marp reads it: every value a string) and its source lines in the per-document
scratch data, for :mod:`deckbook.marp.slides`. Unclosed comments were already opened up
by
:mod:`deckbook.source.comments`, as on every page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils import nodes

from ..source.frontmatter import (
    FRONT_MATTER_READ,
    FrontMatter,
    is_marp,
    read_front_matter_text,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

SOURCE_KEY = "deckbook_marp_source"
__all__ = ["SOURCE_KEY", "MarkdownSnippets", "MarpSource", "is_marp", "marp_source"]


@dataclass
class MarpSource:
    front: dict[str, Any] = field(default_factory=dict)
    front_lines: int = 0  # lines taken by the front matter block (0: none)
    lines: list[str] = field(default_factory=list)
    key_lines: Mapping[str, int] = field(default_factory=dict)  # front-matter keys


def read_marp_source(app: Sphinx, docname: str, source: list[str]) -> None:
    if app.config.source_suffix.get(app.env.doc2path(docname).suffix) != "markdown":
        return
    # The front-matter reader (source/frontmatter.py) read the page first, and may
    # have rewritten a block strict YAML rejects: its reading is the one both follow.
    front = app.env.current_document.get(FRONT_MATTER_READ)
    if not isinstance(front, FrontMatter):
        front = read_front_matter_text(source[0])
    if not front.is_marp:
        return
    front_lines = front.block_lines
    lines = source[0].split("\n")
    app.env.current_document[SOURCE_KEY] = MarpSource(
        dict(front.marp), front_lines, lines, front.key_lines
    )


def marp_source(env: BuildEnvironment) -> MarpSource | None:
    return env.current_document.get(SOURCE_KEY)


class MarkdownSnippets:
    """Parse Markdown snippets of the current page as MyST parses the page.

    The snippet is parsed into a scratch document (sharing the page's settings and
    reporter) whose line numbers match the page's; the env's per-page metadata, which
    MyST's renderer rewrites (word count, slugs), is restored after each parse.
    """

    def __init__(self, document: nodes.document, env: BuildEnvironment) -> None:
        self.document = document
        self.env = env
        # math: the page's own math rules (marp-core's), as in the page's body.
        from ..math.parser import markdown_parser  # it imports this module

        self._parser = markdown_parser(env.myst_config, env)

    def parse(self, text: str, line: int | None) -> list[nodes.Node]:
        scratch = nodes.document(
            self.document.settings,
            self.document.reporter,
            source=self.document["source"],
        )
        scratch.note_source(self.document["source"], -1)
        metadata = self.env.metadata.get(self.env.docname)
        saved = dict(metadata) if metadata is not None else None
        self._parser.options["document"] = scratch
        try:
            self._parser.render("\n" * max((line or 1) - 1, 0) + text)
        finally:
            if saved is not None:
                metadata.clear()
                metadata.update(saved)
        children = unsection([child for child in scratch.children if _kept(child)])
        for child in children:
            for node in child.findall():
                # The page's document, not the scratch one: its settings hold the env,
                # which would otherwise be pickled into every deck's doctree.
                node.document = self.document
            for node in child.findall(nodes.Element):
                node["ids"], node["names"] = [], []
        return children

    def parse_inline(self, text: str, line: int | None) -> list[nodes.Node]:
        """Inline Markdown (header, footer): a paragraph's children, else the text."""
        children = self.parse(text, line)
        if len(children) == 1 and isinstance(children[0], nodes.paragraph):
            return list(children[0].children)
        return [nodes.Text(text)]


def unsection(children: list[nodes.Node], level: int = 1) -> list[nodes.Node]:
    """Sections become rubrics with a level: a note has no place in the TOC."""
    flat: list[nodes.Node] = []
    for child in children:
        if isinstance(child, nodes.section) and child.children:
            title = child[0]
            rubric = nodes.rubric(title.rawsource, "", *title.children)
            rubric["heading-level"] = min(level, 6)
            flat.append(rubric)
            flat.extend(unsection(child.children[1:], level + 1))
        else:
            flat.append(child)
    return flat


def _kept(node: nodes.Node) -> bool:
    # MyST's word-count substitution definitions belong to the scratch document.
    return not isinstance(node, nodes.substitution_definition)
