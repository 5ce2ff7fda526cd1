"""A Korean site shows a Korean interface: no English label left in the book or decks.

The fixture tests/roots/test-korean-ui is written in Korean only, so any English word
in a page is interface. Pages are read in Chromium after their scripts ran (search
results, reveal.js's controls and overlays, bootstrap's tooltips), then every text and
every label a reader or a screen reader meets is listed.
"""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ProcessPoolExecutor

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup, NavigableString

from deckbook.book import i18n_catalogues
from deckbook.book.i18n_catalogues import CACHE_DIR, LOCALE_DIR, compiled_locale_dir

from .sites import build, copy_root
from .test_search_ko import search

ENGLISH = re.compile(r"[A-Za-z]{2,}")
LABELS = ("aria-label", "title", "placeholder", "alt", "data-bs-original-title")
# English a Korean interface keeps: keyboard keys, file types (the download button),
# the product's name.
ALLOWED = {
    "Ctrl",
    "Esc",
    "ESC",
    "SPACE",
    "Shift",
    "Alt",
    "md",
    "pdf",
    "PDF",
    "Deckbook",
}
# Left in templates other engineers own; the lead changes them (see the report):
AUTHORED = "data-test-authored"


def english_left(html: str, content: str = "") -> set[tuple[str, str]]:
    """(where, text) for every text and label of ``html`` with an English word.

    ``content`` selects what authors wrote (its text is theirs, not the interface's).
    """
    page = BeautifulSoup(html, "html.parser")
    # Never shown on screen: scripts, styles, and the print-only table of contents
    # (sphinx-book-theme's .onlyprint block, whose aria-label is not printed either).
    for element in page.select("script, style, template, .onlyprint"):
        element.decompose()
    for area in page.select(content) if content else []:
        for element in [area, *area.find_all(True)]:
            element[AUTHORED] = ""
        for text in area.find_all(string=True):
            text.replace_with("")
    found = set()
    for text in page.find_all(string=True):
        if type(text) is NavigableString and _english(text):
            found.add(("text", text.strip()))
    for element in page.find_all(True):
        for name in LABELS:
            value = element.get(name)
            if value and _english(value) and not _authored(element, name):
                found.add((name, value))
    return found


def _english(text: str) -> bool:
    return any(word not in ALLOWED for word in ENGLISH.findall(text))


def _authored(element, name: str) -> bool:
    """Labels taken from the content: image alt texts, link titles (not permalinks)."""
    if AUTHORED not in element.attrs:
        return False
    return name == "alt" or (
        name == "title" and "headerlink" not in element.get("class", [])
    )


# ---------------------------------------------------------------- catalogues


CATALOGUES = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def _messages(catalogue) -> dict:
    """msgid -> translation of every message but the header (plurals as tuples:
    read_mo gives lists, read_po tuples)."""
    return {
        _frozen(message.id): _frozen(message.string)
        for message in catalogue
        if message.id
    }


def _frozen(value):
    return value if isinstance(value, str) else tuple(value)


def _read(path, reader):
    with path.open("rb") as source:
        return reader(source)


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.name)
def test_every_message_is_translated(po):
    catalogue = _read(po, read_po)
    untranslated = [
        message.id
        for message in catalogue
        if message.id
        and (
            message.fuzzy
            or not all(message.string if message.pluralizable else [message.string])
        )
    ]
    assert untranslated == []
    # babel's checks: the same %(name)s placeholders in msgid and msgstr.
    assert [(message.id, errors) for message, errors in catalogue.check()] == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.name)
def test_the_build_compiles_every_message(po, tmp_path):
    mo = compiled_locale_dir(tmp_path) / po.relative_to(LOCALE_DIR).with_suffix(".mo")
    assert mo.parent.parent.parent.parent == tmp_path / CACHE_DIR
    assert _messages(_read(mo, read_mo)) == _messages(_read(po, read_po))


def test_catalogues_compile_once_per_content(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(i18n_catalogues, "LOCALE_DIR", locale)
    build = tmp_path / "doctrees"
    first = compiled_locale_dir(build)
    mo = first / "ko" / "LC_MESSAGES" / "sphinx.mo"
    written = mo.stat().st_mtime_ns
    assert compiled_locale_dir(build) == first  # an incremental build: nothing written
    assert mo.stat().st_mtime_ns == written
    po = locale / "ko" / "LC_MESSAGES" / "sphinx.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('"맨 위로"', '"위로 가기"'),
        encoding="utf-8",
    )
    edited = compiled_locale_dir(build)
    assert edited != first
    assert (
        _read(edited / "ko" / "LC_MESSAGES" / "sphinx.mo", read_mo)
        .get("Back to top")
        .string
        == "위로 가기"
    )
    assert sorted(path.name for path in (build / CACHE_DIR).iterdir()) == [edited.name]


def test_builds_side_by_side_compile_the_same_catalogues(tmp_path):
    with ProcessPoolExecutor(4) as pool:
        folders = set(pool.map(compiled_locale_dir, [tmp_path] * 8))
    assert len(folders) == 1
    (folder,) = folders
    assert sorted(path.name for path in (tmp_path / CACHE_DIR).iterdir()) == [
        folder.name
    ]
    for po in CATALOGUES:
        mo = folder / po.relative_to(LOCALE_DIR).with_suffix(".mo")
        assert _messages(_read(mo, read_mo)) == _messages(_read(po, read_po))


# ---------------------------------------------------------------- the fixture site


@pytest.fixture(scope="module")
def korean_options(tmp_path_factory):
    return build(copy_root("korean-ui", tmp_path_factory.mktemp("ui")))


@pytest.fixture(scope="module")
def korean_site(korean_options):
    return korean_options.book_dir


def test_the_book_shows_our_catalogues_strings(korean_options):
    """One string from each catalogue, compiled into the build's doctree folder."""
    page = BeautifulSoup(
        (korean_options.book_dir / "index.html").read_text(encoding="utf-8"),
        "html.parser",
    )
    # sphinx.po: pydata-sphinx-theme's "Back to top"; booktheme.po: "Search".
    assert page.select_one("#pst-back-to-top").get_text(strip=True) == "맨 위로"
    assert page.select_one("input.form-control[name=q]")["placeholder"] == "검색..."
    assert list((korean_options.doctree_dir / CACHE_DIR).glob("*/ko/LC_MESSAGES/*.mo"))


@pytest.fixture
def site_url(korean_site, serve):
    return serve(korean_site).base


def _leftovers(page, content: str = "") -> set[tuple[str, str]]:
    page.wait_for_load_state("networkidle")
    left = english_left(page.content(), content)
    assert page.watch.errors == []
    return left


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "guide.html",  # admonitions, notes, Q&A, footnotes, a table, a definition
        "posts/2024-03-01-first.html",  # a post: date, categories, author, slides
        "posts/index.html",
        "categories/index.html",
        "genindex.html",
    ],
)
def test_book_pages_have_no_english_interface(page, site_url, path):
    page.goto(f"{site_url}/{path}")
    assert _leftovers(page) == set()


def test_open_menus_and_tooltips_are_korean(page, site_url):
    page.goto(f"{site_url}/posts/2024-03-01-first.html")
    page.locator(".theme-switch-button").click()  # light / dark / system
    page.locator(".dropdown-download-buttons > button").click()
    page.locator(".btn-fullscreen-button").hover()
    items = page.locator(".theme-switch-container .dropdown-menu").inner_text()
    assert items.split() == ["시스템", "설정", "따르기", "밝게", "어둡게"]
    assert _leftovers(page) == set()


def test_search_page_is_korean_with_results_and_without(page, site_url):
    assert search(page, site_url, "첫") != []
    assert page.inner_text("#search-results h2") == "검색 결과"
    assert _leftovers(page) == set()
    assert search(page, site_url, "없는말") == []
    assert _leftovers(page) == set()


def test_deck_controls_and_overlays_are_korean(page, site_url):
    page.goto(f"{site_url}/slides/posts/2024-03-01-first.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    labels = page.eval_on_selector_all(
        ".reveal .controls button", "buttons => buttons.map(b => b.ariaLabel)"
    )
    assert labels == ["이전 슬라이드", "다음 슬라이드", "위 슬라이드", "아래 슬라이드"]
    assert page.text_content(".pause-overlay") == "발표 계속하기"
    assert _leftovers(page) == set()
    page.evaluate("Reveal.toggleHelp(true)")  # the ? key
    assert "단축키" in page.inner_text(".r-overlay-help")
    assert _leftovers(page) == set()
    page.evaluate("Reveal.toggleHelp(false); Reveal.toggleJumpToSlide(true)")  # G
    assert (
        page.get_attribute(".jump-to-slide-input", "placeholder") == "슬라이드로 이동"
    )
    assert _leftovers(page) == set()


def test_speaker_view_is_korean(page, site_url):
    """reveal.js's speaker view (S): its own window, written by the notes plugin."""
    page.goto(f"{site_url}/slides/posts/2024-03-01-first.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_selector("#current-slide iframe", state="attached")  # connected
    speaker.wait_for_function(
        "document.querySelector('.clock-value').textContent.startsWith('오')"
    )
    assert speaker.title() == "발표자 보기"
    assert speaker.inner_text("#upcoming-slide .label") == "다음 슬라이드"
    assert speaker.inner_text(".speaker-layout-label") == "배치: 기본"
    html = speaker.content()
    assert english_left(html, ".speaker-controls-notes .value") == set()
    speaker.select_option(".speaker-layout-dropdown", "wide")
    speaker.wait_for_function(
        "document.querySelector('.speaker-layout-label').textContent === '배치: 넓게'"
    )


def test_pydata_version_banner_and_switcher_are_korean(page, serve, tmp_path):
    book = build(copy_root("korean-ui-banner", tmp_path)).book_dir
    page.goto(serve(book).url("index.html"))
    banner = page.locator("#bd-header-version-warning")
    banner.locator("a.pst-button-link-to-stable-version").wait_for()
    assert banner.inner_text().splitlines()[0].strip() == (
        "이 문서는 이전 버전(1.0)의 문서입니다.안정 버전으로 이동"
    )
    button = page.locator(".version-switcher__button")
    assert button.get_attribute("aria-label") == "버전 목록"
    assert _leftovers(page) == set()


# ---------------------------------------------------------------- the docs/ site

DOCS_CONTENT = ", ".join(
    [
        "article.bd-article",  # the page itself
        "head title, head link",  # its title, its neighbours' titles
        "nav.bd-docs-nav a",  # page titles in the navigation
        ".bd-toc a",  # section titles in the page's table of contents
        ".prev-next-title",
        "#search-results ul.search",  # result titles and excerpts
        ".reveal .slides",  # a deck's slides
        ".reveal .aria-status",  # reveal.js reads the current slide's text out
    ]
)


@pytest.fixture
def docs_url(docs_site, serve):
    options, status, _ = docs_site
    assert status == 0
    return serve(options.book_dir).base


@pytest.mark.parametrize(
    "path",
    [
        "index.html",
        "posts/2021-01-15-aws-reinvent-2020-recap.html",
        "decks/reinvent-2022-vegas.html",
        "categories/index.html",
        "search.html?q=Lambda",
        "search.html?q=없는말",
        "slides/posts/2021-01-15-aws-reinvent-2020-recap.html",
        "slides/decks/reinvent-2022-vegas.html",
    ],
)
def test_docs_site_has_no_english_interface(page, docs_url, path):
    page.goto(f"{docs_url}/{path}")
    if path.startswith("search"):
        page.wait_for_function("Search._pulse_status === -1", timeout=90_000)
    assert _leftovers(page, DOCS_CONTENT) == set()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("파일시스템", "decks/reinvent-2022-vegas"),  # in its speaker notes
        ("서버리스", "posts/2021-01-15-aws-reinvent-2020-recap"),
        ("Lambda 콜드스타트", "posts/2021-01-15-aws-reinvent-2020-recap"),
        ("Lambda", "posts/2021-01-15-aws-reinvent-2020-recap"),
    ],
)
def test_docs_site_search_finds(page, docs_url, query, expected):
    assert expected in search(page, docs_url, query)
    assert page.watch.foreign == []
