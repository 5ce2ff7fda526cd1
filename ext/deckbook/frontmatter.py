"""Placeholder: filled in by the frontmatter feature."""

from __future__ import annotations


def setup_frontmatter(app) -> None:
    pass
