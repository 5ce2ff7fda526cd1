"""In Chromium, with a static host's caching: a reader who saw the site before a
rebuild whose trimmed stylesheet grew gets the grown one (``book/css_links.py``)."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from .sites import build, copy_root

POST = "posts/2024-05-01-lean.html"
SHEET = "_static/styles/pydata-sphinx-theme.css"


class _CachingHandler(http.server.SimpleHTTPRequestHandler):
    """What a static host sends: pages asked again each time, static files kept for
    an hour (a file's address carries its sum)."""

    def end_headers(self):
        static = "/_static/" in self.path
        self.send_header("Cache-Control", "max-age=3600" if static else "no-cache")
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def caching_server(tmp_path):
    servers = []

    def start(directory):
        handler = functools.partial(_CachingHandler, directory=str(directory))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_port}"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def test_a_grown_sheet_reaches_a_reader_who_cached_the_old_one(
    browser, caching_server, tmp_path
):
    srcdir = copy_root("lean-css", tmp_path)
    book = build(srcdir).book_dir
    base = caching_server(book)
    # No request routing here: Playwright turns the browser's cache off for it.
    context = browser.new_context()
    try:
        page = context.new_page()
        sheets = []
        page.on(
            "requestfinished",
            lambda request: SHEET in request.url and sheets.append(request.url),
        )
        page.goto(f"{base}/index.html", wait_until="networkidle")
        assert len(sheets) == 1
        post = srcdir / "posts/2024-05-01-lean.md"
        text = post.read_text(encoding="utf-8")
        post.write_text(text + '\n<div class="spinner-grow">x</div>\n', "utf-8")
        build(srcdir)
        page.goto(f"{base}/{POST}", wait_until="networkidle")
        spinner = page.locator(".spinner-grow")
        # Bootstrap's rule, kept by the rebuild's trim: the spinner grows.
        name = spinner.evaluate("el => getComputedStyle(el).animationName")
        assert name == "spinner-grow"
        assert len(sheets) == 2 and sheets[0] != sheets[1]
        # Back on the first page (its file untouched by Sphinx): the new sheet, from
        # the cache now.
        page.goto(f"{base}/index.html", wait_until="networkidle")
        assert page.evaluate(
            "s => [...document.styleSheets].some(x => (x.href || '').includes(s))",
            sheets[1].split("/_static/")[1],
        )
    finally:
        context.close()
