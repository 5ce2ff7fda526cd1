"""The real site in docs/: strict build, structure, and nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.nothing_lost import source_words, words
from tests.sites import soup

DOCS = Path(__file__).resolve().parent.parent / "docs"
PAGES = sorted(str(p.relative_to(DOCS).with_suffix("")) for p in DOCS.rglob("*.md"))
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
POST = "posts/2021-01-15-aws-reinvent-2020-recap"
DECK = "decks/reinvent-2022-vegas"


def test_docs_build_with_warnings_as_errors(docs_site):
    _, status, warnings = docs_site
    assert warnings == ""
    assert status == 0


@pytest.mark.parametrize(
    ("page", "seed"),
    [(POST, "000_ea00a41a21ca4d05.txt"), (DECK, "001_3c4ed4709cae09af.txt")],
)
def test_seeds_are_in_docs_unchanged(page, seed):
    if not SEEDS.is_dir():  # shared/ sits beside the checkout in CI and here
        pytest.fail(f"seed folder missing: {SEEDS}")
    assert (DOCS / f"{page}.md").read_bytes() == (SEEDS / seed).read_bytes()


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
    return " ".join(node.get_text(" ") for node in html.select(selector))


@pytest.mark.parametrize("page", PAGES)
def test_nothing_lost_in_the_book(docs_site, page):
    options, _, _ = docs_site
    body, notes = source_words((DOCS / f"{page}.md").read_text(encoding="utf-8"))
    shown = words(_text(options.book_dir / f"{page}.html", "title, main"))
    assert sorted(body - shown) == []
    assert sorted(notes - shown) == []


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
