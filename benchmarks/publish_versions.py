"""Figure 8 (issue 15, goal 4): publishing a version 95 % like one already built.

A generated corpus (``corpus.py``, N=300) is committed as ``v1``; 5 % of its pages
(every 20th Markdown file: posts, decks, seed copies alike) get a paragraph more and
are committed as ``v2``. Each repeat publishes, into a new site:

1. ``1.0`` from ``v1``: a full build, which fills the doctree cache;
2. ``2.0`` from ``v2``: from the cache (only what changed is read again);
3. ``2.0`` from ``v2`` with ``--no-cache`` into another site: the full build it is
   compared with, right after it, under the same load.

The goal is time(2) / time(3) ≤ 0.2. Each publish is a fresh ``deckbook publish``
process (fingerprinting, checkout, both passes, installing), timed by wall clock.
The two versions 2.0 are also compared page by page: they must be the same bytes.

    python benchmarks/publish_versions.py [--repeat 1] [--pages 300] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus

REPO = Path(__file__).resolve().parent.parent
GOAL = 0.2
CHANGED_SHARE = 20  # every 20th page: 5 %
GIT = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@deckbook.invalid",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@deckbook.invalid",
}


def git(root: Path, *args: str) -> None:
    env = {**os.environ, **GIT}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def make_project(root: Path, pages: int) -> tuple[int, int]:
    """The corpus as a git project tagged v1 and v2; how many pages v2 changed, of
    how many."""
    if root.exists():
        shutil.rmtree(root)
    corpus.generate(root, pages)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "v1")
    git(root, "tag", "v1")
    sources = sorted((root / "docs").rglob("*.md"))
    changed = sources[::CHANGED_SHARE]
    for index, path in enumerate(changed):
        with path.open("a", encoding="utf-8") as text:
            text.write(f"\n\n2.0에서 고친 문단 {index}: 새 버전의 내용입니다.\n")
    git(root, "commit", "-q", "-am", "v2")
    git(root, "tag", "v2")
    return len(changed), len(sources)


def publish(root: Path, *args: str) -> tuple[float, str]:
    command = [sys.executable, "-m", "deckbook", "publish", *args]
    env = {**os.environ, "PYTHONPATH": str(REPO / "ext"), "PYTHONHASHSEED": "0"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode:
        sys.stderr.write(result.stdout[-2000:] + result.stderr[-4000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    return wall, result.stdout


def differing_pages(one: Path, other: Path) -> tuple[int, list[str]]:
    """How many files both 2.0 builds have, and those whose bytes differ."""
    names = sorted(
        p.relative_to(one).as_posix()
        for p in one.rglob("*")
        if p.is_file() and p.name != ".deckbook-inputs.json"
    )
    missing = [n for n in names if not (other / n).is_file()]
    differ = [
        n
        for n in names
        if n not in missing and (one / n).read_bytes() != (other / n).read_bytes()
    ]
    return len(names), missing + differ


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def figure(work: Path, pages: int = 300, repeat: int = 1) -> bool:
    """Run figure 8 and print its rows; whether the goal holds."""
    root = work / f"versions-n{pages}"
    changed, sources = make_project(root, pages)
    first, cached, cold = [], [], []
    checked: tuple[int, list[str]] = (0, [])
    print(f"\n8. Versions share work, N={pages} (load before: {load()})", flush=True)
    for _ in range(repeat):
        for site in ("_site", "_site-cold"):
            shutil.rmtree(root / site, ignore_errors=True)
        first.append(publish(root, "1.0", "--ref", "v1")[0])
        wall, said = publish(root, "2.0", "--ref", "v2")
        if "unchanged since an earlier build" not in said:
            raise SystemExit(f"2.0 did not use the cache:\n{said}")
        cached.append(wall)
        cold_site = str(root / "_site-cold")
        no_cache = ["2.0", "--ref", "v2", "--no-cache", "--site", cold_site]
        cold.append(publish(root, *no_cache)[0])
        checked = differing_pages(root / "_site" / "2.0", root / "_site-cold" / "2.0")
    ratio = statistics.median(cached) / statistics.median(cold)
    ok = ratio <= GOAL and not checked[1]
    print(f"load after: {load()}; median of {repeat}\n")
    print("| measure | result | goal | |")
    print("|---|---|---|---|")
    full = statistics.median(first)
    print(f"| publish 1.0 (v1, full build, fills the cache) | {full:.1f} s | | |")
    print(
        f"| publish 2.0 (v2: {changed} of {sources} pages changed) from the cache "
        f"vs --no-cache | {statistics.median(cached):.1f} s vs "
        f"{statistics.median(cold):.1f} s = **{ratio:.2f}×** | ≤ {GOAL}× "
        f"| {'PASS' if ratio <= GOAL else 'FAIL'} |"
    )
    total, bad = checked
    print(
        f"| 2.0 from the cache = 2.0 built cold | {total - len(bad)}/{total} files "
        f"identical | all | {'PASS' if not bad else 'FAIL'} |"
    )
    if bad:
        print(f"files that differ: {bad[:10]}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--work", type=Path, default=REPO / "_build" / "bench")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    return 0 if figure(args.work, args.pages, args.repeat) else 1


if __name__ == "__main__":
    sys.exit(main())
