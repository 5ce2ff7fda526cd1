"""Offline by default: pages never load an image from another host by themselves.

With ``deckbook_remote_images = "link"`` (the default) a remote image is shown as a
labelled link to it, so the reader can still open it and no request leaves the site
until they do; ``"load"`` keeps the ``<img>``. This is output shaping, not reading, so
it is a post-transform and the shared doctrees keep the original image node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ._i18n import translate

if TYPE_CHECKING:
    from sphinx.application import Sphinx

POLICIES = ("link", "load")


def is_remote(uri: str) -> bool:
    return urlsplit(uri).scheme in ("http", "https") or uri.startswith("//")


class RemoteImagesAsLinks(SphinxPostTransform):
    """Replace ``<img src="https://…">`` with a link that names the image and host."""

    formats = ("html",)  # the book and the decks both report format "html"
    # Before ImageDownloader (100), which would fetch remote images for some builders.
    default_priority = 90

    def run(self, **kwargs) -> None:
        if self.config.deckbook_remote_images != "link":
            return
        for image in list(self.document.findall(nodes.image)):
            if is_remote(image["uri"]):
                image.replace_self(self._link_for(image))

    def _link_for(self, image: nodes.image) -> nodes.reference:
        uri = image["uri"]
        label = translate(self.config.language, "Remote image")
        host = urlsplit(uri).hostname or uri
        alt = image.get("alt", "")
        text = f"{label}: {alt} ({host})" if alt else f"{label} ({host})"
        link = nodes.reference(
            "", "", refuri=uri, classes=["deckbook-remote-image"], reftitle=uri
        )
        link += nodes.inline(text, text)
        link.source, link.line = image.source, image.line
        return link


def setup_offline(app: Sphinx) -> None:
    app.add_config_value(
        "deckbook_remote_images", "link", "html", types=frozenset({str})
    )
    app.add_post_transform(RemoteImagesAsLinks)
