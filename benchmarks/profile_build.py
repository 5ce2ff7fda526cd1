"""Where a full build's time goes: one profiled ``build_site`` of a generated site.

    python benchmarks/profile_build.py [-n 300] [-j 1] [--out prof.txt]

Prints the wall time of each phase (book read, book write, deck pass; from Sphinx's
own events), the time in pickling and unpickling the environment and doctrees, the
time in the garbage collector (``gc.callbacks``), and cProfile's top functions by
cumulative and by own time. One run: a profile shows shares, not a benchmark figure.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "ext"))

import corpus  # noqa: E402 (benchmarks/ and ext/ are no installed packages)

from deckbook.site.build import BuildOptions, build_site  # noqa: E402


class GcClock:
    """Total time spent in collections, by generation."""

    def __init__(self) -> None:
        self.total = [0.0, 0.0, 0.0]
        self.count = [0, 0, 0]
        self._start = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.total[info["generation"]] += time.perf_counter() - self._start
            self.count[info["generation"]] += 1


def _cumulative(stats: pstats.Stats, *where: tuple[str, str]) -> float:
    """Cumulative time of the functions named ``function`` in a file ending ``path``
    (for built-ins, ``path`` is ``~``); recursive calls are counted once."""
    return sum(
        row[3]
        for (path, _, function), row in stats.stats.items()  # type: ignore[attr-defined]
        if any(path.endswith(p) and function == f for p, f in where)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--pages", type=int, default=300)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    parser.add_argument("--work", type=Path, default=REPO / "_build" / "profile")
    parser.add_argument("--out", type=Path, help="also write the full listing here")
    parser.add_argument(
        "--stats", type=Path, help="also dump the raw profile here (for pstats)"
    )
    args = parser.parse_args(argv)

    root = args.work / f"n{args.pages}"
    corpus.generate(root, args.pages)
    out = root / "_build-profile"
    if out.exists():
        shutil.rmtree(out)
    options = BuildOptions(root / "docs", root, out, jobs=args.jobs, quiet=True)
    options.warning_stream = io.StringIO()
    clock = GcClock()
    gc.callbacks.append(clock)
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    status = build_site(options)
    profile.disable()
    wall = time.perf_counter() - start
    gc.callbacks.remove(clock)
    if args.stats:
        profile.dump_stats(args.stats)

    listing = io.StringIO()
    stats = pstats.Stats(profile, stream=listing)
    phases = {
        "Sphinx.build (both passes)": _cumulative(
            stats, ("sphinx/application.py", "build")
        ),
        "  read (parse, read transforms)": _cumulative(
            stats, ("sphinx/builders/__init__.py", "read_doc")
        ),
        "  write (all pages, both builders)": _cumulative(
            stats, ("sphinx/builders/__init__.py", "write")
        ),
        "    post-transforms": _cumulative(
            stats, ("sphinx/environment/__init__.py", "apply_post_transforms")
        ),
        "    HTML rendering (Jinja)": _cumulative(
            stats, ("sphinx/builders/html/__init__.py", "handle_page")
        ),
        "  finish (genindex, search, static)": _cumulative(
            stats, ("sphinx/builders/html/__init__.py", "finish")
        ),
        "pickle dump": _cumulative(stats, ("~", "<built-in method _pickle.dump>")),
        "pickle load": _cumulative(
            stats,
            ("~", "<built-in method _pickle.load>"),
            ("~", "<built-in method _pickle.loads>"),
        ),
    }
    print(
        f"N={args.pages}, -j {args.jobs}: {wall:.1f} s under cProfile, status {status}"
    )
    for what, seconds in phases.items():
        print(f"  {what:40} {seconds:6.1f} s")
    print(
        f"  {'garbage collector':40} {sum(clock.total):6.1f} s "
        f"(gen 0/1/2: {clock.count} collections, "
        f"{', '.join(f'{t:.1f}' for t in clock.total)} s)"
    )
    stats.sort_stats("cumulative").print_stats(40)
    stats.sort_stats("tottime").print_stats(30)
    text = listing.getvalue()
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
