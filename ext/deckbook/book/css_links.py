"""Each page links each trimmed stylesheet by the trimmed file's own checksum.

A page links a stylesheet with a checksum of its content (Sphinx's ``?v=``,
pydata-sphinx-theme's ``?digest=``), so that a browser fetches it again when it
changes, and keeps it otherwise. ``lean_css.py`` rewrites the sheets once the pages are
written, so Sphinx summed the untrimmed copy (a cold build) or the last build's trim (a
rebuild). Left so, the same address would name another sheet after a build whose pages
need more rules (a new post with the site's first table): a browser that cached the
old one would keep showing it without them. So, after the trim, every link that does
not carry the sheet's sum as written is set to it.

Only the pages written this pass can link another sum, unless a sheet changed: then
every page is set (``lean_css.py`` remembers the sums each pass left). Only a page's
head is looked at (its links are there; an author's words quoting such an address
stay as written). A page is replaced whole (a reader, the live preview's server, sees
the old or the new one), and keeps its bytes but for the sum.
"""

from __future__ import annotations

import os
import re
import uuid
import weakref
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sphinx.application import Sphinx

_SUM = rb"\?(v|digest)=[0-9A-Za-z]+"


def checksum(path: Path) -> str:
    """A file's ``?v=`` as Sphinx writes it (``sphinx.builders.html._assets``): the
    CRC-32 of its bytes without carriage returns."""
    content = path.read_bytes().translate(None, b"\r")
    return f"{zlib.crc32(content):08x}"


def link_pattern(names: Iterable[str]) -> re.Pattern[bytes]:
    """A link to one of ``names`` (output paths such as ``_static/pygments.css``)
    with its sum, from a page at any depth (``../../_static/...``)."""
    choices = b"|".join(
        re.escape(name.encode()) for name in sorted(names, key=len, reverse=True)
    )
    return re.compile(rb"(?<=[\"'/])(" + choices + rb")" + _SUM)


def _head_end(text: bytes) -> int:
    """Where a page's head ends: its links are there, and the body's text (an
    author's words, which may quote such an address) is never touched."""
    end = text.find(b"</head>")
    return end if end >= 0 else 0


def relink(
    pages: Iterable[Path], sums: dict[str, str]
) -> dict[Path, tuple[os.stat_result, os.stat_result]]:
    """Set every link of ``pages`` to a stylesheet of ``sums`` to its sum; the pages
    rewritten, each with how it was before and after (its size and time)."""
    if not sums:
        return {}
    pattern = link_pattern(sums)

    def current(match: re.Match[bytes]) -> bytes:
        name = match[1]
        return name + b"?" + match[2] + b"=" + sums[name.decode()].encode()

    rewritten = {}
    for page in pages:
        try:
            before = page.stat()
            text = page.read_bytes()
        except OSError:
            continue  # gone meanwhile: nothing links from it
        head = _head_end(text)
        linked = pattern.sub(current, text[:head]) + text[head:]
        if linked != text:
            _replace(page, linked)
            rewritten[page] = (before, page.stat())
    return rewritten


# The pages each application's last pass set, by output name: their size and time
# before and after (``lean_icons.py`` carries what it read of them over).
_REWRITTEN: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def note_rewritten(app: Sphinx, outdir: Path, rewritten: dict) -> None:
    """Keep what :func:`relink` says it rewrote, for :func:`take_rewritten`."""
    _REWRITTEN[app] = {
        page.relative_to(outdir).as_posix(): (
            (before.st_size, before.st_mtime_ns),
            (after.st_size, after.st_mtime_ns),
        )
        for page, (before, after) in rewritten.items()
    }


def take_rewritten(app: Sphinx) -> dict[str, tuple]:
    """What this pass set (once): output name → ``((size, time) before, (size,
    time) after)``."""
    return _REWRITTEN.pop(app, {})


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
