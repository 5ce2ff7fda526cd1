"""Two published versions in Chromium, served by nginx under a sub-path (/docs/).

The switcher lists both versions and keeps the page; the old version shows the Korean
banner linking to the same page in the default version; an alias keeps the #fragment;
the deck's version menu switches decks. Nothing is requested off localhost.
"""

from __future__ import annotations

import pytest

from tests.publishing import (
    start_server,
    url,
)

MENU = ".version-switcher__menu a"


@pytest.fixture(scope="module")
def server(published, tmp_path_factory):
    _, site, _, _ = published
    server = start_server(site, tmp_path_factory.mktemp("server"))
    yield server
    server.close()


def _menu(page) -> list[str]:
    page.wait_for_function(f"document.querySelectorAll('{MENU}').length === 2")
    return [text.strip() for text in page.locator(MENU).all_inner_texts()]


def _assert_local(page, allowed_failures=()):
    watch = page.watch
    assert watch.foreign == []
    failed = [u for u in watch.failed if not u.endswith("/favicon.ico")]
    assert failed == list(allowed_failures)
    assert watch.errors == []


def test_switcher_lists_both_versions_and_keeps_the_page(server, page):
    page.goto(url(server, "1.0/guide.html"))
    assert _menu(page) == ["2.0 (latest)", "1.0"]
    button = page.locator(".version-switcher__button").first
    assert button.inner_text().strip() == "1.0"
    assert page.locator(f"{MENU}.active").inner_text().strip() == "1.0"
    button.click()
    page.locator(MENU, has_text="2.0").first.click()
    page.wait_for_url(url(server, "2.0/guide.html"))
    assert "두 번째 버전의 안내서입니다." in page.locator("main").inner_text()
    assert _menu(page) == ["2.0 (latest)", "1.0"]
    assert page.locator(".version-switcher__button").first.inner_text().strip() == "2.0"
    _assert_local(page)


def test_switching_to_a_version_without_the_page_lands_on_its_home(server, page):
    page.goto(url(server, "2.0/news.html"))
    _menu(page)
    page.locator(".version-switcher__button").first.click()
    page.locator(MENU, has_text="1.0").first.click()
    page.wait_for_url(url(server, "1.0/"))
    assert page.locator("main h1").first.inner_text().strip() == "게시 예제"
    # The one failed request is the switcher's HEAD check for the missing page.
    _assert_local(page, [f"404 {url(server, '1.0/news.html')}"])


def test_old_version_shows_the_banner_in_korean_linking_the_same_page(server, page):
    page.goto(url(server, "1.0/guide.html#설치"))
    banner = page.locator(".deckbook-version-warning")
    banner.wait_for()
    assert banner.inner_text().strip() == (
        "이전 버전(1.0)의 문서입니다. 2.0 버전에서 이 페이지 보기"
    )
    banner.locator("a").click()
    page.wait_for_url(url(server, "2.0/guide.html") + "#%EC%84%A4%EC%B9%98")
    _menu(page)  # the script has run on the default version
    assert page.locator(".deckbook-version-warning").count() == 0
    _assert_local(page)


def test_alias_redirect_keeps_the_fragment_and_root_goes_to_the_default(server, page):
    page.goto(url(server, "latest/guide.html#두-번째-절"))
    page.wait_for_url("**/2.0/guide.html#*")
    assert page.url.startswith(url(server, "2.0/guide.html#"))
    assert page.evaluate("decodeURIComponent(location.hash)") == "#두-번째-절"
    page.goto(url(server))
    page.wait_for_url(url(server, "2.0/"))
    # The two stubs (the alias page, the site's root) are left as soon as their
    # script runs: on a busy machine Chromium may report a stub's own request
    # aborted (it was served: the redirects above ran). An error status of a stub,
    # or any other failed request, still fails the test.
    stubs = {url(server, "latest/guide.html"), url(server)}
    page.watch.failed[:] = [u for u in page.watch.failed if u not in stubs]
    _assert_local(page)


def test_deck_version_menu_switches_to_the_same_deck_and_slide(server, page):
    page.goto(url(server, "1.0/slides/talk.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    summary = page.locator(".deckbook-versions summary")
    assert summary.inner_text().strip() == "버전 1.0"
    warning = page.locator(".deckbook-version-warning")
    assert warning.inner_text().strip() == (
        "이전 버전(1.0)의 문서입니다. 2.0 버전에서 이 페이지 보기"
    )
    page.locator(".reveal").click()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("Reveal.getIndices().h === 1")
    summary.click()
    items = page.locator(".deckbook-versions__item")
    assert [t.strip() for t in items.all_inner_texts()] == ["2.0 (latest)", "1.0"]
    items.filter(has_text="2.0").click()
    page.wait_for_url(url(server, "2.0/slides/talk.html") + "#/1")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.getIndices().h") == 1
    assert page.locator(".deckbook-versions summary").inner_text().strip() == "버전 2.0"
    assert page.locator(".deckbook-version-warning").count() == 0
    _assert_local(page)
