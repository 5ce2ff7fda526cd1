"""Redirect pages: the site root and every page of an alias (``latest/…``).

Static hosts serve neither symlinks nor server-side redirects reliably, so an alias is
a folder of tiny HTML pages, one per page of its version, each sending the reader to
the same path in the version and keeping the ``#fragment`` (and ``?query``). Targets
are relative URLs, so the site works under any sub-path.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

# The file in an alias folder saying which version (and which build of it) the stubs
# point to, so recovery can tell stale stubs from current ones.
ALIAS_MARKER = ".deckbook-alias.json"

_PAGE = """<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Redirecting…</title>
<link rel="canonical" href="{href}">
<script>location.replace({target} + location.search + location.hash);</script>
<noscript><meta http-equiv="refresh" content="0; url={href}"></noscript>
</head>
<body><p><a href="{href}">{text}</a></p></body>
</html>
"""


def redirect_page(url: str) -> str:
    """A page that replaces itself with ``url`` (relative to the page)."""
    # JSON is a JavaScript string literal; "<" escaped so "</script>" cannot occur.
    target = json.dumps(url).replace("<", "\\u003c")
    return _PAGE.format(href=html.escape(url), target=target, text=html.escape(url))


def pages(version_dir: Path) -> Iterator[Path]:
    """Every HTML page of a built version, relative to it (no assets or sources)."""
    for path in sorted(version_dir.rglob("*.html")):
        relative = path.relative_to(version_dir)
        if not any(part.startswith(("_", ".")) for part in relative.parts[:-1]):
            yield relative


def url_of(relative: Path) -> str:
    return "/".join(quote(part) for part in relative.parts)


def write_alias(folder: Path, version: str, version_dir: Path, build_id: str) -> None:
    """Fill ``folder`` (new, empty) with a stub for every page of ``version``."""
    for page in pages(version_dir):
        up = "../" * len(page.parts)  # from folder/<page> to the site root
        stub = folder / page
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(
            redirect_page(f"{up}{version}/{url_of(page)}"), encoding="utf-8"
        )
    marker = {"version": version, "build": build_id}
    (folder / ALIAS_MARKER).write_text(json.dumps(marker), encoding="utf-8")


def read_alias_marker(folder: Path) -> dict | None:
    try:
        return json.loads((folder / ALIAS_MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def root_page(default: str) -> str:
    """The site root's ``index.html``: off to the default version's landing page."""
    return redirect_page(f"{default}/")
