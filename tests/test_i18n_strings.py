"""Deckbook's own interface strings come from the gettext catalogue deckbook.po."""

from __future__ import annotations

import ast
from pathlib import Path

from deckbook import _i18n
from deckbook._i18n import translate
from deckbook.book import versions_ui

PACKAGE = Path(_i18n.__file__).parent


def _literal_msgids():
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", "") == "translate"
            ):
                text = node.args[1] if len(node.args) > 1 else None
                if isinstance(text, ast.Constant):
                    yield path.name, text.value


def test_every_string_translated_in_the_code_has_korean():
    msgids = [
        *_literal_msgids(),
        *(("versions_ui", t) for t in versions_ui.LABELS.values()),
    ]
    assert len(msgids) > 10
    for where, msgid in msgids:
        assert translate("ko", msgid) != msgid, (where, msgid)


def test_korean_english_and_unknown_languages():
    assert translate("ko", "Question") == "질문"
    assert translate("ko_KR", "Category: {}").format("x") == "분류: x"
    assert translate("en", "Question") == "Question"
    assert translate("fr", "Question") == "Question"
    assert translate(None, "Speaker notes") == "Speaker notes"
