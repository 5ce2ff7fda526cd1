"""The index and search pages, and the search index, written only when they change.

Every build, however small, ends with Sphinx writing ``genindex.html`` (the index of
every page's index entries) and ``search.html`` again, and dumping the search index
of every page to ``searchindex.js``: in a one-page rebuild (the live preview's,
``warm_apps.py``), a good part of the time after the page itself. Here, as
:func:`.incremental.pages_to_write` does for the generated pages:

- ``genindex`` is written only if the index entries of the site, or anything every
  page shows (the navigation, the configuration, the templates, the styles), changed
  since the last build wrote it, or it is missing;
- ``search`` shows no page's content: only when what every page shows changed;
- ``searchindex.js`` holds every page's words, so a body edit changes it: it is
  dumped as before, but the file is rewritten only if its content differs.

The record is in the doctree folder, per builder (:data:`RECORD`), made in the main
process where Sphinx writes these pages (they are never written in parallel).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx.builders.html import StandaloneHTMLBuilder

from .._version import __version__
from ..incremental import asset_checksums, fingerprint

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

RECORD = "deckbook-index-pages.json"  # in the doctree folder
SEARCH_PAGE = ("search", "search.html")  # handle_page's page name and template


def index_entries(env: BuildEnvironment) -> str:
    """What ``genindex`` is made of: each page's index entries, as read."""
    entries = env.domains.index_domain.entries
    return hashlib.sha256(repr(sorted(entries.items())).encode()).hexdigest()


def page_key(builder: StandaloneHTMLBuilder, page: str, inputs: object) -> str:
    """A digest of what page ``page`` shows: ``inputs``, and what every page shows."""
    build_info = builder.build_info
    key = (
        __version__,
        page,
        inputs,
        fingerprint(builder.env),
        build_info.config_hash,
        build_info.tags_hash,
        builder.templates.newest_template_mtime() if builder.templates else 0,
        _assets(builder),
    )
    return hashlib.sha256(repr(key).encode()).hexdigest()


def _assets(builder: StandaloneHTMLBuilder) -> list[tuple[str, int]]:
    """The styles and scripts a page links, each with a checksum (as
    ``incremental._assets``: some are rewritten by every build)."""
    context = builder.globalcontext  # what the templates link
    assets = [*context.get("css_files", ()), *context.get("script_files", ())]
    return asset_checksums(Path(builder.outdir), assets)


class IndexPages:
    """Mixin for the book's HTML builders: ``genindex`` and ``search`` written when
    what they show changed, ``searchindex.js`` when its content did."""

    def write_genindex(self) -> None:
        builder: StandaloneHTMLBuilder = self  # type: ignore[assignment]
        if _must_write(builder, "genindex", index_entries(builder.env)):
            super().write_genindex()  # type: ignore[misc]
            _record(builder, "genindex", index_entries(builder.env))

    def handle_page(
        self, pagename: str, addctx: dict, templatename: str = "page.html", **kwargs
    ) -> None:
        builder: StandaloneHTMLBuilder = self  # type: ignore[assignment]
        search = (pagename, templatename) == SEARCH_PAGE and not kwargs
        if search and not _must_write(builder, "search", None):
            return
        super().handle_page(pagename, addctx, templatename, **kwargs)  # type: ignore[misc]
        if search:
            _record(builder, "search", None)

    def dump_search_index(self) -> None:
        builder: StandaloneHTMLBuilder = self  # type: ignore[assignment]
        if builder.indexer is None:
            return
        builder.indexer.prune(builder.env.all_docs)
        buffer = io.StringIO() if builder.indexer_dumps_unicode else io.BytesIO()
        builder.indexer.dump(buffer, builder.indexer_format)
        content = buffer.getvalue()
        if isinstance(content, str):
            content = without_orphan_words(content).encode("utf-8")
        path = Path(builder.outdir, builder.searchindex_filename)
        try:
            if path.read_bytes() == content:
                return  # the same words of the same pages: the file stays as it is
        except OSError:
            pass
        temporary = path.with_name(f"{path.name}.tmp")  # as Sphinx: never half written
        temporary.write_bytes(content)
        temporary.replace(path)


SEARCH_INDEX = ("Search.setIndex(", ")")  # sphinx.search._JavaScriptIndex


def without_orphan_words(index: str) -> str:
    """``searchindex.js`` without the words no page has any more.

    Sphinx loads the last build's index and prunes the pages it rebuilds or lost,
    but keeps each word they alone had, with an empty list of pages: a removed
    page's words stayed in the index, which a fresh build never writes. Written
    back as Sphinx writes it (``_JavaScriptIndex.dumps``)."""
    prefix, suffix = SEARCH_INDEX
    # Every build writes the index (a live preview's rebuild too): parsed only when
    # a word may have no page (Sphinx writes lists without spaces).
    if '":[]' not in index or not (index.startswith(prefix) and index.endswith(suffix)):
        return index
    data = json.loads(index[len(prefix) : -len(suffix)])
    orphans = False
    for key in ("terms", "titleterms"):
        words = data.get(key)
        if isinstance(words, dict):
            kept = {word: pages for word, pages in words.items() if pages != []}
            orphans |= len(kept) != len(words)
            data[key] = kept
    if not orphans:
        return index
    return prefix + json.dumps(data, separators=(",", ":"), sort_keys=True) + suffix


def _must_write(builder: StandaloneHTMLBuilder, page: str, inputs: object) -> bool:
    """True if ``page`` must be written: its key differs from the one recorded when
    it was last written, or its file is missing."""
    recorded = _read(builder).get(builder.name, {}).get(page)
    if recorded != page_key(builder, page, inputs):
        return True
    return not Path(builder.get_outfilename(page)).is_file()


def _record(builder: StandaloneHTMLBuilder, page: str, inputs: object) -> None:
    record = _read(builder)
    record.setdefault(builder.name, {})[page] = page_key(builder, page, inputs)
    path = Path(builder.doctreedir, RECORD)
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(record), encoding="utf-8")
    temporary.replace(path)


def _read(builder: StandaloneHTMLBuilder) -> dict[str, Any]:
    try:
        data = json.loads(Path(builder.doctreedir, RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
