"""What the blog features share: the site's URL and Jekyll's ``site`` settings.

Jekyll's ``_config.yml`` keys that Sphinx has no name for (``url``, ``baseurl``,
``timezone``, ``excerpt_separator``, …) live in the ``deckbook_site`` dict of
``conf.py``, and ``deckbook_site_url`` names the site's address; the Liquid feature
(``site.*``) and the blog features read the same two values, registered here.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config


def site_settings(config: Config) -> dict[str, Any]:
    value = getattr(config, "deckbook_site", None)
    return value if isinstance(value, dict) else {}


def site_url(config: Config) -> str:
    """The site's absolute URL with a trailing ``/``, or ``""`` when none is known:
    ``deckbook_site_url``, else ``html_baseurl``, else Jekyll's ``url`` + ``baseurl``
    from ``deckbook_site``."""
    site = site_settings(config)
    base = str(site.get("baseurl") or "").strip("/")
    url = (
        config.deckbook_site_url
        or config.html_baseurl
        or "/".join(
            part for part in (str(site.get("url") or "").rstrip("/"), base) if part
        )
    )
    if "://" not in url:
        return ""  # a baseurl alone is not an address (Jekyll makes it relative too)
    return url.rstrip("/") + "/"


def url_for(config: Config, path: str, base: str = "") -> str:
    """``path`` (relative to the output root) as an absolute URL, or relative to the
    folder ``base`` when the site has no URL (jekyll-feed does the same)."""
    if root := site_url(config):
        return root + path
    return posixpath.relpath(path, base or ".") if base else path


def write_if_changed(path: Path, content: bytes) -> None:
    """Write a generated file only when its content changes, so an incremental
    build leaves untouched files untouched (their mtimes too)."""
    try:
        if path.read_bytes() == content:
            return
    except OSError:
        pass  # not there yet
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def add_site_config(app: Sphinx) -> None:
    app.add_config_value("deckbook_site", {}, "env", types=frozenset({dict}))
    app.add_config_value("deckbook_site_url", "", "env", types=frozenset({str}))
