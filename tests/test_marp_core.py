"""Real Marp decks, unchanged (issue 13): front matter as Marp reads it, emoji, line
breaks, custom themes, the book page's header/footer/author, fit markers outside
headings; and directive values Marp ignores, with a warning (issue 11.4).

The decks in a browser, slide by slide against marp-cli: test_marp_browser.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from docutils import nodes

from deckbook.marp import themes as marp_themes
from deckbook.marp.inline import render_emoji, shortcode
from deckbook.marp.nodes import marp_deck, marp_slide
from deckbook.notes import speaker_notes
from deckbook.source.frontmatter import as_yaml_block, read_front_matter_text
from tests.marp_reference import load
from tests.sites import build_with_warnings, copy_root, soup
from tests.test_marp import _normalised, doctree

# --- the front-matter reader ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marp", "data", "problems"),
    [
        # strict YAML: typed values, no problem
        ("---\nmarp: true\npaginate: true\n---\n", True, {"paginate": True}, []),
        # Marp's loose YAML: a known key's value is the rest of the line
        (
            "---\nmarp: true\nstyle: @import url(a.css)\nheader: a: b #c\n---\n",
            True,
            {"style": "@import url(a.css)", "header": "a: b #c"},
            [],
        ),
        # a blank line inside is fine
        ("---\nmarp: true\n\ntheme: gaia\n---\n", True, {"theme": "gaia"}, []),
        # an HTML comment: Marp ignores the block; we read the other entries
        (
            "---\nmarp: true\n<!-- c -->\nfooter: f\n---\n",
            True,
            {"marp": "true", "footer": "f"},
            [3],
        ),
        # a value neither YAML reading takes (an alias to YAML): kept as its text
        (
            "---\nmarp: true\n<!-- c -->\nheader: **Bold** header\n---\n",
            True,
            {"header": "**Bold** header"},
            [3, 4],
        ),
        # a tab-indented line under a key: the key is read, the line reported
        ("---\nmarp: true\n\tbad: x\nsize: 4:3\n---\n", True, {"size": "4:3"}, [3]),
        # not a deck: Jekyll's rule, the block is ignored with its YAML error
        ("---\ntitle: [unclosed\ndate: 2021-01-01\n---\n", False, {}, [3]),
        ("---\n- a list\n---\n", False, {}, [2]),
        ("---\n---\n", False, {}, []),
        ("no front matter\n", False, {}, []),
    ],
)
def test_front_matter_reader(text, marp, data, problems):
    front = read_front_matter_text(text)
    assert front.is_marp is marp
    assert {k: front.data[k] for k in data} == data
    assert [p.line for p in front.problems] == problems


def test_marp_true_is_never_lost_and_line_numbers_stay():
    text = "---\nmarp: true\nstyle: @import 'x'\n<!-- a -->\nfooter: f\n---\n# T\n"
    front = read_front_matter_text(text)
    assert front.is_marp and not front.strict
    assert front.marp["style"] == "@import 'x'"  # a string, as Marp reads it
    assert dict(front.key_lines) == {"marp": 2, "style": 3, "footer": 5}
    block = as_yaml_block(front)
    assert len(block) == 4  # the block's inner lines: later lines keep their number
    assert yaml.safe_load("\n".join(block)) == dict(front.data)


# --- emoji and breaks ----------------------------------------------------------------

# Names and emoji as marp-core 4.4 renders them (markdown-it-emoji's full set).
MARP_CORE_EMOJI = {
    "+1": "👍", "-1": "👎", "smile": "😄", "satisfied": "😆", "laughing": "😆",
    "tada": "🎉", "heart": "❤️", "rocket": "🚀", "100": "💯", "beetle": "🪲",
    "egg": "🥚", "thumbsup": "👍", "white_check_mark": "✅", "warning": "⚠️",
}  # fmt: skip


@pytest.mark.parametrize(("name", "expected"), sorted(MARP_CORE_EMOJI.items()))
def test_shortcodes_are_marp_cores(name, expected):
    assert shortcode(name) == expected


def test_unknown_words_and_code_keep_their_colons():
    paragraph = nodes.paragraph(
        "", "", nodes.Text("a :notanemoji: b :smile: "), nodes.literal("", ":smile:")
    )
    notes = speaker_notes()
    notes += nodes.paragraph("", ":smile:")
    root = nodes.section("", paragraph, notes)
    render_emoji(root)
    assert paragraph.astext() == "a :notanemoji: b 😄 :smile:"
    assert notes.astext() == ":smile:"


# --- custom themes --------------------------------------------------------------------


def _theme_project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, css in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(css, encoding="utf-8")
    return tmp_path


def test_theme_set_reads_names_imports_and_sizes(tmp_path):
    root = _theme_project(
        tmp_path,
        {
            "t/a.css": "/* @theme a\n * @size big 2000px 1000px */\n"
            "@import 'uncover';\n@import url('parts/p.css');\n"
            "section { color: red }\nh1, :root p { x: 1 }",
            "t/parts/p.css": "em { y: 2 }",
            "t/b.css": "/* @theme b */\n@import-theme 'a';\n/* @size 16:9 false */\n"
            "section { width: 10in; height: 5in }",
            "t/none.css": "p { z: 3 }",
        },
    )
    themes = marp_themes.load_theme_set(["t/*.css"], root, root)
    a, b = themes.get("a"), themes.get("b")
    assert (a.base, a.size) == ("uncover", (1280, 720))
    assert a.sizes == {"16:9": (1280, 720), "4:3": (960, 720), "big": (2000, 1000)}
    assert a.css.split("\n") == [
        ".marp-section em { y: 2 }",
        ".marp-section { color: red }",
        ".marp-section h1, .marp-section p { x: 1 }",
    ]
    assert (b.base, b.size) == ("uncover", (960, 480))  # 10in × 5in, as Marpit
    assert "16:9" not in b.sizes and "big" in b.sizes
    assert b.css.startswith(a.css)  # the imported theme first
    assert themes.get("gaia").base == "gaia" and themes.get("nope") is None
    assert [(m.split(";")[0], Path(p).name) for m, p, _ in themes.problems] == [
        ("CSS file has no '/* @theme NAME */' comment", "none.css")
    ]


def test_theme_css_never_reaches_outside_the_build(tmp_path):
    outside = tmp_path / "outside.css"
    outside.write_text("/* @theme out */ p { a: b }", encoding="utf-8")
    root = _theme_project(
        tmp_path / "project",
        {
            "t.css": "/* @theme t */\n@import url(https://cdn.example.invalid/x.css);\n"
            "@import '../outside.css';\nsection { background: url(//x.invalid/a.png) }",
        },
    )
    themes = marp_themes.load_theme_set(["t.css", "../outside.css"], root, root)
    assert "out" not in themes.themes  # a theme file outside the project is not read
    assert "cdn.example" not in themes.get("t").css
    assert "a: b" not in themes.get("t").css
    messages = [(line, m[:30]) for m, _, line in themes.problems]
    assert messages == [
        (0, "theme file is outside the proj"),
        (2, "@import of 'https://cdn.exampl"),
        (3, "@import of '../outside.css': t"),
    ]


# --- the fixture decks, built as users build them -------------------------------------


@pytest.fixture(scope="module")
def core_site(tmp_path_factory):
    return build_with_warnings(
        copy_root("marp-core", tmp_path_factory.mktemp("marp-core"))
    )


def _located(warnings: str, srcdir: Path) -> list[str]:
    lines = re.sub(r"\x1b\[[0-9;]*m", "", warnings).splitlines()
    return [
        line.replace(f"{srcdir}/", "").replace(" WARNING:", "")
        for line in lines
        if "WARNING" in line
    ]


def test_core_decks_warn_only_where_marp_would_not_follow(core_site):
    options, status, warnings = core_site
    assert status == 0
    assert _located(warnings, options.source) == [
        "themes/fixture-remote.css:4: @import of "
        "'https://fonts.example.invalid/remote.css' is not fetched: decks are built "
        "offline (put the CSS under the project and import it by a relative path) "
        "[deckbook.marp]",
        "comment-in-front.md:4: front matter line '<!-- Settings for the whole deck "
        "follow. -->' cannot be read as YAML, not even as Marp reads directives; it "
        "is ignored (Marp ignores the whole block then; its other lines are read) "
        "[deckbook.frontmatter]",
        'lenient.md:4: Marp CSS \'@import url("https://fonts.example.invalid/font.css")'
        "' is not followed: decks are built offline (a theme by name: see "
        "deckbook_marp_themes) [deckbook.marp]",
    ]


@pytest.mark.parametrize("docname", ["lenient", "comment-in-front"])
def test_front_matter_marp_rejects_strictly_still_makes_a_deck(core_site, docname):
    options, _, _ = core_site
    assert (options.decks_dir / f"{docname}.html").exists()
    slides = list(doctree(options, docname).findall(marp_slide))
    assert [s["page"] for s in slides] == [1, 2]  # paginate: true was read


def test_lenient_values_reach_the_deck(core_site):
    options, _, _ = core_site
    tree = doctree(options, "lenient")
    assert next(tree.findall(marp_deck))["theme"] == "gaia"
    assert "letter-spacing: 0" in next(tree.findall(marp_deck))["css"]
    deck = soup(options.decks_dir / "lenient.html")
    assert [h.get_text() for h in deck.select("header")] == ["발표: 느슨한 YAML #1"] * 2


@pytest.mark.parametrize("docname", ["emoji", "breaks", "fit-note"])
def test_core_doctrees(core_site, docname, file_regression):
    options, _, _ = core_site
    file_regression.check(
        _normalised(doctree(options, docname), options.source),
        basename=f"core_{docname}",
        extension=".xml",
    )


def test_emoji_in_the_book_and_the_deck(core_site):
    options, _, _ = core_site
    for page in (options.book_dir / "emoji.html", options.decks_dir / "emoji.html"):
        html = soup(page)
        assert "Emoji 😄 shortcodes" in html.select_one("h1").get_text()
        text = html.get_text(" ")
        assert "👍" in text and "😆" in text and ":notanemojiname:" in text
        assert [c.get_text() for c in html.select("code")][:1] == [":smile:"]
        assert ":+1: inside a fence" in html.select_one("pre").get_text()


def test_single_newlines_are_line_breaks_in_marp_decks_only(core_site):
    options, _, _ = core_site
    marp = load("breaks")
    for page in (options.book_dir / "breaks.html", options.decks_dir / "breaks.html"):
        html = soup(page)
        paragraph = next(p for p in html.select("p") if "The first line" in p.text)
        assert len(paragraph.select("br")) == 2 == marp["slides"][0]["breaks"]
        lines = [t.strip() for t in paragraph.find_all(string=True) if t.strip()]
        assert lines == ["The first line", "and the second line", "and the third line."]
        texts = paragraph.find_all(string=True)[:2]
        assert all(t.next_sibling.name == "br" for t in texts)
        assert len(html.select("li br")) == 1
    index = soup(options.book_dir / "index.html")
    assert not index.select("main br")  # an ordinary page: unchanged


def test_fit_outside_a_heading_is_a_note(core_site):
    options, _, _ = core_site
    notes = [n.astext() for n in doctree(options, "fit-note").findall(speaker_notes)]
    assert [n.split("\n")[-1] for n in notes] == ["fit", "fit"]  # after the label
    assert [s["notes"] for s in load("fit-note")["slides"]] == ["fit", "fit"]


def test_book_page_shows_header_footer_where_they_change_and_the_author(core_site):
    options, _, _ = core_site
    main = soup(options.book_dir / "chrome.html").select_one("main")
    assert main.select_one("p.deckbook-marp-author").get_text() == "Jane Doe 작성자"
    chrome = [
        (p["class"][-1], p.get_text()) for p in main.select("p.deckbook-marp-chrome")
    ]
    assert chrome == [
        ("deckbook-marp-header", "Running header 머리말"),
        ("deckbook-marp-footer", "Running footer 꼬리말"),
        ("deckbook-marp-header", "Changed header 바뀐 머리말"),
    ]
    deck = soup(options.decks_dir / "chrome.html")
    assert not deck.select(".deckbook-marp-author")  # the deck: <meta>, as Marp
    assert deck.select_one('meta[name="author"]')["content"] == "Jane Doe 작성자"
    assert len(deck.select("header")) == 3 and len(deck.select("footer")) == 3


def test_custom_themes_are_linked_and_sized(core_site):
    options, _, _ = core_site
    for docname, base, size in (
        ("themes", "gaia", (1600, 900)),
        ("plain-theme", None, (960, 720)),
        ("remote-theme", None, (960, 720)),
    ):
        deck = next(doctree(options, docname).findall(marp_deck))
        assert (deck["width"], deck["height"]) == size, docname
        html = soup(options.decks_dir / f"{docname}.html")
        links = [link["href"] for link in html.select("link[href*='/marp/']")]
        expected = ["marp-base.css"] + ([f"{base}.css"] if base else [])
        assert [href.rsplit("/", 1)[-1].split("?")[0] for href in links] == expected
        css = html.select_one("head style").get_text()
        assert "https:" not in css and "@import" not in css
    css = soup(options.decks_dir / "themes.html").select_one("head style").get_text()
    assert ".marp-section strong {" in css  # parts/accent.css, inlined


# --- invalid directive values (issue 11.4) --------------------------------------------


def test_invalid_values_warn_with_key_value_and_what_is_used(tmp_path):
    options, status, warnings = build_with_warnings(copy_root("marp-bad", tmp_path))
    assert status == 0
    found = [
        line
        for line in _located(warnings, options.source)
        if line.startswith("invalid-values.md")
    ]
    assert found == [
        "invalid-values.md:6: front matter 'slides' 'perhaps' is not true or false; "
        "it is ignored (the page's default is used: a deck for a Marp deck or a page "
        "matching deckbook_slides_patterns) [deckbook.frontmatter]",
        "invalid-values.md:3: Marp directive 'headingDivider' has the value 'abc', not "
        "a heading level 1 to 6 (or a list of them); it is ignored, as in Marp: only "
        "'---' lines start slides [deckbook.marp]",
        "invalid-values.md:4: Marp directive 'paginate' has the value 'maybe', not "
        "true, false, skip or hold; the slide is counted but shows no page number, as "
        "in Marp [deckbook.marp]",
        "invalid-values.md:19: Marp directive 'paginate' has the value 'sometimes', "
        "not true, false, skip or hold; the slide is counted but shows no page "
        "number, as in Marp [deckbook.marp]",
        "invalid-values.md:5: Marp directive 'size' has the value '99:1', not a size "
        "the theme 'default' defines (16:9, 4:3); it is ignored, as in Marp: the "
        "theme's own size (1280×720) is used [deckbook.marp]",
    ]
    assert (options.decks_dir / "invalid-values.html").exists()  # still a deck
    slides = list(doctree(options, "invalid-values").findall(marp_slide))
    assert len(slides) == 2 == len(load("invalid-values")["slides"])


def test_a_changed_theme_file_reads_its_decks_again(tmp_path):
    srcdir = copy_root("marp-core", tmp_path)
    options, status, _ = build_with_warnings(srcdir)
    assert status == 0
    theme = srcdir / "themes" / "fixture-wide.css"
    theme.write_text(
        theme.read_text(encoding="utf-8").replace("1600px 900px", "1920px 1080px"),
        encoding="utf-8",
    )
    options, status, _ = build_with_warnings(srcdir)
    assert status == 0
    deck = next(doctree(options, "themes").findall(marp_deck))
    assert (deck["width"], deck["height"]) == (1920, 1080)
    assert '"width": 1920' in (options.decks_dir / "themes.html").read_text("utf-8")


def test_the_emoji_data_is_loaded_only_for_a_shortcode(tmp_path):
    """A site whose Marp decks name no ``:shortcode:`` (test-marp) never imports the
    ``emoji`` package (12 ms of each process's start-up); one that does (this root's
    ``emoji.md``) does, and renders them (the tests above)."""
    from tests.sites import copy_root, modules_loaded_by, site_build_code

    for name, loaded in (("marp", False), ("marp-core", True)):
        srcdir = copy_root(name, tmp_path / name)
        code = site_build_code(srcdir)
        assert (modules_loaded_by(code, "emoji") != "[]") is loaded, name
