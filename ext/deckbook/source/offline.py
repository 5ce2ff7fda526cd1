"""Offline by default: pages never load an image from another host by themselves.

``deckbook_remote_images``:

- ``"vendor"`` (the default): each remote image is fetched once at build time and
  served from the build (:mod:`deckbook.source.remote_images`); one that cannot be
  fetched is shown
  as a labelled link, as with ``"link"``.
- ``"link"``: never fetch; a remote image is shown as a labelled link to it, so the
  reader can still open it and no request leaves the site until they do.
- ``"load"``: keep the ``<img>``, which the reader's browser loads from the web.

The link is output shaping, not reading, so it is a post-transform and the shared
doctrees keep the image node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .._i18n import translate
from .._log import get_logger, warn
from .remote_images import SUBTYPE, setup_remote_images

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = get_logger(__name__)

POLICIES = ("vendor", "link", "load")


def is_remote(uri: str) -> bool:
    return urlsplit(uri).scheme in ("http", "https") or uri.startswith("//")


def loads_remote(config) -> bool:
    """Whether pages may ask other hosts for what is still remote (``"load"``)."""
    return config.deckbook_remote_images == "load"


class RemoteImagesAsLinks(SphinxPostTransform):
    """Replace ``<img src="https://…">`` with a link that names the image and host."""

    formats = ("html",)  # the book and the decks both report format "html"
    # Before ImageDownloader (100), which would fetch remote images for some builders.
    default_priority = 90

    def run(self, **kwargs) -> None:
        if loads_remote(self.config):
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


def check_policy(app: Sphinx, config) -> None:
    if config.deckbook_remote_images not in POLICIES:
        warn(
            logger,
            f"deckbook_remote_images = {config.deckbook_remote_images!r} is not one of "
            f'{", ".join(POLICIES)}; "link" is used',
            SUBTYPE,
        )
        config.deckbook_remote_images = "link"


def setup_offline(app: Sphinx) -> None:
    # "env": vendoring rewrites image nodes while pages are read.
    app.add_config_value(
        "deckbook_remote_images", "vendor", "env", types=frozenset({str})
    )
    app.connect("config-inited", check_policy)
    app.add_post_transform(RemoteImagesAsLinks)
    setup_remote_images(app)
