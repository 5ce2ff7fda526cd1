"""Build a site with ``python -m deckbook build`` and digest every file it wrote.

    python benchmarks/same_output.py SITE OUT [--digest FILE] [--against FILE]

SITE holds ``conf.py`` and ``docs/`` (``benchmarks/corpus.py`` writes one; the
repository itself is one). Prints the wall time, the CPU time and the peak memory of the
build (``os.wait4``) and, with ``--against``, every output file that differs from (or is
missing in) an earlier digest: the proof that a speed change wrote the same book and
decks. The doctrees and Sphinx's own ``.buildinfo`` stamps are not output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def build(site: Path, out: Path, jobs: str, python: str = sys.executable) -> dict:
    if out.exists():
        shutil.rmtree(out)
    env = dict(os.environ, PYTHONPATH=str(REPO / "ext"))
    command = [python, "-m", "deckbook", "build", "docs", "-c", ".", "-o", str(out)]
    command += ["-j", jobs, "-E", "-q"]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=site, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    return {
        "status": os.waitstatus_to_exitcode(status),
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "max_rss_mb": usage.ru_maxrss / 1024,
    }


def digest(out: Path) -> dict[str, str]:
    html = out / "html"
    return {
        str(path.relative_to(html)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(html.rglob("*"))
        if path.is_file() and path.name != ".buildinfo"
    }


def differences(old: dict[str, str], new: dict[str, str]) -> list[str]:
    return [
        name for name in sorted(set(old) | set(new)) if old.get(name) != new.get(name)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", default="1")
    parser.add_argument("--digest", type=Path, help="write the digest here")
    parser.add_argument("--against", type=Path, help="compare with this digest")
    args = parser.parse_args(argv)
    figures = build(args.site.resolve(), args.out.resolve(), args.jobs)
    print(json.dumps(figures), f"load {os.getloadavg()}")
    found = digest(args.out.resolve())
    if args.digest:
        args.digest.write_text(json.dumps(found, indent=0), "utf-8")
    if args.against:
        changed = differences(json.loads(args.against.read_text("utf-8")), found)
        print(f"{len(found)} files, {len(changed)} differ")
        for name in changed[:40]:
            print("  differs:", name)
        return 1 if changed or figures["status"] else 0
    return figures["status"]


if __name__ == "__main__":
    sys.exit(main())
