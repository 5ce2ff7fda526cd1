"""Deckbook's logger and warning types, so every warning can be suppressed.

Each warning is logged with ``type="deckbook"`` and one of the subtypes below, so
``suppress_warnings = ["deckbook.frontmatter"]`` silences one family.
"""

from __future__ import annotations

from sphinx.util import logging

WARNING_TYPE = "deckbook"


def get_logger(name: str) -> logging.SphinxLoggerAdapter:
    return logging.getLogger(name)


def warn(
    logger: logging.SphinxLoggerAdapter, message: str, subtype: str, location=None
) -> None:
    logger.warning(message, type=WARNING_TYPE, subtype=subtype, location=location)
