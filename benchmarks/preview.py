"""Live preview benchmark: save → rebuilt page served (issue 15, goal 3).

Starts ``python -m deckbook serve`` on a generated site (``corpus.py``, N=300 by
default) on a free port of 127.0.0.1, waits for the first build, then edits the body of
one post ``--edits`` times: each edit appends a paragraph with a new word and the clock
runs until the served book page *and* its deck both show the word (polled every 20 ms).
Prints every edit and the median. Bounded: each edit gives up after ``--timeout``
seconds, and the server (its whole process group) is stopped at the end.

    python benchmarks/preview.py [--pages 300] [--edits 10] [--autobuild]
"""

from __future__ import annotations

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

REPO = Path(__file__).resolve().parent.parent
GOAL = 0.5  # seconds, median


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):  # not served yet, or being written
        return ""


def wait_for(urls: list[str], text: str, seconds: float, poll: float = 0.02) -> float:
    """Seconds until every URL shows ``text``; raises after ``seconds``."""
    start = time.perf_counter()
    pending = list(urls)
    while pending:
        if time.perf_counter() - start > seconds:
            raise SystemExit(f"{pending} never showed {text!r} within {seconds} s")
        pending = [url for url in pending if text not in fetch(url)]
        if pending:
            time.sleep(poll)
    return time.perf_counter() - start


def group_cpu(group: int) -> float:
    """CPU seconds used by the processes of a process group, and by the children
    they waited for (Linux ``/proc``): what the rebuilds cost, whatever the load."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[2]) == group:  # pgrp
            ticks += sum(int(value) for value in fields[11:15])  # utime … cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--work", type=Path, default=REPO / "_build" / "preview")
    parser.add_argument(
        "--autobuild",
        action="store_true",
        help="measure sphinx-autobuild's own builder (a new sphinx-build and deck pass "
        "a change), as before the warm preview",
    )
    args = parser.parse_args(argv)

    root = args.work / f"n{args.pages}"
    names = corpus.generate(root, args.pages)
    posts = [name for name in names if name.startswith("posts/")]
    post = posts[len(posts) // 2]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    page = urllib.parse.quote(f"{post}.html")
    urls = [f"{base}/{page}", f"{base}/slides/{page}"]
    out = root / "_build-serve"
    command = [sys.executable, "-m", "deckbook", "serve", "docs", "-c", "."]
    command += ["-o", str(out), "--port", str(port)]
    if args.autobuild:  # any option of sphinx-autobuild's own selects its builder
        command += ["--delay", "0"]
    env = dict(os.environ, PYTHONPATH=str(REPO / "ext"), PYTHONHASHSEED="0")
    how = "sphinx-autobuild" if args.autobuild else "warm"
    print(f"live preview ({how}), N={args.pages}: {post}; load {load()}", flush=True)
    server = subprocess.Popen(
        command,
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its builds are stopped with it
    )
    times, cpu = [], []
    try:
        first = wait_for(urls, "</html>", seconds=600, poll=0.5)
        print(f"first build served after {first:.1f} s", flush=True)
        time.sleep(2)  # let the watcher settle after the first build
        source = root / "docs" / f"{post}.md"
        for number in range(args.edits):
            word = f"미리보기편집{number:02d}x{port}"
            text = source.read_text(encoding="utf-8")
            source.write_text(f"{text}\n\n{word} 문단입니다.\n", encoding="utf-8")
            used = group_cpu(server.pid)
            took = wait_for(urls, word, seconds=args.timeout)
            times.append(took)
            cpu.append(group_cpu(server.pid) - used)
            print(
                f"  edit {number + 1}: {took:.2f} s, CPU {cpu[-1]:.2f} s "
                f"(load {load()})",
                flush=True,
            )
            time.sleep(0.5)  # a person pauses between saves
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    median = statistics.median(times)
    verdict = "PASS" if median <= GOAL else "FAIL"
    print(
        f"save → book page and deck served, N={args.pages}: median **{median:.2f} s** "
        f"of {len(times)} ({min(times):.2f}–{max(times):.2f}); goal ≤ {GOAL} s: "
        f"{verdict}; CPU a rebuild: median {statistics.median(cpu):.2f} s; "
        f"load after {load()}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
