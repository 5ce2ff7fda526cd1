"""``deckbook build|decks`` take sphinx-build's own options (``sphinx.cmd.build``'s
parser), so every one of them works (``-n``, ``-t``, ``-v``, ``-T``, ``-N``, ``-w``,
``-a``, ``-E``, ``-j``, ``-D``, ``-A``, ``-W``, ``-q``, ``-Q``, …), plus ``-o OUT``.
Deckbook chooses the builders (the book, then the decks), so ``-b`` is refused."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
from pathlib import Path

from sphinx.cmd.build import get_parser
from sphinx.util.console import color_terminal, nocolor, strip_colors

from .build import BuildOptions

_SLOT = "\0"  # sphinx-build's SOURCE_DIR and OUTPUT_DIR: ours are SOURCE and -o


def build_parser(prog: str) -> argparse.ArgumentParser:
    parser = get_parser()
    parser.prog = prog
    parser.usage = "%(prog)s [SPHINX-BUILD OPTIONS] [-o OUT] [SOURCE]"
    parser.description = (
        "Build SOURCE (default docs/) into OUT/html and its decks into "
        "OUT/html/slides (OUT default _build/, -c default the current folder). "
        "Every sphinx-build option works except -b: Deckbook chooses the builders."
    )
    parser.epilog = None  # a lazy translation argparse cannot format unless
    # sphinx.locale.init_console() ran, as sphinx-build's main() does
    parser.set_defaults(builder=None)  # so that a -b given at all is seen
    # Parallel by default (-j auto): -j 2 writes byte for byte what -j 1 writes
    # (test_parallel.py) in 0.7 of the time (benchmarks/RESULTS.md).
    parser.set_defaults(jobs=os.cpu_count() or 1)
    parser.add_argument(
        "-o", "--out", default=Path("_build"), type=Path, help="default: _build"
    )
    return parser


def parse_build_options(prog: str, argv: list[str]) -> BuildOptions:
    parser = build_parser(prog)
    args = parser.parse_intermixed_args([_SLOT, _SLOT, *argv])
    if args.builder is not None:
        parser.error("-b is not accepted: deckbook builds the book, then the decks")
    if len(args.filenames) > 1:
        parser.error(f"one SOURCE folder, got {' '.join(args.filenames)}")
    if args.color == "no" or (args.color == "auto" and not color_terminal()):
        nocolor()
    return BuildOptions(
        source=Path(args.filenames[0] if args.filenames else "docs"),
        confdir=None if args.noconfig else Path(args.confdir or "."),
        out=args.out,
        doctrees=Path(args.doctreedir) if args.doctreedir else None,
        warnings_are_errors=args.warningiserror,
        keep_going=args.keep_going,
        fresh=args.freshenv,
        write_all=args.force_all or None,
        jobs=args.jobs,
        overrides=_overrides(parser, args),
        quiet=args.quiet or args.really_quiet,
        really_quiet=args.really_quiet,
        warning_file=Path(args.warnfile) if args.warnfile else None,
        tags=list(args.tags),
        verbosity=args.verbosity,
        pdb=args.pdb,
        exception_on_warning=args.exception_on_warning,
        show_traceback=args.traceback,
    )


def _overrides(parser: argparse.ArgumentParser, args: argparse.Namespace) -> dict:
    """``-D``, ``-A`` and ``-n`` as sphinx-build turns them into ``confoverrides``."""
    overrides: dict = {}
    for value in args.define:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            parser.error(f"-D expects NAME=VALUE, got {value!r}")
        overrides[name] = setting
    for value in args.htmldefine:
        name, sep, setting = value.partition("=")
        if not sep or not name:
            parser.error(f"-A expects NAME=VALUE, got {value!r}")
        with contextlib.suppress(ValueError):
            setting = int(setting)  # as sphinx-build
        overrides[f"html_context.{name}"] = setting
    if args.nitpicky:
        overrides["nitpicky"] = True
    return overrides


class WarningFileTee(io.TextIOBase):
    """``-w FILE``: warnings to the terminal as usual and, without colours, to FILE."""

    def __init__(self, stream, file) -> None:
        self._stream, self._file = stream, file

    def write(self, text: str) -> int:
        self._stream.write(text)
        self._file.write(strip_colors(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()
        self._file.flush()
