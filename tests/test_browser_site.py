"""What a reader sees in Chromium: the book page, its slides button, the deck."""

from __future__ import annotations

import pytest

POST = "posts/2021-01-15-aws-reinvent-2020-recap"
POST_TITLE = "AWS Re:Invent 2020 Recap 요약 Webinar 정리"


@pytest.fixture
def site(docs_site, serve):
    options, status, _ = docs_site
    assert status == 0
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
