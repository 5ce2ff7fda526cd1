"""What a reader sees of a Liquid page in Chromium (docs/guide/liquid.md)."""

from __future__ import annotations

import pytest

PAGE = "guide/liquid.html"


@pytest.fixture
def site(docs_site, serve):
    options, status, _ = docs_site
    assert status == 0
    return serve(options.book_dir)


def test_highlight_include_and_post_url_as_a_reader_sees_them(site, page):
    page.goto(site.url(PAGE))
    code = page.locator("div.highlight-python pre").last
    assert code.is_visible()
    text = code.inner_text()
    assert 'print(eval("(3 + 6) * 6"))' in text  # straight quotes, not curly
    assert "# 주석은 제목이 아닙니다" in text  # a comment, not a heading
    assert code.locator("span.linenos").count() == 2
    assert page.locator("main h2", has_text="주석은").count() == 0
    note = page.locator("main div.admonition.note", has_text="include 의 매개변수로")
    assert note.is_visible()
    page.locator("main a", has_text="AWS 글").click()
    page.wait_for_url("**/posts/2021-01-15-aws-reinvent-2020-recap.html")
    assert page.watch.foreign == []
    assert page.watch.errors == []
