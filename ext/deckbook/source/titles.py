"""A page's title from its front matter, as Jekyll titles it (DESIGN §3.1).

The read-phase :class:`FrontMatterTransform` gives every builder the same doctree: the
front-matter ``title`` (or, failing any title, the file name) titles the page, and a
different first ``#`` heading stays visible under it. The front matter itself was read
once at ``source-read`` (:mod:`.frontmatter`); a post's date and categories
line is
added next, by :mod:`deckbook.posts.fields`. ``layout``, ``comments`` and unknown keys
are accepted silently, as in Jekyll.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from myst_parser.mdit_to_docutils.transforms import AddSlugIds
from sphinx.transforms import SphinxTransform

from .. import _log
from .frontmatter import JEKYLL_NAME, page_front_matter

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = _log.get_logger(__name__)
# env.current_document: True when the body's headings start below `#` (a Jekyll post's
# `##`, posts/headings.py): its first section is a section too, never the rubric.
BODY_BELOW_TITLE = "deckbook_body_below_title"
# Stay before the title: the docinfo (see _retitle) and nodes nobody sees; a raw HTML
# block, say, is content and moves under the title.
_DOCUMENT_HEAD = (nodes.docinfo, nodes.Invisible, nodes.system_message, nodes.meta)


class FrontMatterTransform(SphinxTransform):
    """Title the page from its front matter (or file name); add the post-meta line.

    For ``title: T`` over a body starting ``# H``::

        section (names: T)
            title: T
            post_meta (a post only)
            rubric (classes: deckbook-source-title; the ids, names and slug of H): H
            …the body of H, its ``##`` sections now direct subsections…
    """

    # After MyST's PrioritiseExplicitIds (262): explicit labels already sit on the
    # heading whose ids move to the rubric. Before MyST's AddSlugIds (700): the slug
    # anchor lands on the rubric too. Before SphinxDomains (850) and doctree-read
    # (880), where the posts domain and Sphinx's TitleCollector read the result.
    default_priority = AddSlugIds.default_priority - 10

    def apply(self, **kwargs: Any) -> None:
        docname = self.env.docname
        if not _is_main_document(self.document, self.env.doc2path(docname)):
            return
        front = page_front_matter(self.env)
        if front.is_marp:
            # A Marp `title` is a deck directive, and marp/ owns the slides.
            return
        data = dict(front.data)
        warn = warner(docname, front.key_lines)
        title = _front_matter_title(data, warn)
        if self.env.myst_config.title_to_header:
            title = None  # MyST already made the title a heading of its own
        first = next(self.document.findall(nodes.section), None)
        keep = bool(self.env.current_document.get(BODY_BELOW_TITLE))
        if first is None:
            title = title or title_from_filename(docname, self.config.project)
            _retitle(self.document, title)
        elif title is not None and not _same(first[0].astext(), title):
            _retitle(self.document, title, keep_sections=keep)


def is_main_document(document: nodes.document, env) -> bool:
    """True for the document being read, not one parsed on the side."""
    return _is_main_document(document, env.doc2path(env.docname))


def _is_main_document(document: nodes.document, path: Path) -> bool:
    """False for documents parsed on the side (e.g. translated messages)."""
    source = document.get("source")
    return bool(source) and Path(source).resolve() == Path(path).resolve()


def warner(docname: str, key_lines):
    def warn(key: str, message: str) -> None:
        location = (docname, key_lines.get(key, 1))
        _log.warn(logger, message, _log.DeckbookWarnings.FRONTMATTER, location)

    return warn


def _front_matter_title(data: dict[str, Any], warn) -> str | None:
    title = data.get("title")
    if isinstance(title, (list, dict)):
        kind = type(title).__name__
        warn("title", f"front matter 'title' is a {kind}, not text; it is ignored")
        return None
    if title is None:
        return None
    return " ".join(str(title).split()) or None  # `title: ""` is no title


def _same(heading: str, title: str) -> bool:
    return " ".join(heading.split()) == " ".join(title.split())


def title_from_filename(docname: str, project: str) -> str:
    """Jekyll's ``titleize_slug``: ``2021-01-15-my-post`` → ``My Post``, keeping the
    rest of each word (Ruby's ``capitalize`` would turn ``AWS`` into ``Aws``). An
    ``index`` page takes its folder's name, or the project's."""
    parts = docname.split("/")
    stem = parts[-1] if parts[-1] != "index" else (parts[-2:-1] or [project])[0]
    if match := JEKYLL_NAME.fullmatch(stem):
        stem = match.group(2)
    words = [word for word in re.split(r"[-_\s]+", stem) if word]
    return " ".join(word[:1].upper() + word[1:] for word in words) or stem


def _retitle(document: nodes.document, title: str, keep_sections=False) -> None:
    """Wrap the body in a section titled *title*; the first heading becomes a rubric
    if it is the only top-level one (and not ``keep_sections``).

    The docinfo stays in front: Sphinx's MetadataCollector only takes (and
    removes) it from there."""
    children = list(document.children)
    start = next(
        (i for i, node in enumerate(children) if not isinstance(node, _DOCUMENT_HEAD)),
        len(children),
    )
    body = children[start:]
    sections = [node for node in body if isinstance(node, nodes.section)]
    # One top-level section is the body's own `# heading`. Several are a post's `##`
    # sections (MyST nests from the first level used): they all stay sections.
    first = sections[0] if len(sections) == 1 and not keep_sections else None
    section = nodes.section("", nodes.title(title, title))
    if body:
        section.source, section.line = body[0].source, body[0].line
    for node in body:
        document.remove(node)
        if node is first:
            section += _heading_as_rubric(node, document)
            section.extend(node.children[1:])
        else:
            section += node
    section["names"].append(nodes.fully_normalize_name(title))
    document += section
    document.note_implicit_target(section, section)


def _heading_as_rubric(section: nodes.section, document: nodes.document):
    heading = section[0]
    rubric = nodes.rubric(heading.rawsource, "", *heading.children)
    rubric["classes"] = ["deckbook-source-title", *heading["classes"]]
    rubric.source, rubric.line = heading.source or section.source, heading.line
    for attribute in ("ids", "names", "dupnames"):
        rubric[attribute] = section[attribute]
    if "slug" in section:  # MyST's heading anchor, made an id by AddSlugIds
        rubric["slug"] = section["slug"]
    for node_id in rubric["ids"]:
        document.ids[node_id] = rubric
    return rubric


def setup_titles(app: Sphinx) -> None:
    app.add_transform(FrontMatterTransform)
