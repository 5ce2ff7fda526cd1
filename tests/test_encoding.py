"""Sources that are not valid UTF-8 are read, not fatal (source/encoding.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

from deckbook.source.encoding import CODEC_NAME, LEGACY_ENCODING, REPLACED, decode

CP949 = "cp949"

# The bytes of the odd pages, written into a copy of tests/roots/test-encoding.
ODD_FILES = {
    # Korean Windows editors save cp949; the first non-ASCII byte is on line 3.
    "korean.md": "# Korean (cp949)\n\n한국어 문단입니다. 안녕하세요.\n".encode(CP949),
    # Latin-1 noise that is neither UTF-8 nor cp949, on line 5.
    "garbage.md": b"# Garbage\n\nA fine line.\n\nBad \xff\xfe\xfa bytes.\n",
    # UTF-8 with a stray cp949 character: the whole file happens to be valid cp949
    # too, but reading it so would garble the UTF-8 words ("문서" -> "臾몄꽌").
    "mixed.md": "# 문서\n\n문서 ".encode() + "가".encode(CP949) + b" end.\n",
    "bom.md": b"\xef\xbb\xbf# BOM title\r\n\r\nSecond line.\r\n",
    "empty.md": b"",
    "included.txt": "Included line.\n포함된 한국어 문장.\n".encode(CP949),
    "code.py": "x = '코드'\n".encode(CP949),
}
PAGES = ["index", "korean", "garbage", "mixed", "bom", "empty", "includer"]
CP949_MESSAGE = "not valid UTF-8; decoded as cp949"
REPLACED_MESSAGE = "not valid UTF-8; bad bytes replaced with U+FFFD"
EXPECTED_WARNINGS = [
    ("korean.md:3", CP949_MESSAGE),
    ("garbage.md:5", REPLACED_MESSAGE),
    ("mixed.md:3", REPLACED_MESSAGE),
    ("included.txt:2", CP949_MESSAGE),
    ("includer.md", f"a file read for this page, line 1: {CP949_MESSAGE}"),
]


def copy_with_odd_files(rootdir: Path, tmp_path: Path, *roots: str) -> Path:
    """Copy the roots (later ones on top) and write the odd bytes in."""
    srcdir = tmp_path / "project"
    for root in roots:
        shutil.copytree(rootdir / f"test-{root}", srcdir, dirs_exist_ok=True)
    for name, data in ODD_FILES.items():
        (srcdir / name).write_bytes(data)
    return srcdir


@pytest.fixture
def project(rootdir, tmp_path) -> Path:
    return copy_with_odd_files(rootdir, tmp_path, "encoding")


@pytest.fixture
def built(make_app, project):
    app = make_app("html", srcdir=project)
    app.build()
    return app


def warnings_of(app) -> str:
    return strip_escape_sequences(app.warning.getvalue())


def encoding_warnings(app) -> list[str]:
    return [
        line for line in warnings_of(app).splitlines() if "[deckbook.encoding]" in line
    ]


def has_warning(app, location: str, message: str) -> bool:
    expected = f"{location}: WARNING: {message} [deckbook.encoding]"
    return any(line.endswith(expected) for line in warnings_of(app).splitlines())


def text(app, page: str) -> str:
    html = (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


def test_every_page_is_built(built):
    for page in PAGES:
        assert (Path(built.outdir) / f"{page}.html").is_file(), page


@pytest.mark.parametrize(("location", "message"), EXPECTED_WARNINGS)
def test_warning_names_the_file_and_line(built, location, message):
    assert has_warning(built, location, message), warnings_of(built)


def test_only_the_odd_files_warn(built):
    assert len(encoding_warnings(built)) == len(EXPECTED_WARNINGS)


def test_cp949_page_reads_as_korean(built):
    korean = text(built, "korean")
    assert "Korean (cp949)" in korean
    assert "한국어 문단입니다. 안녕하세요." in korean


def test_cp949_include_and_literalinclude_read_as_korean(built):
    includer = text(built, "includer")
    assert "Included line. 포함된 한국어 문장." in includer
    assert "x = '코드'" in includer


def test_undecodable_bytes_become_replacement_characters(built):
    garbage = text(built, "garbage")
    assert "A fine line." in garbage
    assert "Bad \ufffd\ufffd\ufffd bytes." in garbage


def test_mostly_utf8_page_keeps_its_utf8_words(built):
    assert ODD_FILES["mixed.md"].decode(CP949)  # the premise: valid cp949 as well
    mixed = text(built, "mixed")
    assert "문서 \ufffd\ufffd end." in mixed
    assert "臾" not in mixed


def test_bom_and_crlf_are_read_normally(built):
    html = (Path(built.outdir) / "bom.html").read_text(encoding="utf-8")
    assert "<title>BOM title" in html
    assert "<h1>BOM title" in html
    assert "\ufeff" not in html
    assert "\r" not in html


def test_empty_page_is_an_empty_page(built):
    assert "empty.md" not in warnings_of(built)
    assert (Path(built.outdir) / "empty.html").is_file()


def test_warnings_can_be_suppressed(make_app, project):
    app = make_app(
        "html",
        srcdir=project,
        confoverrides={"suppress_warnings": ["deckbook.encoding"]},
    )
    app.build()
    assert "not valid UTF-8" not in warnings_of(app)
    assert "안녕하세요" in text(app, "korean")


def test_default_source_encoding_becomes_the_codec(make_app, project):
    app = make_app("html", srcdir=project)
    assert app.config.source_encoding == CODEC_NAME
    # Set after Sphinx checks it, so its non-UTF-8 deprecation warning stays quiet.
    assert "source encodings other than UTF-8" not in warnings_of(app)


def test_a_chosen_source_encoding_is_kept(make_app, project):
    app = make_app("html", srcdir=project, confoverrides={"source_encoding": "utf-8"})
    assert app.config.source_encoding == "utf-8"


def test_parallel_read_reports_from_the_workers(make_app, rootdir, tmp_path):
    srcdir = copy_with_odd_files(rootdir, tmp_path, "encoding", "encoding-parallel")
    app = make_app("html", srcdir=srcdir, parallel=2)
    assert app.is_parallel_allowed("read")
    app.build()
    for location, message in EXPECTED_WARNINGS:
        assert has_warning(app, location, message), warnings_of(app)
    assert "안녕하세요" in text(app, "korean")


@pytest.mark.parametrize(
    ("data", "text", "line", "decoded_as"),
    [
        (b"\xef\xbb\xbfplain\r\n", "plain\r\n", None, None),
        (b"ok\nok\n" + "한글".encode(CP949), "ok\nok\n한글", 3, LEGACY_ENCODING),
        (b"ok\n\xff\xfe", "ok\n\ufffd\ufffd", 2, REPLACED),
    ],
)
def test_decode_falls_back_in_order(data, text, line, decoded_as):
    decoded, problem = decode(data)
    assert decoded == text
    assert (problem and (problem.line, problem.decoded_as)) == (
        (line, decoded_as) if line else None
    )


def test_streamed_reads_decode_the_whole_file(tmp_path):
    """open() decodes in chunks; a cp949 character must not be cut at a chunk edge."""
    korean = "가나다라마바사 " * 4000  # well past io.DEFAULT_BUFFER_SIZE
    path = tmp_path / "long.md"
    path.write_bytes(b"x" + korean.encode(CP949))  # odd offset: pairs straddle chunks
    assert path.read_text(encoding=CODEC_NAME) == "x" + korean
    with path.open(encoding=CODEC_NAME) as stream:
        assert stream.readlines() == ["x" + korean]
