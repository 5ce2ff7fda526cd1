"""Build-speed measures that change no output (each measured; see benchmarks/).

**Fewer and cheaper full garbage collections** while Deckbook builds. A build keeps
every document alive: the environment, and (since Sphinx 7.4) each doctree read, until
it is written. CPython's full collection (generation 2) scans all of them each time,
and with the default thresholds ``(700, 10, 10)`` it took about a quarter of a 300-page
build's CPU time (9.2 s of 39 s, measured with ``gc.callbacks``), and more the larger
the site (21.7 s of 75 s at 600 pages): the main reason build time grew faster than the
page count. So, during a build, the full collection runs ten times less often, and
what survives one while the pass reads is frozen (``gc.freeze()``), so the next scans
only what is newer: each object is scanned by a full collection about once, not once
per collection. Young objects are collected as usual. Freezing costs memory, as what
becomes garbage once frozen stays: so it stops when the pass starts writing (Sphinx's
``write-started``), where doctrees become garbage as they are written, and between the
book pass and the deck pass the book's application is freed (one full collection)
before the deck pass loads the environment again. Freezing through the whole build,
as before, kept every written doctree and the book's application to the end: peak
memory of a 600-page build 488 → 382 MB, for no more CPU time (benchmarks/RESULTS.md).
Afterwards the thresholds are restored and the heap unfrozen, so a process running
several builds (tests) frees it as before.

**What lives through the writing is frozen as it starts**, where no doctree read in
the process waits to be written (a pass that read in parallel, or read nothing: the
deck pass): the environment and the application outlive every page, yet each full
collection of the writing scanned them again. One collection as the builder starts
writing, then ``gc.freeze()``: the deck pass's collector went from 0.9 to 0.3 s at 300
pages, its process from 4.7 to 3.7 s of CPU (benchmarks/RESULTS.md). Only for 50 pages
or more: that collection (70 ms at 300 pages) was a tenth of a one-page rebuild.

**Forked workers do not scan what they inherit.** Within a build, a process Sphinx
forks to read or write in parallel freezes the heap it inherited at once (an
``os.register_at_fork`` hook that acts only inside a build), so its collections do
not copy the parent's pages one by one (``gc.freeze``'s documented use).

**No final collection at exit.** When ``python -m deckbook`` is done, the interpreter's
last full collection walks and frees every object of the site just built: 1.5-2.7 s
at 300 pages, more than the rest of a one-page rebuild. Freezing the heap first lets
the operating system take the memory back at once (as mypy does).

**Static files copied only when they changed.** Sphinx copies every static file of
the theme and of ``html_static_path`` on every build, comparing each byte with the copy
already there: for the book and the decks (reveal.js and its plugins) some 250 files
and 12 MB, a tenth of a one-page rebuild. The copy is skipped when what it is made of
is as the last copy by the same builder into the same folder recorded it (every
source file's size and modification time, the configuration Sphinx hashes for
``.buildinfo``, the versions of Sphinx and Deckbook) and every file it wrote is still
there.

**Each page title rendered once a builder.** Sphinx renders the titles of a page's
previous and next pages and of its parents (``get_doc_context``) as HTML for every page
that shows them, each a docutils document with its transforms and a translator: seven
renders a page, most of them titles already rendered for the neighbours. A title of
text and emphasis only (its HTML is the same wherever it shows) is rendered once.

**Templates not checked for changes while pages are written.** Jinja asks each
template's file for its modification time at every use (``auto_reload``): some forty
templates a page, for every page of the book and the decks. While the builder writes
its pages, it does not ask; afterwards it does again, for the live preview's next
build.

**Compiled templates kept between builds** (Jinja's bytecode cache, in the doctree
folder, one per builder): a one-page rebuild otherwise compiles some forty theme
templates again in each of its two passes.

Where each applies: the garbage-collector measures are process-wide, so only the
command line uses them, where it starts a build (``site/build.py``, ``__main__.py``),
never
``setup()``. The two others are overrides of the HTML builders' own methods, in a
mixin the book's builders (registered here for ``html``/``dirhtml``) and the deck's
(``deck/builder.py``) share: nothing is assigned over another package's objects.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
from collections.abc import Iterator, Set
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sphinx
from docutils import nodes
from jinja2 import FileSystemBytecodeCache
from sphinx.builders.dirhtml import DirectoryHTMLBuilder
from sphinx.builders.html import StandaloneHTMLBuilder

from ._assets import STATIC_STAMPS
from ._version import __version__
from .book.incremental_index import IndexPages

if TYPE_CHECKING:
    from docutils.nodes import Node
    from sphinx.application import Sphinx
    from sphinx.config import Config

FULL_COLLECTION_EVERY = 100  # young (generation 1) collections; CPython's default: 10
TEMPLATE_CACHE = "deckbook-templates"  # in the doctree folder


_depth = 0  # nested uses (a site build runs two passes) act once, outermost
_freezing = False  # while a pass reads (until write-started)


@contextmanager
def fewer_full_collections(every: int = FULL_COLLECTION_EVERY) -> Iterator[None]:
    """Around one pass (freezing from its start) or a whole build (the thresholds)."""
    global _depth, _freezing
    _depth += 1
    _freezing = True
    if _depth > 1:
        try:
            yield
        finally:
            _depth -= 1
        return
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, max(full, every))
    gc.callbacks.append(_freeze_survivors)
    _freeze_in_forks()
    try:
        yield
    finally:
        _depth -= 1
        _freezing = False
        gc.callbacks.remove(_freeze_survivors)
        gc.set_threshold(young, middle, full)
        gc.unfreeze()


def _freeze_survivors(phase: str, info: dict) -> None:
    if _freezing and phase == "stop" and info["generation"] == 2:
        gc.freeze()


_fork_hook = False  # registered (once a process: a hook cannot be taken back)


def _freeze_in_forks() -> None:
    global _fork_hook
    if not _fork_hook and hasattr(os, "register_at_fork"):
        _fork_hook = True
        os.register_at_fork(after_in_child=_freeze_inherited_heap)


def _freeze_inherited_heap() -> None:
    """In a process forked during a build (Sphinx's readers and writers for ``-j``):
    what it inherited is frozen, so its collections never scan it. A scan writes to
    each object it visits, and every page written is copied from the parent's:
    forked readers of a 600-page build held about 140 MB each of their own, and with
    this 90-110 MB (the build's processes together, reading: 427 → about 320 MB)."""
    if _depth:
        gc.freeze()


def stop_freezing() -> None:
    """Reading is over (``freeze_for_writing`` at ``write-started``, or between the
    passes): written doctrees become garbage from here on, and what was frozen may be
    freed by the next full collection."""
    global _freezing
    _freezing = False
    gc.unfreeze()


def freeze_for_writing(app: Sphinx, *_event_args: object) -> None:
    """``write-started`` of a pass the command line runs (``site/build.py``
    ``run_pass``, which calls :func:`pass_over` when the pass ends): what lives now
    (the environment, the application, the templates) lives to the end of the pass,
    so the builder freezes it after one full collection once it knows it has many
    pages to write (:func:`freeze_before_writing`), and the next collections scan
    only what writing made. Not where this process read the pages: Sphinx keeps each
    doctree read until it is written, and frozen, a written doctree would stay."""
    global _freeze_asked
    stop_freezing()
    # Sphinx >= 7.4 keeps the doctrees read in this process there; without that
    # attribute, nothing is frozen (a slower build, never a larger one).
    _freeze_asked = not getattr(app.env, "_write_doc_doctree_cache", True)


_freeze_asked = False  # by freeze_for_writing, for this pass's writing
# The collection before the freeze scans the whole heap (70 ms at 300 pages), a
# cost that writing a few pages (a one-page edit, a publish from the cache) never
# earns back; each page written saves about 2 ms of later collections.
FREEZE_FOR = 50  # pages or more


def freeze_before_writing(pages: int) -> None:
    """The builder's ``write_documents``: freeze if asked and worth it."""
    global _freeze_asked
    if _freeze_asked and pages >= FREEZE_FOR:
        gc.collect()
        gc.freeze()
    _freeze_asked = False


def pass_over() -> None:
    """The pass is over: what :func:`freeze_before_writing` froze may be freed."""
    global _freeze_asked
    _freeze_asked = False
    gc.unfreeze()


def free_between_passes(pages_read: int) -> None:
    """The pass just finished (its application, environment, doctrees) is garbage:
    free it before the next pass loads the environment again, unless it read only a
    few pages: then its environment is the largest of it, and the next pass holds
    one as large for a moment; that collection (70 ms at 300 pages) was a
    fourteenth of a one-page rebuild."""
    stop_freezing()
    if pages_read >= FREEZE_FOR:
        gc.collect()


class FasterStaticAndTemplates:
    """Mixin for Sphinx's HTML builders (book and decks): the measures above that
    belong to the builder, as overrides of its own methods."""

    def render_partial(self, node: Node | None) -> dict[str, str]:
        if not _plain_title(node):
            return super().render_partial(node)  # type: ignore[misc]
        titles = self.__dict__.setdefault("_deckbook_titles", {})
        found = titles.get(id(node))
        if found is None or found[0] is not node:
            # Kept with its HTML, the node keeps its id: no other node gets it.
            parts = super().render_partial(node)  # type: ignore[misc]
            found = titles[id(node)] = (node, parts)
        return dict(found[1])

    def init_templates(self) -> None:
        super().init_templates()  # type: ignore[misc]
        cache_compiled_templates(self)  # type: ignore[arg-type]

    def write_documents(self, docnames: Set[str]) -> None:
        freeze_before_writing(len(docnames))
        with templates_unchanged(self):  # type: ignore[arg-type]
            super().write_documents(docnames)  # type: ignore[misc]

    def copy_static_files(self) -> None:
        builder: StandaloneHTMLBuilder = self  # type: ignore[assignment]
        key = hashlib.sha256(f"{builder.name}\0{builder.outdir}".encode()).hexdigest()
        stamp = Path(builder.doctreedir, STATIC_STAMPS, f"{key[:16]}.json")
        inputs = _static_inputs(builder)
        if _copied_before(stamp, inputs, builder.outdir):
            return
        stamp.unlink(missing_ok=True)  # a copy cut short must not look finished
        super().copy_static_files()  # type: ignore[misc]
        outdir = Path(builder.outdir)
        written = [str(path.relative_to(outdir)) for path in _files(outdir / "_static")]
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps({"inputs": inputs, "written": written}), "utf-8")


_PLAIN = (nodes.title, nodes.Text, nodes.inline, nodes.emphasis, nodes.strong)


def _plain_title(node: Node | None) -> bool:
    """A title of text and emphasis only: its HTML is the same on every page."""
    return isinstance(node, nodes.title) and all(
        isinstance(part, _PLAIN) for part in node.findall()
    )


def cache_compiled_templates(builder: StandaloneHTMLBuilder) -> None:
    """Jinja's documented ``Environment.bytecode_cache``, on the builder's own
    template loader (a ``template_bridge`` of the project's may have none)."""
    environment = getattr(builder.templates, "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    folder = Path(builder.doctreedir, TEMPLATE_CACHE, builder.name)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


@contextmanager
def templates_unchanged(builder: StandaloneHTMLBuilder) -> Iterator[None]:
    """While the pages are written, Jinja does not ask each template's file at
    every use whether it changed (``Environment.auto_reload``): a template does not
    change while a build writes. Afterwards it asks again, so the next build of a
    process that keeps its application (the live preview) sees an edited template."""
    environment = getattr(builder.templates, "environment", None)
    if environment is None or not environment.auto_reload:
        yield
        return
    environment.auto_reload = False
    try:
        yield
    finally:
        environment.auto_reload = True


DECKS_BESIDE = "deckbook_decks_beside"  # set by site/build.py, never by conf.py


class WritesBesideDecks:
    """The book's pages written in its main process while the deck pass writes
    beside it (``site/build.py`` with ``-j 2``): the deck pass takes the second
    core, and Sphinx's write worker would only take turns with the two while
    holding a copy of the main process's heap (150 MB of its own at 300 pages).
    Reading stays parallel (Sphinx asks ``allow_parallel`` only for writing)."""

    config: Config

    @property
    def allow_parallel(self) -> bool:
        return not self.config[DECKS_BESIDE]


class DeckbookHTMLBuilder(
    WritesBesideDecks, IndexPages, FasterStaticAndTemplates, StandaloneHTMLBuilder
):
    name = "html"


class DeckbookDirectoryHTMLBuilder(
    WritesBesideDecks, IndexPages, FasterStaticAndTemplates, DirectoryHTMLBuilder
):
    name = "dirhtml"


def _static_inputs(builder: StandaloneHTMLBuilder) -> str:
    config = builder.config
    themes = builder.theme.get_theme_dirs() if builder.theme else []
    folders = [Path(entry, "static") for entry in themes]
    folders += [Path(builder.confdir, entry) for entry in config.html_static_path]
    folders += [
        Path(builder.confdir, value)
        for value in (config.html_logo, config.html_favicon)
        if value and "://" not in str(value)
    ]
    digest = hashlib.sha256()
    for part in (sphinx.__version__, __version__, builder.build_info.config_hash):
        digest.update(f"{part}\0".encode())
    for folder in folders:
        for path in _files(folder):
            info = path.stat()
            digest.update(f"{path}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _copied_before(stamp: Path, inputs: str, outdir: Path) -> bool:
    try:
        recorded = json.loads(stamp.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return recorded.get("inputs") == inputs and all(
        Path(outdir, name).is_file() for name in recorded.get("written", [])
    )


def _files(folder: Path) -> list[Path]:
    if folder.is_file():
        return [folder]
    found = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        found += [Path(root, name) for name in sorted(names)]
    return found


def setup_speed(app: Sphinx) -> None:
    # No output changes with it: not part of the environment or the pages' hash.
    app.add_config_value(DECKS_BESIDE, False, "", bool)
    # The deck builders (deck/builder.py) take the same mixin.
    app.add_builder(DeckbookHTMLBuilder, override=True)
    app.add_builder(DeckbookDirectoryHTMLBuilder, override=True)
