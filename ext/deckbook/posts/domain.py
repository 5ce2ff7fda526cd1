"""Posts: the post-meta line, a domain of posts, ``{postlist}`` and category pages.

:mod:`.fields` decides what a post is and puts a :class:`post_meta` node under its
title; :class:`PostsDomain` collects them (the ``sphinx.ext.todo`` pattern).
``{postlist}`` is replaced at ``doctree-resolved`` by the posts, newest first. The book
(html/dirhtml only) gets a page per category at ``categories/<slug>`` and per tag at
``tags/<slug>``, and an index of each (``categories/index``, ``tags/index``),
rendered with the theme's ``page.html``. Post-meta links to them are ``pending_xref``
nodes the domain resolves: to plain text where those pages do not exist (decks,
LaTeX, text…). Each list entry shows the post's excerpt (posts/blog_excerpt.py).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.domains import Domain
from sphinx.errors import NoUri
from sphinx.util.docutils import SphinxDirective

from .. import _log
from .._assets import BOOK_BUILDERS, add_book_css

if TYPE_CHECKING:
    from collections.abc import Set

    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = _log.get_logger(__name__)


class post_meta(nodes.General, nodes.TextElement):
    """A post's date, author and categories line; its attributes (:data:`POST_KEYS`)
    are what the domain collects."""


# What the domain keeps of each post; ``excerpt`` is plain text (blog_excerpt.py).
POST_KEYS = (
    *("date", "sortkey", "label", "categories", "tags"),
    *("author", "description", "excerpt"),
)


class post_date(nodes.Inline, nodes.TextElement):
    """A post's date: ``<time datetime=…>`` in HTML, plain text elsewhere."""


class postlist(nodes.General, nodes.Element):
    """Placeholder for ``{postlist}``, always replaced at ``doctree-resolved``."""


def slugify(name: str) -> str:
    """A file-name-safe slug: lower case, Unicode letters and digits kept (한글 too),
    other runs become ``-``. Never empty, a path separator, ``..`` or ``index``."""
    slug = re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", name).lower())
    slug = slug.strip("-")
    if not slug or slug == "index":
        slug = "category-" + (slug or hashlib.sha1(name.encode()).hexdigest()[:8])
    return slug


# Where each kind of name has its pages (Jekyll themes: /categories/ and /tags/).
FOLDERS = {"categories": "categories", "tags": "tags"}


def category_pagename(name: str, key: str = "categories") -> str:
    return FOLDERS[key] + "/" + slugify(name)


# --- the post-meta line, and each post's line in a list -------------------------


def build_post_meta(post: dict[str, Any], docname: str, near: nodes.Node) -> post_meta:
    """``date · author · category, category · #tag`` (links resolved later by the
    domain)."""
    meta = post_meta("", "", classes=["deckbook-post-meta"], **post)
    meta.source, meta.line = near.source, near.line

    def link(name: str, key: str) -> addnodes.pending_xref:
        return _category_xref(name, key, docname)

    # The author shows on the post's own page (and its deck), not in lists of posts.
    meta.extend(_meta_parts(post, link, author=post.get("author", "")))
    return meta


def _meta_parts(post: dict[str, Any], link, title=None, author: str = "") -> list:
    """``date · author · title · categories · #tags``; ``link(name, key)`` makes each
    name's node: a ``pending_xref`` in the read phase, a resolved link afterwards."""
    groups: list[list[nodes.Node]] = []
    if post["date"]:
        groups.append([post_date(post["label"], post["label"], datetime=post["date"])])
    if author:
        groups.append([nodes.inline(author, author, classes=["deckbook-post-author"])])
    if title is not None:
        groups.append([title])
    for key in ("categories", "tags"):
        if post[key]:
            groups.append(_joined([[link(name, key)] for name in post[key]], ", "))
    return _joined(groups, " · ")


def _joined(groups: list[list[nodes.Node]], separator: str) -> list[nodes.Node]:
    """The groups' nodes with a fresh Text(separator) between groups (a node has
    one parent, so one separator node cannot be reused)."""
    out: list[nodes.Node] = []
    for group in groups:
        out.extend([nodes.Text(separator), *group] if out else group)
    return out


def _category_text(name: str, key: str) -> nodes.inline:
    text = name if key == "categories" else "#" + name
    css = "deckbook-category" if key == "categories" else "deckbook-tag"
    return nodes.inline(text, text, classes=[css])


def _category_xref(name: str, key: str, docname: str) -> addnodes.pending_xref:
    xref = addnodes.pending_xref("", _category_text(name, key), refdoc=docname)
    reftype = "category" if key == "categories" else "tag"
    xref["refdomain"], xref["reftype"], xref["reftarget"] = "posts", reftype, name
    xref["refexplicit"], xref["refwarn"] = True, False
    return xref


def link_to(builder: Builder, fromdoc: str, target: str, content: nodes.Node):
    try:
        uri = builder.get_relative_uri(fromdoc, target)
    except NoUri:  # e.g. LaTeX, for a page outside the document
        return content
    return nodes.reference("", "", content, internal=True, refuri=uri)


def category_link(
    builder: Builder, fromdoc: str, name: str, content: nodes.Node, key="categories"
):
    target = category_pagename(name, key)
    if builder.name not in BOOK_BUILDERS or target == fromdoc:
        return content  # no category pages in this output, or a link to itself
    return link_to(builder, fromdoc, target, content)


def post_entries(builder: Builder, env: BuildEnvironment, fromdoc: str, posts):
    def link(name: str, key: str) -> nodes.Node:
        return category_link(builder, fromdoc, name, _category_text(name, key), key)

    listing = nodes.bullet_list(classes=["deckbook-postlist"])
    for docname, post in posts:
        title = link_to(
            builder, fromdoc, docname, nodes.inline(text=_title(env, docname))
        )
        parts = _meta_parts(post, link, title)
        entry = nodes.paragraph("", "", *parts, classes=["deckbook-post-entry"])
        item = nodes.list_item("", entry)
        if post.get("excerpt"):  # as Jekyll themes list posts: with their excerpt
            excerpt = nodes.paragraph(post["excerpt"], post["excerpt"])
            excerpt["classes"] = ["deckbook-post-excerpt"]
            item += excerpt
        listing += item
    return listing


def _title(env: BuildEnvironment, docname: str) -> str:
    return env.titles[docname].astext() if docname in env.titles else docname


# --- the domain -----------------------------------------------------------------


class PostsDomain(Domain):
    """``self.data``: ``posts`` maps each post's docname to its post-meta attributes;
    ``postlists`` holds the docnames of pages with a ``{postlist}``."""

    name = "posts"
    label = "Posts"
    data_version = 2  # raise when the shape of self.data changes (2: author, …)
    initial_data: ClassVar[dict[str, Any]] = {"posts": {}, "postlists": set()}

    @property
    def posts(self) -> dict[str, dict[str, Any]]:
        return self.data.setdefault("posts", {})

    @property
    def postlists(self) -> set[str]:
        return self.data.setdefault("postlists", set())

    def clear_doc(self, docname: str) -> None:
        self.posts.pop(docname, None)
        self.postlists.discard(docname)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["posts"]:
                self.posts[docname] = otherdata["posts"][docname]
        self.postlists.update(otherdata["postlists"] & set(docnames))

    def process_doc(self, env, docname: str, document: nodes.document) -> None:
        if (meta := next(document.findall(post_meta), None)) is not None:
            self.posts[docname] = {key: meta.get(key, "") for key in POST_KEYS}
        if next(document.findall(postlist), None) is not None:
            self.postlists.add(docname)

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ in ("category", "tag"):
            key = "categories" if typ == "category" else "tags"
            return category_link(builder, fromdocname, target, contnode, key)
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []  # nobody writes category references by hand

    def sorted_posts(self, env: BuildEnvironment) -> list[tuple[str, dict[str, Any]]]:
        """Newest first, ties by title; undated posts (empty sortkey) last."""
        posts = sorted(self.posts.items(), key=lambda item: _title(env, item[0]))
        return sorted(posts, key=lambda item: item[1]["sortkey"], reverse=True)

    def categories(self, keys=("categories", "tags")) -> dict[str, tuple[str, set]]:
        """``{slug: (name, docnames)}`` of the categories and tags (or of ``keys``
        only). Names with one slug (``AWS``, ``aws``) are one, under the most used
        spelling."""
        names: dict[str, Counter] = {}
        docs: dict[str, set[str]] = {}
        for docname, post in self.posts.items():
            for name in (name for key in keys for name in post[key]):
                names.setdefault(slugify(name), Counter())[name] += 1
                docs.setdefault(slugify(name), set()).add(docname)
        return {
            slug: (min(counts, key=lambda name: (-counts[name], name)), docs[slug])
            for slug, counts in sorted(names.items())
        }


# --- {postlist} -----------------------------------------------------------------


class PostListDirective(SphinxDirective):
    """The posts, newest first; ``:category:`` keeps those with that category or tag,
    ``:limit:`` the first N. Emits ``postlist(category, limit)``, replaced at
    ``doctree-resolved`` by::

        bullet_list (classes: deckbook-postlist)
            list_item
                paragraph: post_date · reference(title) · categories · #tags
    """

    option_spec: ClassVar[dict[str, Any]] = {
        "category": directives.unchanged_required,
        "limit": directives.positive_int,
        "class": directives.class_option,
        "name": directives.unchanged,
    }

    def run(self) -> list[nodes.Node]:
        node = postlist("", category=self.options.get("category", ""))
        node["limit"] = self.options.get("limit", 0)
        node["classes"] += self.options.get("class", [])
        self.set_source_info(node)
        self.add_name(node)
        return [node]


def remember_listing(app: Sphinx, env, added, changed, removed) -> set[str]:
    """Before reading (``env-get-outdated``): what the post lists show now."""
    env.domains["posts"].listing_before_reading = _listing(env)
    return set()  # nothing to re-read: a {postlist} is filled in when written


def rewrite_postlists(app: Sphinx, env) -> list[str]:
    """After reading (``env-get-updated``): rewrite the pages with a ``{postlist}`` if
    what they list changed (a post's date, title, categories or tags; a post added or
    removed), and only then: a body edit rewrites no list (incremental.py)."""
    domain: PostsDomain = env.domains["posts"]
    before = getattr(domain, "listing_before_reading", None)
    domain.listing_before_reading = None
    if before is None or before == _listing(env):
        return []
    return sorted(domain.postlists)


def _listing(env) -> list[tuple[str, str, str]]:
    posts = env.domains["posts"].posts
    return sorted((doc, repr(post), _title(env, doc)) for doc, post in posts.items())


def resolve_postlists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    domain: PostsDomain = app.env.domains["posts"]
    for node in list(doctree.findall(postlist)):
        posts = domain.sorted_posts(app.env)
        if node["category"]:
            slug = slugify(node["category"])
            _, docnames = domain.categories().get(slug, ("", set()))
            posts = [(doc, post) for doc, post in posts if doc in docnames]
            if not posts:
                message = f"postlist: no post has the category {node['category']!r}"
                _log.warn(logger, message, _log.DeckbookWarnings.POSTS, node)
        posts = posts[: node["limit"] or None]
        listing = post_entries(app.builder, app.env, docname, posts)
        listing["ids"] = node["ids"]
        listing["classes"] += node["classes"]
        node.replace_self(listing)


# --- assets and visitors --------------------------------------------------------


def add_static_assets(app: Sphinx) -> None:
    add_book_css(app, "deckbook-posts.css")


def _visit_meta(self, node: post_meta) -> None:
    if not node.children:  # a post with neither a date nor categories
        raise nodes.SkipNode
    self.visit_paragraph(node)  # HTML: <p class="deckbook-post-meta">


def _depart_meta(self, node: post_meta) -> None:
    self.depart_paragraph(node)


def _visit_time(self, node: post_date) -> None:
    self.body.append(self.starttag(node, "time", "", datetime=node["datetime"]))


def _depart_time(self, node: post_date) -> None:
    self.body.append("</time>")


def _visit_date(self, node: post_date) -> None:
    self.visit_inline(node)


def _depart_date(self, node: post_date) -> None:
    self.depart_inline(node)


def setup_posts_domain(app: Sphinx) -> None:
    # revealjs builders are named explicitly (STYLE rule 4), not left to
    # sphinx-revealjs copying the html visitors at config-inited.
    html = ("html", "revealjs", "dirrevealjs")
    builders = (*html, "latex", "text", "man", "texinfo")
    app.add_node(post_meta, **dict.fromkeys(builders, (_visit_meta, _depart_meta)))
    time, text = (_visit_time, _depart_time), (_visit_date, _depart_date)
    app.add_node(post_date, **{b: time if b in html else text for b in builders})
    app.add_node(postlist)
    app.add_domain(PostsDomain)
    app.add_directive("postlist", PostListDirective)
    app.connect("env-get-outdated", remember_listing)
    app.connect("env-get-updated", rewrite_postlists)
    app.connect("doctree-resolved", resolve_postlists)
    app.connect("builder-inited", add_static_assets)
