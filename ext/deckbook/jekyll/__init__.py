"""Jekyll posts, unchanged: what Jekyll 4 with kramdown (GFM input) does to a post.

Read phase (same doctree for every builder): Liquid is rendered on a post's source
before Markdown (``liquid``), kramdown's syntax is turned into MyST/docutils
(``kramdown``). Book write phase: the blog features Jekyll's usual plugins give a
site (``blog``: feed, old URLs, sitemap, preview tags).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_jekyll(app: Sphinx) -> None:
    """Register each Jekyll feature; each module keeps its own ``setup_<feature>``."""
    from . import files, kramdown, liquid

    files.setup_files(app)
    liquid.setup_liquid(app)
    kramdown.setup_kramdown(app)
