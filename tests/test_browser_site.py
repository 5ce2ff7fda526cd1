"""What a reader sees in Chromium: the book page, its slides button, the deck."""

from __future__ import annotations

import pytest

from tests.publishing import start_server, url

POST = "posts/2021-01-15-aws-reinvent-2020-recap"
POST_TITLE = "AWS Re:Invent 2020 Recap 요약 Webinar 정리"


@pytest.fixture
def site(docs_site, serve):
    options, status, warnings = docs_site
    assert status == 0, warnings
    return serve(options.book_dir)


def _assert_stayed_local(page):
    watch = page.watch
    assert watch.foreign == []
    assert [url for url in watch.failed if not url.endswith("/favicon.ico")] == []
    assert watch.errors == []


def test_post_page_shows_title_date_and_categories(site, page):
    page.goto(site.url(f"{POST}.html"))
    assert page.locator("main h1").first.inner_text().strip() == POST_TITLE
    assert POST_TITLE in page.title()
    time = page.locator("main time").first
    assert time.get_attribute("datetime").startswith("2021-01-15")
    assert "2021" in time.inner_text()
    category = page.locator("main a", has_text="AWS").first
    assert category.is_visible()
    # The body's own heading stays visible under the front-matter title.
    assert page.get_by_text("AWS Re:Invent 2020 Recap 요약", exact=True).is_visible()
    _assert_stayed_local(page)


def test_slides_button_opens_the_deck_and_the_back_link_returns(site, page):
    page.goto(site.url(f"{POST}.html"))
    # sphinx-book-theme opens link buttons in a new tab: the presenter keeps the page.
    with page.context.expect_page() as opened:
        page.locator("a.btn", has_text="슬라이드").click()
    book, page = page, opened.value
    page.watch = type(book.watch)(page)
    page.wait_for_url(f"**/slides/{POST}.html")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getIndices().h") == 0
    page.locator(".reveal").click()  # focus the deck, as a presenter would
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    page.locator("a.deckbook-backlink").click()
    page.wait_for_url(f"**/{POST}.html")
    assert "/slides/" not in page.url
    _assert_stayed_local(page)


def test_deck_has_the_notes_plugin_for_speaker_view(site, page):
    page.goto(site.url(f"slides/{POST}.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("typeof Reveal.getSlideNotes") == "function"
    assert page.evaluate("Reveal.hasPlugin('notes')") is True
    _assert_stayed_local(page)


@pytest.mark.parametrize(
    "path", ["index.html", f"{POST}.html", "decks/reinvent-2022-vegas.html"]
)
def test_book_pages_make_no_request_off_localhost(site, page, path):
    page.goto(site.url(path))
    page.wait_for_load_state("networkidle")
    _assert_stayed_local(page)


def test_marp_deck_makes_no_request_off_localhost(site, page):
    page.goto(site.url("slides/decks/reinvent-2022-vegas.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.wait_for_load_state("networkidle")
    _assert_stayed_local(page)


# ---------------------------------------------------------------- the book's chrome

# Every way into search a reader can see: pydata-sphinx-theme's search fields and
# buttons (sidebar, navbar, article header), and a bare search form.
SEARCH_ENTRIES = (
    "button.search-button__button, .search-button-field, form.bd-search, "
    "input[type=search]"
)
VIEWPORTS = {"desktop": (1280, 720), "narrow": (600, 720)}


def _visible(page, selector: str) -> list:
    return [item for item in page.locator(selector).all() if item.is_visible()]


def _assert_book_chrome(page, banner: bool = False):
    """One visible way into search, and no bar above the article header."""
    assert len(_visible(page, SEARCH_ENTRIES)) == 1
    header = page.locator("#pst-header")
    assert header.count() == 0 or header.bounding_box()["height"] == 0
    assert _visible(page, "#pst-header *") == []
    if not banner:  # the old-version banner of a published version goes first
        # The article header (sidebar toggle, buttons) is the top of the page.
        assert page.locator(".bd-header-article").bounding_box()["y"] == 0


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path", ["index.html", f"{POST}.html"])
def test_book_has_one_search_and_no_empty_top_bar(site, page, viewport, path):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url(path))
    page.wait_for_load_state("networkidle")
    _assert_book_chrome(page)
    _assert_stayed_local(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_one_search_entry_opens_search(site, page, viewport):
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(site.url(f"{POST}.html"))
    (entry,) = _visible(page, SEARCH_ENTRIES)
    entry.click()
    field = page.locator("#pst-search-dialog input[name=q]")
    field.wait_for(state="visible")
    field.fill("Lambda")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=Lambda*")
    page.wait_for_function("Search._pulse_status === -1")
    assert page.locator("#search-results li").count() > 0
    _assert_stayed_local(page)


def test_primary_sidebar_toggle_hides_and_shows_the_navigation(site, page):
    """The article header's toggle, not a hidden navbar copy, drives the sidebar."""
    page.goto(site.url(f"{POST}.html"))
    sidebar = page.locator("#pst-primary-sidebar")
    toggle = page.locator(".bd-header-article .primary-toggle")
    assert sidebar.bounding_box()["x"] == 0
    toggle.click()
    page.wait_for_function(
        "document.querySelector('#pst-primary-sidebar')"
        ".getBoundingClientRect().right <= 0"
    )
    toggle.click()
    page.wait_for_function(
        "document.querySelector('#pst-primary-sidebar').getBoundingClientRect().x === 0"
    )
    _assert_stayed_local(page)


def test_narrow_sidebar_toggle_opens_the_navigation(site, page):
    page.set_viewport_size({"width": 600, "height": 720})
    page.goto(site.url(f"{POST}.html"))
    assert _visible(page, "nav.bd-docs-nav") == []
    page.locator(".bd-header-article .primary-toggle").click()
    # pydata-sphinx-theme moves the sidebar into a modal dialog on narrow screens.
    page.locator("#pst-primary-sidebar-modal[open] nav.bd-docs-nav").wait_for()
    assert len(_visible(page, "nav.bd-docs-nav")) == 1
    _assert_stayed_local(page)


def test_article_header_buttons_still_work(site, page):
    """Slides (a link, followed in the test above), download, fullscreen, theme."""
    page.goto(site.url(f"{POST}.html"))
    buttons = page.locator(".bd-header-article .article-header-buttons")
    assert buttons.locator("a.btn", has_text="슬라이드").is_visible()
    buttons.locator(".dropdown-download-buttons > button").click()
    source = buttons.locator(".dropdown-download-buttons a[href$='.md']")
    source.wait_for(state="visible")
    assert source.get_attribute("href").endswith(f"_sources/{POST}.md")
    assert buttons.locator(
        ".dropdown-download-buttons .btn-download-pdf-button"
    ).is_visible()
    page.keyboard.press("Escape")
    buttons.locator(".btn-fullscreen-button").click()
    page.wait_for_function("document.fullscreenElement !== null")
    page.evaluate("document.exitFullscreen()")
    page.wait_for_function("document.fullscreenElement === null")
    buttons.locator(".theme-switch-button").click()  # light / dark / system
    page.locator(".theme-switch-container .theme-change-button[data-mode=dark]").click()
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    _assert_stayed_local(page)


@pytest.fixture(scope="module")
def published_server(published, tmp_path_factory):
    _, site, _, _ = published
    server = start_server(site, tmp_path_factory.mktemp("server"))
    yield server
    server.close()


def test_published_book_keeps_the_switcher_without_a_top_bar(published_server, page):
    """A published version's switcher sits in the article header, which stays."""
    page.goto(url(published_server, "2.0/guide.html"))
    page.wait_for_load_state("networkidle")
    _assert_book_chrome(page)
    switcher = page.locator(".bd-header-article .version-switcher__button")
    assert switcher.is_visible()
    switcher.click()
    page.locator(".version-switcher__menu a", has_text="1.0").first.click()
    page.wait_for_url(url(published_server, "1.0/guide.html"))
    page.wait_for_load_state("networkidle")
    _assert_book_chrome(page, banner=True)
