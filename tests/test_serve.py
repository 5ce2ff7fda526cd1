"""`tox -e serve`: the live preview serves the site and rebuilds book and decks."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.sites import copy_root

EXT = Path(__file__).resolve().parent.parent / "ext"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.5)
    pytest.fail(f"{url} never showed {text!r} within {seconds}s")


# No option: the warm preview (site/serve_warm.py); an option of sphinx-autobuild's own
# (here the delay before opening a browser, which it does not open) selects autobuild.
@pytest.fixture(params=[[], ["--delay", "0"]], ids=["warm", "autobuild"])
def preview(tmp_path, request):
    srcdir = copy_root("decks", tmp_path)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(EXT)}
    command = [sys.executable, "-m", "deckbook", "serve", str(srcdir)]
    command += ["-c", str(srcdir), "-o", str(srcdir / "_build"), "--port", str(port)]
    command += request.param
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # so the test can stop it and its builds together
    )
    yield srcdir, f"http://127.0.0.1:{port}"
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)
    # Nothing of it is left: the warm preview's kept passes (warm_apps.py) too.
    deadline = time.monotonic() + 15
    while _group_alive(server.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _group_alive(server.pid)
    if left:
        os.killpg(server.pid, signal.SIGKILL)
    assert not left, "processes of the preview outlived it"


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True


def test_live_preview_rebuilds_book_and_deck_on_change(preview):
    srcdir, base = preview
    book = _wait_for(f"{base}/optin.html", "Opt-in page")
    _wait_for(f"{base}/slides/optin.html", "Opt-in page")
    # The script that reloads the page when a rebuild is done.
    assert "/websocket-reload" in book
    page = srcdir / "optin.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nFreshlyEditedParagraph\n",
        encoding="utf-8",
    )
    _wait_for(f"{base}/optin.html", "FreshlyEditedParagraph")
    _wait_for(f"{base}/slides/optin.html", "FreshlyEditedParagraph")
    # Another rebuild by the same (kept) applications: a title, in every page's
    # sidebar (incremental.py), and the deck again.
    page.write_text(
        page.read_text(encoding="utf-8").replace("# Opt-in page", "# Opt-in renamed")
        + "\nSecondEditedParagraph\n",
        encoding="utf-8",
    )
    _wait_for(f"{base}/slides/optin.html", "SecondEditedParagraph")
    _wait_for(f"{base}/plain.html", "Opt-in renamed")
    assert "Opt-in renamed" in _wait_for(f"{base}/optin.html", "SecondEditedParagraph")


def test_warm_preview_builds_in_a_new_process_once_code_changed(tmp_path):
    """A change in ext/ is newer than the server: its imported modules may be stale."""
    from deckbook.site.build import BuildOptions
    from deckbook.site.serve_warm import WarmBuild

    class Recording(WarmBuild):
        def _cold(self) -> int:
            calls.append("cold")
            return 0

    calls: list[str] = []
    options = BuildOptions(tmp_path / "docs", tmp_path, tmp_path / "_build")
    assert Recording(options, started=0.0)(changed_paths=[EXT / "x.py"]) == 0
    assert calls == ["cold"]


def test_warm_preview_reports_a_broken_conf_and_keeps_watching(tmp_path, capsys):
    """An error escaping the rebuild would end sphinx-autobuild's watcher."""
    from deckbook.site.build import BuildOptions
    from deckbook.site.serve_warm import WarmBuild

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (tmp_path / "conf.py").write_text("extensions = ['no_such_extension']\n")
    options = BuildOptions(tmp_path / "docs", tmp_path, tmp_path / "_build", quiet=True)
    build = WarmBuild(options, started=float("inf"))  # no code newer: the warm path
    assert build(changed_paths=[tmp_path / "conf.py"]) == 2
    assert "no_such_extension" in capsys.readouterr().err
