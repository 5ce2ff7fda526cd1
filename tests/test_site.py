"""The real site in docs/: strict build, structure, and nothing lost."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.nothing_lost import (
    is_liquid_page,
    liquid_source_words,
    source_words,
    words,
)
from tests.sites import soup

TESTS = Path(__file__).resolve().parent
DOCS = TESTS.parent / "docs"
PAGES = sorted(str(p.relative_to(DOCS).with_suffix("")) for p in DOCS.rglob("*.md"))
POST = "posts/2021-01-15-aws-reinvent-2020-recap"
DECK = "decks/reinvent-2022-vegas"


def test_docs_build_with_warnings_as_errors(docs_site):
    _, status, warnings = docs_site
    assert warnings == ""
    assert status == 0


# The SHA-256 of the two seed documents our users wrote (000_ea00a41a21ca4d05.txt, the
# post, and 001_3c4ed4709cae09af.txt, the deck), as handed to us: docs/ must hold them
# byte for byte. Recorded here because the suite never reads outside the repository.
SEED_SHA256 = {
    POST: "c2d0357ceeb0150e48acc78d2d8cdde87e04ae00121e61023eb3f529e81d4075",
    DECK: "d7817103d12aedbc98208a378cb2faef6c66c74406eeb9efe23b27c0a73584cf",
}
# What a test reading outside the checkout looks like: the seeds' folder beside it.
OUTSIDE_REPO = re.compile(r"\.\./shared\b|/\s*[\"']shared[\"']|[\"']/work/")


@pytest.mark.parametrize(("page", "sha256"), SEED_SHA256.items())
def test_seeds_are_in_docs_unchanged(page, sha256):
    assert hashlib.sha256((DOCS / f"{page}.md").read_bytes()).hexdigest() == sha256


def test_tests_never_read_outside_the_repository():
    """A fresh clone has no seeds folder beside it: no test may look there."""
    found = []
    for path in sorted(TESTS.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        for lineno, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE_REPO.search(line):
                found.append(f"{path.relative_to(TESTS)}:{lineno}: {line.strip()}")
    assert found == []


def test_both_seeds_have_decks_and_other_pages_do_not(docs_site):
    options, _, _ = docs_site
    decks = {
        str(p.relative_to(options.decks_dir).with_suffix(""))
        for p in options.decks_dir.rglob("*.html")
        if "_static" not in p.parts
    }
    assert decks == {POST, DECK}


def _text(page: Path, selector: str) -> str:
    html = soup(page)
    for hidden in html.select("script, style"):
        hidden.decompose()
    for code in html.select("pre"):  # highlighting splits words into spans
        code.string = code.get_text()
    return " ".join(node.get_text(" ") for node in html.select(selector))


@pytest.mark.parametrize("page", PAGES)
def test_nothing_lost_in_the_book(docs_site, page):
    options, _, _ = docs_site
    source = (DOCS / f"{page}.md").read_text(encoding="utf-8")
    code: set[str] = set()
    if is_liquid_page(source, page):  # Liquid markup is no writing; its output is
        body, notes, code = liquid_source_words(source)
    else:
        body, notes = source_words(source)
    html = options.book_dir / f"{page}.html"
    shown = words(_text(html, "title, main"))
    assert sorted(body - shown) == []
    assert sorted(notes - shown) == []
    assert sorted(code - words(_text(html, "main pre"))) == []  # {% highlight %}


@pytest.mark.parametrize("page", [POST, DECK])
def test_nothing_lost_in_the_deck(docs_site, page):
    options, _, _ = docs_site
    body, notes = source_words((DOCS / f"{page}.md").read_text(encoding="utf-8"))
    shown = words(_text(options.decks_dir / f"{page}.html", ".slides"))
    assert sorted(body - shown) == []
    assert sorted(notes - shown) == []


def test_footer_names_the_author_in_korean(docs_site):
    """sphinx-book-theme's ko catalogue renders "By NAME" as "으로 NAME"."""
    options, _, _ = docs_site
    footer = soup(options.book_dir / "index.html").select_one(".component-author")
    assert footer.get_text(" ", strip=True) == "작성: Deckbook 팀"


# --- the blog features on the real site (issue 12) -----------------------------------


def test_docs_feed_lists_the_posts(docs_site):
    import feedparser

    options, _, _ = docs_site
    feed = feedparser.parse((options.book_dir / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [entry.link for entry in feed.entries] == [
        "posts/blog-features.html",
        f"{POST}.html",
    ]
    assert feed.entries[1].title == "AWS Re:Invent 2020 Recap 요약 Webinar 정리"
    assert feed.entries[1].summary.startswith("AWS Re:Invent 2020의 Recap Webinar를")
    assert feed.entries[0].author == "Deckbook 팀"
    index = soup(options.book_dir / "index.html")
    assert index.select_one('head link[type="application/atom+xml"]')["href"] == (
        "feed.xml"
    )


def test_docs_seed_old_url_redirects_to_the_post(docs_site):
    options, _, _ = docs_site
    stub = options.book_dir / "aws/2021/01/15/aws-reinvent-2020-recap.html"
    target = f"../../../../{POST}.html"
    assert soup(stub).select_one("link[rel=canonical]")["href"] == target
    assert "location.hash" in soup(stub).script.get_text()
    assert (stub.parent / target).resolve().is_file()


def test_docs_sitemap_and_preview_tags(docs_site):
    import xml.etree.ElementTree as ET

    options, _, _ = docs_site
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(options.book_dir / "sitemap.xml").getroot()
    locs = {url.find("s:loc", ns).text for url in root.findall("s:url", ns)}
    assert {f"{page}.html" for page in PAGES} <= locs
    assert "tags/index.html" in locs
    for page in PAGES:
        head = soup(options.book_dir / f"{page}.html").head
        tags = {m.get("property") or m.get("name") for m in head.select("meta")}
        assert {"og:title", "og:type", "og:url", "twitter:card"} <= tags, page
    post = soup(options.book_dir / f"{POST}.html").head
    assert post.select_one('meta[property="og:type"]')["content"] == "article"
    features = soup(options.book_dir / "posts/blog-features.html")
    assert features.select_one('meta[property="og:image"]')["content"] == (
        "../_images/book.png"
    )
    assert features.select_one("span.deckbook-post-author").get_text() == "Deckbook 팀"


def test_docs_posts_index_shows_excerpts(docs_site):
    options, _, _ = docs_site
    index = soup(options.book_dir / "posts/index.html")
    excerpts = [p.get_text() for p in index.select("p.deckbook-post-excerpt")]
    assert len(excerpts) == 2
    assert excerpts[1].startswith("AWS Re:Invent 2020의 Recap Webinar를 들으며")
