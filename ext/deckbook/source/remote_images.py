"""Remote images vendored at build time (``deckbook_remote_images = "vendor"``).

Each ``http(s)://`` image a page uses is fetched once, while the page is read, into a
cache inside the build folder (``<build>/.deckbook-cache/remote/``, next to the
doctrees, so every pass and every later build share it), and its node is pointed at the
cached file: Sphinx's own image machinery then copies it into ``_images/`` of the book
and of the decks, and no page asks another host for it when it is viewed.

The cache is content-addressed: the file is named by the SHA-256 of its bytes, and a
small index entry, named by the SHA-256 of the URL, names that file. Both are written
to a temporary file and renamed, so parallel readers (``-j``) and concurrent builds
sharing the folder never see a half-written file. A failed fetch (no network, 404,
timeout, not an image, too large) is not cached: the image stays remote,
source/offline.py
shows it as a labelled link, and a ``deckbook.remote_image`` warning names its line.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes

from .._log import DeckbookWarnings, get_logger, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = get_logger(__name__)

SUBTYPE = DeckbookWarnings.REMOTE_IMAGE
CACHE = Path(".deckbook-cache", "remote")
TIMEOUT_S = 10  # a slow host must not stall the build for long
MAX_BYTES = 20 * 1024 * 1024  # a photo, not a download
USER_AGENT = "deckbook (build-time image vendoring)"
# The raster types browsers show in <img>; SVG is left remote, as it may carry script
# and the site would then serve that script from its own origin.
EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/avif": ".avif",
    "image/bmp": ".bmp",
    "image/x-icon": ".ico",
    "image/vnd.microsoft.icon": ".ico",
}


class FetchError(Exception):
    """The image could not be vendored; the message says why, for the warning."""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address (never ``ftp:``, ``file:``)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise FetchError(f"redirected to a non-http address: {newurl}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


# No proxy from the environment either: the build fetches from the address as written.
_OPENER = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), _HttpOnlyRedirects()
)


def fetchable_url(uri: str) -> str | None:
    """The http(s) address of a remote image (``//host/x`` as https), or None."""
    if uri.startswith("//"):
        uri = "https:" + uri
    return uri if urlsplit(uri).scheme in ("http", "https") else None


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        raise


def cached(url: str, cache: Path) -> Path | None:
    """The file ``url`` was vendored into by an earlier fetch, if it is still there."""
    index = cache / "urls" / _sha256(url.encode())
    try:
        name = index.read_text(encoding="ascii").strip()
    except OSError:
        return None
    path = cache / name
    return path if name and "/" not in name and path.is_file() else None


def download(url: str, timeout: float = TIMEOUT_S) -> tuple[bytes, str]:
    """The image's bytes and file extension; raises FetchError with the reason."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if not kind.startswith("image/") or kind == "image/svg+xml":
                raise FetchError(f"not a raster image (Content-Type: {kind})")
            data = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as error:
        raise FetchError(f"HTTP {error.code} {error.reason}") from error
    except urllib.error.URLError as error:
        raise FetchError(str(error.reason)) from error
    except (OSError, ValueError) as error:  # timeouts, resets, malformed addresses
        raise FetchError(str(error) or type(error).__name__) from error
    if len(data) > MAX_BYTES:
        raise FetchError(f"larger than {MAX_BYTES} bytes")
    return data, EXTENSIONS.get(kind) or mimetypes.guess_extension(kind) or ".img"


def vendor(url: str, cache: Path) -> Path:
    """The cached copy of ``url``, fetching it the first time."""
    if (path := cached(url, cache)) is not None:
        return path
    data, extension = download(url)
    path = cache / (_sha256(data) + extension)
    if not path.is_file():
        _write_atomically(path, data)
    _write_atomically(cache / "urls" / _sha256(url.encode()), path.name.encode())
    return path


def cache_dir(app: Sphinx) -> Path:
    """``<build>/.deckbook-cache/remote``: beside the doctrees both passes share."""
    return Path(app.doctreedir).parent / CACHE


def vendor_remote_images(app: Sphinx, doctree: nodes.document) -> None:
    """Point each remote image of the page just read at its vendored copy."""
    if app.config.deckbook_remote_images != "vendor":
        return
    env = app.env
    docname = env.current_document.docname
    folder = Path(env.srcdir, env.doc2path(docname, base=False)).parent
    for image in doctree.findall(nodes.image):
        url = fetchable_url(image["uri"])
        if url is None:
            continue
        try:
            path = vendor(url, cache_dir(app))
        except (FetchError, OSError) as error:
            warn(
                logger,
                f"remote image not vendored, shown as a link: {url} ({error})",
                SUBTYPE,
                location=image,
            )
            continue
        # Relative to the page, as Sphinx's ImageCollector reads an image's uri.
        image["uri"] = Path(os.path.relpath(path, folder)).as_posix()


def setup_remote_images(app: Sphinx) -> None:
    # After source/safety.py refuses files outside the project (400): the cache may sit
    # in a
    # build folder elsewhere; before Sphinx's ImageCollector (500) queues the copies.
    app.connect("doctree-read", vendor_remote_images, priority=450)
