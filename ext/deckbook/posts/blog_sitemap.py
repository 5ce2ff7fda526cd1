"""``sitemap.xml`` of the book, as jekyll-sitemap writes it.

Every page of the book, plus the generated category and tag pages, with a post's date
as ``lastmod``. Written once per book build (html, dirhtml) at ``build-finished`` from
the environment, so parallel writers lose nothing. ``sphinx-sitemap`` does not fit: it
refuses to write without ``html_baseurl`` and collects the pages in the write phase;
Deckbook, like jekyll-sitemap without ``url:``, writes site-relative addresses then.
Redirect stubs (blog_urls.py) are not pages and are not listed.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from .._assets import BOOK_BUILDERS
from .blog_site import url_for, write_if_changed
from .categories import generated_pagenames

if TYPE_CHECKING:
    from sphinx.application import Sphinx

SITEMAP = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_entries(app: Sphinx) -> list[tuple[str, str]]:
    """``(url, lastmod or "")`` of every page, in page-name order."""
    posts = app.env.domains["posts"].posts
    names = sorted(set(app.env.found_docs) | set(generated_pagenames(app.env)))
    entries = []
    for name in names:
        lastmod = (posts.get(name) or {}).get("date", "")[: len("YYYY-MM-DD")]
        entries.append((url_for(app.config, app.builder.get_target_uri(name)), lastmod))
    return entries


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in BOOK_BUILDERS:
        return
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for loc, lastmod in sitemap_entries(app):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = loc or "./"
        if lastmod:
            ET.SubElement(url, "lastmod").text = lastmod
    ET.indent(urlset)
    content = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    write_if_changed(Path(app.outdir, SITEMAP), content)


def setup_blog_sitemap(app: Sphinx) -> None:
    app.connect("build-finished", write_sitemap)
