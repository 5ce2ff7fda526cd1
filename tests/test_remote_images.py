"""Remote images vendored at build time: fetched once from a server on 127.0.0.1,
cached in the build folder, served from the build; what cannot be fetched stays a
labelled link with a ``file:line`` warning."""

from __future__ import annotations

import dataclasses
import http.server
import io
import socket
import threading
import time
from pathlib import Path

import pytest
from PIL import Image

from deckbook.source import remote_images
from tests.sites import build_with_warnings, copy_root, soup


def _png(color: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 36), color).save(buffer, format="PNG")
    return buffer.getvalue()


PHOTO = _png("red")
BACKDROP = _png("blue")


FILES = {
    "/photo.png": ("image/png", PHOTO),
    "/backdrop.png": ("image/png", BACKDROP),
    "/notes.txt": ("text/plain", b"not an image"),
    "/svg.svg": ("image/svg+xml", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
}


class ImageServer:
    """A server on 127.0.0.1 that counts the requests it answers."""

    def __init__(self):
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                if self.path.startswith("/redirect-to-"):
                    self.send_response(302)
                    scheme = self.path.removeprefix("/redirect-to-")
                    self.send_header("Location", f"{scheme}://127.0.0.1/photo.png")
                    self.end_headers()
                    return
                if self.path == "/slow.png":
                    time.sleep(2)  # longer than the test's timeout
                if self.path not in FILES:
                    self.send_error(404)
                    return
                kind, body = FILES[self.path]
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.httpd.server_port}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    server = ImageServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def site(server, tmp_path_factory):
    """The root built once (first fetch), then again from scratch with the cache."""
    srcdir = copy_root("remote-images", tmp_path_factory.mktemp("remote"))
    dead = f"127.0.0.1:{_closed_port()}"
    for page in srcdir.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("HOST", server.host).replace("DEAD", dead))
    options, status, warnings = build_with_warnings(srcdir)
    assert status == 0, warnings
    first = list(server.requests)
    fresh = dataclasses.replace(options, fresh=True, warning_stream=io.StringIO())
    from deckbook.site.build import build_site

    assert build_site(fresh) == 0
    return options, warnings, first, server.requests[len(first) :], dead


def _local_images(page: Path) -> list[tuple[str, bytes]]:
    """(src, bytes) of every local ``<img>`` and CSS background of a built page."""
    html = soup(page)
    found = []
    sources = [img["src"] for img in html.select("img")]
    for node in html.select("[style*='url(']"):
        style = node["style"]
        sources.append(style.split('url("', 1)[1].split('"', 1)[0])
    for src in sources:
        if "://" not in src:
            found.append((src, (page.parent / src).read_bytes()))
    return found


def test_fetched_once_and_never_again(site):
    _, _, first, second, _ = site
    assert sorted(set(first)) == [
        "/backdrop.png",
        "/missing.png",
        "/notes.txt",
        "/photo.png",
    ]
    assert first.count("/photo.png") == 1  # three uses, one request
    # The second build reads every page again; only what failed is asked for again.
    assert sorted(second) == ["/missing.png", "/notes.txt"]


def test_deck_and_book_serve_the_same_bytes(site):
    options, _, _, _, _ = site
    # (the directive background is drawn on each of the slide's three layers)
    deck = sorted(set(_local_images(options.decks_dir / "deck.html")))
    assert sorted(data for _, data in deck) == sorted([PHOTO, BACKDROP])
    book = _local_images(options.book_dir / "deck.html")
    assert sorted(data for _, data in book) == sorted([PHOTO, PHOTO, BACKDROP])
    page = _local_images(options.book_dir / "page.html")
    assert [data for _, data in page] == [PHOTO]
    assert all(src.startswith("_images/") for src, _ in page + book + deck)
    cache = options.out / ".deckbook-cache" / "remote"
    assert {p.read_bytes() for p in cache.glob("*.png")} == {PHOTO, BACKDROP}
    assert not list(cache.rglob(".tmp-*"))


def test_what_cannot_be_fetched_stays_a_link_with_a_warning(site, server):
    options, warnings, _, _, dead = site
    lines = [line for line in warnings.splitlines() if "remote_image" in line]
    assert len(lines) == 3, warnings
    assert "deck.md:25: WARNING: remote image not vendored" in lines[0]
    assert "missing.png (HTTP 404" in lines[0]
    assert "deck.md:27: WARNING" in lines[1] and dead in lines[1]
    assert "deck.md:29: WARNING" in lines[2] and "Content-Type: text/plain" in lines[2]
    assert all("[deckbook.remote_image]" in line for line in lines)
    html = soup(options.decks_dir / "deck.html")
    links = [a["href"] for a in html.select("a.deckbook-remote-image")]
    assert links == [
        f"http://{server.host}/missing.png",
        f"http://{dead}/photo.png",
        f"http://{server.host}/notes.txt",
    ]
    assert not html.select(f"img[src*='{server.host}']")


def test_link_policy_never_fetches(server, tmp_path):
    srcdir = copy_root("remote-images", tmp_path)
    for page in srcdir.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("HOST", server.host).replace("DEAD", server.host))
    (srcdir / "conf.py").write_text(
        (srcdir / "conf.py").read_text() + '\ndeckbook_remote_images = "link"\n'
    )
    before = len(server.requests)
    options, status, warnings = build_with_warnings(srcdir)
    assert status == 0 and "remote_image" not in warnings
    assert len(server.requests) == before
    assert not (options.out / ".deckbook-cache").exists()
    page = soup(options.book_dir / "page.html")
    assert page.select_one("a.deckbook-remote-image")["href"].endswith("/photo.png")


def test_redirects_and_types_that_are_refused(server, tmp_path):
    for scheme in ("file", "ftp"):
        with pytest.raises(remote_images.FetchError, match=r"302|non-http"):
            remote_images.vendor(f"http://{server.host}/redirect-to-{scheme}", tmp_path)
    with pytest.raises(remote_images.FetchError, match="svg"):
        remote_images.vendor(f"http://{server.host}/svg.svg", tmp_path)
    assert remote_images.fetchable_url("//example.org/x.png") == (
        "https://example.org/x.png"
    )
    assert remote_images.fetchable_url("ftp://example.org/x.png") is None
    assert list(tmp_path.iterdir()) == []


def test_too_large_or_too_slow_is_refused(server, tmp_path, monkeypatch):
    monkeypatch.setattr(remote_images, "MAX_BYTES", len(PHOTO) - 1)
    with pytest.raises(remote_images.FetchError, match="larger than"):
        remote_images.vendor(f"http://{server.host}/photo.png", tmp_path)
    with pytest.raises(remote_images.FetchError, match="timed out"):
        remote_images.download(f"http://{server.host}/slow.png", timeout=0.5)
    assert list(tmp_path.iterdir()) == []


def test_concurrent_fetches_share_one_cached_file(server, tmp_path):
    """Builds sharing a cache (or parallel readers) write it by temp file + rename."""
    from concurrent.futures import ThreadPoolExecutor

    url = f"http://{server.host}/backdrop.png"
    with ThreadPoolExecutor(8) as pool:
        paths = set(pool.map(lambda _: remote_images.vendor(url, tmp_path), range(8)))
    (path,) = paths
    assert path.read_bytes() == BACKDROP
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == sorted(
        [path.name, remote_images._sha256(url.encode())]
    )


def test_slide_shows_the_photo_and_asks_no_other_host(site, page, server, serve):
    """In Chromium the slide's background is the vendored photo: its pixels are red,
    and the page asked nothing of the image server or any other host."""
    options, _, _, _, _ = site
    before = len(server.requests)
    site_server = serve(options.book_dir)
    page.goto(site_server.url("slides/deck.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.evaluate("document.fonts.ready")
    figure = page.locator(".present [data-marp-layer=background] figure").first
    figure.wait_for()
    pixel = page.evaluate(
        """async (el) => {
          const url = getComputedStyle(el).backgroundImage.slice(5, -2);
          const img = new Image();
          img.src = url;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.width; canvas.height = img.height;
          const context = canvas.getContext('2d');
          context.drawImage(img, 0, 0);
          return [url, img.width, Array.from(context.getImageData(5, 5, 1, 1).data)];
        }""",
        figure.element_handle(),
    )
    url, width, rgba = pixel
    assert url.startswith(site_server.url("slides/_images/"))
    assert width == 64 and rgba == [255, 0, 0, 255]
    assert page.watch.foreign == [] and page.watch.failed == []
    assert len(server.requests) == before
