"""Posts: the posts domain, ``{postlist}`` and the category pages (DESIGN §3.1)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

from deckbook.posts.domain import slugify

RECAP = "AWS Re:Invent 2020 Recap 요약 Webinar 정리"
# Newest first; the post whose date cannot be read comes last.
ALL_POSTS = [
    ("2022-03-01", "Serverless in practice", "serverless.html"),
    ("2021-01-15T10:00:00+09:00", RECAP, "2021-01-15-aws-recap.html"),
    ("2020-12-25T09:30:00+09:00", "클라우드 회고", "korean.html"),
    ("2019-07-01", "Dated by file name", "2019-07-01-filename-date.html"),
    (None, "Someday post", "undated.html"),
]
CATEGORY_COUNTS = {
    "AWS (3)": "aws.html",
    "Serverless (1)": "serverless.html",
    "클라우드 (1)": "클라우드.html",
    "회고 (2)": "회고.html",
}
# Tags have pages of their own, beside the categories' (as Jekyll themes do).
TAG_COUNTS = {"lambda (1)": "lambda.html", "람다 (1)": "람다.html"}


def warnings(app) -> list[str]:
    prefix = f"{Path(app.srcdir)}{os.sep}"
    lines = strip_escape_sequences(app.warning.getvalue()).splitlines()
    return [line.replace(prefix, "") for line in lines if "WARNING" in line]


def page(app, name: str) -> BeautifulSoup:
    html = (Path(app.outdir) / name).read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def entries(soup: BeautifulSoup, selector: str = "ul.deckbook-postlist") -> list:
    """``(datetime or None, title, href)`` of each post in the first matching list."""
    found = []
    for item in soup.select_one(selector).select("li > p.deckbook-post-entry"):
        time = item.find("time")
        title = item.select("a")[0]
        found.append((time and time["datetime"], title.get_text(), title["href"]))
    return found


@pytest.mark.sphinx("html", testroot="posts", freshenv=True)
def test_only_the_unreadable_date_warns(app):
    app.build()
    assert warnings(app) == [
        "posts/undated.md:3: WARNING: front matter 'date' 'someday' is not a date "
        "(expected YYYY-MM-DD, optionally with HH:MM[:SS] and a +HHMM offset); the "
        "post is listed without a date [deckbook.frontmatter]"
    ]


@pytest.mark.sphinx("html", testroot="posts")
def test_posts_index_lists_every_post_newest_first(app):
    app.build()
    soup = page(app, "posts/index.html")
    assert entries(soup) == ALL_POSTS
    first = soup.select_one("ul.deckbook-postlist li")
    assert first.time.get_text() == "2022년 3월 1일"
    links = [(a.get_text(), a["href"]) for a in first.select("a")[1:]]
    assert links == [
        ("AWS", "../categories/aws.html"),
        ("Serverless", "../categories/serverless.html"),  # "AWS Serverless" splits
        ("#람다", "../tags/%EB%9E%8C%EB%8B%A4.html"),
        ("#lambda", "../tags/lambda.html"),
    ]


@pytest.mark.sphinx("html", testroot="posts")
def test_postlist_category_and_limit(app):
    app.build()
    soup = page(app, "posts/aws.html")
    listing = soup.select_one("ul.deckbook-postlist")
    assert listing["id"] == "aws-posts"  # the (aws-posts)= label
    assert entries(soup) == ALL_POSTS[:2]


@pytest.mark.sphinx("html", testroot="posts")
def test_post_page_has_title_meta_and_original_heading(app):
    app.build()
    soup = page(app, "posts/2021-01-15-aws-recap.html")
    assert soup.title.get_text().startswith(f"{RECAP} — ")
    article = soup.select_one("article.bd-article")
    assert article.h1.get_text().rstrip("#") == RECAP
    meta = article.select_one("h1 + p.deckbook-post-meta")
    assert meta.time["datetime"] == "2021-01-15T10:00:00+09:00"
    assert [a["href"] for a in meta.select("a")] == ["../categories/aws.html"]
    rubric = article.select_one("p.rubric.deckbook-source-title")
    assert rubric.get_text() == "AWS Re:Invent 2020 Recap 요약"
    toc = [a.get_text(strip=True) for a in soup.select("nav.page-toc a")]
    assert toc == ["혁신가"]


@pytest.mark.sphinx("html", testroot="posts")
def test_category_pages_list_their_posts(app):
    app.build()
    aws = page(app, "categories/aws.html")
    assert aws.title.get_text().startswith("분류: AWS — ")
    assert aws.select_one("article h1").get_text() == "분류: AWS"
    expected = [(d, t, "../posts/" + href) for d, t, href in ALL_POSTS[:4]]
    del expected[2]  # 클라우드 회고 is not about AWS
    assert entries(aws) == expected
    # The page's own category is plain text, not a link to itself.
    assert not [a for a in aws.select("article a") if a.get_text() == "AWS"]
    assert aws.select_one("article p > a[href='index.html']").get_text() == "모든 분류"
    retro = page(app, "categories/회고.html")
    assert [title for _, title, _ in entries(retro)] == [
        "클라우드 회고",
        "Someday post",
    ]


@pytest.mark.sphinx("html", testroot="posts")
def test_category_index_counts_posts(app):
    app.build()
    soup = page(app, "categories/index.html")
    assert soup.select_one("article h1").get_text() == "분류"
    links = {a.get_text(): unquote(a["href"]) for a in soup.select("article li a")}
    assert links == CATEGORY_COUNTS
    for href in links.values():
        assert (Path(app.outdir) / "categories" / href).is_file()


@pytest.mark.sphinx("html", testroot="posts")
def test_tag_pages_beside_the_category_pages(app):
    app.build()
    soup = page(app, "tags/index.html")
    assert soup.select_one("article h1").get_text() == "태그"
    links = {a.get_text(): unquote(a["href"]) for a in soup.select("article li a")}
    assert links == TAG_COUNTS
    lambda_page = page(app, "tags/lambda.html")
    assert lambda_page.select_one("article h1").get_text() == "태그: lambda"
    assert [title for _, title, _ in entries(lambda_page)] == ["Serverless in practice"]
    back = lambda_page.select_one("article p > a[href='index.html']")
    assert back.get_text() == "모든 태그"
    assert not (Path(app.outdir) / "categories/lambda.html").exists()


@pytest.mark.sphinx("html", testroot="posts")
def test_category_pages_use_the_book_theme(app):
    app.build()
    soup = page(app, "categories/클라우드.html")
    assert soup.html["lang"] == "ko"
    assert soup.select_one(".bd-header") is not None
    sidebar = soup.select_one(".bd-sidebar-primary").get_text(" ")
    assert "글 목록" in sidebar  # the site's navigation, not a bare page
    css = [link["href"].split("?")[0] for link in soup.select("link[rel=stylesheet]")]
    assert css.count("../_static/deckbook-posts.css") == 1
    assert (Path(app.outdir) / "_static/deckbook-posts.css").is_file()


@pytest.mark.sphinx("html", testroot="posts")
def test_every_category_link_has_a_page(app):
    app.build()
    outdir = Path(app.outdir)
    for path in [outdir / "posts/index.html", *outdir.glob("posts/*.html")]:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for span in soup.select("a > span.deckbook-category, a > span.deckbook-tag"):
            target = (path.parent / unquote(span.parent["href"])).resolve()
            assert target.is_file(), (path.name, span.get_text())


@pytest.mark.sphinx("dirhtml", testroot="posts")
def test_dirhtml_category_pages(app):
    app.build()
    outdir = Path(app.outdir)
    assert (outdir / "categories/aws/index.html").is_file()
    assert (outdir / "categories/index.html").is_file()
    soup = page(app, "posts/serverless/index.html")
    meta = soup.select_one("p.deckbook-post-meta")
    assert meta.select("a")[0]["href"] == "../../categories/aws/"


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo", "singlehtml"])
def test_other_builders_write_categories_as_text(make_app, tmp_path, rootdir, builder):
    srcdir = tmp_path / "posts"
    shutil.copytree(rootdir / "test-posts", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert not (Path(app.outdir) / "categories").exists()
    found = [w for w in warnings(app) if "Babel" not in w]  # LaTeX has no ko option
    assert len(found) == 1 and "'someday' is not a date" in found[0]
    if builder == "text":
        text = (Path(app.outdir) / "posts/index.txt").read_text(encoding="utf-8")
        assert "* 2022년 3월 1일 · Serverless in practice · AWS, Serverless" in text
        assert text.index("Dated by file name") < text.index("Someday post")


@pytest.mark.sphinx(
    "revealjs",
    testroot="posts",
    confoverrides={"deckbook_slides_patterns": ["posts/*"]},
)
def test_decks_show_post_meta_without_book_links(app):
    app.build()
    soup = page(app, "posts/serverless.html")
    meta = soup.select_one("p.deckbook-post-meta")
    assert meta.time["datetime"] == "2022-03-01"
    assert meta.select("a") == []  # category pages exist only in the book
    assert [s.get_text() for s in meta.select("span")] == [
        "AWS",
        "Serverless",
        "#람다",
        "#lambda",
    ]


@pytest.mark.sphinx("html", testroot="posts", srcdir="posts-incremental")
def test_changed_post_reorders_the_lists(app):
    app.build()
    first = entries(page(app, "posts/index.html"))[0]
    assert first[1] == "Serverless in practice"
    source = Path(app.srcdir) / "posts/serverless.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("2022-03-01", "2018-03-01"),
        encoding="utf-8",
    )
    os.utime(source, (source.stat().st_atime, source.stat().st_mtime + 10))
    app.build()
    titles = [t for _, t, _ in entries(page(app, "posts/index.html"))]
    moved = "Serverless in practice"
    assert titles == [
        RECAP,
        "클라우드 회고",
        "Dated by file name",
        moved,
        "Someday post",
    ]
    aws = [t for _, t, _ in entries(page(app, "categories/aws.html"))]
    assert aws[-1] == moved


@pytest.mark.sphinx("html", testroot="posts-bad", freshenv=True)
def test_mistakes_warn_with_locations(app):
    app.build()
    assert warnings(app) == [
        "index.md:3: WARNING: postlist: no post has the category 'nope' "
        "[deckbook.posts]",
        "categories/aws.md: WARNING: a page 'categories/aws' exists, so this "
        "category page is not written [deckbook.posts]",
    ]
    # The real page is kept, and unsafe names still get pages inside categories/
    # (the tags inside tags/).
    real = page(app, "categories/aws.html")
    assert (
        real.h1.get_text().rstrip("¶") == "A real page where a category page would go"
    )
    pages = sorted(p.name for p in (Path(app.outdir) / "tags").iterdir())
    assert "etc-passwd.html" in pages and "category-index.html" in pages


@pytest.mark.sphinx("html", testroot="posts")
def test_domain_merges_and_clears(app):
    app.build()
    domain = app.env.domains["posts"]
    assert set(domain.posts) == {
        "posts/2021-01-15-aws-recap",
        "posts/serverless",
        "posts/korean",
        "posts/2019-07-01-filename-date",
        "posts/undated",
    }
    assert domain.postlists == {"posts/index", "posts/aws"}
    other = {"posts": {"w/x": {"sortkey": ""}}, "postlists": {"w/x", "w/y"}}
    domain.merge_domaindata({"w/x"}, other)
    assert domain.posts["w/x"] == {"sortkey": ""}
    assert "w/x" in domain.postlists and "w/y" not in domain.postlists
    domain.clear_doc("w/x")
    assert "w/x" not in domain.posts and "w/x" not in domain.postlists


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("AWS", "aws"),
        ("AWS Lambda", "aws-lambda"),
        ("클라우드", "클라우드"),
        ("\u1104\u1161\u11af", "딸"),  # decomposed Hangul (macOS file names) → NFC
        ("C++/C#", "c-c"),
        ("../../etc/passwd", "etc-passwd"),
        ("a\\b", "a-b"),
        ("index", "category-index"),
    ],
)
def test_slugs_are_safe_file_names(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["..", "/", "???", ""])
def test_slugs_never_empty_or_a_path(name):
    slug = slugify(name)
    assert slug.startswith("category-") and len(slug) > len("category-")
    assert "/" not in slug and "\\" not in slug and ".." not in slug


@pytest.mark.sphinx("html", testroot="posts", srcdir="posts-parallel", parallel=2)
def test_parallel_build_gives_the_same_lists(app):
    app.build()
    assert entries(page(app, "posts/index.html")) == ALL_POSTS
    assert (Path(app.outdir) / "categories/회고.html").is_file()
