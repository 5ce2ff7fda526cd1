"""The lean sidebar in Chromium: a closed branch opens by mouse and by keyboard, its
pages load from the navigation fragment on demand (over HTTP, under a version's
folder, and from file://), their links lead to their pages, where the current page is
highlighted with its branch open. Nothing is fetched for it before the reader asks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from deckbook.book.navigation_lazy import FRAGMENT
from tests.sites import build, copy_root

NAV = "nav.bd-docs-nav"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    srcdir = copy_root("navigation", tmp_path_factory.mktemp("lazy-browser"))
    return build(srcdir)  # lean: the default


@pytest.fixture
def site(built, serve):
    return serve(built.book_dir)


def _branch(page, title: str):
    """The top-level entry ``title`` (its link, its toggle, its list)."""
    return page.locator(f"{NAV} li.toctree-l1").filter(
        has=page.locator(":scope > a", has_text=re.compile(f"^{title}$"))
    )


def _open(page, title: str) -> None:
    """Click the toggle of the top-level entry ``title``."""
    _branch(page, title).locator(":scope > details > summary .toctree-toggle").click()


def _link(page, title: str):
    return page.locator(f"{NAV} a").filter(has_text=re.compile(f"^{re.escape(title)}$"))


def _fragment_requests(page) -> list[str]:
    return [url for url in page.requested if FRAGMENT in url]


@pytest.fixture
def reader(page):
    page.requested = []
    page.on("request", lambda request: page.requested.append(request.url))
    return page


def test_a_plain_page_view_does_not_fetch_the_fragment(site, reader):
    reader.goto(site.url("guide/start.html"), wait_until="networkidle")
    assert _fragment_requests(reader) == []
    # The other branches' pages are not in the page, only their entries.
    assert _link(reader, "첫 글").count() == 0
    expect(_branch(reader, "글").locator(":scope > a")).to_be_visible()


def test_a_branch_opens_by_mouse_and_its_link_leads_to_its_page(site, reader):
    reader.goto(site.url("guide/start.html"))
    _open(reader, "글")
    post = _link(reader, "첫 글")
    expect(post).to_be_visible()
    assert post.get_attribute("href") == "../posts/2024-01-10-first.html"
    assert len(_fragment_requests(reader)) == 1
    post.click()
    reader.wait_for_url("**/posts/2024-01-10-first.html")
    current = reader.locator(f"{NAV} a.current")
    expect(current).to_have_text("첫 글")
    expect(current).to_be_visible()  # its branch open, in the page's own HTML
    assert _branch(reader, "글").locator(":scope > details").get_attribute("open")
    assert reader.watch.errors == []
    assert [u for u in reader.watch.failed if not u.endswith("favicon.ico")] == []


def test_a_branch_opens_by_keyboard(site, reader):
    reader.goto(site.url("posts/2024-01-10-first.html"))
    decks = _branch(reader, "발표 자료")
    summary = decks.locator(":scope > details > summary")
    summary.focus()
    reader.keyboard.press("Enter")
    talk = _link(reader, "발표")
    expect(talk).to_be_visible()
    # Closed and opened again with Space: the list stays filled.
    reader.keyboard.press("Space")
    expect(talk).to_be_hidden()
    reader.keyboard.press("Space")
    expect(talk).to_be_visible()
    reader.keyboard.press("Tab")  # into the branch's pages, loaded on demand
    expect(talk).to_be_focused()
    reader.keyboard.press("Enter")
    reader.wait_for_url("**/decks/talk.html")
    expect(reader.locator(f"{NAV} a.current")).to_have_text("발표")
    assert len(_fragment_requests(reader)) == 1  # the second page: from the cache
    assert reader.watch.errors == []


def test_nested_branches_fill_with_links_relative_to_the_page(site, reader):
    reader.goto(site.url("posts/2024-01-10-first.html"))
    _open(reader, "안내")
    guide = _branch(reader, "안내")
    advanced = guide.locator("li.toctree-l2", has_text="고급")
    expect(advanced).to_be_visible()
    advanced.locator(":scope > details > summary .toctree-toggle").click()
    deep = _link(reader, "깊은 곳")
    expect(deep).to_be_visible()
    assert deep.get_attribute("href") == "../guide/advanced/deep.html"
    deep.click()
    reader.wait_for_url("**/guide/advanced/deep.html")
    current = reader.locator(f"{NAV} a.current")
    expect(current).to_have_text("깊은 곳")
    assert int(current.evaluate("a => getComputedStyle(a).fontWeight")) > int(
        _link(reader, "시작하기").first.evaluate("a => getComputedStyle(a).fontWeight")
    )


def test_under_a_version_folder(built, serve, page):
    """A versioned publish serves the book under /<version>/: links stay relative."""
    server = serve(built.book_dir.parent)  # the book under /html/
    page.goto(server.url("html/guide/advanced/deep.html"))
    _open(page, "글")
    _link(page, "둘째 글 & <태그>").click()
    page.wait_for_url("**/html/posts/2024-02-20-second.html")
    assert page.watch.errors == []


def test_from_file(built, browser):
    """Opened from the disk, without a server: the fragment is a script, not a fetch."""
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((built.book_dir / "guide/start.html").as_uri())
    _open(page, "발표 자료")
    talk = _link(page, "발표")
    expect(talk).to_be_visible()
    talk.click()
    page.wait_for_url("**/decks/talk.html")
    assert page.url.startswith("file://")
    assert errors == []
    context.close()


def test_without_javascript_every_branch_is_a_link(built, serve, browser):
    """Without JavaScript a closed branch opens empty, but its entry leads to its
    page, whose sidebar shows the branch open: every page is still reachable."""
    server = serve(built.book_dir)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url("guide/start.html"))
    _branch(page, "글").locator(":scope > a").click()
    page.wait_for_url("**/posts/index.html")
    post = _link(page, "첫 글")
    expect(post).to_be_visible()
    post.click()
    page.wait_for_url("**/posts/2024-01-10-first.html")
    expect(page.locator(f"{NAV} a.current")).to_have_text("첫 글")
    context.close()
