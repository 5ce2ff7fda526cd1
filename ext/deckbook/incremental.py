"""What an incremental build rewrites: what changed, and nothing else.

After an edit, Sphinx rewrites the edited pages and their toctree parents (and Deckbook
re-reads the pages with a ``{postlist}``, :mod:`deckbook.posts.domain`). Two things are
added here:

- **Navigation.** Every book page's sidebar shows every page's title, and each page
  (a deck too) links its previous and next pages by their titles. When a title or a
  toctree changes, the navigation of every page changes, yet Sphinx rewrites only the
  edited page and its parents, leaving stale titles in all the other pages.
  :func:`rewrite_when_navigation_changed` has every page rewritten then; an edit that
  leaves the navigation as it was (a page's body) rewrites only what Sphinx rewrites.
- **Generated pages.** Pages collected at ``html-collect-pages`` (the category pages,
  :mod:`deckbook.posts.categories`) were all made and rendered again by every build.
  :func:`pages_to_write` makes them only if what they show, the navigation, the
  configuration, the templates or the styles changed, or one of them is missing.

- **What is gone.** Sphinx never deletes an output: a page removed from the sources
  (its HTML, its copied source), an image or a download no page uses any more, a
  category page no post names stay in the output folder, served as if current.
  :func:`remove_what_is_gone` deletes what the last build by the same builder wrote
  for them, as Jekyll's and MkDocs' clean output folders would not have them, and a
  published version built in a kept output folder (``publish/doctree_cache.py``) must
  not serve another version's pages.

All compare with what the last build by the same builder recorded in the doctree
folder (the book and the deck passes share one environment, but not their outputs).
All run in the main process (after reading, where Sphinx writes generated pages, and
once the build is done), so they hold under ``-j``; nothing is stored on the
environment.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import weakref
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sphinx import addnodes

from ._version import __version__

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

FINGERPRINTS = "deckbook-fingerprints.json"  # in the doctree folder, per builder
GENERATED = "deckbook-generated-pages.json"  # in the doctree folder
OUTPUTS = "deckbook-outputs.json"  # in the doctree folder, per builder: files written

Page = tuple[str, dict[str, Any], str]  # html-collect-pages: name, context, template


def fingerprint(env: BuildEnvironment) -> str:
    """What every page's navigation is made of: the toctrees and the titles of the
    pages in them (the book's sidebar shows page titles only, ``titles_only``)."""
    digest = hashlib.sha256(f"{env.config.root_doc}\0".encode())
    listed = {env.config.root_doc}
    for docname in sorted(env.toctree_includes):
        listed.update(env.toctree_includes[docname])
        digest.update(f"{docname}\0".encode())
        for toctree in env.tocs[docname].findall(addnodes.toctree):
            digest.update(repr(sorted(toctree.attributes.items())).encode())
    for docname in sorted(listed):
        title = env.titles.get(docname)
        depth = env.metadata.get(docname, {}).get("tocdepth")
        text = title.pformat() if title is not None else ""
        digest.update(f"{docname}\0{depth}\0{text}\0".encode())
    return digest.hexdigest()


def rewrite_when_navigation_changed(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: every page, if the navigation changed since the last build
    by this builder; nothing otherwise (nor on a first build: every page is new).

    Decks too: each links its previous and next pages, by title, in its head."""
    if app.builder.format != "html":
        return []
    path = Path(app.doctreedir, FINGERPRINTS)
    prints = _read_json(path)
    previous = prints.get(app.builder.name)
    prints[app.builder.name] = fingerprint(env)
    if previous != prints[app.builder.name]:
        _write_json(path, prints)
    if previous is None or previous == prints[app.builder.name]:
        return []
    return sorted(env.found_docs)


def pages_to_write(
    app: Sphinx, group: str, inputs: object, collect: Callable[[], list[Page]]
) -> list[Page]:
    """A group of generated pages (``html-collect-pages``): ``collect()``, or nothing
    if the last build wrote them all from the same ``inputs`` (what they show), the
    same navigation, configuration, templates and styles, and they are still there."""
    builder = app.builder
    build_info = getattr(builder, "build_info", None)
    templates = getattr(builder, "templates", None)
    newest = templates.newest_template_mtime() if templates is not None else 0
    key = (
        __version__,
        group,
        inputs,
        fingerprint(app.env),
        getattr(build_info, "config_hash", ""),
        getattr(build_info, "tags_hash", ""),
        newest,  # templates: Sphinx rewrites every page when one changes
        _assets(app),  # the ?v= checksums of styles and scripts in each page
    )
    digest = hashlib.sha256(repr(key).encode()).hexdigest()
    path = Path(app.doctreedir, GENERATED)
    recorded = _read_json(path)
    last = recorded.get(builder.name, {}).get(group, {})
    if last.get("key") == digest and all(
        Path(builder.get_outfilename(name)).is_file() for name in last.get("pages", ())
    ):
        return []
    pages = list(collect())
    names = [name for name, _, _ in pages]
    # A page the group made last time and no longer makes (a category no post
    # names now); never a document's page (written before generated ones).
    for name in set(last.get("pages", ())) - set(names) - app.env.found_docs:
        Path(builder.get_outfilename(name)).unlink(missing_ok=True)
    recorded.setdefault(builder.name, {})[group] = {"key": digest, "pages": names}
    _write_json(path, recorded)
    return pages


def _assets(app: Sphinx) -> list[tuple[str, int]]:
    """The styles and scripts every page links, with a checksum of each (their files
    are copied before pages are written; some are rewritten on every build)."""
    builder = app.builder
    assets = [*getattr(builder, "css_files", []), *getattr(builder, "script_files", [])]
    return asset_checksums(Path(app.outdir), assets)


def asset_checksums(outdir: Path, assets) -> list[tuple[str, int]]:
    """``(filename, crc32)`` of each local style or script, as the output holds it."""
    sums = []
    for asset in assets:
        filename = str(getattr(asset, "filename", asset) or "")
        if filename and "://" not in filename:
            try:
                content = Path(outdir, filename).read_bytes()
            except OSError:
                content = b""
            sums.append((filename, zlib.crc32(content)))
    return sorted(sums)


# When each application's last build began (``env-before-read-docs``, which every
# build sends, reading or not): a file written since is this build's, whatever an
# older record says of it.
_BUILD_STARTED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def note_build_start(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    _BUILD_STARTED[app] = time.time_ns()


def written_for(app: Sphinx) -> list[str]:
    """The files of the output (relative, ``/``-separated) the builder writes for the
    documents, images and downloads of the environment as it is now."""
    builder, env, outdir = app.builder, app.env, Path(app.outdir)
    # A deck builder writes decks for some pages only, and which may change.
    writes_page = getattr(builder, "writes_page", None)
    files = []
    for docname in sorted(env.found_docs):
        page = Path(builder.get_outfilename(docname))
        if page.is_file() and (writes_page is None or writes_page(docname)):
            files.append(page.relative_to(outdir).as_posix())
        if app.config.html_copy_source:
            files.append(f"_sources/{_source_name(app, docname)}")
    images = getattr(builder, "imagedir", "_images")
    files += [f"{images}/{name}" for _, name in env.images.values()]
    files += [f"_downloads/{name}" for _, name in env.dlfiles.values()]
    return sorted(set(files))


def _source_name(app: Sphinx, docname: str) -> str:
    """As Sphinx names a page's copied source (``StandaloneHTMLBuilder``)."""
    suffix = str(app.env.doc2path(docname, False))[len(docname) :]
    link = app.config.html_sourcelink_suffix
    return docname + suffix + (link if suffix != link else "")


def remove_what_is_gone(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: delete the files the last build by this builder wrote for
    documents, images and downloads the environment no longer has."""
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.doctreedir, OUTPUTS)
    recorded = _read_json(path)
    now = written_for(app)
    before = recorded.get(app.builder.name)
    if isinstance(before, list):
        started = _BUILD_STARTED.get(app, 0)
        for name in set(before) - set(now):
            _remove_old(Path(app.outdir, name), started)
    if before != now:
        recorded[app.builder.name] = now
        _write_json(path, recorded)


def _remove_old(path: Path, started: int) -> None:
    try:
        if path.is_file() and path.stat().st_mtime_ns < started:
            path.unlink()
    except OSError:
        pass  # gone already, or not ours to remove


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_json(path: Path, data: Any) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    try:
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)  # the next build writes every page again


def setup_incremental(app: Sphinx) -> None:
    app.connect("env-get-updated", rewrite_when_navigation_changed)
    app.connect("env-before-read-docs", note_build_start)
    app.connect("build-finished", remove_what_is_gone)
