"""kramdown syntax on posts (jekyll/kramdown*.py): the fixtures in test-kramdown are
written from kramdown's syntax documentation; test-kramdown-bad holds what it warns
about. Ordinary MyST pages must read exactly as before."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.util.console import strip_escape_sequences

from tests.nothing_lost import source_words, words

ROOTS = Path(__file__).parent / "roots"
POSTS = [
    "posts/2024-01-10-attributes",
    "posts/2024-01-11-html",
    "posts/2024-01-12-toc",
    "posts/2024-01-13-extras",
    "posts/2024-01-14-edges",
    "_posts/front-matter-toc",
]


def warnings(app) -> list[str]:
    prefix = f"{Path(app.srcdir)}{os.sep}"
    lines = strip_escape_sequences(app.warning.getvalue()).splitlines()
    return [line.replace(prefix, "") for line in lines if "WARNING" in line]


def page(app, docname: str) -> BeautifulSoup:
    html = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def pformat(doctree: nodes.document) -> str:
    """The document's children (footnotes sit beside the section), no source path."""
    return "".join(child.pformat() for child in doctree.children)


@pytest.mark.sphinx("html", testroot="kramdown", freshenv=True)
def test_good_posts_build_without_warnings(app):
    app.build()
    assert warnings(app) == []


@pytest.mark.parametrize("docname", POSTS)
@pytest.mark.sphinx("html", testroot="kramdown")
def test_post_doctree(app, docname, file_regression):
    app.build()
    doctree = app.env.get_doctree(docname)
    file_regression.check(pformat(doctree), basename=docname.replace("/", "_"),
                          extension=".xml")  # fmt: skip


@pytest.mark.sphinx("html", testroot="kramdown")
def test_block_and_span_attributes_land_on_their_elements(app):
    app.build()
    tree = app.env.get_doctree("posts/2024-01-10-attributes")
    paragraphs = {p.astext(): p for p in tree.findall(nodes.paragraph)}
    first = paragraphs["This paragraph gets a class and an id."]
    assert (first["classes"], first["ids"]) == (["lead"], ["first-para"])
    before = paragraphs["An IAL line before a block applies to it."]
    assert (before["classes"], before["ids"]) == (["stacked"], ["before"])
    assert next(tree.findall(nodes.bullet_list))["classes"] == ["checklist"]
    assert next(tree.findall(nodes.table))["classes"] == ["colwidths-auto", "wide"]
    heading = next(
        s for s in tree.findall(nodes.section) if s["ids"] == ["custom-heading"]
    )
    assert heading[0].astext() == "A heading with an id"
    assert next(tree.findall(nodes.emphasis))["classes"] == ["hint"]
    assert next(tree.findall(nodes.strong))["ids"] == ["strong-one"]
    assert next(tree.findall(nodes.literal))["classes"] == ["shell"]
    assert next(tree.findall(nodes.reference))["classes"] == ["external-link"]
    caption = next(tree.findall(nodes.caption))
    assert caption.astext() == "hello.py"
    assert isinstance(caption.parent[1], nodes.literal_block)
    # The ALD's class reached the paragraph that named it, and made it a notice.
    assert (
        "notice--info"
        in paragraphs["Attributes pulled from a definition."].parent["classes"]
    )


@pytest.mark.sphinx("html", testroot="kramdown")
def test_notices_are_admonitions_with_their_theme_class(app):
    app.build()
    tree = app.env.get_doctree("posts/2024-01-10-attributes")
    boxes = [
        (box.astext(), [c for c in box["classes"] if c != "deckbook-notice"])
        for box in tree.findall(nodes.admonition)
    ]
    assert boxes[-9:] == [
        ("A plain notice.", ["deckbook-notice-neutral", "notice"]),
        ("Primary.", ["deckbook-notice-primary", "notice--primary"]),
        ("Info.", ["deckbook-notice-info", "notice--info"]),
        ("Warning.", ["deckbook-notice-warning", "notice--warning"]),
        ("Danger.", ["deckbook-notice-danger", "notice--danger"]),
        ("Success.", ["deckbook-notice-success", "notice--success"]),
        ("A chirpy info prompt.", ["deckbook-notice-info", "prompt-info"]),
        ("A chirpy warning prompt.", ["deckbook-notice-warning", "prompt-warning"]),
        ("A chirpy danger prompt.", ["deckbook-notice-danger", "prompt-danger"]),
    ]
    # chirpy writes its prompts on quotes: the box replaces the quote.
    assert boxes[0] == (
        "A quote written the kramdown way.",
        ["deckbook-notice-success", "prompt-tip"],
    )
    assert not list(tree.findall(nodes.block_quote))


@pytest.mark.sphinx("html", testroot="kramdown")
def test_book_html_fragments(app, file_regression):
    app.build()
    soup = page(app, "posts/2024-01-10-attributes")
    fragments = [
        soup.select_one("div.deckbook-notice.prompt-tip"),
        soup.select_one("div.deckbook-notice.notice--warning"),
        soup.select_one("div.literal-block-wrapper"),
    ]
    toc = page(app, "posts/2024-01-12-toc").select("nav.kramdown-toc")
    extras = page(app, "posts/2024-01-13-extras").select_one("article p:has(abbr)")
    html = page(app, "posts/2024-01-11-html").select_one("div.notice--warning")
    text = "\n".join(f.prettify() for f in [*fragments, *toc, extras, html])
    file_regression.check(re.sub(r"\?v=[0-9a-f]+", "", text), extension=".html")
    css = [link["href"].split("?")[0] for link in soup.select("link[rel=stylesheet]")]
    assert "../_static/deckbook-kramdown.css" in css


@pytest.mark.sphinx("html", testroot="kramdown")
def test_html_blocks_follow_kramdown(app):
    app.build()
    soup = page(app, "posts/2024-01-11-html").select_one("article")
    after_br = soup.find("strong", string="bold")
    assert after_br is not None  # the Markdown after a lone <br> line is Markdown
    assert after_br.parent.name == "p" and after_br.parent.find("br") is not None
    box = soup.select_one("div.notice--warning")
    assert box.find("strong").get_text() == "Heads up:"
    assert box.find("li").get_text(strip=True) == "and a list inside it"
    assert "markdown" not in box.attrs
    raw = soup.select_one("div.raw-box")
    assert "*Without markdown=" in raw.get_text()  # no markdown="1": raw, as kramdown
    assert soup.select_one("iframe[src='https://www.example.com/embed']") is not None
    assert soup.select_one("span.raw-span").get_text() == "raw *HTML* kept as written"
    assert "comment is dropped" not in soup.get_text()
    assert "hidden" not in soup.get_text()
    assert soup.select_one("kbd").get_text() == "Ctrl"
    section = soup.select_one("section:not([id])") or soup.find("section", id=False)
    assert section.find("em").get_text() == "Markdown"  # parse_block_html="true"


@pytest.mark.sphinx("html", testroot="kramdown")
def test_toc_markers_and_front_matter_toc(app):
    app.build()
    toc = page(app, "posts/2024-01-12-toc").select("nav.kramdown-toc")
    links = [[a.get_text() for a in nav.select("a")] for nav in toc]
    expected = ["First section", "A subsection", "Last section"]  # no_toc left out
    assert links == [expected, expected]
    assert toc[1].find("ol") is not None  # `1. TOC` gives a numbered list
    assert [a["href"] for a in toc[0].select("a")] == [
        "#first-section",
        "#a-subsection",
        "#last-section",
    ]
    top = page(app, "_posts/front-matter-toc").select_one("article nav.kramdown-toc")
    assert top.select_one(".topic-title, p.topic-title").get_text() == "On this page"
    assert [a.get_text() for a in top.select("a")] == ["Installation", "Usage"]


@pytest.mark.sphinx("html", testroot="kramdown")
def test_footnotes_definitions_abbreviations(app):
    app.build()
    soup = page(app, "posts/2024-01-13-extras").select_one("article")
    assert [a["title"] for a in soup.select("abbr")] == [
        "Hyper Text Markup Language",
        "World Wide Web Consortium",
        "Hyper Text Markup Language",
    ]
    assert "*[HTML]" not in soup.get_text()
    assert [dt.get_text() for dt in soup.select("dl dt")] == ["kramdown", "Jekyll"]
    assert len(soup.select("dl dd")) == 3
    notes = soup.select("aside.footnote, .footnote-list .footnote, div.footnote")
    texts = [n.get_text(" ", strip=True) for n in notes]
    assert any("The footnote text." in t for t in texts), texts
    assert any("A named footnote, with emphasis" in t for t in texts), texts
    assert soup.select_one("s").get_text() == "struck through"
    assert len(soup.select("input.task-list-item-checkbox")) == 2
    mermaid = soup.select_one(".deckbook-mermaid")
    assert "Start-->Stop;" in mermaid.get_text()


@pytest.mark.sphinx("html", testroot="kramdown")
def test_ordinary_pages_keep_myst_behaviour(app):
    app.build()
    tree = app.env.get_doctree("ordinary")
    assert "{: .notice" in tree.astext()  # as text (smartquotes make -- a dash)
    assert not list(tree.findall(nodes.admonition))
    raw = [n.astext() for n in tree.findall(nodes.raw)]
    assert any("This line is part of the raw HTML block" in text for text in raw)


@pytest.mark.sphinx("html", testroot="kramdown", freshenv=True)
def test_mermaid_is_code_with_an_info_message(app):
    app.build()
    status = strip_escape_sequences(app.status.getvalue())
    assert "2024-01-13-extras.md:31: mermaid diagram shown as its source code" in status


@pytest.mark.parametrize("docname", POSTS)
@pytest.mark.sphinx("html", testroot="kramdown")
def test_book_loses_no_word(app, docname):
    app.build()
    source = (ROOTS / "test-kramdown" / f"{docname}.md").read_text(encoding="utf-8")
    written, _ = source_words(source)
    article = page(app, docname).select_one("article")
    shown = words(article.get_text(" ")) | words(
        " ".join(tag.get("title", "") for tag in article.select("abbr, iframe"))
    )
    assert sorted(written - shown) == []


# --- bad input ------------------------------------------------------------------

BAD = "posts/2024-02-01-bad.md"


@pytest.mark.sphinx("html", testroot="kramdown-bad", freshenv=True)
def test_bad_input_warns_with_location_and_loses_nothing(app, file_regression):
    app.build()
    assert warnings(app) == [
        f"{BAD}:4: WARNING: no attributes found in IAL '{{: =not attributes= }}'; "
        "shown as text [deckbook.kramdown]",
        f"{BAD}:7: WARNING: kramdown attribute reference 'missing' is not defined by "
        "an ALD ('{:missing: …}'); ignored [deckbook.kramdown]",
        f"{BAD}:9: WARNING: text before span IAL '{{: .lost}}'; shown as text (a span "
        "IAL follows emphasis, a link, a code span or an image) [deckbook.kramdown]",
        f"{BAD}:14: WARNING: invalid kramdown extension 'unknown'; shown as text: "
        "'{::unknown}' [deckbook.kramdown]",
        f"{BAD}:17: WARNING: no stop tag for extension 'comment'; shown as text: "
        "'{::comment}' [deckbook.kramdown]",
        f"{BAD}:19: WARNING: unknown kramdown option 'no_such_option' (ignored) "
        "[deckbook.kramdown]",
        f"{BAD}:21: WARNING: no end tag for <div>; its block ends at the next blank "
        "line [deckbook.kramdown]",
        f"{BAD}:28: WARNING: IAL applies to no block (nothing before or after it) "
        "'{: .nothing-follows}'; shown as text [deckbook.kramdown]",
        f'{BAD}:11: WARNING: kramdown attribute file="not-code.txt" on a paragraph '
        "has no equivalent here; it is ignored [deckbook.kramdown]",
    ]
    doctree = app.env.get_doctree("posts/2024-02-01-bad")
    file_regression.check(pformat(doctree), extension=".xml")
    written, _ = source_words((ROOTS / "test-kramdown-bad" / BAD).read_text("utf-8"))
    shown = words(page(app, "posts/2024-02-01-bad").select_one("article").get_text(" "))
    assert sorted(written - shown) == []


@pytest.mark.sphinx("html", testroot="kramdown-bad")
def test_front_matter_turns_kramdown_off(app):
    app.build()
    tree = app.env.get_doctree("posts/2024-02-02-opted-out")
    assert "{: .notice" in tree.astext()  # as text (smartquotes make -- a dash)
    assert not list(tree.findall(nodes.admonition))


# --- the deck -------------------------------------------------------------------


@pytest.mark.sphinx("revealjs", testroot="kramdown")
def test_deck_shows_notices_with_the_deck_stylesheet(app, file_regression):
    app.build()
    soup = page(app, "posts/2024-01-10-attributes")
    css = [link["href"].split("?")[0] for link in soup.select("link[rel=stylesheet]")]
    assert "../_static/deckbook-kramdown.css" in css
    assert (Path(app.outdir) / "_static/deckbook-kramdown.css").is_file()
    boxes = soup.select(".reveal div.admonition.deckbook-notice")
    assert len(boxes) == 11
    file_regression.check(boxes[0].prettify(), extension=".html")


@pytest.mark.parametrize("docname", [doc for doc in POSTS if doc.startswith("posts/")])
@pytest.mark.sphinx("revealjs", testroot="kramdown")
def test_deck_loses_no_word(app, docname):
    app.build()
    source = (ROOTS / "test-kramdown" / f"{docname}.md").read_text(encoding="utf-8")
    written, _ = source_words(source)
    slides = page(app, docname).select_one(".reveal .slides")
    shown = words(slides.get_text(" ")) | words(
        " ".join(tag.get("title", "") for tag in slides.select("abbr, iframe"))
    )
    assert sorted(written - shown) == []
