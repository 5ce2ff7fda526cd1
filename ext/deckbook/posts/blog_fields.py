"""Front-matter fields of the blog features, read as Jekyll's plugins read them.

``author`` as jekyll-seo-tag takes it (a name, a mapping with ``name``, or a list whose
first entry counts); the preview image as jekyll-seo-tag and the Minimal Mistakes
theme take it (``image`` or ``header.image``/``overlay_image``/``teaser``, each a path
or a mapping with ``path``); ``redirect_from`` as jekyll-redirect-from (a path or a
list of them).
"""

from __future__ import annotations

from typing import Any

# Which key gives the page's preview image, first found wins; the last one (a list
# thumbnail) is never drawn as the post's header.
IMAGE_KEYS = (("image",), ("header", "image"), ("header", "overlay_image"))
TEASER_KEY = ("header", "teaser")


def author_name(data: dict[str, Any], warn) -> str:
    value = data.get("author")
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    if value is None or isinstance(value, (list, dict)):
        if value is not None:
            warn("author", f"front matter 'author' {value!r} has no name; ignored")
        return ""
    return " ".join(str(value).split())


def text(data: dict[str, Any], key: str) -> str:
    """A one-line text field (``description``), or ``""``."""
    value = data.get(key)
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""


def _path(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("path")
    return value.strip() if isinstance(value, str) else ""


def image_path(data: dict[str, Any], *, teaser: bool = False) -> str:
    """The front matter's preview image, or ``""``; ``teaser`` also looks at the
    list thumbnail (for og:image, not for the header drawn on the page)."""
    for keys in (*IMAGE_KEYS, TEASER_KEY) if teaser else IMAGE_KEYS:
        value: Any = data
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        if path := _path(value):
            return path
    return ""


def path_list(data: dict[str, Any], key: str, warn) -> list[str]:
    """``redirect_from: /old`` or a list of paths; anything else warns."""
    value = data.get(key)
    if value in (None, "", []):
        return []
    items = value if isinstance(value, list) else [value]
    paths = []
    for item in items:
        if isinstance(item, str) and item.strip():
            paths.append(item.strip())
        else:
            message = f"front matter '{key}' has {item!r} where a path belongs"
            warn(key, message + "; it is ignored")
    return paths
