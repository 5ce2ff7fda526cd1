"""Placeholder: filled in by the encoding feature."""

from __future__ import annotations


def setup_encoding(app) -> None:
    pass
