"""Custom Marp themes (``deckbook_marp_themes``), read as marp-cli's ``--theme-set``.

The config value lists paths or globs of CSS files, relative to the folder of
``conf.py``; every file must lie under that folder or the source folder. A file is a
theme named by its ``/* @theme NAME */`` comment (Marpit's metadata: ``@key value``
lines in comments). In it:

- ``@import 'default'`` (or ``'gaia'``, ``'uncover'``, or another registered theme;
  ``@import-theme`` too) builds on that theme: a built-in one is our own theme CSS,
  linked before the custom CSS; a custom one is inlined;
- ``@import url(x.css)`` / ``@import 'x.css'`` of a file under the project is inlined;
  a remote one (``https://…``) is never fetched (a warning: decks work offline);
- ``@size NAME WIDTH HEIGHT`` adds a ``size:`` preset (``@size NAME false`` removes an
  inherited one); built-in themes have ``16:9`` (1280×720) and ``4:3`` (960×720), and
  a ``section { width; height }`` rule sets the theme's own size.

The selectors are scoped to the slide (:mod:`deckbook.marp.css`). The set is read at
``builder-inited`` into ``env.deckbook_marp_themes``; when it changes, every Marp deck
is read again (its size may have changed) and written again by the deck pass.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import tinycss2

from .. import _log
from .._assets import DECK_BUILDERS
from ..source.frontmatter import as_bool
from .css import SLIDE, parse, scope_rules, split_selectors

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = _log.get_logger(__name__)
BUILTIN = ("default", "gaia", "uncover")
BUILTIN_SIZES = {"16:9": (1280, 720), "4:3": (960, 720)}
_META = re.compile(r"^[*!\s]*@([\w-]+)\s+(.+)$", re.M)
_PIXELS = {"px": 1, "in": 96, "cm": 960 / 25.4, "mm": 96 / 25.4, "pt": 4 / 3, "pc": 16}
_LENGTH = re.compile(r"(-?[.0-9]+)([a-z]+)", re.I)
_REMOTE = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//", re.I)
ENV_KEY = "deckbook_marp_themes"
CHANGED_KEY = "deckbook_marp_themes_changed"  # this build's set differs from the last


@dataclass(frozen=True)
class Theme:
    name: str
    base: str | None  # the built-in theme it builds on (its CSS is linked first)
    css: str  # scoped to the slide, imports resolved
    sizes: dict[str, tuple[int, int]]
    size: tuple[int, int]  # without a `size:` directive


@dataclass
class ThemeSet:
    themes: dict[str, Theme] = field(default_factory=dict)
    # (message, path, line) of each problem, reported at builder-inited
    problems: list[tuple[str, str, int]] = field(default_factory=list)
    fingerprint: str = ""

    def get(self, name: str) -> Theme | None:
        if name in self.themes:
            return self.themes[name]
        if name in BUILTIN:
            return Theme(name, name, "", dict(BUILTIN_SIZES), BUILTIN_SIZES["16:9"])
        return None

    def names(self) -> list[str]:
        return sorted({*BUILTIN, *self.themes})


def _pixels(value: str) -> int | None:
    match = _LENGTH.fullmatch(value.strip())
    if not match or match.group(2).lower() not in _PIXELS:
        return None
    return round(float(match.group(1)) * _PIXELS[match.group(2).lower()])


class _Loader:
    def __init__(self, roots: list[Path]) -> None:
        self.roots = roots
        self.problems: list[tuple[str, str, int]] = []
        self.sources: dict[str, tuple[Path, str, list]] = {}  # name → file, css, rules

    def warn(self, message: str, path: Path, line: int) -> None:
        self.problems.append((message, str(path), line))

    def inside(self, path: Path) -> bool:
        resolved = path.resolve()
        return any(resolved.is_relative_to(root) for root in self.roots)

    def register(self, path: Path) -> None:
        css = path.read_text(encoding="utf-8-sig", errors="replace")
        rules = tinycss2.parse_stylesheet(css, skip_whitespace=True)
        meta = _meta(rules)
        name = meta.get("theme", [None])[-1]
        if not name:
            self.warn(
                "CSS file has no '/* @theme NAME */' comment; it is not a Marp theme "
                "and is not registered",
                path,
                1,
            )
            return
        if name in self.sources:
            self.warn(f"theme {name!r} is defined again; this file wins", path, 1)
        self.sources[name.strip()] = (path, css, rules)

    def build(self, name: str, seen: tuple[str, ...] = ()) -> Theme:
        path, _, rules = self.sources[name]
        base: str | None = None
        sizes: dict[str, tuple[int, int]] = {}
        size: tuple[int, int] | None = None
        chunks: list[str] = []

        def on_import(rule) -> str | None:
            nonlocal base, size
            target = _import_target(rule)
            line = rule.source_line
            if target is None:
                message = "@import without a theme name or URL; it is ignored"
                self.warn(message, path, line)
                return None
            if target in self.sources and target not in (*seen, name):
                inner = self.build(target, (*seen, name))
                base = base or inner.base
                sizes.update(inner.sizes)
                size = size or inner.size
                return inner.css
            if target in BUILTIN:
                base = base or target
                sizes.update(BUILTIN_SIZES)
                return None
            return self._import_file(target, path, line)

        own = [r for r in rules if r.type != "comment"]
        chunks.append(scope_rules(own, SLIDE, on_import))
        for value in _meta(rules).get("size", []):
            args = value.split()
            if len(args) == 2 and args[1] == "false":
                sizes.pop(args[0], None)
            elif len(args) == 3 and None not in (dims := tuple(map(_pixels, args[1:]))):
                sizes[args[0]] = dims  # type: ignore[assignment]
            else:
                message = f"@size {value!r} is not 'NAME WIDTH HEIGHT'; it is ignored"
                self.warn(message, path, 1)
        size = _section_size(rules) or size or BUILTIN_SIZES["16:9"]
        return Theme(name, base, "\n".join(c for c in chunks if c), sizes, size)

    def _import_file(self, target: str, path: Path, line: int) -> str | None:
        if _REMOTE.match(target):
            self.warn(
                f"@import of {target!r} is not fetched: decks are built offline (put "
                "the CSS under the project and import it by a relative path)",
                path,
                line,
            )
            return None
        file = (path.parent / target).resolve()
        if not self.inside(file) or not file.is_file():
            where = "outside the project" if file.is_file() else "not found"
            message = f"@import of {target!r}: the file is {where}; it is ignored"
            self.warn(message, path, line)
            return None
        css = file.read_text(encoding="utf-8-sig", errors="replace")
        return scope_rules(parse(css), SLIDE, None)


def _meta(rules: list) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rule in rules:
        if rule.type == "comment":
            for key, value in _META.findall(rule.value):
                found.setdefault(key, []).append(value.strip())
    return found


def _import_target(rule) -> str | None:
    for token in rule.prelude:
        if token.type == "string":
            return token.value
        if token.type == "url":
            return token.value
        if token.type == "function" and token.lower_name == "url":
            strings = [t.value for t in token.arguments if t.type == "string"]
            return strings[0] if strings else None
        if token.type not in ("whitespace", "comment"):
            return None
    return None


def _section_size(rules: list) -> tuple[int, int] | None:
    """A ``section { width; height }`` rule: the theme's own slide size (Marpit)."""
    width = height = None
    for rule in rules:
        if rule.type != "qualified-rule":
            continue
        if split_selectors(rule.prelude) != ["section"]:
            continue
        content = tinycss2.parse_declaration_list(rule.content, skip_whitespace=True)
        for decl in content:
            if decl.type == "declaration" and decl.lower_name in ("width", "height"):
                value = _pixels(tinycss2.serialize(decl.value))
                if decl.lower_name == "width":
                    width = value or width
                else:
                    height = value or height
    return (width, height) if width and height else None


def load_theme_set(patterns: list[str], confdir: Path, srcdir: Path) -> ThemeSet:
    roots = [confdir.resolve(), srcdir.resolve()]
    loader = _Loader(roots)
    digest = hashlib.sha256()
    for pattern in patterns:
        matches = sorted(glob.glob(os.path.join(confdir, pattern), recursive=True))
        if not matches:
            message = f"deckbook_marp_themes: {pattern!r} matches no file"
            loader.warn(message, confdir, 0)
        for match in matches:
            path = Path(match)
            if not loader.inside(path):
                loader.warn(
                    "theme file is outside the project (conf.py's folder and the "
                    "source folder); it is not read",
                    path,
                    0,
                )
                continue
            if path.is_file():
                digest.update(path.read_bytes())
                loader.register(path)
    themes = {name: loader.build(name) for name in loader.sources}
    return ThemeSet(themes, loader.problems, digest.hexdigest())


def theme_set(env: BuildEnvironment) -> ThemeSet:
    return getattr(env, ENV_KEY, None) or ThemeSet()


def read_themes(app: Sphinx) -> None:
    """Read the theme set for this build; report its problems once (the deck pass
    loads the book pass's environment, where the same set already is)."""
    new = load_theme_set(
        list(app.config.deckbook_marp_themes), Path(app.confdir), Path(app.srcdir)
    )
    old = getattr(app.env, ENV_KEY, None)
    if old is None or old.problems != new.problems:
        for message, path, line in new.problems:
            location = f"{path}:{line}" if line else path
            _log.warn(logger, message, _log.DeckbookWarnings.MARP, location)
    changed = old is not None and old.fingerprint != new.fingerprint
    setattr(app.env, CHANGED_KEY, changed)
    setattr(app.env, ENV_KEY, new)


def _marp_decks(env: BuildEnvironment) -> list[str]:
    return [
        name
        for name, metadata in env.metadata.items()
        if as_bool(metadata.get("marp")) is True
    ]


def outdated_decks(app, env, added, changed, removed) -> list[str]:
    """Every Marp deck is read again when the theme files changed since the last
    build: a deck's size comes from its theme."""
    return _marp_decks(env) if getattr(env, CHANGED_KEY, False) else []


def rewrite_decks(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The deck pass reads nothing (the book pass did): it rewrites every Marp deck
    when the theme set differs from the one its last build wrote the decks with,
    recorded in the doctree folder as incremental.py records its fingerprints."""
    if app.builder.name not in DECK_BUILDERS:
        return []
    record = Path(app.doctreedir) / f"deckbook-marp-themes-{app.builder.name}.txt"
    current = theme_set(env).fingerprint
    previous = record.read_text(encoding="utf-8") if record.is_file() else None
    if previous == current:
        return []
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(current, encoding="utf-8")
    return _marp_decks(env) if previous is not None else []


def setup_marp_themes(app: Sphinx) -> None:
    app.add_config_value(
        "deckbook_marp_themes", [], "env", types=frozenset({list, tuple})
    )
    app.connect("builder-inited", read_themes)
    app.connect("env-get-outdated", outdated_decks)
    app.connect("env-get-updated", rewrite_decks)
