"""A post's excerpt, as Jekyll makes ``post.excerpt``: for the posts index, the feed
and the page's description.

``excerpt:`` in the front matter wins; else the text before the excerpt separator
(``excerpt_separator`` in the front matter, else in ``deckbook_site``, else
``<!--more-->``); else, as Jekyll's default separator (a blank line) gives, the first
paragraph. Kept as plain text on the post-meta node, which the posts domain collects.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..source.frontmatter import page_front_matter
from .blog_site import site_settings
from .domain import post_meta

DEFAULT_SEPARATOR = "<!--more-->"
# Nodes before the body: the title, the post-meta line, the body's own first heading
# (kept as a rubric) and a header image (blog_meta.py).
_HEAD_CLASSES = {"deckbook-source-title", "deckbook-post-header"}


class ExcerptTransform(SphinxTransform):
    # After FrontMatterTransform (AddSlugIds - 10 = 690), which adds the post-meta
    # node; before SphinxDomains (850), where the posts domain collects it.
    default_priority = 800

    def apply(self, **kwargs: Any) -> None:
        meta = next(self.document.findall(post_meta), None)
        if meta is None:
            return
        data = dict(page_front_matter(self.env).data)
        meta["excerpt"] = excerpt(meta.parent, data, site_settings(self.config))


def excerpt(section: nodes.Element, data: dict[str, Any], site: dict[str, Any]) -> str:
    if isinstance(given := data.get("excerpt"), (str, int, float)) and str(given):
        return _squeeze(str(given))
    body = [node for node in section.children if not _is_head(node)]
    separator = data.get("excerpt_separator") or site.get("excerpt_separator")
    before, found = _text_before(body, str(separator or DEFAULT_SEPARATOR))
    if found:
        return before
    first = next((n for b in body for n in b.findall(nodes.paragraph)), None)
    return _text_before([first], None)[0] if first is not None else ""


def _is_head(node: nodes.Node) -> bool:
    if isinstance(node, (nodes.title, post_meta, nodes.Invisible)):
        return True
    classes = node["classes"] if isinstance(node, nodes.Element) else []
    return bool(_HEAD_CLASSES.intersection(classes))


def _text_before(body: list[nodes.Node], separator: str | None) -> tuple[str, bool]:
    """The words of ``body`` up to ``separator`` (in the text, or a raw HTML node
    such as ``<!--more-->``), and whether it occurs. Raw HTML/LaTeX (a ``<br />``
    for a hard line break) is markup, not words."""
    parts: list[str] = []
    last_block = None
    for block in body:
        for node in block.findall(lambda n: isinstance(n, (nodes.Text, nodes.raw))):
            if isinstance(node, nodes.raw):
                if separator is not None and separator in node.astext():
                    return _squeeze("".join(parts)), True
                parts.append(" ")
                continue
            if isinstance(node.parent, (nodes.raw, nodes.Invisible)):
                continue  # a raw node's own text, a comment
            text = str(node)
            if (owner := _block_of(node)) is not last_block:
                parts.append(" ")  # the words of two blocks never run together
                last_block = owner
            if separator is not None and separator in text:
                parts.append(text.split(separator, 1)[0])
                return _squeeze("".join(parts)), True
            parts.append(text)
    return _squeeze("".join(parts)), False


def _block_of(node: nodes.Node) -> nodes.Node | None:
    """The paragraph, title… a text belongs to (through emphasis, links…)."""
    parent = node.parent
    while parent is not None and isinstance(parent, nodes.Inline):
        parent = parent.parent
    return parent


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def setup_blog_excerpt(app) -> None:
    app.add_transform(ExcerptTransform)
