"""Deckbook's command line: ``python -m deckbook build|serve|publish|versions``, and
the exports of a built deck: ``pdf``, ``pptx``, ``images``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .build import BuildOptions, build_decks, build_site
from .publish.cli import add_publish_command, add_versions_command


def _define(value: str) -> tuple[str, str]:
    name, sep, setting = value.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {value!r}")
    return name, setting


def _jobs(value: str) -> int:
    """``-j N`` or ``-j auto`` (one process a core), as ``sphinx-build -j``."""
    if value == "auto":
        return os.cpu_count() or 1
    try:
        return max(1, int(value))
    except ValueError:
        message = f"expected a number or auto, got {value!r}"
        raise argparse.ArgumentTypeError(message) from None


def _add_build_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", nargs="?", default="docs", type=Path)
    parser.add_argument("-c", "--confdir", default=".", type=Path)
    parser.add_argument("-o", "--out", default="_build", type=Path)
    parser.add_argument("-W", dest="warnings_are_errors", action="store_true")
    parser.add_argument("--keep-going", action="store_true")
    parser.add_argument("-E", "--fresh", action="store_true")
    # Parallel by default: -j 2 writes byte for byte what -j 1 writes (test_parallel.py)
    # in 0.7 of the time (benchmarks/RESULTS.md).
    parser.add_argument("-j", "--jobs", default="auto", type=_jobs)
    parser.add_argument("-D", dest="overrides", action="append", type=_define)
    parser.add_argument("-q", "--quiet", action="store_true")


def _options(args: argparse.Namespace) -> BuildOptions:
    return BuildOptions(
        source=args.source,
        confdir=args.confdir,
        out=args.out,
        warnings_are_errors=args.warnings_are_errors,
        keep_going=args.keep_going,
        fresh=args.fresh,
        jobs=args.jobs,
        overrides=dict(args.overrides or []),
        quiet=args.quiet,
    )


def _add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", nargs="?", default="docs", type=Path)
    parser.add_argument("-c", "--confdir", default=".", type=Path)
    parser.add_argument("-o", "--out", default="_build", type=Path)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default=8000, type=int)


def _serve_command(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args.source, args.confdir, args.out, args.host, args.port, args.extra)


def _pdf_command(args: argparse.Namespace) -> int:
    from .pdf import PdfError, deck_to_pdf

    output = args.output or args.deck.with_suffix(".pdf")
    try:
        slides = deck_to_pdf(args.deck, output)
    except PdfError as error:
        print(f"deckbook pdf: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{output}: {slides} slides")
    return 0


def _pptx_command(args: argparse.Namespace) -> int:
    from .exports.browser import ExportError
    from .exports.pptx import deck_to_pptx

    output = args.output or args.deck.with_suffix(".pptx")
    try:
        slides = deck_to_pptx(args.deck, output, scale=args.scale)
    except ExportError as error:
        print(f"deckbook pptx: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{output}: {slides} slides")
    return 0


def _images_command(args: argparse.Namespace) -> int:
    from .exports.browser import ExportError
    from .exports.images import deck_to_images

    output = args.output or args.deck.parent
    try:
        written = deck_to_images(args.deck, output, scale=args.scale)
    except ExportError as error:
        print(f"deckbook images: {error}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{output}: {len(written)} images")
    return 0


def _add_export_command(commands, name: str, help: str, output: str, scale: float):
    parser = commands.add_parser(name, help=help)
    parser.add_argument("deck", type=Path, help="e.g. _build/html/slides/x.html")
    parser.add_argument("-o", "--output", type=Path, help=output)
    parser.add_argument(
        "--scale",
        type=float,
        default=scale,
        help=f"pixels per slide pixel of the pictures (default {scale:g})",
    )
    parser.add_argument("-q", "--quiet", action="store_true")
    return parser


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="deckbook", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build", help="build the book into OUT/html and its decks into OUT/html/slides"
    )
    _add_build_arguments(build)
    build.set_defaults(handler=lambda args: build_site(_options(args)))
    decks = commands.add_parser(
        "decks", help="only the deck pass, from the doctrees of a book just built"
    )
    _add_build_arguments(decks)
    decks.set_defaults(handler=lambda args: build_decks(_options(args)))
    serve = commands.add_parser(
        "serve", help="live preview: serve the site, rebuild book and decks on change"
    )
    _add_serve_arguments(serve)
    serve.set_defaults(handler=_serve_command)
    pdf = commands.add_parser(
        "pdf", help="write a built deck (OUT/html/slides/…) to PDF, a page a slide"
    )
    pdf.add_argument("deck", type=Path, help="e.g. _build/html/slides/x.html")
    pdf.add_argument("-o", "--output", type=Path, help="default: the deck's name, .pdf")
    pdf.add_argument("-q", "--quiet", action="store_true")
    pdf.set_defaults(handler=_pdf_command)
    pptx = _add_export_command(
        commands,
        "pptx",
        "write a built deck to PowerPoint: a picture a slide, notes as notes",
        "default: the deck's name, .pptx",
        scale=2,  # Marp CLI's default image scale for PPTX
    )
    pptx.set_defaults(handler=_pptx_command)
    images = _add_export_command(
        commands,
        "images",
        "write a built deck as PNG images, one a slide (DECK.001.png, …)",
        "folder for the images (default: the deck's folder)",
        scale=1,
    )
    images.set_defaults(handler=_images_command)
    add_publish_command(commands, define=_define)
    add_versions_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Options we do not know go on to sphinx-autobuild (serve) or are an error.
    args, extra = make_parser().parse_known_args(argv)
    if extra and args.command != "serve":
        make_parser().error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    return args.handler(args)
