"""Placeholder: filled in by the safety feature."""

from __future__ import annotations


def setup_safety(app) -> None:
    pass
