"""Interface strings Deckbook itself adds, in the site's language.

The translations live in the gettext catalogue ``locale/<lang>/LC_MESSAGES/
deckbook.po`` beside the theme gap-fillers (see :mod:`.i18n_catalogues`, which also
compiles it to ``.mo`` with them). They are looked up by the language each call names,
through babel's reader of the same file, rather than through
``sphinx.locale.get_translation``: Sphinx keeps one translator per catalogue for the
whole process and adds each new application's language to it as a *fallback*, so
in a process that builds sites in two languages (the tests, ``serve``) the first
language would win. Unknown languages and strings fall back to English.
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel.messages.pofile import read_po

DOMAIN = "deckbook"
LOCALE_DIR = Path(__file__).parent / "locale"


@functools.cache
def _messages(base: str) -> dict[str, str]:
    po = LOCALE_DIR / base / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po.is_file():
        return {}
    with po.open("rb") as source:
        catalogue = read_po(source)
    return {
        message.id: message.string
        for message in catalogue
        if message.id and message.string and not message.fuzzy
    }


def translate(language: str | None, text: str) -> str:
    base = (language or "en").split("_")[0].split("-")[0]
    return _messages(base).get(text, text)
