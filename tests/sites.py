"""Build fixture projects the way users do: ``python -m deckbook build``."""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from deckbook.site.build import BuildOptions, build_site, run_pass

ROOTS = Path(__file__).parent / "roots"


def copy_root(name: str, tmp_path: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` (builds write into it)."""
    target = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def site_options(srcdir: Path, **overrides) -> BuildOptions:
    return BuildOptions(
        source=srcdir,
        confdir=srcdir,
        out=srcdir / "_build",
        quiet=True,
        overrides=overrides,
    )


def build(srcdir: Path, **overrides) -> BuildOptions:
    options = site_options(srcdir, **overrides)
    assert build_site(options) == 0
    return options


def build_with_warnings(
    srcdir: Path, jobs: int = 1, **overrides
) -> tuple[BuildOptions, int, str]:
    """Build like :func:`build`, keeping what it warned: (options, status, warnings)."""
    warnings = io.StringIO()
    options = dataclasses.replace(
        site_options(srcdir, **overrides), jobs=jobs, warning_stream=warnings
    )
    status = build_site(options)
    return options, status, warnings.getvalue()


def build_pass(srcdir: Path, builder: str, **overrides) -> None:
    options = site_options(srcdir, **overrides)
    outdir = options.decks_dir if builder == "revealjs" else options.book_dir
    assert run_pass(options, builder, outdir, fresh=False) == 0


def reads(srcdir: Path) -> list[str]:
    """``builder docname`` for every document parsed so far (see the roots' conf.py)."""
    log = srcdir / "reads.log"
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def local_assets(page: Path) -> list[Path]:
    """Every script and stylesheet a page loads, resolved on disk (remote ones fail)."""
    html = soup(page)
    urls = [tag["src"] for tag in html.select("script[src]")]
    urls += [tag["href"] for tag in html.select("link[rel=stylesheet][href]")]
    return [(page.parent / url.split("?", 1)[0]).resolve() for url in urls]


def run_python(code: str) -> str:
    """What ``code`` prints, run in a new interpreter: one thread, nothing loaded,
    only the repository's ``ext/`` and this test package on its path."""
    repository = Path(__file__).resolve().parent.parent
    path = f"{repository / 'ext'}:{repository}"
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": path, "PATH": "/usr/bin:/bin"},
    ).stdout.strip()


def site_build_code(srcdir: Path) -> str:
    """Python that builds ``srcdir``'s site in one process (for
    :func:`modules_loaded_by`)."""
    return (
        "from pathlib import Path; "
        "from deckbook.site.build import BuildOptions, build_site; "
        f"src = Path({str(srcdir)!r}); "
        "build_site(BuildOptions(src, src, src / '_build', quiet=True, jobs=1))"
    )


def modules_loaded_by(code: str, package: str) -> str:
    """The modules of ``package`` loaded once ``code`` ran (printed as a sorted
    list), in a new interpreter (:func:`run_python`)."""
    report = f"print(sorted(m for m in sys.modules if m.split('.')[0] == {package!r}))"
    return run_python(f"import sys; {code}; {report}")
