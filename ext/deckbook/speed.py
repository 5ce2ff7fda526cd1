"""Build-speed measures that change no output (each measured; see benchmarks/).

**Fewer and cheaper full garbage collections** while Deckbook builds. A build keeps
every document alive: the environment, and (since Sphinx 7.4) each doctree read, until
it is written. CPython's full collection (generation 2) scans all of them each time,
and with the default thresholds ``(700, 10, 10)`` it took about a quarter of a 300-page
build's CPU time (9.2 s of 39 s, measured with ``gc.callbacks``), and more the larger
the site (21.7 s of 75 s at 600 pages): the main reason build time grew faster than the
page count. So, during a build, the full collection runs ten times less often, and
what survives one is frozen (``gc.freeze()``), so the next scans only what is newer:
each object is scanned by a full collection about once, not once per collection.
Young objects are collected as usual. The price is memory: what becomes garbage once
frozen (a doctree once written) stays until the build ends (peak memory of a 600-page
build 364 → 488 MB; benchmarks/RESULTS.md). Afterwards the thresholds are restored and
the heap unfrozen, so a process running several builds (tests) frees it as before.

**No final collection at exit.** When ``python -m deckbook`` is done, the interpreter's
last full collection walks and frees every object of the site just built: 1.5-2.7 s
at 300 pages, more than the rest of a one-page rebuild. Freezing the heap first lets
the operating system take the memory back at once (as mypy does).

**Compiled templates kept between builds** (Jinja's bytecode cache, in the doctree
folder, one per builder): a one-page rebuild otherwise compiles some forty theme
templates again in each of its two passes.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import FileSystemBytecodeCache

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FULL_COLLECTION_EVERY = 100  # young (generation 1) collections; CPython's default: 10
TEMPLATE_CACHE = "deckbook-templates"  # in the doctree folder


_depth = 0  # nested uses (a site build runs two passes) act once, outermost


@contextmanager
def fewer_full_collections(every: int = FULL_COLLECTION_EVERY) -> Iterator[None]:
    global _depth
    _depth += 1
    if _depth > 1:
        try:
            yield
        finally:
            _depth -= 1
        return
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, max(full, every))
    gc.callbacks.append(_freeze_survivors)
    try:
        yield
    finally:
        _depth -= 1
        gc.callbacks.remove(_freeze_survivors)
        gc.set_threshold(young, middle, full)
        gc.unfreeze()


def _freeze_survivors(phase: str, info: dict) -> None:
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()


def skip_final_collection() -> None:
    """Call as the process is about to exit, once everything is written."""
    gc.freeze()


def cache_compiled_templates(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is None or environment.bytecode_cache is not None:
        return
    folder = Path(app.doctreedir, TEMPLATE_CACHE, app.builder.name)
    folder.mkdir(parents=True, exist_ok=True)
    environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def setup_speed(app: Sphinx) -> None:
    app.connect("builder-inited", cache_compiled_templates)
