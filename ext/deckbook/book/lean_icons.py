"""The book ships only the FontAwesome glyphs its pages use (issue 16).

pydata-sphinx-theme's stylesheet draws every icon with FontAwesome's web fonts
(``.fa-solid::before { content: var(--fa) }`` and one ``.fa-NAME { --fa: "\\f002" }``
rule an icon); :mod:`deckbook.book.lean_pages` leaves out ``fontawesome.js``, so those
fonts are
what the reader sees: 110-115 KB each for the solid and brands sets, all of it fetched
for the one magnifying glass of the search button.

Once the book is written, this rewrites the three fonts in the output's
``_static/vendor/fontawesome/webfonts`` (never the theme's) with fontTools, keeping the
glyphs of

- every ``fa-NAME`` class found in the output's HTML and JavaScript (pages, templates,
  the theme's scripts, which switch icons by class name), through the stylesheet's map;
- every other FontAwesome code point the output's stylesheets name (the admonition
  and link icons ``--pst-icon-*``, written as literal private-use characters, drawn
  by CSS alone).

The subset is made from the theme's own font each time, so a later build that uses a
new icon gets it; when the glyphs and the fonts are those the last subset wrote
(recorded in the doctree folder), nothing is done. When the glyphs are the same but
Sphinx copied the whole fonts back (a publish copies every static file again, as a
cold build), the subsets kept in the doctree folder are put back: fontTools'
subsetting of the three fonts was a tenth of a publish from the cache.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pydata_sphinx_theme
from sphinx.util import logging

from .._assets import BOOK_BUILDERS, book_output, read_kept
from . import css_links, forked, lean_css

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

THEME_STATIC = Path(pydata_sphinx_theme.__file__).parent.joinpath(
    "theme", "pydata_sphinx_theme", "static"
)
FONTS = "vendor/fontawesome/webfonts"
STYLESHEET = "styles/pydata-sphinx-theme.css"
STAMP = "deckbook-icons.json"  # in the doctree folder: the glyphs and fonts written
# The icon map: `.fa-magnifying-glass{--fa:"\f002"}` (a rule may list aliases).
_MAP_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+,?)+)\{--fa:"\\([0-9a-f]+)"')
_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
_ESCAPE = re.compile(r'"\\([0-9a-f]{4,5})"')
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_SCANNED = (".html", ".js")
_SUFFIXES = (*_SCANNED, ".css")
SCANS = "deckbook-icons-scan.json"  # in the doctree folder: each file's code points
# Part of the scan's key: a record written by a scan that read the trimmed sheets
# (before they were read as they were before the trim) is not taken.
SCAN_FORMAT = 2
KEPT = "deckbook-icons"  # in the doctree folder: the subsets last written


def icon_map(css: str) -> dict[str, int]:
    """``fa-NAME`` → its code point, from the stylesheet's map rules."""
    found = {}
    for names, code in _MAP_RULE.findall(css):
        for name in names.split(","):
            found[name.lstrip(".")] = int(code, 16)
    return found


def css_code_points(css: str) -> set[int]:
    """Code points a stylesheet draws outside the class map."""
    rest = _MAP_RULE.sub("", css)
    points = {int(code, 16) for code in _ESCAPE.findall(rest)}
    return points | {ord(char) for char in _PRIVATE_USE.findall(rest)}


class IconScan:
    """What the book's output draws, read in two steps: the stylesheets at once
    (pydata-sphinx-theme and ``lean_css.py`` rewrite some of them afterwards, at
    ``build-finished``), the pages and scripts when :meth:`code_points` is asked,
    maybe in another process (``forked.py``).

    ``scans``: where the code points of each file scanned are kept, with its size
    and time; a file unchanged since is not read again (a one-page rebuild rewrites
    a few of the hundreds of pages, and reading them all took a second)."""

    def __init__(
        self,
        outdir: Path,
        static: Path,
        scans: Path | None = None,
        untrimmed: dict[Path, Path] | None = None,
    ) -> None:
        # A stylesheet the last build trimmed is read as it was before
        # (``untrimmed``, from lean_css.py): trimmed, it names only the icons the
        # pages used then, and an icon new in this build would get no glyph.
        self.untrimmed = untrimmed or {}
        css = _text(self.untrimmed.get(static / STYLESHEET, static / STYLESHEET))
        self.static, self.scans, self.icons = static, scans, icon_map(css)
        self.key = hashlib.sha256(f"{SCAN_FORMAT}\0{css}".encode()).hexdigest()
        recorded = _stamped(scans) if scans is not None else None
        self.known = (
            recorded["files"] if recorded and recorded.get("key") == self.key else {}
        )
        self.found: dict[str, list] = {}
        self.pending: list[tuple[Path, str, os.stat_result]] = []  # pages, scripts
        for path in _files(outdir):
            info = path.stat()
            name = path.relative_to(outdir).as_posix()
            last = self.known.get(name)
            if last and last[:2] == [info.st_size, info.st_mtime_ns]:
                self.found[name] = last
            elif path.suffix == ".css":
                self._read(path, name, info)
            else:
                self.pending.append((path, name, info))

    def code_points(self) -> set[int]:
        for path, name, info in self.pending:
            self._read(path, name, info)
        self.pending = []
        if self.scans is not None and self.found != self.known:
            self.scans.write_text(
                json.dumps({"key": self.key, "files": self.found}), "utf-8"
            )
        return {point for entry in self.found.values() for point in entry[2:]}

    def _read(self, path: Path, name: str, info: os.stat_result) -> None:
        source = self.untrimmed.get(path, path)
        if (points := _scan(path, self.static, self.icons, source)) is not None:
            self.found[name] = [info.st_size, info.st_mtime_ns, *sorted(points)]


def used_code_points(outdir: Path, static: Path, scans: Path | None = None) -> set[int]:
    """The code points the book's output draws (:class:`IconScan`, in one step)."""
    return IconScan(outdir, static, scans).code_points()


def _scan(
    path: Path, static: Path, icons: dict[str, int], source: Path | None = None
) -> set[int] | None:
    """The code points one file uses (its text read from ``source``, if given);
    None for a file that draws no icon."""
    if path.suffix == ".css" and static in path.parents:
        return css_code_points(_text(source or path))
    if path.suffix in _SCANNED and path.name != "fontawesome.js":
        return {icons[n] for n in _CLASS.findall(_text(source or path)) if n in icons}
    return None


def _files(outdir: Path) -> list[Path]:
    """The book's files: not the decks' (their pages load their own static files,
    and the deck pass may still be writing them)."""
    found = []
    for root, names in book_output(outdir):
        found += [Path(root, name) for name in names if name.endswith(_SUFFIXES)]
    return found


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def subset_fonts(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name not in BOOK_BUILDERS:
        return
    if not app.config.deckbook_lean_pages:
        return
    outdir = Path(app.outdir)
    static = outdir / "_static"
    fonts = static / FONTS
    if not (static / STYLESHEET).is_file() or not fonts.is_dir():
        return  # another theme
    scans = Path(app.doctreedir, SCANS)
    scan = IconScan(outdir, static, scans, lean_css.untrimmed_sources(app))
    work = functools.partial(_write_subsets, scan, fonts, Path(app.doctreedir))
    # Reading every page back is worth a process beside the stylesheets' trim; the
    # few pages of a one-page rebuild are not.
    forked.start(app, "icons", work, in_a_fork=len(scan.pending) >= FORK_AT)


FORK_AT = 100  # pages and scripts to read


def wait_for_subsets(app: Sphinx, exception: Exception | None) -> None:
    """The last ``build-finished`` handler: the subset is made (or failed)."""
    failure = forked.join(app, "icons")
    _carry_over(Path(app.doctreedir, SCANS), css_links.take_rewritten(app))
    if failure:
        logger.warning(
            "deckbook: the FontAwesome fonts were not subset: %s",
            failure,
            type="deckbook",
            subtype="icons",
        )


def _carry_over(scans: Path, rewritten: dict[str, tuple]) -> None:
    """What was read of the pages ``css_links.py`` set since holds for them as they
    are now: only a stylesheet's sum changed, never an icon (a next pass that read
    them all again would take as long as this one)."""
    recorded = _stamped(scans) if rewritten else None
    if not recorded or not isinstance(recorded.get("files"), dict):
        return
    files = recorded["files"]
    for name, (before, after) in rewritten.items():
        entry = files.get(name)
        if isinstance(entry, list) and entry[:2] == list(before):
            entry[:2] = list(after)
    scans.write_text(json.dumps(recorded), "utf-8")


def _write_subsets(scan: IconScan, fonts: Path, doctreedir: Path) -> None:
    points = scan.code_points()
    stamp = doctreedir / STAMP
    key = hashlib.sha256(
        repr((pydata_sphinx_theme.__version__, sorted(points))).encode()
    ).hexdigest()
    # Sphinx's static copy may have put the whole fonts back since.
    recorded = _stamped(stamp) or {}
    if recorded == {"key": key, "fonts": _digests(fonts)}:
        return
    kept = doctreedir / KEPT
    if recorded.get("key") == key and _put_back(kept, fonts, recorded.get("fonts")):
        return
    for source in sorted((THEME_STATIC / FONTS).glob("*.woff2")):
        _subset_one(source, fonts / source.name, points)
    subsets = _fonts(fonts)
    kept.mkdir(exist_ok=True)
    for name, data in subsets.items():
        (kept / name).write_bytes(data)
    digests = {name: _digest(data) for name, data in subsets.items()}
    stamp.write_text(json.dumps({"key": key, "fonts": digests}), "utf-8")


def _put_back(kept: Path, fonts: Path, digests: object) -> bool:
    """The subsets written for the same glyphs, if every one is kept as it was."""
    if not isinstance(digests, dict) or not digests:
        return False
    subsets = {name: read_kept(kept / name) for name in digests}
    if any(
        data is None or _digest(data) != digests[name] for name, data in subsets.items()
    ):
        return False
    for name, data in subsets.items():
        (fonts / name).write_bytes(data)
    return True


def _stamped(stamp: Path) -> dict | None:
    try:
        return json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _fonts(fonts: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(fonts.glob("*.woff2"))}


def _digests(fonts: Path) -> dict[str, str]:
    return {name: _digest(data) for name, data in _fonts(fonts).items()}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _subset_one(source: Path, target: Path, points: set[int]) -> None:
    # Imported here: a build that puts the kept subsets back (a one-page edit, a
    # publish from the cache) never needs fontTools, whose import is 60 ms of the
    # start-up of each of its processes.
    from fontTools import subset
    from fontTools.ttLib import TTLibError

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keep the licence and names
    options.notdef_outline = True
    try:
        font = subset.load_font(str(source), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(points))
        subsetter.subset(font)
        subset.save_font(font, str(target), options)
    except (TTLibError, OSError, ValueError) as error:
        # The theme's whole font stays: icons still show, only heavier.
        logger.info("deckbook: FontAwesome subset of %s failed: %s", source.name, error)


def setup_lean_icons(app: Sphinx) -> None:
    app.connect("build-finished", subset_fonts)
    # After lean_css.py's trim (900), which runs meanwhile.
    app.connect("build-finished", wait_for_subsets, priority=950)
