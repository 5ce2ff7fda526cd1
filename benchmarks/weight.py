"""Page weight (issue 16): what a page fetches before any interaction, in headless
Chromium (Debian's, as the browser tests), per-page HTML size and output size.

The site is served on 127.0.0.1 by a server that compresses text with gzip when the
browser asks, as every static host does (GitHub Pages, Netlify, nginx's gzip_static):
*transfer* is the bytes on the wire (Chromium's encoded body sizes), *decoded* the
files' own sizes. Nothing is clicked, focused or scrolled; the page is weighed once
the network has been idle for 500 ms.

    python benchmarks/weight.py OUT_HTML PAGE...
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import statistics
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in TEXT):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._body = body
        return None

    def do_GET(self):
        self._body = None
        source = self.send_head()
        if self._body is not None:
            self.wfile.write(self._body)
        elif source is not None:
            try:
                self.copyfile(source, self.wfile)
            finally:
                source.close()


@dataclass
class Weight:
    page: str
    transfer: int  # bytes on the wire
    decoded: int  # bytes of the files
    requests: int
    document: int  # the page's own HTML, decoded
    largest: list[tuple[int, str]]


def weigh(root: Path, pages: list[str]) -> list[Weight]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_GzipHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    weights = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            for name in pages:
                weights.append(_weigh_one(browser, base, name))
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return weights


def _weigh_one(browser, base: str, name: str) -> Weight:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    main = page.goto(base + name, wait_until="networkidle")
    document = len(main.body()) if main else 0
    page.wait_for_timeout(500)
    sizes = []
    for request in finished:
        response = request.response()
        body = len(response.body()) if response else 0
        sizes.append((request.sizes()["responseBodySize"], body, request.url))
    context.close()
    largest = sorted(((d, u.removeprefix(base)) for _, d, u in sizes), reverse=True)
    return Weight(
        name,
        sum(t for t, _, _ in sizes),
        sum(d for _, d, _ in sizes),
        len(sizes),
        document,
        largest[: int(os.environ.get("WEIGHT_LARGEST", 5))],
    )


def html_sizes(root: Path) -> list[int]:
    """The book's own pages (not its decks under slides/, not its _static)."""
    return [
        path.stat().st_size
        for path in root.rglob("*.html")
        if not path.relative_to(root).parts[0].startswith(("slides", "_"))
    ]


def output_size(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*") if path.is_file())


def kb(size: float) -> str:
    return f"{size / 1000:.0f} KB"


def main(argv: list[str]) -> None:
    root, pages = Path(argv[0]), argv[1:]
    for weight in weigh(root, pages):
        print(
            f"{weight.page}: {kb(weight.transfer)} transferred, "
            f"{kb(weight.decoded)} decoded, {weight.requests} requests"
        )
        for size, url in weight.largest:
            print(f"  {size:>9}  {url}")
    sizes = html_sizes(root)
    print(f"book HTML: median {kb(statistics.median(sizes))}, max {kb(max(sizes))}")
    print(f"output: {output_size(root) / 1e6:.1f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
