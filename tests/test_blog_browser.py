"""Old Jekyll URLs in Chromium: the old address with a ``#fragment`` lands on the
post, at that heading; nothing is requested off localhost."""

from __future__ import annotations

from tests.sites import build, copy_root

NEW_YEAR = "posts/2011-12-31-new-years-eve-is-awesome.html"


def test_old_url_lands_on_the_post_at_the_fragment(page, serve, tmp_path):
    srcdir = copy_root("blog", tmp_path)
    options = build(srcdir)
    server = serve(options.book_dir)
    old = "jekyll/update/2011/12/31/new-years-eve-is-awesome.html"
    page.goto(server.url(old + "?from=feed#fireworks"))
    page.wait_for_url(server.url(NEW_YEAR) + "?from=feed#fireworks")
    assert page.locator("h1").first.inner_text().startswith("New Year")
    heading = page.locator("#fireworks")
    assert heading.inner_text().startswith("Fireworks")
    # The browser went to that anchor (the page is too short to scroll it to the top).
    assert page.evaluate("document.querySelector(':target').id") == "fireworks"
    assert page.watch.foreign == []
    assert page.watch.errors == []


def test_redirect_from_path_lands_on_the_post(page, serve, tmp_path):
    srcdir = copy_root("blog", tmp_path)
    options = build(srcdir)
    server = serve(options.book_dir)
    page.goto(server.url("post/123456789/"))
    page.wait_for_url(server.url("posts/2015-02-10-custom-permalink.html"))
    assert page.title().startswith("A custom permalink")
    assert page.watch.foreign == []
