"""Jekyll front matter: titles, post dates and categories, broken input (§3.1)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.util.console import strip_escape_sequences

from deckbook.posts.domain import post_meta
from deckbook.posts.fields import parse_date, post_fields
from deckbook.source.titles import title_from_filename

TITLE = "AWS Re:Invent 2020 Recap 요약 Webinar 정리"
OLD_HEADING = "AWS Re:Invent 2020 Recap 요약"
DATE_HELP = "(expected YYYY-MM-DD, optionally with HH:MM[:SS] and a +HHMM offset)"
# Every warning the root gives, as "file:line: message"; nothing for layout, comments,
# unknown keys, an empty block or a page without any title.
EXPECTED_WARNINGS = [
    f"bad-values.md:3: front matter 'date' 'next tuesday' is not a date {DATE_HELP}; "
    "the post is listed without a date",
    "bad-values.md:4: front matter 'categories' is a mapping, not names; it is ignored",
    "bad-values.md:6: front matter 'tags' has ['nested'] where a name belongs; "
    "it is ignored",
    "bad-values.md:6: front matter 'tags' has 2021 where a name belongs; "
    "the int is used as '2021'",
    "invalid-yaml.md:3: front matter is not valid YAML (expected ',' or ']', but got "
    "':'); it is ignored",
    "list-title.md:2: front matter 'title' is a list, not text; it is ignored",
    "not-a-mapping.md:2: front matter is a YAML list, not a mapping; it is ignored",
    "unclosed.md:1: front matter opened by '---' on line 1 is never closed by a '---' "
    "or '...' line; its lines are kept as page text",
]


def warnings(app) -> list[str]:
    """``file:line: message`` for each warning, relative to the source folder."""
    prefix = f"{Path(app.srcdir)}/"
    lines = strip_escape_sequences(app.warning.getvalue()).splitlines()
    return [
        line.replace(prefix, "").replace(" WARNING:", "")
        for line in lines
        if "WARNING" in line
    ]


def page(app, docname: str) -> BeautifulSoup:
    html = (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def body_text(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("div.body").get_text(" ").split())


@pytest.mark.sphinx("html", testroot="frontmatter", freshenv=True)
def test_warnings_are_exactly_the_broken_inputs(app):
    app.build()
    found = warnings(app)
    assert all(line.endswith("[deckbook.frontmatter]") for line in found), found
    assert sorted(line.rsplit(" [", 1)[0] for line in found) == sorted(
        EXPECTED_WARNINGS
    )
    for quiet in ("retitled", "silent", "empty", "same-title", "2021-03-04-my-first"):
        assert not [line for line in found if line.startswith(quiet)]


@pytest.mark.sphinx(
    "html",
    testroot="frontmatter",
    freshenv=True,
    confoverrides={"suppress_warnings": ["deckbook.frontmatter"]},
)
def test_warnings_can_be_suppressed(app):
    app.build()
    assert warnings(app) == []


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_front_matter_title_is_the_page_title(app):
    app.build()
    assert app.env.titles["retitled"].astext() == TITLE
    soup = page(app, "retitled")
    assert soup.title.get_text().startswith(f"{TITLE} — ")
    assert [h1.get_text().rstrip("¶") for h1 in soup.select("h1")] == [TITLE]
    index = page(app, "index")
    assert TITLE in [a.get_text() for a in index.select("div.toctree-wrapper a")]


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_body_heading_stays_visible_with_its_anchors(app):
    app.build()
    soup = page(app, "retitled")
    rubric = soup.select_one("p.rubric.deckbook-source-title")
    assert rubric.get_text() == OLD_HEADING
    # (old-heading)= label, docutils' id and MyST's slug all still land on it.
    anchors = {rubric["id"], *(span["id"] for span in rubric.select("span[id]"))}
    assert anchors == {
        "old-heading",
        "aws-re-invent-2020-recap",
        "aws-reinvent-2020-recap-요약",
    }
    links = {a.get_text(): a["href"] for a in soup.select("div.body a.internal")}
    assert links["the old heading"] == "#aws-re-invent-2020-recap"
    assert links[OLD_HEADING] == "#old-heading"  # {ref} keeps the heading's text
    assert "Intro paragraph under the old heading." in body_text(soup)


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_body_sections_become_subsections_of_the_title(app):
    app.build()
    section = app.env.get_doctree("retitled").next_node(nodes.section)
    kinds = [type(child).__name__ for child in section.children]
    assert kinds == ["title", "post_meta", "rubric", "paragraph", "section", "section"]
    (top,) = app.env.tocs["retitled"].children
    assert top[0].astext() == TITLE
    assert [item[0].astext() for item in top[1].children] == ["혁신가", "Developers"]


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_same_title_changes_nothing(app):
    app.build()
    doctree = app.env.get_doctree("same-title")
    section = doctree.next_node(nodes.section)
    assert section[0].astext() == "Same Title"
    assert section["ids"] == ["same-title"]
    assert not list(doctree.findall(nodes.rubric))


@pytest.mark.sphinx("html", testroot="frontmatter")
@pytest.mark.parametrize(
    ("docname", "title", "text"),
    [
        ("no-heading", "Only in front matter", "A body with no heading at all."),
        ("2021-03-04-my-first_post", "My First Post", "Plain text, no heading"),
        ("no-title/index", "No Title", "Folder index without a title."),
    ],
)
def test_pages_without_a_heading_get_a_title(app, docname, title, text):
    app.build()
    assert app.env.titles[docname].astext() == title
    soup = page(app, docname)
    section = soup.select_one("div.body > section")
    assert section.h1.get_text().rstrip("¶") == title
    assert text in " ".join(section.get_text(" ").split())


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_post_meta_shows_date_and_category_links(app):
    app.build()
    meta = page(app, "retitled").select_one("h1 + p.deckbook-post-meta")
    assert meta.time["datetime"] == "2021-01-15T10:00:00+09:00"
    assert meta.time.get_text() == "2021년 1월 15일"
    assert [(a.get_text(), a["href"]) for a in meta.select("a")] == [
        ("AWS", "categories/aws.html")
    ]
    meta = page(app, "no-heading").select_one("p.deckbook-post-meta")
    assert meta.time["datetime"] == "2022-03-01"
    links = [(a.get_text(), a["href"]) for a in meta.select("a")]
    assert links == [
        ("클라우드", "categories/%ED%81%B4%EB%9D%BC%EC%9A%B0%EB%93%9C.html"),
        ("Serverless", "categories/serverless.html"),
        ("#람다", "tags/%EB%9E%8C%EB%8B%A4.html"),
        ("#lambda", "tags/lambda.html"),
    ]
    for _, href in links:  # each category page exists
        assert (Path(app.outdir) / unquote(href)).is_file(), href
    # The file-name date, when the front matter has none.
    dated = page(app, "2021-03-04-my-first_post").select_one("p.deckbook-post-meta")
    assert dated.time["datetime"] == "2021-03-04"


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_non_posts_have_no_post_meta(app):
    app.build()
    for docname in ("same-title", "invalid-yaml", "unclosed", "empty", "index"):
        doctree = app.env.get_doctree(docname)
        assert not list(doctree.findall(post_meta)), docname


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_broken_front_matter_keeps_the_body(app):
    app.build()
    invalid = page(app, "invalid-yaml")
    assert invalid.h1.get_text().rstrip("¶") == "Invalid YAML heading"
    assert "Body of the invalid YAML page." in body_text(invalid)
    assert "unclosed" not in body_text(invalid)  # the unusable YAML is dropped
    unclosed = body_text(page(app, "unclosed"))
    # Nothing lost: the would-be front matter is page text, then the whole body.
    assert "title: Unclosed front matter date: 2021-01-01" in unclosed
    assert "Unclosed heading" in unclosed
    assert "Body of the unclosed page." in unclosed
    assert not page(app, "unclosed").select("div.body hr")
    assert "Body of the not-a-mapping page." in body_text(page(app, "not-a-mapping"))


@pytest.mark.sphinx(
    "html",
    testroot="frontmatter",
    srcdir="frontmatter-en",
    confoverrides={"language": "en"},
)
def test_dates_are_iso_outside_korean(app):
    app.build()
    meta = page(app, "retitled").select_one("p.deckbook-post-meta")
    assert meta.time.get_text() == "2021-01-15"


@pytest.mark.sphinx(
    "html",
    testroot="frontmatter",
    srcdir="frontmatter-t2h",
    confoverrides={"myst_title_to_header": True},
)
def test_myst_title_to_header_is_left_alone(app):
    """MyST then renders the title as its own ``#`` heading; no rubric is made."""
    app.build()
    doctree = app.env.get_doctree("retitled")
    assert doctree.next_node(nodes.section)[0].astext() == TITLE
    assert not list(doctree.findall(nodes.rubric))


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo"])
def test_other_builders_render_the_post_meta(make_app, rootdir, tmp_path, builder):
    srcdir = tmp_path / "frontmatter"
    shutil.copytree(rootdir / "test-frontmatter", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert not [w for w in warnings(app) if "deckbook" not in w and "Babel" not in w]
    if builder == "text":
        text = (Path(app.outdir) / "retitled.txt").read_text(encoding="utf-8")
        assert "2021년 1월 15일 · AWS" in text
        assert OLD_HEADING in text.split(TITLE, 1)[1]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-01-15 10:00:00 +0900", "2021-01-15T10:00:00+09:00"),
        ("2021-01-15T10:00:00+09:00", "2021-01-15T10:00:00+09:00"),
        ("2021-01-15 10:00", "2021-01-15T10:00:00"),
        ("2021-01-15 10:00:00 Z", "2021-01-15T10:00:00+00:00"),
        ("2021-01-15", "2021-01-15"),
        (dt.date(2021, 1, 15), "2021-01-15"),
        (dt.datetime(2021, 1, 15, 10, 0), "2021-01-15T10:00:00"),
    ],
)
def test_parse_date_reads_jekyll_dates(value, expected):
    assert parse_date(value).isoformat() == expected


@pytest.mark.parametrize(
    "value", ["someday", "2021-02-30", "2021-01-15 25:00", "20210115", 2021, None, ""]
)
def test_parse_date_rejects_non_dates(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("docname", "title"),
    [
        ("posts/2021-01-15-my-post", "My Post"),
        ("posts/aws_lambda-tips", "Aws Lambda Tips"),
        ("posts/AWS-re-invent", "AWS Re Invent"),
        ("posts/2021-01-15-한글-제목", "한글 제목"),
        ("guide/index", "Guide"),
        ("index", "Project"),
    ],
)
def test_title_from_filename(docname, title):
    assert title_from_filename(docname, "Project") == title


def test_categories_follow_jekyll():
    found = []

    def warn(key, message):
        found.append(key)

    fields = post_fields(
        {"categories": "AWS Serverless", "tags": ["람다", "AWS Lambda", "람다"]},
        "posts/x",
        "ko",
        warn,
    )
    assert fields["categories"] == ["AWS", "Serverless"]  # a string splits on spaces
    assert fields["tags"] == ["람다", "AWS Lambda"]  # list items stay whole, once each
    single = post_fields({"category": "AWS Serverless"}, "posts/x", "ko", warn)
    assert single["categories"] == ["AWS Serverless"]  # `category` is one name
    assert found == []
    assert post_fields({}, "posts/x", "ko", warn)["date"] == ""


@pytest.mark.sphinx("html", testroot="frontmatter")
def test_content_before_the_first_heading_moves_under_the_title(app):
    app.build()
    section = page(app, "raw-first").select_one("div.body > section")
    children = [child.name for child in section.find_all(recursive=False)]
    assert children[:3] == ["h1", "div", "p"]
    assert section.div.get_text() == "Banner before the heading"
    assert "Original heading" in section.select_one("p.rubric").get_text()


@pytest.mark.parametrize("language", ["ko", "ko_KR", "ko-KR"])
def test_korean_date_label_is_babels_long_date_as_before(language):
    """babel.dates (CLDR) gives Korean posts the label they always had."""
    import datetime as dt

    from deckbook.posts.fields import format_date

    day = dt.date(2019, 1, 1)
    while day.year < 2021:
        expected = f"{day.year}년 {day.month}월 {day.day}일"
        assert format_date(day, language) == expected
        day += dt.timedelta(days=13)
    when = dt.datetime(2021, 1, 15, 23, 59, tzinfo=dt.UTC)
    assert format_date(when, language) == "2021년 1월 15일"


@pytest.mark.parametrize("language", ["en", None, "", "fr", "de_DE"])
def test_other_languages_keep_the_iso_date_label(language):
    import datetime as dt

    from deckbook.posts.fields import format_date

    assert format_date(dt.date(2021, 1, 5), language) == "2021-01-05"
