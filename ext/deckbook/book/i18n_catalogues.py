"""A complete Korean interface: message catalogues for what the themes leave in English.

pydata-sphinx-theme ships no Korean, and Sphinx's and sphinx-book-theme's Korean
catalogues have gaps ("Back to top", "Link to this heading", "Search..."). Deckbook
ships ``locale/<lang>/LC_MESSAGES/{sphinx,booktheme}.po``, compiles them to ``.mo`` in
the build (:func:`compiled_locale_dir`: the ``.mo`` bytes depend on the installed
babel, so they are never committed) and registers them with
:meth:`~sphinx.application.Sphinx.add_message_catalog`, which adds a catalogue as a
*fallback* of the one already loaded: Sphinx's own Korean wins where it has a string,
ours fills the gaps. The ``booktheme`` catalogue holds only gaps, so the order in which
it and sphinx-book-theme's are loaded does not matter.

Strings that JavaScript renders (searchtools.js's result count, pydata-sphinx-theme's
old-version banner, reveal.js's controls) reach ``deckbook-i18n.js`` as JSON in a data
attribute of its ``<script>`` tag. Strings hard-coded in theme templates are made
translatable by the overrides in ``templates/`` (see :mod:`deckbook.book.theme`).
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .._assets import BOOK_BUILDERS, DECK_BUILDERS, PACKAGE, use_static

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from sphinx.application import Sphinx

LOCALE_DIR = PACKAGE / "locale"
# "sphinx": Sphinx's and pydata-sphinx-theme's domain; "booktheme": sphinx-book-theme's.
DOMAINS = ("sphinx", "booktheme")
# The compiled catalogues' folder, inside the build's doctree folder.
CACHE_DIR = "deckbook-locale"
SCRIPT = "deckbook-i18n.js"

# searchtools.js strings that Sphinx's translations.js leaves empty for some languages
# (Korean: the result count, so the search page said nothing once it had finished).
SPHINX_JS = ("Search finished, found one page matching the search query.",)
# English strings that JavaScript writes into the page, as deckbook-i18n.js finds them:
# pydata-sphinx-theme's old-version banner (pydata-sphinx-theme.js) in the book, and
# reveal.js's controls, pause overlay, jump to slide and keyboard help in the decks.
BOOK_JS = (
    "This is documentation for %(version)s.",
    "an old version (%(version)s)",
    "version %(version)s",
    "an unstable development version",
    "an unknown version",
    "Switch to stable version",
)
DECK_JS = (
    "previous slide",
    "next slide",
    "above slide",
    "below slide",
    "Resume presentation",
    "Jump to slide",
    "Keyboard Shortcuts",
    "KEY",
    "ACTION",
    "Next slide",
    "Previous slide",
    "Navigate left",
    "Navigate right",
    "Navigate up",
    "Navigate down",
    "Navigate without fragments",
    "Jump to first/last slide",
    "Pause",
    "Fullscreen",
    "Slide overview",
    "Speaker notes view",
    # the speaker view window (reveal.js's notes plugin)
    "reveal.js - Speaker View",
    "Loading speaker view...",
    "Upcoming",
    "Time",
    "Click to Reset",
    "AM",
    "PM",
    "Pacing – Time to finish current slide",
    "Notes",
    "Layout",
    "Layout: Default",
    "Layout: Wide",
    "Layout: Tall",
    "Layout: Notes only",
    "Default",
    "Wide",
    "Tall",
    "Notes only",
    "Cross origin error.",
    "The speaker window can only be opened from the same origin.",
    "Error connecting to main window.",
    "Please try closing and reopening the speaker view.",
)


def po_path(language: str, domain: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes for ``po``, as ``pybabel compile`` would write them."""
    with po.open("rb") as source:
        catalog = read_po(source)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compiled_locale_dir(doctreedir: Path) -> Path:
    """A locale folder holding every ``.po`` of ours compiled to ``.mo``, in the build.

    Compiled once per catalogue content: the folder is named by a hash of the ``.po``
    files, so an incremental build only hashes them (a few kB) and finds the folder, an
    edited ``.po`` gets a new folder (gettext caches a ``.mo`` by its path, so reusing
    one would serve stale strings to a long-lived process such as ``serve``), and builds
    running side by side never read a half-written file: each compiles into a private
    folder and renames it into place.
    """
    sources = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
    digest = hashlib.sha256()
    for po in sources:
        digest.update(po.relative_to(LOCALE_DIR).as_posix().encode() + b"\0")
        digest.update(po.read_bytes() + b"\0")
    cache = Path(doctreedir) / CACHE_DIR
    target = cache / digest.hexdigest()[:16]
    if target.is_dir():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=cache))
    for po in sources:
        mo = staging / po.relative_to(LOCALE_DIR).with_suffix(".mo")
        mo.parent.mkdir(parents=True, exist_ok=True)
        mo.write_bytes(compile_po(po))
    try:
        staging.rename(target)
    except OSError:
        # Another build renamed the same catalogues into place first.
        shutil.rmtree(staging, ignore_errors=True)
        if not target.is_dir():
            raise
    _remove_stale(cache, keep=target)
    return target


def _remove_stale(cache: Path, keep: Path) -> None:
    """Drop folders compiled from older ``.po`` files (not other builds' staging)."""
    for folder in cache.iterdir():
        if folder != keep and not folder.name.startswith("."):
            shutil.rmtree(folder, ignore_errors=True)


@functools.cache
def _catalogue(language: str) -> Catalog | None:
    po = po_path(language, "sphinx")
    if not po.is_file():
        return None
    with po.open("rb") as source:
        return read_po(source)


def _translation(catalogue: Catalog, msgid: str) -> str | tuple | None:
    """The message's translation as the compiled ``.mo`` has it (fuzzy: none)."""
    message = catalogue.get(msgid)
    if message is None or message.fuzzy:
        return None
    return message.string


def js_messages(language: str | None, deck: bool = False) -> dict:
    """What deckbook-i18n.js needs, from our catalogue alone: Sphinx's Korean one
    carries the result count with the English text as its translation, which would
    win over ours through the fallback chain."""
    base = (language or "en").replace("-", "_").split("_")[0]
    catalogue = _catalogue(base)
    if catalogue is None:
        return {}
    sphinx = {}
    if not deck:
        for msgid in SPHINX_JS:
            string = _translation(catalogue, msgid)
            if string and all(string):
                sphinx[msgid] = list(string)
    strings = {}
    for msgid in DECK_JS if deck else BOOK_JS:
        string = _translation(catalogue, msgid)
        if string:
            strings[msgid] = string
    return {
        "locale": base,
        "plural_expr": catalogue.plural_expr,
        "sphinx": sphinx,
        "strings": strings,
    }


def add_i18n_script(app: Sphinx) -> None:
    builder = app.builder.name
    if builder not in BOOK_BUILDERS + DECK_BUILDERS:
        return
    messages = js_messages(app.config.language, deck=builder in DECK_BUILDERS)
    if not messages:
        return
    use_static(app)
    # 510: after Sphinx's translations.js (500), whose catalogue this one completes.
    # The strings as they are, not as \u escapes: a Korean page's every page and deck
    # carries them (3 bytes a syllable rather than 6; the attribute is HTML-escaped).
    data = json.dumps(messages, sort_keys=True, ensure_ascii=False)
    app.builder.add_js_file(
        SCRIPT, priority=510, defer="defer", **{"data-messages": data}
    )


def setup_i18n_catalogues(app: Sphinx) -> None:
    # Compiled here, in the main process, before any parallel worker is forked.
    locale_dir = compiled_locale_dir(app.doctreedir)
    for domain in DOMAINS:
        app.add_message_catalog(domain, locale_dir)
    app.connect("builder-inited", add_i18n_script)
