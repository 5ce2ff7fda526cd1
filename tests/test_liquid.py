"""Liquid on Jekyll posts (issue 12): tags, filters, site/page, warnings, lines."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

from tests.nothing_lost import liquid_source_words, source_words, words
from tests.sites import build_with_warnings, copy_root, soup

POST = "posts/2024-01-15-liquid-tags"
BROKEN = "posts/2024-02-01-broken"
WARNINGS = [
    "posts/2009-01-01-textile-post.textile:1: WARNING: "
    "posts/2009-01-01-textile-post.textile has front matter, as a Jekyll page, but "
    "Deckbook does not read .textile files; it is not in the site (Markdown files "
    "are read) [deckbook.unread_source]",
    f"{BROKEN}.md:7: WARNING: Liquid: {{{{ page.subtitle }}}} is undefined; it is "
    "shown as written [deckbook.liquid]",
    f"{BROKEN}.md:9: WARNING: unknown tag in {{% youtube %}}: unexpected tag "
    "'youtube'; the Liquid is shown as written [deckbook.liquid]",
    f"{BROKEN}.md:11: WARNING: Liquid error in {{{{ … }}}}: unknown filter "
    "'no_such_filter'; the Liquid is shown as written [deckbook.liquid]",
    f"{BROKEN}.md:13: WARNING: Liquid error in {{% if %}}: expected tag endif, "
    "found end of expression; the Liquid is shown as written [deckbook.liquid]",
    f"{BROKEN}.md:16: WARNING: Liquid error in {{% include %}}: include: there is "
    "no file _includes/missing.html; the Liquid is shown as written "
    "[deckbook.liquid]",
    f"{BROKEN}.md:18: WARNING: Liquid error in {{% post_url %}}: post_url: there "
    "is no post '2001-01-01-missing'; the Liquid is shown as written "
    "[deckbook.liquid]",
    f"{BROKEN}.md:20: WARNING: Liquid error in {{% include %}}: include "
    "'../conf.py' is outside _includes/; the Liquid is shown as written "
    "[deckbook.liquid]",
    f"{BROKEN}.md:22: WARNING: Liquid error in {{% include %}}: maximum context "
    "depth reached, possible recursive include; the Liquid is shown as written "
    "[deckbook.liquid]",
    f"{BROKEN}.md:24: WARNING: Liquid error in {{% include %}}: missing expression "
    "(in _includes/broken.html:2); the Liquid is shown as written [deckbook.liquid]",
    f"{BROKEN}.md:30: WARNING: Liquid syntax error: expected '}}}}', found end of "
    "file; the Liquid is shown as written [deckbook.liquid]",
    # Sphinx's own warning after all those pieces still names the right line.
    f"{BROKEN}.md:28: WARNING: image file not readable: posts/nowhere.png "
    "[image.not_readable]",
]


def warnings(app) -> list[str]:
    prefix = f"{Path(app.srcdir)}{os.sep}"
    lines = strip_escape_sequences(app.warning.getvalue()).splitlines()
    return [line.replace(prefix, "") for line in lines if "WARNING" in line]


def article(app, name: str) -> BeautifulSoup:
    html = (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")
    found = BeautifulSoup(html, "html.parser").select_one("article")
    for link in found.select("a.headerlink"):
        link.decompose()
    return found


@pytest.mark.sphinx("html", testroot="liquid", freshenv=True)
def test_each_problem_warns_with_its_line_and_nothing_else_does(app):
    app.build()
    assert warnings(app) == WARNINGS  # no myst.header for posts starting at ##


@pytest.mark.sphinx("html", testroot="liquid")
def test_post_doctree(app, file_regression):
    app.build()
    doctree = app.env.get_doctree(POST).pformat()
    file_regression.check(doctree.replace(str(app.srcdir), "SRC"), extension=".xml")


@pytest.mark.sphinx("html", testroot="liquid")
def test_post_html(app, file_regression):
    app.build()
    file_regression.check(article(app, POST).prettify(), extension=".html")


@pytest.mark.sphinx("html", testroot="liquid")
def test_highlight_is_code_verbatim(app):
    app.build()
    blocks = article(app, POST).select("div.highlight pre")
    ruby, html, liquid = (pre.get_text() for pre in blocks)
    assert ruby == (
        '1def foo\n2  puts "foo #{1 + 2}"\n3end\n4# not a heading, a Ruby comment\n'
    )
    assert html == "<b>shown as code, never bold</b>\n"
    assert liquid == "{% if user %}\n  Hello {{ user.name }}!\n{% endif %}\n"
    assert (
        blocks[2].select_one("span.hll").get_text().strip() == "Hello {{ user.name }}!"
    )
    assert not article(app, POST).select("div.highlight b, h2#not-a-heading")


@pytest.mark.sphinx("html", testroot="liquid")
def test_site_page_and_filters(app):
    app.build()
    text = article(app, POST).get_text(" ", strip=True)
    for expected in (
        "This site is My Jekyll Blog at https://example.com",
        "Posts written from the Jekyll docs",
        "The post LIQUID TAGS AND FILTERS was written by Jekyll Writer",
        "January 15, 2024 (2024-01-15T00:00:00)",
        "My favorite food is Apples, Hello world.",
        "Captured: I am being captured. The tags are liquid and templates.",
        "Absolute: https://example.com/blog/feed.xml; slug: the-config-yml-file;",
        "escaped: Tom & Jerry; words: 3.",
        "This post is about Jekyll.",
    ):
        assert expected in text
    assert "dropped" not in text  # {% comment %}


@pytest.mark.sphinx("html", testroot="liquid")
def test_raw_include_and_links(app):
    app.build()
    post = article(app, POST)
    text = post.get_text(" ", strip=True)
    assert "In Handlebars, {{ this }} will be HTML-escaped, but {{{ that }}}" in text
    assert post.select_one("p code").get_text() == "{{ page.title }}"
    note = post.select_one("div.alert")
    assert note.get_text(" ", strip=True) == "Note: This is my sample note."
    aside = post.select_one("aside").get_text()
    assert aside == "Included from beside the post."
    links = {a.get_text(): a["href"] for a in post.select("a.reference.internal")}
    for name in ("the other post", "link", "reference", "with the base URL"):
        assert links[name] == "2010-07-21-name-of-post.html"
    assert post.select_one("img")["src"] == "../_images/logo.png"


@pytest.mark.sphinx("html", testroot="liquid")
def test_myst_pages_keep_substitutions_and_liquid_can_be_off(app):
    app.build()
    page = article(app, "page").get_text(" ", strip=True)
    assert "so Deckbook is substituted" in " ".join(page.split())
    off = article(app, "posts/2024-03-01-liquid-off").get_text(" ", strip=True)
    assert "{{ site.title }} and {% raw %} stay as written" in off


@pytest.mark.sphinx("html", testroot="liquid")
def test_markdown_extension_is_read(app):
    app.build()
    older = article(app, "posts/2010-07-21-name-of-post")
    assert older.select_one("h1").get_text(strip=True) == "Name of post"
    # A post's one `##` section stays a section, under the title as in Jekyll.
    assert older.select_one("section section h2").get_text() == "Second heading"
    deeper = older.select_one("section section section h3").get_text()
    assert deeper == "A fourth-level heading"  # no myst.header warning either


@pytest.mark.sphinx("html", testroot="liquid")
@pytest.mark.parametrize("docname", [POST, BROKEN, "posts/2024-03-01-liquid-off"])
def test_nothing_lost(app, docname):
    app.build()
    source = (Path(app.srcdir) / f"{docname}.md").read_text(encoding="utf-8")
    if docname.endswith("-off"):  # every word, the Liquid's too, is shown as written
        body, code = source_words(source)[0], set()
    else:
        body, _, code = liquid_source_words(source)
    post = article(app, docname)
    assert sorted(body - words(post.get_text(" "))) == []
    shown_as_code = words(" ".join(pre.get_text(" ") for pre in post.select("pre")))
    assert sorted(code - shown_as_code) == []
    assert bool(code) == (docname == POST)


@pytest.mark.sphinx("html", testroot="liquid")
def test_liquid_that_fails_is_shown_as_code(app):
    app.build()
    code = [c.get_text() for c in article(app, BROKEN).select("code")]
    for kept in (
        "{{ page.subtitle }}",
        "{% youtube dQw4w9WgXcQ %}",
        '{{ "text" | no_such_filter }}',
        "{% if page.title %}",
        "{% include missing.html %}",
        "{% post_url 2001-01-01-missing %}",
        "{% include ../conf.py %}",
        "{% include recursive.html %}",
        "{% include broken.html %}",
        '{{ "unclosed',
    ):
        assert kept in code


@pytest.mark.sphinx("revealjs", testroot="liquid")
def test_deck_shows_highlight_as_code(app):
    app.build()
    html = (Path(app.outdir) / f"{POST}.html").read_text(encoding="utf-8")
    slides = BeautifulSoup(html, "html.parser").select_one(".slides")
    code = " ".join(pre.get_text() for pre in slides.select("pre"))
    assert "# not a heading, a Ruby comment" in code
    assert "<b>shown as code, never bold</b>" in code
    # The other post has no deck: its links lead to its page in the book, which
    # lies one folder up from the decks (slides/).
    links = {a.get_text(): a["href"] for a in slides.select("a.reference.internal")}
    assert links["the other post"] == "../../posts/2010-07-21-name-of-post.html"


def test_book_and_deck_build_names_an_unread_file_once(tmp_path):
    import io
    import shutil

    from deckbook.site.build import BuildOptions, build_site

    source = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "roots" / "test-liquid", source)
    seen = io.StringIO()
    options = BuildOptions(
        source=source, confdir=source, out=tmp_path / "_build", quiet=True,
        warning_stream=seen,
    )  # fmt: skip
    assert build_site(options) == 0
    assert seen.getvalue().count("[deckbook.unread_source]") == 1
    assert (options.decks_dir / f"{POST}.html").is_file()


def test_links_to_output_addresses_reach_their_pages(tmp_path):
    """Jekyll authors link to the built site (``{{ site.baseurl }}/index.html``,
    ``/about/``, ``x.html#id``): each reaches its page in the book and the deck, and
    an address that is no page stays a plain link, without a warning."""
    srcdir = copy_root("jekyll-links", tmp_path)
    options, status, seen = build_with_warnings(srcdir)
    assert status == 0 and "WARNING" not in seen, seen
    links = {
        a.get_text(): a["href"]
        for a in soup(options.book_dir / "_posts/2024-02-02-second.html").select(
            "main p a"
        )
    }
    assert links == {
        "home": "../index.html",
        "the about page": "../about/index.html",
        "the team": "../about/index.html#team",
        "the first post": "2024-02-01-first.html",
        "a file": "../data.csv.html",
        "the web": "https://example.com/x.html",
    }
    deck = soup(options.decks_dir / "_posts/2024-02-02-second.html")
    hrefs = {a.get_text(): a["href"] for a in deck.select("section a")}
    assert hrefs["home"] == "../../index.html"  # the book page: it has no deck
    assert hrefs["the first post"] == "../../_posts/2024-02-01-first.html"


def test_python_liquid_is_loaded_only_for_a_page_with_liquid(tmp_path):
    """Liquid renders text without ``{{`` or ``{%`` as it is: a site of Jekyll posts
    without any (test-posts) never imports python-liquid, 40 ms of each process's
    start-up; one with Liquid does, and renders it (the tests above)."""
    from tests.sites import modules_loaded_by, site_build_code

    for name, loaded in (("posts", False), ("liquid", True)):
        srcdir = copy_root(name, tmp_path / name)
        code = site_build_code(srcdir)
        assert (modules_loaded_by(code, "liquid") != "[]") is loaded, name
