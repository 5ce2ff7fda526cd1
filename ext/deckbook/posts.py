"""Placeholder: filled in by the posts feature."""

from __future__ import annotations


def setup_posts(app) -> None:
    pass
