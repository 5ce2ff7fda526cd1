"""Nothing from content runs (sanitize.py): raw HTML in Marp decks, speaker notes and
Q&A titles is cleaned with marp-core's allow-list, in the book and the deck, and the
words stay; an ordinary page's own raw HTML is the author's and is kept."""

from __future__ import annotations

import re

import pytest

from deckbook.sanitize import clean_html
from tests.sites import build_with_warnings, copy_root, soup

# --- the cleaner --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Not allowed: shown as text, as marp-core's filter shows it.
        ("<script>alert(1)</script> x", "&lt;script&gt;alert(1)&lt;/script&gt; x"),
        (
            '<iframe srcdoc="<script>alert(1)</script>">',
            '&lt;iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"&gt;',
        ),
        ("<svg onload=alert(1)>", "&lt;svg onload=alert(1)&gt;"),
        ("<style>p{}</style>", "&lt;style&gt;p{}&lt;/style&gt;"),
        # Allowed tags lose handlers and script URLs.
        ('<b onclick="alert(1)">', "<b>"),
        ('<a href="javascript:alert(1)" rel="next">', '<a rel="next">'),
        ('<a href=" JaVaScRiPt:alert(1)">', "<a>"),
        ('<img src="jav&#x09;ascript:alert(1)" alt="a > b">', '<img alt="a &gt; b">'),
        ('<span title="t" style="color:red" id="x">', '<span title="t">'),
        # A tag without its `>` cannot join the next one into an element.
        ("<img src=x onerror=alert(1)// <b>", "&lt;img src=x onerror=alert(1)// <b>"),
        # Formatting kept, one tag at a time (MyST gives inline HTML tag by tag).
        ("</b>", "</b>"),
        ("<br/>", "<br>"),
        ('<a href="https://e.org/?a=1&b=2">', '<a href="https://e.org/?a=1&amp;b=2">'),
        ('<img src="img/a.png" width="30">', '<img src="img/a.png" width="30">'),
        ('<div class="columns">\n<p>Hi</p>', '<div class="columns">\n<p>Hi</p>'),
        ('<td colspan="2" onclick="x">', '<td colspan="2">'),
        ("<tr>", "<tr>"),
        ("<col span=2>", '<col span="2">'),
        ("<ul><li>a</li></ul>", "<ul><li>a</li></ul>"),
        # Comments and declarations show nothing either way.
        ("<!-- c --><?php x ?><!DOCTYPE html>", ""),
    ],
)
def test_clean_html(raw, expected):
    assert clean_html(raw) == expected


# --- a real build -------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    options, status, warnings = build_with_warnings(
        copy_root("content-safety", tmp_path_factory.mktemp("safety"))
    )
    assert status == 0
    return options, warnings


PAGES = ["deck.html", "page.html", "slides/deck.html", "slides/page.html"]
_HANDLER = re.compile(r"^on", re.I)


def test_builds_without_warnings(site):
    assert site[1] == ""


@pytest.mark.parametrize("path", PAGES)
def test_no_content_script_handler_or_script_url_in_the_output(site, path):
    options, _ = site
    html = soup(options.book_dir / path)
    assert not [s for s in html.select("script") if "alert" in s.get_text()]
    assert not html.select("iframe, svg, object, embed")
    content = html.select_one("main article, .reveal .slides")
    for element in content.find_all(True):  # the theme's own buttons have handlers
        assert not [a for a in element.attrs if _HANDLER.match(a)], element
        for value in element.attrs.values():
            text = " ".join(value) if isinstance(value, list) else value
            assert "javascript:" not in text.lower(), element
    assert set(html.html.attrs) <= {"lang", "data-content_root"}
    for style in html.select("style"):
        assert "</" not in style.get_text()


def test_the_words_of_cleaned_html_stay(site):
    options, _ = site
    for path in ("deck.html", "slides/deck.html"):
        text = soup(options.book_dir / path).get_text(" ")
        for words in (
            "<script>alert('x')</script> note text with its words",
            "image and bold note words",
            "<script>alert(107)</script>",
            "after the image",
            "a script link",
            "Does this question run?",
        ):
            assert words in " ".join(text.split()), (path, words)


def test_marp_allowed_markup_keeps_working(site, file_regression):
    options, _ = site
    deck = soup(options.book_dir / "slides/deck.html")
    slide = deck.select("section.deckbook-marp")[1]
    assert slide.select_one("div.columns p em").get_text() == "columns"
    assert slide.select_one("br") is not None
    assert slide.select_one("a[href='https://example.org/']") is not None
    first = deck.select_one("section.deckbook-marp")
    assert str(first.select_one("header")) == (
        "<header><strong>Header</strong> <b>bold</b> words</header>"
    )
    assert str(first.select_one("footer")) == (
        '<footer><img src="x"/> footer words</footer>'
    )
    # The `class` directive's value stays one attribute value.
    layer = first.select_one("[data-marp-layer=content]")
    assert layer["class"] == ["marp-section", 'lead"', 'onmouseover="alert(104)']
    file_regression.check(first.prettify(), extension=".html")


def test_ordinary_page_keeps_its_own_html_and_cleans_notes_and_titles(site):
    options, _ = site
    for path in ("page.html", "slides/page.html"):
        html = soup(options.book_dir / path)
        assert html.select_one("span.author-mark").get_text() == "raw HTML"
        notes = html.select_one("details.deckbook-notes, aside.notes")
        assert notes.select_one("strong").get_text() == "formatting"
        assert "<script>alert(202)</script>" in notes.get_text()
        title = html.find(string=re.compile("question safe")).parent
        assert title.select_one("b").get_text() == "this"


def test_theme_titles_are_escaped(tmp_path):
    srcdir = copy_root("content-safety", tmp_path)
    page = srcdir / "page.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "# An ordinary page", "# The `<script>alert(204)</script>` element"
        ),
        encoding="utf-8",
    )
    options, status, _ = build_with_warnings(srcdir)
    assert status == 0
    html = soup(options.book_dir / "page.html")
    # sphinx-book-theme's print-only header: the title's text, not markup.
    assert html.select_one("#jb-print-docs-body h1").get_text() == (
        "The <script>alert(204)</script> element"
    )
    assert not [s for s in html.select("script") if "alert" in s.get_text()]


# --- in Chromium --------------------------------------------------------------------


def test_no_dialog_opens_and_note_words_show(site, serve, page):
    options, _ = site
    server = serve(options.book_dir)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("deck.html", "page.html"):
        page.goto(server.url(path))
        page.wait_for_load_state("load")
        for summary in page.locator("details.deckbook-notes summary").all():
            summary.click()
    page.wait_for_timeout(300)  # a late onerror would have fired by now
    assert dialogs == []
    page.goto(server.url("deck.html"))
    page.locator("details.deckbook-notes summary").first.click()
    notes = page.locator("details.deckbook-notes").first.inner_text()
    assert "<script>alert('x')</script> note text with its words" in notes
    for path in ("slides/deck.html", "slides/page.html"):
        page.goto(server.url(path))
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        for index in range(page.evaluate("Reveal.getTotalSlides()")):
            page.evaluate(f"Reveal.slide({index})")
            page.mouse.move(640, 360)  # over the slide: onmouseover would fire
            page.mouse.move(100, 100)
    page.wait_for_timeout(300)
    assert dialogs == []
    page.goto(server.url("slides/deck.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    notes = page.evaluate("Reveal.getSlideNotes()")
    assert "note text with its words" in notes and "bold</b> note words" in notes
