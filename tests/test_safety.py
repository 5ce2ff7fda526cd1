"""No file from outside the project reaches the site (ext/deckbook/source/safety.py)."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_escape_sequences

from deckbook.site.build import BuildOptions, run_pass

SECRET = "TOP-SECRET-b5e1 do not publish"
OUTSIDE_PAGE = "OUTSIDE-PAGE-9c2a"
PASSWD = "root:x:0:"

# (file:line, kind, path as written) of every refusal in tests/roots/test-safety.
REFUSALS = [
    ("images.md:5", "image", "../secret.txt"),
    ("images.md:7", "image", "../secret.txt"),
    ("includes.md:5", "include", "../secret.txt"),
    ("includes.md:8", "include", "link.txt"),
    ("restructured.rst:6", "include", "../secret.txt"),
    ("restructured.rst:8", "include", "../secret.txt"),
    ("restructured.rst:11", "image", "../secret.txt"),
    ("literal.md:3", "literalinclude", "../secret.txt"),
    ("literal.md:6", "literalinclude", "../secret.txt"),
    ("files.md:3", "raw", "../secret.txt"),
    ("files.md:7", "csv-table", "../secret.txt"),
    ("downloads.md:3", "download", "../secret.txt"),
]


CONF_NOTE = "Written beside conf.py."


def copy_project(rootdir: Path, srcdir: Path) -> Path:
    """A copy of the safety root with files beside it, and symlinks pointing there."""
    outside = srcdir.parent
    shutil.copytree(rootdir / "test-safety", srcdir)
    (outside / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
    (outside / "outside.md").write_text(f"# {OUTSIDE_PAGE}\n", encoding="utf-8")
    (srcdir / "link.txt").symlink_to(outside / "secret.txt")
    (srcdir / "linked.md").symlink_to(outside / "outside.md")
    return srcdir


@pytest.fixture
def project(tmp_path: Path, rootdir: Path) -> Path:
    return copy_project(rootdir, tmp_path / "project")


@dataclasses.dataclass
class Build:
    """What the helpers below read of a build, as a SphinxTestApp has it."""

    outdir: Path
    doctreedir: Path
    warning: io.StringIO


def build_apart(tmp_path: Path, rootdir: Path) -> Build:
    """The safety root built as ``deckbook build /elsewhere/project -c conf``.

    The source folder is not under conf.py's folder (nor the reverse); the files
    beside the source folder are outside both, so each is refused as before. A page
    added here includes a file from the conf folder, which is trusted.
    """
    srcdir = copy_project(rootdir, tmp_path / "elsewhere" / "project")
    confdir = tmp_path / "conf"
    confdir.mkdir()
    (srcdir / "conf.py").rename(confdir / "conf.py")
    (confdir / "note.txt").write_text(f"{CONF_NOTE}\n", encoding="utf-8")
    page = "---\norphan: true\n---\n# Conf folder\n\n```{include} ../../conf/note.txt\n"
    page += "```\n"
    (srcdir / "conf-folder.md").write_text(page, encoding="utf-8")
    options = BuildOptions(
        source=srcdir,
        confdir=confdir,
        out=tmp_path / "_build",
        quiet=True,
        warning_stream=io.StringIO(),
    )
    assert run_pass(options, "html", options.book_dir, fresh=True) == 0
    return Build(options.book_dir, options.doctree_dir, options.warning_stream)


@pytest.fixture(params=["together", "apart"])
def built(request, make_app, tmp_path, rootdir):
    """The root built with conf.py in the source folder, and with the two apart."""
    if request.param == "apart":
        return build_apart(tmp_path, rootdir)
    app = make_app("html", srcdir=copy_project(rootdir, tmp_path / "project"))
    app.build()
    return app


def warnings_of(app) -> str:
    return strip_escape_sequences(app.warning.getvalue())


def warning_lines(app) -> list[str]:
    return warnings_of(app).splitlines()


def has_warning(app, location: str, message: str) -> bool:
    return any(f"{location}: WARNING: {message}" in line for line in warning_lines(app))


def output_files(app) -> list[Path]:
    folders = [Path(app.outdir), Path(app.doctreedir)]
    return [path for folder in folders for path in folder.rglob("*") if path.is_file()]


def html(app, page: str) -> str:
    return (Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8")


def text(app, page: str) -> str:
    """The page's words, whitespace-normalised (code blocks are split into spans)."""
    words = BeautifulSoup(html(app, page), "html.parser").get_text().split()
    return " ".join(words)


@pytest.mark.parametrize(("location", "kind", "written"), REFUSALS)
def test_refusal_warns_with_file_and_line(built, location, kind, written):
    message = f"refused {kind} {written!r}: it resolves outside the project folder"
    assert has_warning(built, location, message), warnings_of(built)


def test_refusals_carry_the_deckbook_type(built):
    refusals = [line for line in warning_lines(built) if "refused" in line]
    # The REFUSALS, the passwd include and the symlinked page.
    assert len(refusals) == len(REFUSALS) + 2
    assert all(line.endswith("[deckbook.unsafe_path]") for line in refusals)


def test_passwd_include_is_refused(built):
    assert has_warning(built, "includes.md:11", "refused include '../../../../")


def test_nothing_of_the_outside_files_reaches_the_output(built):
    leaks = [
        path
        for path in output_files(built)
        if any(
            marker.encode() in path.read_bytes()
            for marker in (SECRET, OUTSIDE_PAGE, PASSWD)
        )
    ]
    assert leaks == []
    assert not any(path.name == "secret.txt" for path in output_files(built))


def test_the_rest_of_each_page_builds(built):
    images = text(built, "images")
    assert "Before the images." in images
    assert "After the images." in images
    assert "The caption stays." in images
    includes = text(built, "includes")
    assert "Inside snippet text." in includes
    assert "After the includes." in includes
    assert "After the includes." in text(built, "restructured")
    assert "Inside snippet text." in text(built, "literal")
    assert "inside cell" in text(built, "files")


def test_a_refused_image_leaves_its_alt_text(built):
    images = html(built, "images")
    assert '<span class="deckbook-refused-image">secret chart</span>' in images
    assert '<span class="deckbook-refused-image">secret figure</span>' in images


def test_a_refused_download_keeps_its_text_but_not_its_link(built):
    assert "Get the secret or the snippet." in text(built, "downloads")
    assert html(built, "downloads").count('class="reference download') == 1
    copied = [path.name for path in (Path(built.outdir) / "_downloads").rglob("*.*")]
    assert copied == ["snippet.txt"]


def test_an_image_inside_the_project_is_copied(built):
    assert (Path(built.outdir) / "_images" / "inside.svg").is_file()
    assert 'src="_images/inside.svg"' in html(built, "images")


def test_a_missing_image_warns_with_file_and_line(built):
    assert has_warning(built, "images.md:15", "image file not readable: missing.png")


def test_a_page_symlinked_from_outside_is_blank_and_not_published(built):
    assert has_warning(built, "linked.md", "refused source file")
    assert not (Path(built.outdir) / "_sources" / "linked.md.txt").exists()
    assert (Path(built.outdir) / "_sources" / "images.md.txt").exists()


def test_refusals_can_be_suppressed(make_app, project):
    app = make_app(
        "html",
        srcdir=project,
        confoverrides={"suppress_warnings": ["deckbook.unsafe_path"]},
    )
    app.build()
    assert "refused" not in warnings_of(app)
    assert SECRET not in text(app, "includes")


def test_a_wider_project_root_lets_the_files_in(make_app, project):
    """The control: the secret is readable, only the project boundary keeps it out."""
    wider = {"deckbook_project_root": ".."}
    app = make_app("html", srcdir=project, confoverrides=wider)
    app.build()
    assert "refused include '../secret.txt'" not in warnings_of(app)
    assert SECRET in text(app, "includes")
    assert os.path.realpath(app.config.deckbook_project_root) == str(project.parent)


def test_docutils_standard_includes_stay_allowed(built):
    assert "<isonum.txt>" not in warnings_of(built)
    assert "1 ½ cups." in text(built, "restructured")


def test_a_source_folder_apart_from_conf_reads_every_page(tmp_path, rootdir):
    """Issue 11: every source file was refused as outside conf.py's folder."""
    built = build_apart(tmp_path, rootdir)
    assert "refused source file" not in "".join(
        line for line in warning_lines(built) if "linked.md" not in line
    )
    assert text(built, "index").startswith("Safety fixture")
    assert "Before the images." in text(built, "images")
    assert (Path(built.outdir) / "_sources" / "images.md.txt").exists()


def test_a_file_in_the_conf_folder_may_be_included(tmp_path, rootdir):
    built = build_apart(tmp_path, rootdir)
    assert CONF_NOTE in text(built, "conf-folder")
    assert "conf-folder.md" not in warnings_of(built)
