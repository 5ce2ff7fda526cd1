"""Jekyll's filters and the piece-by-piece renderer, on examples from Jekyll's docs."""

from __future__ import annotations

import datetime as dt

import pytest

from deckbook.posts.headings import BELOW_TITLE, consecutive_headings_plugin
from deckbook.posts.liquid_render import PostRenderer
from deckbook.posts.liquid_tags import RenderState

WHEN = dt.datetime(2008, 11, 7, 13, 7, 54, tzinfo=dt.timezone(dt.timedelta(hours=-8)))


def render(text: str, tmp_path, docname: str = "posts/2008-11-07-p"):
    warned: list[tuple[int, str]] = []
    state = RenderState(
        docname=docname,
        srcdir=str(tmp_path),
        found_docs=set(),
        doc_suffix=lambda name: ".md",
        note_dependency=lambda path: None,
        warn=lambda message, line: warned.append((line, message)),
        site_url="https://example.com/blog",
    )
    variables = {"site": {"title": "Blog"}, "page": {"date": WHEN, "tags": ["a"]}}
    return PostRenderer(state, variables, 0).render(text), warned


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{ page.date | date_to_xmlschema }}", "2008-11-07T13:07:54-08:00"),
        ("{{ page.date | date_to_rfc822 }}", "Fri, 07 Nov 2008 13:07:54 -0800"),
        ("{{ page.date | date_to_string }}", "07 Nov 2008"),
        ('{{ page.date | date_to_string: "ordinal", "US" }}', "Nov 7th, 2008"),
        ("{{ page.date | date_to_long_string }}", "07 November 2008"),
        ('{{ page.date | date_to_long_string: "ordinal" }}', "7th November 2008"),
        ('{{ page.date | date: "%b %-d, %Y" }}', "Nov 7, 2008"),
        (
            "{{ \"<p>a & 'b'</p>\" | xml_escape }}",
            "&lt;p&gt;a &amp; &#39;b&#39;&lt;/p&gt;",
        ),
        ('{{ "foo, bar; baz?" | cgi_escape }}', "foo%2C+bar%3B+baz%3F"),
        ('{{ "foo, bar \\baz?" | uri_escape }}', "foo,%20bar%20%5Cbaz?"),
        ('{{ "The _config.yml file" | slugify }}', "the-config-yml-file"),
        ('{{ "The _config.yml file" | slugify: "pretty" }}', "the-_config.yml-file"),
        ('{{ "The _cönfig.yml file" | slugify: "ascii" }}', "the-c-nfig-yml-file"),
        ('{{ "The _cönfig.yml file" | slugify: "latin" }}', "the-config-yml-file"),
        ('{{ "한글 제목 Title" | slugify }}', "한글-제목-title"),
        ('{{ "Hello world!" | number_of_words }}', "2"),
        ('{{ "你好hello世界world" | number_of_words: "cjk" }}', "6"),
        (
            '{{ "apples,oranges,grapes" | split: "," | array_to_sentence_string }}',
            "apples, oranges, and grapes",
        ),
        ('{{ "/assets/style.css" | relative_url }}', "../assets/style.css"),
        ('{{ "/feed.xml" | absolute_url }}', "https://example.com/blog/feed.xml"),
        ('{{ "https://jekyllrb.com/" | relative_url }}', "https://jekyllrb.com/"),
        ("{{ page.tags | jsonify }}", '["a"]'),
        ('{{ "a \t  b" | normalize_whitespace }}', "a b"),
        ('{{ "3.9" | to_integer | plus: 1 }}', "4"),
        ('{{ page.tags | push: "b" | join: "+" }}', "a+b"),
        ("{{ site.title | markdownify }}", "Blog"),
    ],
)
def test_jekyll_filters(tmp_path, template, expected):
    assert render(template, tmp_path) == (expected, [])


def test_assign_and_capture_carry_across_pieces(tmp_path):
    text = '{% assign x = "one" %}\n{% capture y %}two{% endcapture %}\n{{ x }} {{ y }}'
    assert render(text, tmp_path) == ("\n\none two", [])


def test_a_comment_keeps_the_lines_after_it(tmp_path):
    text = "Before\n{% comment %}\na\nb\n{% endcomment %}\nAfter {{ nope }}"
    out, warned = render(text, tmp_path)
    assert out.split("\n").index("After `{{ nope }}`") == 5
    assert warned == [(6, "Liquid: {{ nope }} is undefined; it is shown as written")]


def test_inline_comment_pays_its_lines_at_the_paragraph_end(tmp_path):
    text = "A {% comment %}\nx\n{% endcomment %} b\nc\n\nNext"
    out, _ = render(text, tmp_path)
    assert out.startswith("A  b\nc\n")  # the paragraph is not cut
    assert out.split("\n").index("Next") == 5


def test_undefined_in_code_is_kept_verbatim(tmp_path):
    text = "```\n{{ nope }}\n```\n"
    out, warned = render(text, tmp_path)
    assert out == text
    assert [line for line, _ in warned] == [2]


@pytest.mark.parametrize(
    ("body", "expected", "below"),
    [
        ("## A\n\n### B\n\n## C\n", "# A\n\n## B\n\n# C\n", True),
        ("## A\n\n#### B\n", "# A\n\n## B\n", True),
        ("# A\n\n## B\n", "# A\n\n## B\n", False),
        ("A\n---\n\n### B\n", "A\n===\n\n## B\n", True),
        ("# A\n\nB\n---\n\n#### C\n", "# A\n\nB\n---\n\n### C\n", False),
        (
            "```\n## in code\n```\n- ## in a list\n",
            "```\n## in code\n```\n- ## in a list\n",
            False,
        ),
    ],
)
def test_consecutive_headings(body, expected, below):
    """The page's own parse renumbers its headings as if the source said
    ``expected``: the same tokens, tags and markup."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    def shape(tokens):
        return [(t.type, t.tag, t.markup, t.level, t.map) for t in tokens]

    renumbering = create_md_parser(MdParserConfig(), RendererHTML)
    renumbering.use(consecutive_headings_plugin)
    env: dict = {}
    tokens = renumbering.parse(body, env)
    plain = create_md_parser(MdParserConfig(), RendererHTML).parse(expected)
    assert shape(tokens) == shape(plain)
    assert env[BELOW_TITLE] is below


def test_page_variables_follow_jekyll(make_app, tmp_path):
    from deckbook.posts.liquid import page_data

    (tmp_path / "conf.py").write_text('extensions = ["deckbook"]\nproject = "P"\n')
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "2021-01-15-my-post.md").write_text("# T\n")
    app = make_app("html", srcdir=tmp_path)
    data = {"categories": "AWS Cloud", "title": None, "date": "2021-01-15 10:00:00"}
    page = page_data(app, "posts/2021-01-15-my-post", data)
    assert (page["title"], page["slug"], page["url"]) == (
        "My Post",
        "my-post",
        "/posts/2021-01-15-my-post.html",
    )
    assert page["categories"] == ["AWS", "Cloud"]
    assert page["date"] == dt.datetime(2021, 1, 15, 10, 0)
    assert page_data(app, "about", {"slug": "me"})["slug"] == "me"
