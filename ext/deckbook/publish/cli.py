"""``deckbook publish VERSION …`` and ``deckbook versions list|delete|alias|…``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .commands import Target


def _commands() -> ModuleType:
    """The publishing code, imported only when a publish command runs: every
    ``deckbook build`` parses this CLI, and a one-page rebuild should not pay for it."""
    from . import commands

    return commands


def _say(line: str) -> None:
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def _add_target(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--site", type=Path, default=Path("_site"), help="site folder (default: _site)"
    )
    where.add_argument("--branch", help="publish into this git branch, one commit each")


def _target(args: argparse.Namespace) -> Target:
    from .targets import BranchTarget, DirTarget

    if args.branch:
        return BranchTarget(Path.cwd(), args.branch)
    return DirTarget(args.site.resolve())


def _run(action: Callable[[argparse.Namespace], None]) -> Callable:
    def handler(args: argparse.Namespace) -> int:
        from .versions import PublishError

        try:
            action(args)
        except PublishError as error:
            sys.stderr.write(f"deckbook: error: {error}\n")
            return 1
        return 0

    return handler


def _publish(args: argparse.Namespace) -> None:
    commands = _commands()
    request = commands.PublishRequest(
        version=args.version,
        ref=args.ref,
        aliases=args.alias or [],
        title=args.title,
        make_default=args.default,
        force=args.force,
        strict=args.strict,
        source=args.source,
        confdir=args.confdir,
        overrides=list(args.overrides or []),
        cache=args.cache,
    )
    commands.publish(_target(args), request, _say)


def _list(args: argparse.Namespace) -> None:
    target = _target(args)
    if args.json:
        _say(json.dumps(target.versions().to_json(), indent=2, ensure_ascii=False))
    else:
        for line in _commands().list_versions(target) or ["(no versions published)"]:
            _say(line)


def add_publish_command(commands_parsers, define: Callable) -> None:
    parser = commands_parsers.add_parser(
        "publish",
        help="build the book and decks as VERSION into the versioned site",
        description="Build the working tree (or --ref) and install it as "
        "<site>/VERSION/, its decks in <site>/VERSION/slides/.",
    )
    parser.add_argument("version", help="letters, digits, '.', '_', '-'")
    parser.add_argument("source", nargs="?", default="docs", type=Path)
    parser.add_argument("-c", "--confdir", default=".", type=Path)
    parser.add_argument("--ref", help="build this git commit, branch or tag")
    parser.add_argument(
        "--alias", action="extend", nargs="+", help="aliases: latest, stable, …"
    )
    parser.add_argument("--title", help="name shown in the version switcher")
    parser.add_argument(
        "--default", action="store_true", help="make it the default version"
    )
    parser.add_argument(
        "--force", action="store_true", help="rebuild even if inputs are unchanged"
    )
    parser.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="read every page again, not only what differs from an earlier version",
    )
    parser.add_argument("-W", dest="strict", action="store_true")
    parser.add_argument("-D", dest="overrides", action="append", type=define)
    _add_target(parser)
    parser.set_defaults(handler=_run(_publish))


def add_versions_command(commands_parsers) -> None:
    parser = commands_parsers.add_parser(
        "versions", help="list and manage published versions (no rebuild)"
    )
    actions = parser.add_subparsers(dest="action", required=True)

    def action(name: str, run: Callable, help: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help)
        _add_target(sub)
        sub.set_defaults(handler=_run(run))
        return sub

    listing = action("list", _list, "list versions, aliases and the default")
    listing.add_argument("--json", action="store_true", help="print versions.json")
    delete = action(
        "delete",
        lambda a: _commands().delete(_target(a), a.names, _say),
        "delete versions (with their aliases) or aliases",
    )
    delete.add_argument("names", nargs="+")
    alias = action(
        "alias",
        lambda a: _commands().alias(_target(a), a.version, a.aliases, _say),
        "point aliases at a version",
    )
    alias.add_argument("version")
    alias.add_argument("aliases", nargs="+")
    retitle = action(
        "retitle",
        lambda a: _commands().retitle(_target(a), a.version, a.title, _say),
        "change the title shown for a version",
    )
    retitle.add_argument("version")
    retitle.add_argument("title")
    default = action(
        "set-default",
        lambda a: _commands().set_default(_target(a), a.version, _say),
        "make a version the default (site root, old-version banner)",
    )
    default.add_argument("version")
