"""Version names and the site's ``versions.json``, in pydata-sphinx-theme's format.

``versions.json`` is a list of entries, newest first::

    [{"version": "2.0", "name": "2.0", "url": "2.0/", "preferred": true,
      "aliases": ["latest"]},
     {"version": "1.0", "name": "1.0", "url": "1.0/"}]

``version``/``name``/``url``/``preferred`` are pydata-sphinx-theme's switcher schema;
``aliases`` is mike's. ``url`` is relative to ``versions.json`` itself, so the site can
be served under any sub-path; Deckbook's switcher resolves it against the file's URL.
The ``preferred`` entry is the site's default: the root redirects to it and every
other version shows the "old version" banner with a link to it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

VERSIONS_JSON = "versions.json"
NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")
# Files the publisher writes at the site root, which a version directory would shadow.
RESERVED = {"index.html", VERSIONS_JSON}


class PublishError(Exception):
    """A refused or failed publishing operation; the message says why."""


def check_name(name: str, kind: str = "version") -> str:
    """``name`` if it is a safe directory name for a version or alias, else an error.

    Letters, digits, ``.``, ``_`` and ``-`` only (so never ``/`` or a backslash), not
    starting with ``.`` or ``-`` and never ``..`` (mike's rule, tightened: the name is
    a URL path segment and a directory name at once).
    """
    if not NAME.fullmatch(name) or ".." in name or name in RESERVED:
        raise PublishError(
            f"invalid {kind} name {name!r}: use letters, digits, '.', '_' and '-' "
            "(at most 100, not starting with '.' or '-', no '..')"
        )
    return name


def sort_key(version: str) -> tuple:
    """Newest first when sorted in reverse; names without digits (dev, main) on top."""
    parts = re.findall(r"\d+|[A-Za-z]+", version)
    numeric = tuple((0, int(p), "") if p.isdigit() else (-1, 0, p) for p in parts)
    return (0 if re.match(r"v?\d", version) else 1, numeric, version)


@dataclass
class Entry:
    version: str
    name: str
    aliases: list[str] = field(default_factory=list)

    def to_json(self, preferred: bool) -> dict:
        data: dict = {"version": self.version, "name": self.name}
        data["url"] = f"{self.version}/"
        if preferred:
            data["preferred"] = True
        if self.aliases:
            data["aliases"] = sorted(self.aliases)
        return data


@dataclass
class Versions:
    """The published versions, their aliases and the default (preferred) one."""

    entries: dict[str, Entry] = field(default_factory=dict)
    default: str | None = None

    # -- reading and writing -------------------------------------------------------

    @classmethod
    def load(cls, root: Path) -> Versions:
        path = root / VERSIONS_JSON
        if not path.exists():
            return cls()
        return cls.parse(path.read_text(encoding="utf-8"), str(path))

    @classmethod
    def parse(cls, text: str, origin: str) -> Versions:
        try:
            versions = cls()
            for item in json.loads(text):
                # A hand-edited file must not smuggle in a path such as "../x".
                entry = Entry(check_name(item["version"]), item.get("name") or "")
                entry.name = entry.name or entry.version
                entry.aliases = [
                    check_name(a, "alias") for a in item.get("aliases", [])
                ]
                versions.entries[entry.version] = entry
                if item.get("preferred"):
                    versions.default = entry.version
        except (ValueError, TypeError, KeyError) as error:
            raise PublishError(f"{origin} is not a versions list: {error}") from error
        return versions

    def to_json(self) -> list[dict]:
        ordered = sorted(self.entries, key=sort_key, reverse=True)
        return [self.entries[v].to_json(v == self.default) for v in ordered]

    # -- queries ----------------------------------------------------------------

    def aliases(self) -> dict[str, str]:
        """Every alias and the version it points to."""
        return {a: e.version for e in self.entries.values() for a in e.aliases}

    def resolve(self, name: str) -> str:
        """The version ``name`` is, or is an alias of."""
        if name in self.entries:
            return name
        target = self.aliases().get(name)
        if target is None:
            raise PublishError(f"no version or alias named {name!r}")
        return target

    # -- changes (in memory; Site.apply writes them) -----------------------------

    def add(self, version: str, title: str | None) -> Entry:
        if version in self.aliases():
            raise PublishError(
                f"{version!r} is an alias of {self.aliases()[version]!r}; "
                "delete the alias first"
            )
        entry = self.entries.setdefault(version, Entry(version, version))
        if title is not None:
            entry.name = title
        if self.default is None:
            self.default = version
        return entry

    def point_aliases(self, version: str, aliases: list[str]) -> dict[str, str]:
        """Point ``aliases`` at ``version``; returns {alias: previous version}."""
        moved = {}
        for alias in aliases:
            if alias in self.entries:
                raise PublishError(f"alias {alias!r} is already a version name")
            previous = self.aliases().get(alias)
            if previous == version:
                continue
            if previous is not None:
                self.entries[previous].aliases.remove(alias)
                moved[alias] = previous
            self.entries[version].aliases.append(alias)
        return moved

    def remove(self, version: str) -> Entry:
        entry = self.entries.pop(version)
        if self.default == version:
            remaining = sorted(self.entries, key=sort_key, reverse=True)
            self.default = remaining[0] if remaining else None
        return entry

    def remove_alias(self, alias: str) -> str:
        target = self.aliases()[alias]
        self.entries[target].aliases.remove(alias)
        return target
