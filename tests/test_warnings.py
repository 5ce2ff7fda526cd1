"""One vocabulary of warning subtypes (``_log.DeckbookWarnings``) for every call."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from deckbook import _log
from deckbook._log import DeckbookWarnings

PACKAGE = Path(_log.__file__).parent


def _warn_calls():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 3:
                continue
            func = node.func
            name = (
                func.attr
                if isinstance(func, ast.Attribute)
                else getattr(func, "id", "")
            )
            first = node.args[0]
            if name == "warn" and isinstance(first, ast.Name) and first.id == "logger":
                yield path.relative_to(PACKAGE), node


def test_every_warning_names_a_member_of_the_vocabulary():
    """A subtype written as a string literal (or anything but a DeckbookWarnings
    member or a module's SUBTYPE bound to one) fails here."""
    calls = list(_warn_calls())
    assert len(calls) > 30  # the scan sees the call sites
    for path, call in calls:
        subtype = call.args[2]
        where = f"{path}:{call.lineno}"
        if isinstance(subtype, ast.Attribute):
            assert subtype.attr in DeckbookWarnings.__members__, where
            assert ast.unparse(subtype.value).endswith("DeckbookWarnings"), where
        else:
            assert isinstance(subtype, ast.Name) and subtype.id == "SUBTYPE", where


def test_module_subtypes_are_members():
    from deckbook.posts import liquid
    from deckbook.source import encoding, remote_images, safety

    for module in (encoding, remote_images, safety, liquid):
        assert isinstance(module.SUBTYPE, DeckbookWarnings), module.__name__


def test_subtype_strings_are_unchanged():
    """``suppress_warnings = ["deckbook.<value>"]`` in users' conf.py keeps working."""
    assert {member.value for member in DeckbookWarnings} == {
        "blog",
        "comment",
        "encoding",
        "frontmatter",
        "kramdown",
        "liquid",
        "marp",
        "math",
        "posts",
        "qa",
        "qa-unanswered",
        "remote_image",
        "thumbnail",
        "unread_source",
        "unsafe_path",
    }


@pytest.mark.sphinx(
    "html",
    testroot="frontmatter",
    confoverrides={"suppress_warnings": ["deckbook.qa"]},
)
def test_a_member_logs_its_string_and_suppress_warnings_matches_it(app):
    """(test_frontmatter, test_qa, test_encoding, test_safety suppress real ones.)"""
    logger = _log.get_logger("deckbook.test")
    _log.warn(logger, "kept warning", DeckbookWarnings.QA_UNANSWERED, "index")
    _log.warn(logger, "suppressed warning", DeckbookWarnings.QA, "index")
    assert "kept warning [deckbook.qa-unanswered]" in app.warning.getvalue()
    assert "suppressed warning" not in app.warning.getvalue()


def test_a_string_outside_the_vocabulary_is_refused():
    with pytest.raises(ValueError):
        _log.warn(_log.get_logger("deckbook.test"), "x", "no-such-subtype")
