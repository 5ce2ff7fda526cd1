"""Publishing survives kills and races: no moment of a publish can lose a version.

The invariant checked after every kill: ``versions.json`` is valid; every version it
lists serves its landing page and its deck; every alias it lists redirects to pages
that exist; the root redirects to a listed version; no version published before the
killed run is missing. After the next run (which recovers), nothing is left over.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from deckbook.publish import commands, fsops
from deckbook.publish.inputs import VERSION_MARKER
from deckbook.publish.targets import DirTarget
from tests.publishing import (
    cli_env,
    command,
    make_project,
    run,
    start_server,
    status,
    url,
    versions_json,
)

STUB_TARGET = re.compile(r'location\.replace\("([^"]+)"')
KILLED = 86  # exit status of a child killed at a chosen step


@pytest.fixture
def project(published, tmp_path):
    """A private copy of the published project: 1.0, 2.0 (default) and latest."""
    source, _, _, _ = published
    copy = tmp_path / "project"
    shutil.copytree(source, copy, symlinks=True)
    return copy


def _listed(site: Path) -> list[dict]:
    return versions_json(site)  # raises if the file is missing or not valid JSON


def assert_consistent(site: Path, must_have=("1.0",), in_swap=()) -> None:
    """The invariant, on disk: what versions.json promises is there.

    ``in_swap``: versions a two-rename swap was cut in the middle of (no renameat2),
    missing until the next run's recovery puts them back.
    """
    entries = _listed(site)
    names = [entry["version"] for entry in entries]
    assert set(must_have) <= set(names), names
    for entry in entries:
        folder = site / entry["version"]
        if entry["version"] in in_swap:
            continue
        assert (folder / "index.html").is_file(), entry
        assert (folder / "slides" / "talk.html").is_file(), entry
        assert (folder / VERSION_MARKER).is_file(), entry
        for alias in entry.get("aliases", []):
            for stub in (site / alias).rglob("*.html"):
                target = STUB_TARGET.search(stub.read_text(encoding="utf-8"))[1]
                assert (stub.parent / target).resolve().is_file(), (alias, stub)
    defaults = [entry["version"] for entry in entries if entry.get("preferred")]
    assert len(defaults) == (1 if entries else 0)
    if defaults:
        # The root may still name the previous default for a moment: it must exist.
        root = STUB_TARGET.search((site / "index.html").read_text())[1]
        assert root.rstrip("/") in in_swap or (site / root / "index.html").is_file()


def assert_root_is_default(site: Path) -> None:
    default = next(e["version"] for e in _listed(site) if e.get("preferred"))
    root = STUB_TARGET.search((site / "index.html").read_text())[1]
    assert root == f"{default}/"


def assert_clean(site: Path) -> None:
    """After a recovering run: no staging, no trash, no unlisted version or alias."""
    scratch = site / ".deckbook"
    assert list((scratch / "staging").glob("*")) == []
    assert not (scratch / "trash").exists() or list((scratch / "trash").iterdir()) == []
    assert not (scratch / "swap.json").exists()
    entries = _listed(site)
    expected = {e["version"] for e in entries}
    expected |= {a for e in entries for a in e.get("aliases", [])}
    folders = {p.name for p in site.iterdir() if p.is_dir() and p != scratch}
    assert folders == expected


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if text.encode() in cmdline:
                found.append(int(entry.name))
    return found


def _wait_until_gone(text: str) -> None:
    deadline = time.monotonic() + 10
    while _processes_mentioning(text) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_mentioning(text) == [], "a build outlived its killed publish"


def test_sigkill_at_ten_random_moments_never_loses_a_version(project, tmp_path):
    site = project / "_site"
    server = start_server(site, tmp_path / "server")
    try:
        started = time.monotonic()
        run(project, "publish", "3.0")
        duration = time.monotonic() - started
        seed = random.randrange(1 << 32)
        moments = random.Random(seed).sample(range(1000), 10)
        jobs = [
            ["publish", "3.0", "--force", "--alias", "latest", "--default"],
            ["publish", "4.0", "--alias", "latest"],
        ]
        for attempt, moment in enumerate(moments):
            args = jobs[attempt % 2]
            process = subprocess.Popen(
                command(*args),
                cwd=project,
                env=cli_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(duration * moment / 1000)
            process.send_signal(signal.SIGKILL)
            process.wait()
            _wait_until_gone(str(site))
            where = f"seed {seed}, kill {attempt} at {moment / 10:.1f}% of a publish"
            try:
                assert_consistent(site, must_have=("1.0", "2.0", "3.0"))
                for entry in _listed(site):
                    for page in ("", "slides/talk.html"):
                        address = url(server, f"{entry['version']}/{page}")
                        assert status(address) == 200, address
            except AssertionError as error:
                raise AssertionError(f"{where}: {error}") from error
        run(project, "publish", "4.0", "--alias", "stable")
        assert_consistent(site, must_have=("1.0", "2.0", "3.0", "4.0"))
        assert_clean(site)
        assert status(url(server, "stable/slides/talk.html")) == 200
    finally:
        server.close()


def test_three_publishes_at_once_all_land(tmp_path):
    project = make_project(tmp_path / "project")
    jobs = [
        ["publish", "1.0", "--ref", "v1"],
        ["publish", "2.0", "--ref", "v2", "--alias", "latest"],
        ["publish", "3.0", "--default"],
    ]
    processes = [
        subprocess.Popen(
            command(*args),
            cwd=project,
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for args in jobs
    ]
    outputs = [process.communicate(timeout=300)[0] for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0], outputs
    site = project / "_site"
    assert [
        (e["version"], e.get("aliases"), e.get("preferred")) for e in _listed(site)
    ] == [
        ("3.0", None, True),
        ("2.0", ["latest"], None),
        ("1.0", None, None),
    ]
    assert_consistent(site, must_have=("1.0", "2.0", "3.0"))
    assert_clean(site)


def test_the_lock_makes_a_second_change_wait(project):
    site = project / "_site"
    lock = os.open(site / ".deckbook" / "lock", os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)
    try:
        process = subprocess.Popen(
            command("versions", "retitle", "1.0", "첫 버전"),
            cwd=project,
            env=cli_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        # It says so once it reaches the lock (however long its start-up takes on a
        # loaded machine), and then waits: nothing changed while we hold the lock.
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "the second change neither waited nor finished"
        assert process.stdout.readline() == "waiting for another publish to finish…\n"
        time.sleep(0.5)
        assert process.poll() is None  # still waiting
        assert _listed(site)[1]["name"] == "1.0"
    finally:
        os.close(lock)
    output, _ = process.communicate(timeout=60)
    assert "첫 버전" in output
    assert process.returncode == 0
    assert _listed(site)[1]["name"] == "첫 버전"


# -- every step of the commit phase, exhaustively --------------------------------

STEPS = ("exchange", "move", "write_atomically", "remove", "remove_tree")


def _fake_build(prebuilt: Path):
    """A stand-in for the Sphinx subprocess: copies a build made earlier."""

    def run_build(command, cwd, keep_fd):
        out = Path(command[command.index("-o") + 1])
        shutil.copytree(prebuilt, out / "html", copy_function=os.link)

    return run_build


def _in_child_killed_at(step: int, action, exchange: bool) -> int:
    """Run ``action`` in a forked child that dies before its ``step``-th change."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        calls = [0]
        for name in STEPS:
            original = getattr(fsops, name)

            def counted(*args, _original=original, **kwargs):
                if calls[0] == step:
                    os._exit(KILLED)
                calls[0] += 1
                return _original(*args, **kwargs)

            setattr(fsops, name, counted)
        fsops.can_exchange = lambda directory: exchange
        try:
            action()
        except BaseException:
            os._exit(1)
        os._exit(0)
    _, code = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(code)


def _say(line: str) -> None:
    pass


# Each change, and the versions it must never lose at any moment.
ACTIONS = {
    "add 3.0 as latest, default": (
        lambda t: commands.publish(
            t,
            commands.PublishRequest("3.0", aliases=["latest"], make_default=True),
            _say,
        ),
        {"1.0", "2.0"},
    ),
    "replace 2.0": (
        lambda t: commands.publish(t, commands.PublishRequest("2.0", force=True), _say),
        {"1.0", "2.0"},
    ),
    "delete 2.0 (default, with latest)": (
        lambda t: commands.delete(t, ["2.0"], _say),
        {"1.0"},
    ),
    "move latest to 1.0": (
        lambda t: commands.alias(t, "1.0", ["latest"], _say),
        {"1.0", "2.0"},
    ),
}


@pytest.fixture(scope="module")
def small_site(published, tmp_path_factory):
    """The published site without assets: the same steps on a fraction of the files."""
    _, base, _, _ = published
    site = tmp_path_factory.mktemp("small") / "_site"
    shutil.copytree(base, site, ignore=shutil.ignore_patterns("_static", "_sources"))
    return site


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_kill_before_any_step_leaves_a_consistent_site(
    published, small_site, tmp_path, monkeypatch, action, exchange
):
    source, _, _, _ = published
    base = small_site
    monkeypatch.chdir(source)  # the fake build reads no sources, but paths resolve
    monkeypatch.setattr(commands, "run_build", _fake_build(base / "2.0"))
    monkeypatch.setattr(commands, "fingerprint", lambda inputs: "fake")
    monkeypatch.setattr(commands, "toolchain", dict)
    change, kept = ACTIONS[action]
    step = 0
    while True:
        site = tmp_path / f"site-{step}"
        # Hard links: every change replaces files by renames, never writes in place.
        shutil.copytree(base, site, copy_function=os.link)
        code = _in_child_killed_at(
            step, lambda site=site: change(DirTarget(site)), exchange
        )
        assert code in (0, KILLED), f"step {step}: exit status {code}"
        journal = site / ".deckbook" / "swap.json"
        in_swap = set()
        if not exchange and journal.exists():
            # Without renameat2 a swap is two renames: cut between them, the version
            # is missing until the next run puts it back (the documented window).
            in_swap = {json.loads(journal.read_text())["target"]} - {
                p.name for p in site.iterdir()
            }
        assert_consistent(site, must_have=kept, in_swap=in_swap)
        after_kill = {e["version"] for e in _listed(site)}
        # Recovery (any later change runs it first) finishes or rolls back cleanly.
        target = DirTarget(site)
        with target.transaction("recover", _say):
            pass
        assert_consistent(site, must_have=kept)
        assert_root_is_default(site)
        assert_clean(site)
        assert {e["version"] for e in _listed(site)} == after_kill
        if code == 0:
            break
        step += 1
    assert step >= 3  # the commit phase has several steps, each one was cut
