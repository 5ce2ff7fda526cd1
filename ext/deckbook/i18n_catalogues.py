"""A complete Korean interface: message catalogues for what the themes leave in English.

pydata-sphinx-theme ships no Korean, and Sphinx's and sphinx-book-theme's Korean
catalogues have gaps ("Back to top", "Link to this heading", "Search..."). Deckbook
ships ``locale/<lang>/LC_MESSAGES/{sphinx,booktheme}.po`` (+ compiled ``.mo``) and
registers them with :meth:`~sphinx.application.Sphinx.add_message_catalog`, which adds
a catalogue as a *fallback* of the one already loaded: Sphinx's own Korean wins where
it has a string, ours fills the gaps. The ``booktheme`` catalogue holds only gaps, so
the order in which it and sphinx-book-theme's are loaded does not matter.

Strings that JavaScript renders (searchtools.js's result count, pydata-sphinx-theme's
old-version banner, reveal.js's controls) reach ``deckbook-i18n.js`` as JSON in a data
attribute of its ``<script>`` tag. Strings hard-coded in theme templates are made
translatable by the overrides in ``templates/`` (see :mod:`.theme`).

After editing a ``.po`` file, compile it: ``python -m deckbook.i18n_catalogues``.
"""

from __future__ import annotations

import functools
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from ._assets import BOOK_BUILDERS, DECK_BUILDERS, use_static

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog
    from sphinx.application import Sphinx

HERE = Path(__file__).parent
LOCALE_DIR = HERE / "locale"
# "sphinx": Sphinx's and pydata-sphinx-theme's domain; "booktheme": sphinx-book-theme's.
DOMAINS = ("sphinx", "booktheme")
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


def write_catalogues() -> list[Path]:
    written = []
    for po in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_po(po))
        written.append(mo)
    return written


@functools.cache
def _catalogue(language: str) -> Catalog | None:
    mo = po_path(language, "sphinx").with_suffix(".mo")
    if not mo.is_file():
        return None
    with mo.open("rb") as source:
        return read_mo(source)


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
            message = catalogue.get(msgid)
            if message is not None and all(message.string):
                sphinx[msgid] = list(message.string)
    strings = {}
    for msgid in DECK_JS if deck else BOOK_JS:
        message = catalogue.get(msgid)
        if message is not None and message.string:
            strings[msgid] = message.string
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
    app.builder.add_js_file(
        SCRIPT,
        priority=510,
        defer="defer",
        **{"data-messages": json.dumps(messages, sort_keys=True)},
    )


def setup_i18n_catalogues(app: Sphinx) -> None:
    for domain in DOMAINS:
        app.add_message_catalog(domain, LOCALE_DIR)
    app.connect("builder-inited", add_i18n_script)


if __name__ == "__main__":
    for path in write_catalogues():
        print(path)
