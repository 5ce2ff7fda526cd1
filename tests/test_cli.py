"""``deckbook build|decks`` pass sphinx-build's options through
(site/build_options.py)."""

from __future__ import annotations

import pytest

from deckbook.site import build
from deckbook.site.build_options import parse_build_options
from deckbook.site.cli import main
from tests.sites import copy_root


@pytest.fixture
def spied(monkeypatch):
    """Each Sphinx application the passes create, with the arguments it got."""
    made = []
    real = build.Sphinx

    def spy(*args, **kwargs):
        made.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "Sphinx", spy)
    return made


def test_nitpicky_tags_and_verbosity_reach_sphinx(tmp_path, spied, capsys):
    srcdir = copy_root("cli", tmp_path)
    out, warnings = tmp_path / "out", tmp_path / "warnings.txt"
    argv = ["build", str(srcdir), "-c", str(srcdir), "-o", str(out)]
    argv += ["-n", "-t", "fixturetag", "-v", "-w", str(warnings), "-N", "-j", "1"]
    assert main(argv) == 0
    assert [app["buildername"] for app in spied] == ["html", "revealjs"]
    for app in spied:
        assert app["confoverrides"]["nitpicky"] is True
        assert app["verbosity"] == 1
        assert list(app["tags"]) == ["fixturetag"]
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "Shown only with the tag fixturetag." in page  # -t
    assert "fixture.NoSuchClass" in warnings.read_text(encoding="utf-8")  # -n, -w
    assert "\x1b[" not in warnings.read_text(encoding="utf-8")


def test_without_the_options_sphinx_gets_its_defaults(tmp_path, spied):
    srcdir = copy_root("cli", tmp_path)
    out, warnings = tmp_path / "out", tmp_path / "warnings.txt"
    argv = ["build", str(srcdir), "-c", str(srcdir), "-o", str(out), "-q"]
    assert main([*argv, "-w", str(warnings)]) == 0
    assert spied and all(not app["tags"] and app["verbosity"] == 0 for app in spied)
    assert "nitpicky" not in spied[0]["confoverrides"]
    page = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert "Shown only with the tag fixturetag." not in page
    assert "NoSuchClass" not in warnings.read_text(encoding="utf-8")


def test_b_is_refused(capsys):
    with pytest.raises(SystemExit) as exit:
        parse_build_options("deckbook build", ["-b", "latex"])
    assert exit.value.code == 2
    assert "-b is not accepted" in capsys.readouterr().err


def test_sphinx_build_options_map_onto_both_passes():
    options = parse_build_options(
        "deckbook build",
        [
            *("-W", "--keep-going", "-E", "-a", "-j", "2", "-D", "language=ko"),
            *("-A", "n=3", "-c", "conf", "-d", "dt", "-q", "src", "-o", "o"),
        ],
    )
    paths = (options.source, options.confdir, options.out)
    assert [str(path) for path in paths] == ["src", "conf", "o"]
    assert options.warnings_are_errors and options.keep_going and options.quiet
    assert options.fresh and options.write_all and options.jobs == 2
    assert options.overrides == {"language": "ko", "html_context.n": 3}
    assert str(options.doctree_dir) == "dt"
    defaults = parse_build_options("deckbook build", [])
    assert (str(defaults.source), str(defaults.confdir)) == ("docs", ".")
    assert str(defaults.doctree_dir) == "_build/doctrees" and not defaults.write_all


def test_a_sphinx_error_ends_the_build_with_its_message_not_a_traceback(
    tmp_path, capsys
):
    """As sphinx-build: status 2 and the error's message (its traceback with -T)."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Hi\n", encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        'extensions = ["deckbook", "no_such_extension_here"]\n', encoding="utf-8"
    )
    argv = ["build", str(tmp_path / "docs"), "-c", str(tmp_path), "-q"]
    assert main([*argv, "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Extension error: Could not import extension no_such_extension_here" in err
    assert "Traceback" not in err
    assert main([*argv, "-o", str(tmp_path / "out"), "-T"]) == 2
    assert "Traceback" in capsys.readouterr().err
