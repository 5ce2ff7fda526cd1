"""Shared fixtures: sphinx.testing projects under tests/roots/, and a browser."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ext"))

pytest_plugins = ["sphinx.testing.fixtures", "tests.browser", "tests.publishing"]
collect_ignore = ["roots"]


def pytest_configure(config):
    # Sphinx deprecations are errors here, so we notice an API going away early.
    from sphinx import deprecation

    for name in dir(deprecation):
        klass = getattr(deprecation, name)
        if isinstance(klass, type) and issubclass(klass, DeprecationWarning):
            warnings.filterwarnings("error", category=klass, module="deckbook")


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory):
    """The real site in docs/, built once per session as `tox -e docs` builds it.

    Returns the build options and everything the build wrote to its warning stream.
    """
    import io

    from deckbook.site.build import BuildOptions, build_site

    warnings_seen = io.StringIO()
    options = BuildOptions(
        source=ROOT / "docs",
        confdir=ROOT,
        out=tmp_path_factory.mktemp("docs-site") / "_build",
        warnings_are_errors=True,
        keep_going=True,
        quiet=True,
        warning_stream=warnings_seen,
        # The seed deck's photos are on the web, which tests never reach.
        overrides={"deckbook_remote_images": "link"},
    )
    status = build_site(options)
    return options, status, warnings_seen.getvalue()
