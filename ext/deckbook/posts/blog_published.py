"""``published: false``: the page is left out of the site, as Jekyll leaves it out.

Decided before anything is read (``config-inited``): each such source joins
``exclude_patterns``, so Sphinx never reads it — no page, no entry in a toctree glob,
the posts index, the feed or the sitemap — and an incremental build re-reads what it
must when a page is published or withdrawn (``exclude_patterns`` is an ``env`` value).
Each one is named in an info message with its file and line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from sphinx.util.matching import get_matching_files

from .. import _log
from ..source import yaml_c

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = _log.get_logger(__name__)
_PUBLISHED = re.compile(r"published\s*:", re.MULTILINE)


def exclude_unpublished(app: Sphinx, config: Config) -> None:
    kinds = config.source_suffix.items()
    suffixes = tuple(suffix for suffix, kind in kinds if kind == "markdown")
    if not suffixes:
        return
    srcdir = Path(app.srcdir)
    found = get_matching_files(srcdir, exclude_patterns=config.exclude_patterns)
    unpublished = []
    for relative in sorted(found):
        if not relative.endswith(suffixes):
            continue
        if (line := unpublished_line(srcdir / relative)) is not None:
            unpublished.append(relative)
            message = "published: false — left out of the site, as Jekyll does"
            logger.info(message, location=f"{srcdir / relative}:{line}")
    if unpublished:  # a new list: the default one is shared by every Config
        config.exclude_patterns = [*config.exclude_patterns, *unpublished]


def unpublished_line(path: Path) -> int | None:
    """The line of ``published: false`` in the file's front matter, or None."""
    try:
        head = path.read_bytes()[:65536]
    except OSError:
        return None
    if b"published" not in head:
        return None  # most pages, read at every start of each pass: no lines split
    text = head.decode("utf-8", errors="replace")
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or not re.fullmatch(r"-{3,}\s*", lines[0]):
        return None
    end = next((i for i, line in enumerate(lines[1:], 1) if _closes(line)), None)
    block = "\n".join(lines[1:end]) if end else ""
    if not _PUBLISHED.search(block):
        return None  # most pages: no need to parse their YAML twice
    try:
        data = yaml_c.load(block)
    except yaml.YAMLError:
        return None  # source/frontmatter.py warns about it when the page is read
    if not isinstance(data, dict) or data.get("published") is not False:
        return None
    number = next(i for i, line in enumerate(lines[1:end], 2) if _PUBLISHED.match(line))
    return number


def _closes(line: str) -> bool:
    stripped = line.rstrip()
    return stripped == "..." or (len(stripped) >= 3 and set(stripped) == {"-"})


def setup_blog_published(app: Sphinx) -> None:
    # After Sphinx's merge_source_suffix (800), which puts the suffixes extensions
    # register (MyST's .md, Jekyll's .markdown) into source_suffix.
    app.connect("config-inited", exclude_unpublished, priority=900)
