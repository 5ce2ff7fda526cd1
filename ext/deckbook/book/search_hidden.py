"""Hidden text stays out of the book's search index: HTML comments become comment nodes.

MyST keeps ``<!-- … -->`` as ``nodes.raw(format="html")``. Sphinx's indexer skips
``nodes.comment`` but indexes raw HTML after stripping tags with ``<[^<]+?>``, which
ends a comment at its first ``>``: ``<!-- a -> 숨은말 -->`` puts 숨은말 in the index.
Speaker notes and Marp directives are read out of comments by then (notes.py,
marp*.py); what is left is hidden on purpose. In the book only: decks read comments
(sphinx-revealjs turns ``nodes.comment`` into notes), and the doctree stays shared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

if TYPE_CHECKING:
    from sphinx.application import Sphinx

OPEN, CLOSE = "<!--", "-->"


def split_comments(html: str) -> list[tuple[bool, str]]:
    """``html`` cut into ``(is_comment, text)`` pieces; a comment's text is its body.

    An unclosed ``<!--`` hides the rest, as it does in a browser.
    """
    pieces: list[tuple[bool, str]] = []
    position = 0
    while (start := html.find(OPEN, position)) != -1:
        if start > position:
            pieces.append((False, html[position:start]))
        end = html.find(CLOSE, start + len(OPEN))
        stop = len(html) if end == -1 else end
        pieces.append((True, html[start + len(OPEN) : stop]))
        position = len(html) if end == -1 else end + len(CLOSE)
    if position < len(html):
        pieces.append((False, html[position:]))
    return pieces


class HiddenCommentsTransform(SphinxPostTransform):
    """Raw HTML comments in the book become ``nodes.comment``, which search skips.

    The HTML stays equivalent: docutils writes a comment node as ``<!-- text -->``.
    """

    builders = ("html", "dirhtml")
    # Last among post-transforms (Sphinx's own run at 5-100): the index is fed after
    # them all, and no other transform looks for raw comments in the book.
    default_priority = 900

    def run(self, **kwargs) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            text = raw.astext()
            if "html" not in raw.get("format", "").split() or OPEN not in text:
                continue
            if "<script" in text.lower() or "<style" in text.lower():
                continue  # may hold a "<!--" of its own; Sphinx drops these anyway
            replacement = []
            for is_comment, piece in split_comments(text):
                node = (
                    nodes.comment(piece, piece)
                    if is_comment
                    else nodes.raw(piece, piece, format=raw["format"])
                )
                node.source, node.line = raw.source, raw.line
                replacement.append(node)
            raw.replace_self(replacement)


def setup_search_hidden(app: Sphinx) -> None:
    app.add_post_transform(HiddenCommentsTransform)
