"""Marp decks: Marp's rules (directives, images, CSS), the shared doctree, the book
page, the other builders, and bad input. The deck in a browser: test_marp_browser.py.
"""

from __future__ import annotations

import io
import pickle
import re
from pathlib import Path

import pytest
from docutils import nodes

from deckbook.marp import css as marp_css
from deckbook.marp import directives as marp_directives
from deckbook.marp import images as marp_images
from deckbook.marp.nodes import marp_deck, marp_footer, marp_header, marp_slide
from deckbook.notes import speaker_notes
from deckbook.site.build import BuildOptions, run_pass
from deckbook.source.comments import unclosed_comments
from tests.sites import build_with_warnings, copy_root, soup

DOCS = Path(__file__).resolve().parent.parent / "docs"
DECK = "decks/reinvent-2022-vegas"


# --- Marp's rules, as pure functions ------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("_class: lead", {"_class": "lead"}),
        ("paginate: true", {"paginate": "true"}),  # failsafe schema: strings
        ('header: ""', {"header": ""}),
        ("header: 업무 관련: Best", {"header": "업무 관련: Best"}),  # loose YAML
        ("class: [a, b]", {"class": ["a", "b"]}),
        ("theme: gaia\nsize: 4:3", {"theme": "gaia", "size": "4:3"}),
        ("fit", None),
        ("comment:\n  a note", None),  # only an unknown key
        ("just: a note", None),
        ("key: [unclosed", None),  # not YAML
        ("header: **bold**", None),  # `*` starts an alias: Marp fails too
        ("foo: 1\nfooter: x", {"foo": "1", "footer": "x"}),  # one known key suffices
    ],
)
def test_directive_comments(body, expected):
    assert marp_directives.directives_in(body) == expected


@pytest.mark.parametrize(
    ("body", "note"),
    [
        (
            "comment:\n  lustre 라는 **파일시스템**.\n\n  * a\n",
            "lustre 라는 **파일시스템**.\n\n* a",
        ),
        ("comment\n  NatWest 의 `MLOps`", "NatWest 의 `MLOps`"),
        ("comment: one line", "one line"),
        ("comments are notes too", "comments are notes too"),
        ("prettier-ignore", None),
        ("markdownlint-disable MD001", None),
        ("fit", None),
        ("   ", None),
        ("comment:\n  ...", "..."),
    ],
)
def test_note_text(body, note):
    assert marp_directives.note_text(body) == note


def test_local_spot_and_global_directives():
    resolver = marp_directives.Resolver()
    resolver.start_slide()
    resolver.apply({"theme": "gaia", "footer": "f", "paginate": "true"})
    resolver.apply({"_class": "lead"})
    resolver.start_slide()
    resolver.apply({"header": "h", "_paginate": "skip", "$size": "4:3"})
    resolver.start_slide()
    resolver.apply({"header": "", "unknown": "x", "_unknown": "y"})
    deck = resolver.finish()
    assert deck.globals == {"theme": "gaia", "size": "4:3"}
    assert deck.slides == [
        {"footer": "f", "paginate": "true", "class": "lead"},
        {"footer": "f", "paginate": "skip", "header": "h"},
        {"footer": "f", "paginate": "true", "header": ""},
    ]


@pytest.mark.parametrize(
    ("values", "pages", "total"),
    [
        ([None, "true", "true"], [None, 2, 3], 3),  # the seed: no number on slide 1
        (["true", "skip", "hold", "true"], [1, None, 1, 2], 2),
        (["hold", "skip", "hold", "true"], [1, None, 1, 2], 2),  # measured with Marp
        (["false", "false", "true", "skip", "true"], [None, None, 3, None, 4], 4),
    ],
)
def test_pagination_counts_like_marp(values, pages, total):
    assert marp_directives.paginate(values) == (pages, total)


@pytest.mark.parametrize(
    ("value", "levels"),
    [
        ("2", [1, 2]),
        ("1", [1]),
        ("0", None),
        ("7", None),
        ("x", None),
        (["1", "3"], [1, 3]),
    ],
)
def test_heading_divider(value, levels):
    assert marp_directives.heading_divider(value) == levels


@pytest.mark.parametrize(
    ("alt", "expected"),
    [
        (
            "width:900px bg",
            dict(background=True, size=None, bg_size="900px auto", alt=""),
        ),
        ("bg right", dict(background=True, split="right", split_size=None, alt="")),
        ("bg left:40%", dict(background=True, split="left", split_size="40%")),
        ("bg fit", dict(background=True, bg_size="contain")),
        ("bg 50%", dict(background=True, bg_size="50%")),
        ("bg h:300 grayscale", dict(bg_size="auto 300px", filter="grayscale(1)")),
        ("bg vertical", dict(direction="vertical")),
        (
            "w:200 sepia:50% Cat photo",
            dict(background=False, width="200px", alt="Cat photo"),
        ),
        ("bg sparkle glitter", dict(background=True, alt="sparkle glitter")),
        ("bgx", dict(background=False, alt="bgx")),
        ("drop-shadow:0,5px,10px,red", dict(filter="drop-shadow(0 5px 10px red)")),
        ("blur:url(x)", dict(filter="", alt="blur:url(x)")),  # unsafe: kept as words
    ],
)
def test_image_keywords(alt, expected):
    options = marp_images.parse(alt)
    actual = {
        "background": options.background,
        "size": options.size,
        "bg_size": options.background_size,
        "split": options.split,
        "split_size": options.split_size,
        "direction": options.direction,
        "width": options.width,
        "filter": options.filter_css,
        "alt": options.alt,
    }
    assert {key: actual[key] for key in expected} == expected


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("section { color: red; }", "S { color: red; }"),
        ("section.lead h1, p { x: 1 }", "S.lead h1, S p { x: 1 }"),
        (":root { --a: 1 }", "S { --a: 1 }"),
        # tinycss2 writes strings double-quoted: the same CSS.
        ("section::after { content: 'a{b}' }", 'S::after { content: "a{b}" }'),
        ("@import 'gaia'; h1 { a: b }", "S h1 { a: b }"),
        ("@media print { h2 { a: b } }", "@media print {\nS h2 { a: b }\n}"),
        ("@keyframes k { from { a: b } }", "@keyframes k { from { a: b } }"),
        ("/* c */ sections { a: b }", "S sections { a: b }"),
    ],
)
def test_css_is_scoped_to_slides(css, expected):
    assert marp_css.scope_css(css, "S") == expected


def test_remote_urls_dropped_from_css_when_offline():
    css = "section { background: url('https://x.test/a.png') }"
    assert "x.test" not in marp_css.scope_css(css, "S", keep_remote=False)
    assert "</style>" not in marp_css.safe_style_text("a { content: '</style>' }")


def test_unclosed_comment_lines():
    lines = [
        "# a",
        "<!-- ok -->",
        "`<!--` in code",
        "```",
        "<!--",
        "```",
        "<!-- open",
        "b",
    ]
    assert unclosed_comments(lines, 0) == [7]
    assert unclosed_comments(["<!-- a", "-->", "<!-- b --> <!-- c"], 0) == [3]


# --- the doctree every builder shares -----------------------------------------------


@pytest.fixture(scope="module")
def marp_site(tmp_path_factory):
    options, status, warnings = build_with_warnings(
        copy_root("marp", tmp_path_factory.mktemp("marp"))
    )
    assert status == 0
    return options, warnings


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory):
    return build_with_warnings(
        copy_root("marp-bad", tmp_path_factory.mktemp("marp-bad"))
    )


def doctree(options: BuildOptions, docname: str) -> nodes.document:
    with (options.doctree_dir / f"{docname}.doctree").open("rb") as file:
        return pickle.load(file)


def test_fixture_decks_build_without_warnings(marp_site):
    _, warnings = marp_site
    assert warnings == ""


def test_slides_are_split_at_rules_and_keep_empty_ones(marp_site):
    options, _ = marp_site
    slides = list(doctree(options, "slides").findall(marp_slide))
    assert [s["index"] for s in slides] == [1, 2, 3, 4]
    assert [s.get("titled", False) for s in slides] == [True, False, True, False]
    assert slides[1].astext() == slides[3].astext() == ""


def test_heading_divider_splits_like_marp(marp_site):
    options, _ = marp_site
    slides = list(doctree(options, "divider").findall(marp_slide))
    assert len(slides) == 5  # `---` then `## Part C` leaves an empty slide, as in Marp
    assert "Detail text stays with part A." in slides[1].astext()


def test_directives_resolve_per_slide(marp_site):
    options, _ = marp_site
    slides = list(doctree(options, "directives").findall(marp_slide))
    assert [s["marp-class"] for s in slides] == [
        "invert", "lead", "custom-one", "custom-one", "custom-one",
    ]  # fmt: skip
    assert [s["page"] for s in slides] == [1, 0, 0, 2, 3]
    assert {s["total"] for s in slides} == {3}
    headers = [s.next_node(marp_header) for s in slides]
    assert [h.astext() if h else None for h in headers] == [
        "굵은 header", None, "Second header", "Second header", "Second header",
    ]  # fmt: skip
    assert headers[0].next_node(nodes.strong).astext() == "굵은"  # inline Markdown
    footers = [s.next_node(marp_footer) for s in slides]
    assert [bool(f) for f in footers] == [True, True, True, True, False]
    assert slides[0]["backgroundColor"] == "#123456" and slides[0]["color"] == "#fedcba"
    assert slides[4]["backgroundColor"] == "white" and slides[4]["color"] == "black"


def test_deck_settings(marp_site):
    options, _ = marp_site
    deck = doctree(options, "style").next_node(marp_deck)
    assert (deck["theme"], deck["width"], deck["height"]) == ("uncover", 960, 720)
    assert (deck["lang"], deck["title"], deck["author"]) == (
        "en",
        "Styled deck title",
        "Jane Doe",
    )
    assert "letter-spacing: 7px" in deck["css"]  # <style> joins the deck's CSS
    scoped = [s["scoped-css"] for s in doctree(options, "style").findall(marp_slide)]
    assert scoped[0] == scoped[2] == "" and "rgb(200, 0, 0)" in scoped[1]


def test_book_structure_one_section_per_titled_slide(marp_site):
    options, _ = marp_site
    tree = doctree(options, "backgrounds")
    top = tree.next_node(nodes.section)
    assert top[0].astext() == "Full background 배경"
    titles = [s[0].astext() for s in top.findall(nodes.section) if s is not top]
    assert titles == [
        "Right split", "Left split 40%", "Sizes", "Lengths and filters",
        "Inline images", "Caption is not shown", "Remote background",
        "Directive background", "Gradient background",
    ]  # fmt: skip
    figures = [
        f for f in tree.findall(nodes.figure) if "deckbook-marp-bg" in f["classes"]
    ]
    assert len(figures) == 1 + 1 + 1 + 3 + 2 + 5 + 3 + 1 + 1 + 1  # the last: directive
    assert all(not f.next_node(nodes.image)["alt"] for f in figures[:-3])
    assert figures[-1]["classes"] == ["deckbook-marp-bg", "deckbook-marp-bg-directive"]
    caption = [f for f in figures if f.next_node(nodes.caption)]
    assert [f.next_node(nodes.caption).astext() for f in caption] == [
        "Hidden caption words"
    ]


def test_fit_markers_reach_no_title(marp_site):
    options, _ = marp_site
    tree = doctree(options, "fit")
    titles = " ".join(t.astext() for t in tree.findall(nodes.title))
    assert titles == "Fitted title 맞춤 Also fitted Not fitted"
    assert not list(tree.findall(nodes.raw))
    slides = list(tree.findall(marp_slide))
    assert [s.get("fit", False) for s in slides] == [True, True, False]


def test_notes_are_notes_nodes_with_markdown(marp_site):
    options, _ = marp_site
    slides = list(doctree(options, "notes").findall(marp_slide))
    notes = [s.next_node(speaker_notes) for s in slides]
    assert [bool(n) for n in notes] == [True, True, True, False]
    first = notes[0]
    assert first[0].astext() == "발표자 노트"
    assert first.next_node(nodes.strong).astext() == "bold"
    assert first.next_node(nodes.literal).astext() == "code"
    text = first.astext()
    assert (
        "comment" not in text and "prettier" not in text and "markdownlint" not in text
    )
    assert text.index("First note") < text.index("Second note")
    assert notes[1].next_node(nodes.bullet_list) is not None
    assert "inline note" in notes[1].astext()
    assert "key: [unclosed" in notes[2].astext() and "just: a note" in notes[2].astext()


# --- the book page ------------------------------------------------------------------


def test_seed_book_reads_as_an_article(docs_site):
    options, _, _ = docs_site
    page = soup(options.book_dir / f"{DECK}.html")
    main = page.select_one("main article")
    assert page.title.get_text().startswith("re:Invent2022 @vegas")
    assert (
        main.select_one("h1").get_text(strip=True).rstrip("#") == "re:Invent2022 @vegas"
    )
    headings = [
        h.get_text(" ", strip=True).rstrip("#").strip() for h in main.select("h2")
    ]
    assert headings == [
        "들어가기 전에", "들어가기 전에", "DE 업무 관련 AWS 활용 사례 수집",
        "FSx for Lustre", "FSx for Lustre", "ECS Anywhere ✕ Airflow ECSOperator",
        "AWS Parallel Cluster",
        "기술 동향, 미래의 Major Player 탐색", "Redshift", "다른 금융사의 사례 수집",
        "NatWest", "마치며",
    ]  # fmt: skip
    notes = main.select("details.deckbook-notes")
    assert len(notes) == 8
    assert {n.summary.get_text(strip=True) for n in notes} == {"발표자 노트"}
    assert all(not n.has_attr("open") for n in notes)
    assert len(main.select("figure.deckbook-marp-bg")) == 5
    local = main.select("figure.deckbook-marp-bg img")
    assert [Path(img["src"]).name for img in local] == [
        "reinvent_timetable.png", "chalktalk_hybrid_workflow.jpg",
    ]  # fmt: skip
    text = main.get_text(" ")
    for marker in (
        "<!--",
        "-->",
        "fit",
        "_class",
        "paginate",
        "header:",
        "width:900px",
        "bg right",
    ):
        assert marker not in text, marker
    toc = [
        a.get_text(" ", strip=True)
        for a in page.select(".bd-toc-nav a, nav.page-toc a")
    ]
    assert toc[0] == "들어가기 전에" and "fit" not in " ".join(toc)


def test_seed_never_leaks_markers_into_search_or_titles(docs_site):
    options, _, _ = docs_site
    index = (options.book_dir / "searchindex.js").read_text(encoding="utf-8")
    assert '"re:Invent2022 @vegas"' in index  # the page's title, clean
    assert "<!--" not in index and "\\u003c!--" not in index
    deck = soup(options.decks_dir / f"{DECK}.html")
    assert deck.title.get_text() == "re:Invent2022 @vegas"


def test_front_matter_title_titles_the_book_page(marp_site):
    options, _ = marp_site
    page = soup(options.book_dir / "style.html")
    assert (
        page.select_one("main h1").get_text(strip=True).rstrip("#")
        == "Styled deck title"
    )
    headings = page.select("main article h2")
    assert [h.get_text(strip=True).rstrip("#") for h in headings] == [
        "Styled", "Scoped", "Back to normal",
    ]  # fmt: skip
    assert page.select_one('meta[name="author"]')["content"] == "Jane Doe"
    assert (
        page.select_one('meta[name="description"]')["content"] == "A deck about styles"
    )
    assert not page.select("main style"), "deck CSS must not style the book"


def test_inline_images_sized_and_filtered_in_the_book(marp_site):
    options, _ = marp_site
    main = soup(options.book_dir / "backgrounds.html").select_one("main")
    alts = [i.get("alt", "") for i in main.select("p img")]
    sized = [i for i in main.select("p img") if "200px" in (i.get("style") or "")]
    assert len(sized) == 1 and "100px" in sized[0]["style"]
    span = main.select_one("span.deckbook-marp-image")
    assert span["style"] == "filter:grayscale(1)"
    assert alts == ["", "", "Some caption words"]
    assert "w:80" not in main.get_text() and "w:80" not in str(main.select("img"))


# --- other builders share the doctree -----------------------------------------------


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo", "dirhtml"])
def test_other_builders_render_marp_decks(marp_site, builder):
    options, _ = marp_site
    warnings = io.StringIO()
    out = options.out / builder
    options = BuildOptions(
        source=options.source, confdir=options.confdir, out=options.out, quiet=True,
        warning_stream=warnings,
    )  # fmt: skip
    assert run_pass(options, builder, out, fresh=False) == 0
    assert "Traceback" not in warnings.getvalue()
    if builder == "text":
        text = (out / "notes.txt").read_text(encoding="utf-8")
        assert (
            "Visible text." in text and "발표자 노트: First note with **bold**" in text
        )


# --- bad input: warnings, never a traceback -----------------------------------------


def test_bad_input_builds_with_located_warnings(bad_site):
    _, status, warnings = bad_site
    assert status == 0
    assert "Traceback" not in warnings
    assert re.search(
        r"unclosed\.md:9: WARNING: HTML comment '<!--' is never closed", warnings
    )
    assert "[deckbook.marp]" in warnings
    assert re.search(
        r"unknown\.md:3: WARNING: unknown Marp theme 'nosuchtheme'", warnings
    )
    assert re.search(
        r"unknown\.md:\d+: WARNING: image file not readable: img/missing", warnings
    )


def test_text_after_an_unclosed_comment_is_kept(bad_site):
    options, _, _ = bad_site
    for page in (
        options.book_dir / "unclosed.html",
        options.decks_dir / "unclosed.html",
    ):
        text = soup(page).get_text(" ")
        assert "Text after the unclosed comment must survive." in text
        assert "this comment is never closed" in text


def test_slide_with_only_directives_stays_a_slide(bad_site):
    options, _, _ = bad_site
    slides = list(doctree(options, "directive-only").findall(marp_slide))
    assert len(slides) == 3
    assert (slides[1]["marp-class"], slides[1]["page"]) == ("lead", 2)


def test_unknown_keys_and_keywords(bad_site):
    options, _, _ = bad_site
    tree = doctree(options, "unknown")
    deck = tree.next_node(marp_deck)
    assert deck["theme"] == "default"
    notes = tree.next_node(speaker_notes).astext()
    assert "foo: bar" in notes and ": : not yaml [" in notes
    figures = [
        f for f in tree.findall(nodes.figure) if "deckbook-marp-bg" in f["classes"]
    ]
    assert len(figures) == 2  # the missing image is still a background
    assert figures[1].next_node(nodes.caption).astext() == "sparkle glitter"
    inline = [i for i in tree.findall(nodes.image) if i.parent.tagname == "paragraph"]
    assert [(i["alt"], i.get("width")) for i in inline] == [("twinkle shine", "40px")]


def test_header_is_inline_markdown_only(bad_site):
    options, _, _ = bad_site
    slide = doctree(options, "inline-edge").next_node(marp_slide)
    assert slide.next_node(marp_header).astext() == "# not a heading"
    footer = slide.next_node(marp_footer)
    assert footer.next_node(nodes.reference)["refuri"] == "https://example.com"
    assert footer.next_node(nodes.emphasis).astext() == "em"
    assert slide["marp-class"] == "from-a-list" and slide["page"] == 0


# --- doctree snapshots: what the read phase shares, what the deck makes of it --------


def _normalised(tree: nodes.document, srcdir: Path) -> str:
    text = tree.pformat().replace(str(srcdir), "<srcdir>")
    return re.sub(r' translation_progress="[^"]*"', "", text)


@pytest.mark.sphinx("revealjs", testroot="marp")
def test_doctree_before_and_after_the_deck_shaping(app, file_regression):
    app.build()
    for docname in ("directives", "notes"):
        shared = app.env.get_doctree(docname)
        file_regression.check(
            _normalised(shared, app.srcdir), basename=f"{docname}_pre", extension=".xml"
        )
        deck = app.env.get_and_resolve_doctree(docname, app.builder, tags=app.tags)
        file_regression.check(
            _normalised(deck, app.srcdir), basename=f"{docname}_post", extension=".xml"
        )


def test_front_matter_only_marps_loose_yaml_reads_is_still_a_deck(bad_site):
    """`style: @import …` is no YAML to PyYAML; Marp's loose reader accepts it."""
    options, _, warnings = bad_site
    assert not re.search(r"loose-yaml\.md:\d+: WARNING: front matter", warnings)
    tree = doctree(options, "loose-yaml")
    deck = next(tree.findall(marp_deck))
    assert "color: #0a0a0a" in deck["css"]
    assert [s["page"] for s in tree.findall(marp_slide)] == [1]
    assert "only shows in a Marp deck" in next(tree.findall(speaker_notes)).astext()
    assert (options.decks_dir / "loose-yaml.html").exists()


def test_deck_with_unreadable_front_matter_is_still_a_deck(bad_site):
    """Marpit ignores a front matter it cannot read; the page stays a deck (fuzz)."""
    options, _, warnings = bad_site
    assert re.search(r"broken-yaml\.md:3: WARNING: front matter", warnings)
    tree = doctree(options, "broken-yaml")
    assert next(tree.findall(marp_deck), None) is not None
    assert "broken front matter" in next(tree.findall(speaker_notes)).astext()
    assert (options.decks_dir / "broken-yaml.html").exists()
