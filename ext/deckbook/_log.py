"""Deckbook's logger and its one vocabulary of warning subtypes.

Each warning is logged with ``type="deckbook"`` and a :class:`DeckbookWarnings`
subtype (as MyST-Parser's ``MystWarnings``), so ``suppress_warnings =
["deckbook.frontmatter"]`` silences one family, and the families are listed here.
"""

from __future__ import annotations

from enum import Enum

from sphinx.util import logging

WARNING_TYPE = "deckbook"


class DeckbookWarnings(Enum):
    """Every subtype a Deckbook warning has: ``deckbook.<value>`` in
    ``suppress_warnings``. The values are public; never rename one."""

    COMMENT = "comment"  # an HTML comment never closed (source/comments.py)
    BLOG = "blog"  # Jekyll blog fields, old URLs and redirects (posts/blog_*.py)
    ENCODING = "encoding"  # a source read with a fallback codec (source/encoding.py)
    FRONTMATTER = "frontmatter"  # front matter unreadable or a field ignored
    KRAMDOWN = "kramdown"  # kramdown syntax shown as text (posts/kramdown*.py)
    LIQUID = "liquid"  # a Liquid tag or filter not rendered (posts/liquid*.py)
    MARP = "marp"  # Marp directives, themes and comments (marp_*.py)
    MATH = "math"  # math the parser could not read (math/)
    # post listings and category pages (posts/domain.py, posts/categories.py)
    POSTS = "posts"
    QA = "qa"  # Q&A structure (qa/transform.py)
    QA_UNANSWERED = "qa-unanswered"  # a question without an answer (qa/transform.py)
    # a remote image not vendored (source/remote_images.py)
    REMOTE_IMAGE = "remote_image"
    THUMBNAIL = "thumbnail"  # deck thumbnails not written (exports/thumbnails.py)
    UNREAD_SOURCE = "unread_source"  # a file of the site not read (posts/files.py)
    # a file from outside the project refused (source/safety.py)
    UNSAFE_PATH = "unsafe_path"


def get_logger(name: str) -> logging.SphinxLoggerAdapter:
    return logging.getLogger(name)


def warn(
    logger: logging.SphinxLoggerAdapter,
    message: str,
    subtype: DeckbookWarnings,
    location=None,
) -> None:
    # DeckbookWarnings(member) is the member: one closed vocabulary, no stray string.
    subtype = DeckbookWarnings(subtype)
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
