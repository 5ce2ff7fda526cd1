"""Deckbook's command line: ``python -m deckbook build|serve|publish|versions``, and
the exports of a built deck: ``pdf``, ``pptx``, ``images``."""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

from ..publish.cli import add_publish_command, add_versions_command


def _define(value: str) -> tuple[str, str]:
    name, sep, setting = value.partition("=")
    if not sep or not name:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {value!r}")
    return name, setting


BUILD_COMMANDS = ("build", "decks")


def _build_command(command: str, argv: list[str]) -> int:
    """sphinx-build's options, parsed by its own parser (site/build_options.py).

    Sphinx is imported here, not with this module: ``publish`` and ``versions``
    only start builds in processes of their own (a third of a second each)."""
    from .build import build_decks, build_site
    from .build_options import WarningFileTee, parse_build_options

    build = build_site if command == "build" else build_decks
    options = parse_build_options(f"deckbook {command}", argv)
    if options.warning_file is None:
        return _reporting_errors(build, options)
    options.warning_file.parent.mkdir(parents=True, exist_ok=True)
    with options.warning_file.open("w", encoding="utf-8") as file:
        tee = WarningFileTee(options.warning_stream or sys.stderr, file)
        return _reporting_errors(
            build, dataclasses.replace(options, warning_stream=tee)
        )


def _reporting_errors(build, options) -> int:
    """A Sphinx error (a configuration error, an extension that cannot be imported)
    ends the build with its message and exit status 2, as sphinx-build ends; its
    traceback only with ``-T``. Any other exception gets sphinx-build's report (the
    traceback kept in a file it names): that is a bug, not the input."""
    from sphinx.cmd.build import handle_exception
    from sphinx.errors import SphinxError

    try:
        return build(options)
    except (Exception, KeyboardInterrupt) as error:
        stream = options.warning_stream or sys.stderr
        if isinstance(error, SphinxError) and not options.show_traceback:
            stream.write(f"deckbook: {error.category}: {error}\n")
            return 2
        args = argparse.Namespace(
            pdb=options.pdb,
            verbosity=options.verbosity,
            traceback=options.show_traceback,
        )
        handle_exception(None, args, error, stream)
        return 2


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
    from .exports.pdf import PdfError, deck_to_pdf

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
    # Listed for --help; main() hands their arguments to sphinx-build's parser.
    commands.add_parser(
        "build",
        add_help=False,
        help="build the book into OUT/html and its decks into OUT/html/slides "
        "(sphinx-build's options; see deckbook build -h)",
    )
    commands.add_parser(
        "decks",
        add_help=False,
        help="only the deck pass, from the doctrees of a book just built",
    )
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
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in BUILD_COMMANDS:
        return _build_command(argv[0], argv[1:])
    # Options we do not know go on to sphinx-autobuild (serve) or are an error.
    args, extra = make_parser().parse_known_args(argv)
    if extra and args.command != "serve":
        make_parser().error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    return args.handler(args)
