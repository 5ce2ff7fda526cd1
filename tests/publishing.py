"""Helpers for the publishing tests: a throwaway git project, the CLI, a web server.

The project is ``tests/roots/test-publish`` committed twice into a fresh repository,
tagged ``v1`` and ``v2`` (v2 changes the guide and adds a page only it has). Every
publish goes through the real command line in a subprocess, as a user runs it.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "roots" / "test-publish"
PREFIX = "/docs/"  # the site is served under a sub-path, as on a shared host
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/sbin")
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Deckbook Tests",
    "GIT_AUTHOR_EMAIL": "tests@deckbook.invalid",
    "GIT_COMMITTER_NAME": "Deckbook Tests",
    "GIT_COMMITTER_EMAIL": "tests@deckbook.invalid",
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_IDENTITY}
    result = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def init_project(path: Path, fixture: Path) -> Path:
    """A copy of ``fixture`` in a new git repository, committed and tagged v1."""
    shutil.copytree(fixture, path)
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "v1")
    git(path, "tag", "v1")
    return path


def make_project(path: Path) -> Path:
    """The fixture project in a new git repository, tagged v1 and v2."""
    init_project(path, FIXTURE)
    guide = path / "docs" / "guide.md"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("첫 번째 버전", "두 번째 버전"), encoding="utf-8")
    (path / "docs" / "news.md").write_text(
        "# 새 소식\n\n2.0에만 있는 페이지입니다.\n", encoding="utf-8"
    )
    index = path / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("talk\n", "talk\nnews\n"), encoding="utf-8")
    git(path, "add", "-A")
    git(path, "commit", "-q", "-m", "v2")
    git(path, "tag", "v2")
    return path


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """v1 published as 1.0, then v2 as 2.0 with the alias latest, made the default.

    Returns the project, its site, the build log and what the two publishes printed.
    Tests that change the site work on a copy.
    """
    base = tmp_path_factory.mktemp("published")
    project = make_project(base / "project")
    log = base / "builds.log"
    first = run(project, "publish", "1.0", "--ref", "v1", build_log=log)
    second = run(
        project, "publish", "2.0", "--ref", "v2", "--alias", "latest", "--default",
        build_log=log,
    )  # fmt: skip
    return project, project / "_site", log, first.stdout + second.stdout


def cli_env(build_log: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "ext"), **GIT_IDENTITY}
    if build_log is not None:
        env["DECKBOOK_TEST_BUILD_LOG"] = str(build_log)
    return env


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "deckbook", *args]


def run(project: Path, *args: str, build_log: Path | None = None, check=True):
    """``python -m deckbook ARGS`` in ``project``; fails the test on a bad status."""
    result = subprocess.run(
        command(*args),
        cwd=project,
        env=cli_env(build_log),
        capture_output=True,
        text=True,
    )
    if check and result.returncode != 0:
        pytest.fail(
            f"deckbook {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
        )
    return result


def versions_json(site: Path) -> list[dict]:
    return json.loads((site / "versions.json").read_text(encoding="utf-8"))


def builds(build_log: Path) -> int:
    """How many Sphinx applications loaded the fixture's conf.py (2 per site build)."""
    return len(build_log.read_text().splitlines()) if build_log.exists() else 0


# -- web servers -------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"web server exited with status {process.returncode}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


class Nginx:
    """Debian's nginx on 127.0.0.1, serving ``site`` under :data:`PREFIX`."""

    def __init__(self, site: Path, workdir: Path):
        self.port = _free_port()
        workdir.mkdir(parents=True, exist_ok=True)
        # As root, workers would drop to "nobody", who cannot read pytest's 0700 tmp.
        user = "user root;\n" if os.geteuid() == 0 else ""
        temp = "".join(
            f"{kind}_temp_path {workdir / kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        config = workdir / "nginx.conf"
        config.write_text(
            f"{user}worker_processes 1;\ndaemon off;\npid {workdir / 'nginx.pid'};\n"
            f"error_log {workdir / 'error.log'};\nevents {{ worker_connections 64; }}\n"
            "http {\n include /etc/nginx/mime.types;\n access_log off;\n"
            f" charset utf-8;\n{temp}"
            f" server {{\n  listen 127.0.0.1:{self.port};\n"
            f"  location {PREFIX} {{ alias {site}/; }}\n }}\n}}\n",
            encoding="utf-8",
        )
        self.process = subprocess.Popen(
            [
                NGINX,
                "-p",
                str(workdir),
                "-c",
                str(config),
                "-e",
                str(workdir / "e.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(self.port, self.process)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "__outside_the_prefix__")
        return super().translate_path("/" + path[len(PREFIX) :])


class PythonServer:
    """Python's http.server with the same sub-path, for machines without nginx."""

    def __init__(self, site: Path, workdir: Path):
        handler = functools.partial(_PrefixHandler, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_port
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def start_server(site: Path, workdir: Path):
    """nginx when installed; in CI a missing nginx fails (``.ci/ensure-browser``)."""
    if NGINX:
        return Nginx(site, workdir)
    if os.environ.get("CI"):
        pytest.fail("nginx is not installed: `.ci/ensure-browser` installs nginx-light")
    return PythonServer(site, workdir)


def url(server, path: str = "") -> str:
    return f"http://127.0.0.1:{server.port}{PREFIX}{path}"


def status(address: str) -> int:
    try:
        with urllib.request.urlopen(address, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
