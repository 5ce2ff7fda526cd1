"""The sidebar, rendered once per build, works in Chromium as the stock one does:
the current page is highlighted, its sections are open, a toggle opens a section,
and the links lead to their pages. No JavaScript is needed for any of it."""

from __future__ import annotations

import re

import pytest

from tests.sites import build, copy_root

NAV = "nav.bd-docs-nav"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    srcdir = copy_root("navigation", tmp_path_factory.mktemp("browser"))
    # The full sidebar (the lean one, whose closed branches need JavaScript to open
    # in place, is tested in test_navigation_lazy_browser.py).
    return build(srcdir, deckbook_navigation_lazy="0")


@pytest.fixture
def site(built, serve):
    return serve(built.book_dir)


@pytest.fixture(params=[True, False], ids=["javascript", "no-javascript"])
def reader(request, browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, java_script_enabled=request.param
    )
    yield context.new_page()
    context.close()


def _visible_titles(page) -> list[str]:
    links = page.locator(f"{NAV} a.reference")
    return [
        links.nth(i).inner_text().strip()
        for i in range(links.count())
        if links.nth(i).is_visible()
    ]


def test_the_current_page_is_highlighted_and_its_sections_open(site, reader):
    reader.goto(site.url("guide/advanced/deep.html"))
    current = reader.locator(f"{NAV} a.current")
    assert current.count() == 1
    assert current.inner_text().strip() == "깊은 곳"
    assert current.is_visible()  # its ancestors' sections are open
    style = current.evaluate("a => getComputedStyle(a).fontWeight")
    other = reader.locator(f"{NAV} a", has_text="시작하기").first
    assert int(style) > int(other.evaluate("a => getComputedStyle(a).fontWeight"))
    # The other top-level sections stay closed: their pages are hidden.
    visible = _visible_titles(reader)
    assert "고급" in visible and "시작하기" in visible
    assert "첫 글" not in visible and "발표" not in visible


def test_a_toggle_opens_a_section(site, reader):
    reader.goto(site.url("guide/start.html"))
    post = reader.locator(f"{NAV} a", has_text="첫 글")
    assert not post.is_visible()
    posts = reader.locator(f"{NAV} li.toctree-l1").filter(
        has=reader.locator(":scope > a", has_text=re.compile("^글$"))
    )
    posts.locator(":scope > details > summary .toctree-toggle").click()
    assert post.is_visible()
    assert posts.locator(":scope > details").get_attribute("open") is not None


def test_the_links_lead_to_their_pages(site, page):
    page.goto(site.url("guide/advanced/deep.html"))
    page.locator(f"{NAV} a", has_text="시작하기").click()
    page.wait_for_url("**/guide/start.html")
    assert page.locator(f"{NAV} a.current").inner_text().strip() == "시작하기"
    page.locator(f"{NAV} a", has_text="두 번 나오는 페이지").first.click()
    page.wait_for_url("**/twice.html")
    assert page.locator("main h1").first.inner_text().strip() == "두 번 나오는 페이지"
    page.go_back()
    page.wait_for_url("**/guide/start.html")
    assert page.watch.errors == []
    assert [url for url in page.watch.failed if not url.endswith("favicon.ico")] == []
