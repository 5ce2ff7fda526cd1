"""Browser fixtures: Debian's Chromium driven by Playwright, a site served on localhost.

A missing browser fails the test (never a skip): the browser tests are the only proof
that decks advance, buttons open and nothing leaves localhost.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = os.environ.get("DECKBOOK_CHROMIUM", "/usr/bin/chromium")
# Flags that keep Chromium from phoning home on a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's `chromium` "
            "(`.ci/run` does) or set DECKBOOK_CHROMIUM."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


class StaticServer:
    """Serve a folder on 127.0.0.1 in a thread: ``url(path)`` gives a page address."""

    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers: list[StaticServer] = []

    def _serve(directory: Path) -> StaticServer:
        server = StaticServer(directory)
        servers.append(server)
        return server

    yield _serve
    for server in servers:
        server.close()


class PageWatch:
    """Records every request a page makes, and blocks (and remembers) foreign ones."""

    def __init__(self, page):
        self.page = page
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.abandoned_prefetches: list[str] = []
        page.route("**/*", self._route)
        page.on("requestfailed", self._request_failed)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def _request_failed(self, request):
        # Chromium cancels a <link rel=prefetch> that is still loading when the page
        # navigates away (the search page then loads the same file itself, and that
        # load is watched): a hint given up, not a failed request.
        prefetch = request.headers.get("sec-purpose", "").startswith("prefetch")
        if prefetch and request.failure == "net::ERR_ABORTED":
            self.abandoned_prefetches.append(request.url)
        else:
            self.failed.append(request.url)

    def _response(self, response):
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.watch = PageWatch(page)
    yield page
    context.close()
