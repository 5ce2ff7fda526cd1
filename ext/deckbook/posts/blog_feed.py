"""An Atom feed of the posts at ``feed.xml``, as jekyll-feed writes it.

The newest ``deckbook_feed_limit`` posts (jekyll-feed's ``posts_limit``, 10), each with
title, link, id, published/updated date, author (the post's, else the site's) and its
excerpt as summary. Every book page links it from ``<head>``. Written once per book
build at ``build-finished`` from the posts domain (filled at read time, merged from
parallel readers). Links are absolute when the site has a URL (``html_baseurl`` or
``deckbook_site['url']``), else relative to the feed, as jekyll-feed's
``absolute_url`` gives without ``url:``.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from feedgen.feed import FeedGenerator

from .._assets import BOOK_BUILDERS
from .blog_site import site_settings, site_url, url_for, write_if_changed

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FEED = "feed.xml"


def feed_posts(app: Sphinx) -> list[tuple[str, dict[str, Any]]]:
    """The posts the feed lists: dated ones, newest first, at most the limit."""
    posts = app.env.domains["posts"].sorted_posts(app.env)
    dated = [(docname, post) for docname, post in posts if post["date"]]
    return dated[: app.config.deckbook_feed_limit]


def feed_title(app: Sphinx) -> str:
    return str(site_settings(app.config).get("title") or app.config.html_title or "")


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in BOOK_BUILDERS:
        return
    if not app.env.domains["posts"].posts:
        return  # not a blog: no feed, and no page links one
    feed = FeedGenerator()
    feed.title(feed_title(app) or app.config.project)
    feed.id(url_for(app.config, FEED) if site_url(app.config) else FEED)
    feed.link(href=url_for(app.config, FEED), rel="self")
    feed.link(href=url_for(app.config, "") or "./", rel="alternate")
    feed.generator("Deckbook")  # no version: the feed changes only with the posts
    if app.config.language:
        feed.language(app.config.language)
    if site_author := str(app.config.author or ""):
        feed.author(name=site_author)
    entries = feed_posts(app)
    for docname, post in reversed(entries):  # add_entry prepends: newest on top
        _add_entry(app, feed, docname, post, site_author)
    newest = _when(entries[0][1]["date"]) if entries else dt.datetime(1970, 1, 1)
    feed.updated(newest.replace(tzinfo=newest.tzinfo or dt.UTC))
    write_if_changed(Path(app.outdir, FEED), feed.atom_str(pretty=True))


def _add_entry(app: Sphinx, feed, docname: str, post: dict, site_author: str) -> None:
    env = app.env
    link = url_for(app.config, app.builder.get_target_uri(docname))
    entry = feed.add_entry()
    entry.id(link)
    title = env.titles[docname].astext() if docname in env.titles else docname
    entry.title(title)
    entry.link(href=link, rel="alternate")
    when = _when(post["date"])
    entry.published(when)
    entry.updated(when)
    if author := post.get("author") or site_author:
        entry.author(name=author)
    # jekyll-feed's summary: the description, else the excerpt.
    if summary := post.get("description") or post.get("excerpt"):
        entry.summary(summary)
    for name in post["categories"] + post["tags"]:
        entry.category(term=name)


def _when(iso: str) -> dt.datetime:
    """An aware time (a date or a naive time is taken as UTC, Atom needs a zone)."""
    when = dt.datetime.fromisoformat(iso)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def link_feed(app: Sphinx, pagename: str, templatename, context, doctree) -> None:
    """``<link rel="alternate" type="application/atom+xml">`` in every book page."""
    if app.builder.name not in BOOK_BUILDERS or not app.env.domains["posts"].posts:
        return
    href = context["pathto"](FEED, resource=True)
    title = escape(feed_title(app) or app.config.project)
    tag = f'<link rel="alternate" type="application/atom+xml" title="{title}" '
    tag += f'href="{escape(href)}">\n'
    context["metatags"] = context.get("metatags", "") + tag


def setup_blog_feed(app: Sphinx) -> None:
    app.add_config_value("deckbook_feed_limit", 10, "html", types=frozenset({int}))
    app.connect("html-page-context", link_feed)
    app.connect("build-finished", write_feed)
