"""Read source files that are not valid UTF-8 instead of aborting the build.

Stock Sphinx stops the whole build with a ``UnicodeDecodeError`` traceback on one such
file. When ``source_encoding`` is left at its default, Deckbook sets it to the
``deckbook-utf-8`` codec: UTF-8 (a BOM is dropped); failing that cp949, which Korean
Windows editors write (a superset of EUC-KR); failing that UTF-8 with U+FFFD for each
bad byte. Every fallback is a ``deckbook.encoding`` warning naming the file and the line
of its first bad byte. Sphinx, docutils and MyST read pages, includes and
literalincludes with ``source_encoding``, so all of them get the codec.
"""

from __future__ import annotations

import codecs
import contextlib
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .._log import DeckbookWarnings, get_logger, warn

if TYPE_CHECKING:
    from pathlib import Path

    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = get_logger(__name__)

SUBTYPE = DeckbookWarnings.ENCODING
CODEC_NAME = "deckbook-utf-8"
LEGACY_ENCODING = "cp949"
SPHINX_DEFAULT_ENCODING = "utf-8-sig"
REPLACED = "U+FFFD"


def setup_encoding(app: Sphinx) -> None:
    register_codec()
    # After Sphinx's own config-inited check (priority 790), which warns that
    # encodings other than UTF-8 are deprecated: ours is UTF-8 with a safety net.
    app.connect("config-inited", use_codec_by_default, priority=800)
    app.connect("env-before-read-docs", forget_earlier_problems)
    # Before other source-read handlers, which may read files of their own.
    app.connect("source-read", report_page_problem, priority=100)
    app.connect("include-read", report_include_problem, priority=100)
    app.connect("doctree-read", report_other_problems)


def use_codec_by_default(app: Sphinx, config: Config) -> None:
    # Set for every builder alike: source_encoding is an env setting, so a builder
    # that saw another value would throw away the doctrees the others pickled.
    if config.source_encoding == SPHINX_DEFAULT_ENCODING:
        config.source_encoding = CODEC_NAME


@dataclass(frozen=True)
class DecodeProblem:
    line: int  # 1-based line of the first byte that is not UTF-8
    decoded_as: str  # LEGACY_ENCODING, or REPLACED when that failed too

    @property
    def message(self) -> str:
        if self.decoded_as == LEGACY_ENCODING:
            return f"not valid UTF-8; decoded as {LEGACY_ENCODING}"
        return "not valid UTF-8; bad bytes replaced with U+FFFD"


def decode(data: bytes) -> tuple[str, DecodeProblem | None]:
    """Decode as UTF-8, else cp949, else UTF-8 with replacement characters."""
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
    replaced = data.decode("utf-8", "replace")
    if not _mostly_utf8(replaced):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(LEGACY_ENCODING), DecodeProblem(line, LEGACY_ENCODING)
    return replaced, DecodeProblem(line, REPLACED)


def _mostly_utf8(replaced: str) -> bool:
    """True if more characters decoded as UTF-8 than failed to.

    A UTF-8 file with a stray bad byte can happen to be valid cp949 too; reading it
    as cp949 would garble every Korean word, so keep it UTF-8. A cp949 file read as
    UTF-8 fails on almost every Korean character.
    """
    bad = replaced.count("\ufffd")
    good = sum(1 for char in replaced if char > "\x7f") - bad
    return good > bad


class _PendingProblems(threading.local):
    """Decode problems not reported yet.

    The codec cannot know which file it decodes, so it records here and the event
    that follows each read reports: source-read for a page, include-read for an
    included file, doctree-read for any other read while building a page (such as
    literalinclude). Thread-local, and each process of a parallel read (``-j``,
    forked) has its own copy.
    """

    def __init__(self) -> None:
        self.problems: list[DecodeProblem] = []

    def record(self, problem: DecodeProblem) -> None:
        self.problems.append(problem)

    def take(self) -> list[DecodeProblem]:
        problems, self.problems = self.problems, []
        return problems


_pending = _PendingProblems()


def _decode_and_record(data: bytes, errors: str = "strict") -> tuple[str, int]:
    # ``errors`` is ignored: never failing is the point of this codec.
    text, problem = decode(bytes(data))
    if problem is not None:
        _pending.record(problem)
    return text, len(data)


class _WholeFileDecoder(codecs.BufferedIncrementalDecoder):
    """Decodes only at the end: the fallback is chosen for the file as a whole."""

    def _buffer_decode(self, data: bytes, errors: str, final: bool) -> tuple[str, int]:
        if not final:
            return "", 0
        return _decode_and_record(data, errors)


_CODEC_INFO = codecs.CodecInfo(
    name=CODEC_NAME,
    encode=codecs.utf_8_encode,
    decode=_decode_and_record,
    incrementalencoder=codecs.getincrementalencoder("utf-8"),
    incrementaldecoder=_WholeFileDecoder,
)


def _find_codec(normalized_name: str) -> codecs.CodecInfo | None:
    # Python hands search functions the name lower-cased, "-" and " " turned to "_".
    return _CODEC_INFO if normalized_name == "deckbook_utf_8" else None


def register_codec() -> None:
    """Make ``deckbook-utf-8`` known to Python, once per process."""
    try:
        codecs.lookup(CODEC_NAME)
    except LookupError:
        codecs.register(_find_codec)


def forget_earlier_problems(app: Sphinx, env: object, docnames: list[str]) -> None:
    # Reads before this build's reading phase (message catalogs, another builder's
    # writing) belong to no page.
    _pending.take()


def report_page_problem(app: Sphinx, docname: str, content: list[str]) -> None:
    for problem in _pending.take():
        warn(logger, problem.message, SUBTYPE, (docname, problem.line))


def report_include_problem(
    app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]
) -> None:
    path = app.env.srcdir / relative_path
    for problem in _pending.take():
        warn(logger, problem.message, SUBTYPE, f"{path}:{problem.line}")


def report_other_problems(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.current_document.docname
    for problem in _pending.take():
        message = f"a file read for this page, line {problem.line}: {problem.message}"
        warn(logger, message, SUBTYPE, docname)
