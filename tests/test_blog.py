"""The blog features of a Jekyll site (issue 12): feed, old URLs, excerpts, tags,
sitemap, preview tags, author, header image and ``published: false``."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

from deckbook.posts import blog_urls

SITE = "https://blog.example.org/blog/"
NEW_YEAR = "posts/2011-12-31-new-years-eve-is-awesome"
PERMALINK = "posts/2015-02-10-custom-permalink"
BY_NAME = "posts/2019-03-04-dated-by-name"
MISTAKES = "posts/2020-06-01-mistakes"
DRAFT = "posts/2016-05-20-super-short-article"
# Every warning of the root: exactly its broken inputs.
EXPECTED_WARNINGS = [
    f"{MISTAKES}.md:4: WARNING: permalink '/:year/:nope/:title/' has no ':nope' here "
    "(Jekyll stops on it too); this old URL is not redirected [deckbook.blog]",
    f"{MISTAKES}.md:5: WARNING: front matter 'redirect_from' has 42 where a path "
    "belongs; it is ignored [deckbook.blog]",
    f"{MISTAKES}.md:5: WARNING: old URL /index.html is a file of the site; no "
    "redirect written [deckbook.blog]",
    f"{MISTAKES}.md:6: WARNING: header image '/assets/missing.png' is not a file in "
    "the source folder; the post is shown without it [deckbook.blog]",
]
# Each old address (Jekyll's output path) and the page it sends the reader to.
OLD_URLS = {
    "jekyll/update/2011/12/31/new-years-eve-is-awesome.html": (
        "../../../../../posts/2011-12-31-new-years-eve-is-awesome.html"
    ),
    "2015/custom-permalink/index.html": "../../posts/2015-02-10-custom-permalink.html",
    "post/123456789/index.html": "../../posts/2015-02-10-custom-permalink.html",
    "post/123456789/my-amazing-post.html": (
        "../../posts/2015-02-10-custom-permalink.html"
    ),
    "jekyll/2019/03/04/dated-by-name.html": (
        "../../../../posts/2019-03-04-dated-by-name.html"
    ),
    "2020/06/01/mistakes.html": None,  # the permalink failed: no default either
    "about/index.html": "../about.html",
}


def warnings(app) -> list[str]:
    prefix = f"{Path(app.srcdir)}/"
    lines = strip_escape_sequences(app.warning.getvalue()).splitlines()
    return sorted(line.replace(prefix, "") for line in lines if "WARNING" in line)


def page(app, name: str) -> BeautifulSoup:
    html = (Path(app.outdir) / name).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def meta(soup: BeautifulSoup) -> dict[str, str]:
    tags = soup.select("head meta[property], head meta[name]")
    return {tag.get("property") or tag["name"]: tag["content"] for tag in tags}


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_warnings_are_exactly_the_broken_inputs(app):
    app.build()
    assert warnings(app) == EXPECTED_WARNINGS


# --- published: false -------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="blog", freshenv=True)
def test_unpublished_post_is_nowhere_and_named_in_an_info_message(app):
    app.build()
    status = strip_escape_sequences(app.status.getvalue())
    assert f"{Path(app.srcdir) / DRAFT}.md:6: published: false" in status
    assert DRAFT not in app.env.found_docs
    outdir = Path(app.outdir)
    assert not (outdir / f"{DRAFT}.html").exists()
    assert not list(outdir.rglob("*super-short-article*"))  # no old URL either
    for path in outdir.rglob("*"):
        if path.suffix in (".html", ".xml", ".js", ".txt") and path.is_file():
            text = path.read_text(encoding="utf-8")
            assert "Unpublished words" not in text, path
            assert "A draft nobody may read" not in text, path


# --- the feed ---------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="blog")
def test_feed_is_atom_with_the_posts_newest_first(app):
    app.build()
    feed = feedparser.parse((Path(app.outdir) / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "My Jekyll Blog"
    assert feed.feed.id == SITE + "feed.xml"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": SITE + "feed.xml", "alternate": SITE}
    assert [(e.title, e.link) for e in feed.entries] == [
        ("Mistakes in the front matter", SITE + MISTAKES + ".html"),
        ("Dated by its file name", SITE + BY_NAME + ".html"),
        ("A custom permalink", SITE + PERMALINK + ".html"),
        ("New Year’s Eve is awesome", SITE + NEW_YEAR + ".html"),
    ]
    new_year = feed.entries[-1]
    assert new_year.id == SITE + NEW_YEAR + ".html"
    assert new_year.published == "2011-12-31T23:30:00-05:00"
    assert new_year.author == "Jekyll Bot"
    assert new_year.summary == (
        "The last evening of the year ends it in style. It is a time for looking back."
    )
    assert [tag.term for tag in new_year.tags] == [
        "Jekyll",
        "Update",
        "party",
        "celebration",
    ]
    assert feed.entries[2].author == "Site Author"  # no author: the site's
    assert feed.entries[1].published == "2019-03-04T00:00:00+00:00"  # file name date
    # jekyll-feed: the description, before the excerpt.
    assert feed.entries[1].summary == "How Jekyll dates a post by its file name."
    assert feed.feed.updated == feed.entries[0].updated  # the newest post's


@pytest.mark.sphinx(
    "html",
    testroot="blog",
    confoverrides={"deckbook_site": {}, "deckbook_feed_limit": 2},
    srcdir="blog-no-url",
)
def test_feed_without_a_site_url_is_relative_and_limited(app):
    app.build()
    root = ET.parse(Path(app.outdir) / "feed.xml").getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    entries = root.findall(f"{atom}entry")
    assert [e.find(f"{atom}link").get("href") for e in entries] == [
        MISTAKES + ".html",
        BY_NAME + ".html",
    ]
    for entry in entries:  # each relative link is a page beside the feed
        assert (Path(app.outdir) / entry.find(f"{atom}link").get("href")).is_file()
    assert warnings(app) == EXPECTED_WARNINGS  # no URL is no warning


@pytest.mark.sphinx("html", testroot="blog")
def test_every_page_links_the_feed(app):
    app.build()
    outdir = Path(app.outdir)
    for name in ["index.html", f"{NEW_YEAR}.html", "tags/party.html", "search.html"]:
        links = page(app, name).select(
            'head link[rel=alternate][type="application/atom+xml"]'
        )
        assert len(links) == 1, name
        assert (outdir / name).parent.joinpath(links[0]["href"]).resolve() == (
            outdir / "feed.xml"
        ).resolve()


@pytest.mark.sphinx("html", testroot="safety")
def test_no_posts_no_feed_and_no_feed_link(app):
    app.build()
    assert not (Path(app.outdir) / "feed.xml").exists()
    assert not page(app, "index.html").select('link[type="application/atom+xml"]')


# --- old Jekyll URLs ------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="blog")
def test_old_urls_are_redirect_stubs_to_the_post(app):
    app.build()
    outdir = Path(app.outdir)
    for old, target in OLD_URLS.items():
        stub = outdir / old
        if target is None:
            assert not stub.exists(), old
            continue
        soup = page(app, old)
        assert soup.select_one("link[rel=canonical]")["href"] == target, old
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
        script = soup.script.get_text()
        assert "location.hash" in script and target in script
        assert (stub.parent / target).resolve().is_file(), old
    # A real page is never overwritten.
    assert page(app, "index.html").select_one("ul.deckbook-postlist") is not None


@pytest.mark.sphinx("dirhtml", testroot="blog")
def test_dirhtml_stubs_point_at_the_folders(app):
    app.build()
    soup = page(app, "jekyll/update/2011/12/31/new-years-eve-is-awesome.html")
    target = "../../../../../posts/2011-12-31-new-years-eve-is-awesome/"
    assert soup.select_one("link[rel=canonical]")["href"] == target
    # /about/ is where dirhtml writes the page itself: it stays the page.
    assert "Redirecting" not in page(app, "about/index.html").title.get_text()


@pytest.mark.sphinx(
    "html",
    testroot="blog",
    confoverrides={"deckbook_site": {"timezone": "Asia/Seoul"}},
    srcdir="blog-timezone",
)
def test_site_timezone_dates_the_old_url_as_jekyll_does(app):
    app.build()
    # 2011-12-31 23:30 -0500 is 2012-01-01 13:30 in Seoul.
    outdir = Path(app.outdir)
    assert (outdir / "jekyll/update/2012/01/01/new-years-eve-is-awesome.html").is_file()
    assert not (outdir / "jekyll/update/2011").exists()


@pytest.mark.parametrize(
    ("template", "url"),
    [
        # Jekyll's docs on permalinks: the built-in styles for this post.
        ("date", "/jekyll/update/2011/12/31/new-years-eve-is-awesome.html"),
        ("pretty", "/jekyll/update/2011/12/31/new-years-eve-is-awesome/"),
        ("ordinal", "/jekyll/update/2011/365/new-years-eve-is-awesome.html"),
        ("weekdate", "/jekyll/update/2011/W52/SAT/new-years-eve-is-awesome.html"),
        ("none", "/jekyll/update/new-years-eve-is-awesome.html"),
        ("/:year/:i_month/:i_day/:title", "/2011/12/31/new-years-eve-is-awesome"),
        (
            "/:short_year/:short_month/:slug:output_ext",
            "/11/DEC/new-years-eve-is-awesome.html",
        ),
        ("/blog/:title_/", "/blog/new-years-eve-is-awesome_/"),
        ("/:categories//../:title", "/jekyll/update/new-years-eve-is-awesome"),
        ("/about/", "/about/"),
    ],
)
def test_permalinks_expand_as_jekyll_does(template, url):
    post = {"date": "2011-12-31T23:30:00-05:00", "categories": ["Jekyll", "Update"]}
    values = blog_urls.post_placeholders(
        "posts/2011-12-31-new-years-eve-is-awesome", post, {}, {}
    )
    assert blog_urls.expand(blog_urls.post_template(template), values) == url


def test_permalink_title_keeps_case_and_pretty_characters():
    post = {"date": "2020-01-02", "categories": ["Release Notes", "release notes"]}
    values = blog_urls.post_placeholders(
        "posts/2020-01-02-x", post, {"slug": "Hello, World! (v2)"}, {}
    )
    assert values["title"] == "Hello,-World!-(v2)"
    assert values["slug"] == "hello-world-v2"
    assert values["categories"] == "release notes"  # lower-cased, kept whole, once
    with pytest.raises(blog_urls.UnknownPlaceholder):
        blog_urls.expand("/:nope/", values)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/about/", "about/index.html"),
        ("/", "index.html"),
        ("/post/1", "post/1.html"),
        ("/a/b.html", "a/b.html"),
        ("/old.html#part", "old.html"),
    ],
)
def test_output_path_of_an_url(url, path):
    assert blog_urls.output_path(url) == path


# --- excerpts, author, header image, tags -----------------------------------------


@pytest.mark.sphinx("html", testroot="blog")
def test_posts_index_shows_each_excerpt(app):
    app.build()
    items = page(app, "index.html").select("ul.deckbook-postlist > li")
    excerpts = [li.select_one("p.deckbook-post-excerpt").get_text() for li in items]
    assert excerpts == [
        "A post whose old addresses cannot all be made.",  # the first paragraph
        "Jekyll reads the date from the file name when the front matter has none.",
        "The excerpt, given in the front matter.",  # excerpt:
        # excerpt_separator: <!--more--> (two paragraphs before it)
        "The last evening of the year ends it in style. It is a time for looking back.",
    ]


@pytest.mark.sphinx("html", testroot="blog")
def test_post_page_shows_author_and_header_image(app):
    app.build()
    soup = page(app, f"{NEW_YEAR}.html")
    line = soup.select_one("h1 + p.deckbook-post-meta")
    assert line.select_one("span.deckbook-post-author").get_text() == "Jekyll Bot"
    assert " ".join(line.get_text().split()) == (
        "2011-12-31 · Jekyll Bot · Jekyll, Update · #party, #celebration"
    )
    by_name = page(app, f"{BY_NAME}.html")
    assert by_name.select_one(".deckbook-post-author").get_text() == "Jane Doe"
    # A remote header image is a preview only: never loaded by the page.
    assert not by_name.select("img[src^=http]")
    image = page(app, f"{PERMALINK}.html").select_one(
        "article img.deckbook-post-header"
    )
    assert image["src"] == "../_images/header.png"
    assert image.find_previous_sibling("p")["class"] == ["deckbook-post-meta"]
    assert (Path(app.outdir) / "_images/header.png").is_file()


@pytest.mark.sphinx("html", testroot="blog")
def test_tags_from_a_string_or_a_list_get_their_pages(app):
    app.build()
    soup = page(app, "tags/index.html")
    names = [a.get_text() for a in soup.select("article li a")]
    assert names == ["celebration (1)", "naming (1)", "party (1)"]
    party = page(app, "tags/party.html")
    titles = [a.get_text() for a in party.select("p.deckbook-post-entry > a")]
    assert titles[0] == "New Year’s Eve is awesome"


# --- sitemap and preview tags -----------------------------------------------------


@pytest.mark.sphinx("html", testroot="blog")
def test_sitemap_lists_every_page_and_no_stub(app):
    app.build()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(Path(app.outdir) / "sitemap.xml").getroot()
    urls = {
        url.find("s:loc", ns).text: getattr(url.find("s:lastmod", ns), "text", None)
        for url in root.findall("s:url", ns)
    }
    assert urls == {
        SITE + "about.html": None,
        SITE + "categories/index.html": None,
        SITE + "categories/jekyll.html": None,
        SITE + "categories/release-notes.html": None,
        SITE + "categories/update.html": None,
        SITE + "index.html": None,
        SITE + NEW_YEAR + ".html": "2011-12-31",
        SITE + PERMALINK + ".html": "2015-02-10",
        SITE + BY_NAME + ".html": "2019-03-04",
        SITE + MISTAKES + ".html": "2020-06-01",
        SITE + "tags/celebration.html": None,
        SITE + "tags/index.html": None,
        SITE + "tags/naming.html": None,
        SITE + "tags/party.html": None,
    }
    for url in urls:
        assert (Path(app.outdir) / url.removeprefix(SITE)).is_file(), url


@pytest.mark.sphinx("html", testroot="blog")
def test_open_graph_and_twitter_tags(app):
    app.build()
    post = meta(page(app, f"{PERMALINK}.html"))
    assert post["og:title"] == "A custom permalink"
    assert post["og:type"] == "article"
    assert post["og:url"] == SITE + PERMALINK + ".html"
    assert post["og:description"] == "The excerpt, given in the front matter."
    assert post["description"] == "The excerpt, given in the front matter."
    assert post["og:image"] == SITE + "_images/header.png"
    assert post["og:image:alt"] == "A custom permalink"
    assert post["twitter:card"] == "summary_large_image"
    assert post["article:published_time"] == "2015-02-10"
    remote = meta(page(app, f"{BY_NAME}.html"))
    assert remote["og:image"] == "https://images.example.org/overlay.jpg"
    # jekyll-seo-tag: the description, before the excerpt.
    assert remote["og:description"] == "How Jekyll dates a post by its file name."
    assert remote["author"] == "Jane Doe"
    index = meta(page(app, "index.html"))
    assert index["og:type"] == "website"
    assert index["twitter:card"] == "summary"
    assert "og:image" not in index
    about = meta(page(app, "about.html"))
    assert about["og:description"].startswith("This page has a Jekyll permalink")


# --- snapshots and decks ------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="blog")
def test_post_doctree_snapshot(app, file_regression):
    app.build()
    doctree = app.env.get_doctree(PERMALINK)
    text = doctree.pformat().replace(str(Path(app.srcdir)), "<srcdir>")
    file_regression.check(text, extension=".xml")


@pytest.mark.sphinx("html", testroot="blog")
def test_postlist_html_snapshot(app, file_regression):
    app.build()
    listing = page(app, "index.html").select_one("ul.deckbook-postlist")
    file_regression.check(listing.prettify(), extension=".html")


@pytest.mark.sphinx(
    "revealjs",
    testroot="blog",
    confoverrides={"deckbook_slides_patterns": ["posts/*"]},
    srcdir="blog-decks",
)
def test_deck_title_slide_names_the_author(app):
    app.build()
    outdir = Path(app.outdir)
    soup = page(app, f"{NEW_YEAR}.html")
    first = soup.select_one("div.slides > section")
    assert first.select_one(".deckbook-post-author").get_text() == "Jekyll Bot"
    # Decks are not the book: no feed, no stubs, no sitemap from this builder.
    assert not (outdir / "feed.xml").exists()
    assert not (outdir / "sitemap.xml").exists()
    assert not (outdir / "jekyll").exists()


# --- incremental builds -------------------------------------------------------------


def test_rebuilds_follow_edits_and_withdrawn_posts(tmp_path):
    from tests.sites import build, copy_root

    srcdir = copy_root("blog", tmp_path)
    options = build(srcdir)
    feed = options.book_dir / "feed.xml"
    stub = options.book_dir / "2015/custom-permalink/index.html"
    stub_mtime = stub.stat().st_mtime_ns
    source = srcdir / f"{PERMALINK}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("given in the front", "now from the edited"))
    build(srcdir)
    assert "The excerpt, now from the edited matter." in feed.read_text()
    index = BeautifulSoup((options.book_dir / "index.html").read_text(), "html.parser")
    excerpts = [p.get_text() for p in index.select("p.deckbook-post-excerpt")]
    assert "The excerpt, now from the edited matter." in excerpts
    assert stub.stat().st_mtime_ns == stub_mtime  # same address: left alone
    # Withdrawn: gone from the lists and the feed at the next build.
    source.write_text(text.replace("title:", "published: false\ntitle:", 1))
    build(srcdir)
    assert "A custom permalink" not in feed.read_text()
    index = (options.book_dir / "index.html").read_text()
    assert "A custom permalink" not in index
    sitemap = (options.book_dir / "sitemap.xml").read_text()
    assert PERMALINK not in sitemap
    assert not stub.exists()  # its old addresses no longer lead anywhere
    assert not (options.book_dir / "post/123456789/index.html").exists()
    assert (options.book_dir / "about/index.html").is_file()  # other stubs stay


@pytest.mark.sphinx("html", testroot="blog", parallel=2, srcdir="blog-parallel")
def test_parallel_build_writes_the_same_feed_stubs_and_sitemap(app, make_app, tmp_path):
    # Pages are written by forked workers (sphinx-revealjs keeps reading serial):
    # what the feed, stubs and sitemap use was collected at read time.
    app.build()
    outdir = Path(app.outdir)
    serial = make_app("html", srcdir=Path(app.srcdir), builddir=tmp_path / "serial")
    serial.build()
    names = ["feed.xml", "sitemap.xml", *OLD_URLS]
    for name in names:
        parallel_file, serial_file = outdir / name, Path(serial.outdir) / name
        assert parallel_file.exists() == serial_file.exists(), name
        if serial_file.exists():
            assert parallel_file.read_bytes() == serial_file.read_bytes(), name
    assert warnings(app) == EXPECTED_WARNINGS  # each once, from the parallel readers
