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

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pydata_sphinx_theme
from sphinx.util import logging

from .._assets import BOOK_BUILDERS, book_output, read_kept

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


def used_code_points(outdir: Path, static: Path, scans: Path | None = None) -> set[int]:
    """``scans``: where the code points of each file scanned are kept, with its size
    and time; a file unchanged since is not read again (a one-page rebuild rewrites
    a few of the hundreds of pages, and reading them all took a second)."""
    css = (static / STYLESHEET).read_text(encoding="utf-8")
    icons = icon_map(css)
    key = hashlib.sha256(css.encode()).hexdigest()
    recorded = _stamped(scans) if scans is not None else None
    known = recorded["files"] if recorded and recorded.get("key") == key else {}
    found: dict[str, list] = {}
    for path in _files(outdir):
        info = path.stat()
        name = path.relative_to(outdir).as_posix()
        last = known.get(name)
        if last and last[:2] == [info.st_size, info.st_mtime_ns]:
            found[name] = last
        elif (points := _scan(path, static, icons)) is not None:
            found[name] = [info.st_size, info.st_mtime_ns, *sorted(points)]
    if scans is not None and found != known:
        scans.write_text(json.dumps({"key": key, "files": found}), "utf-8")
    return {point for entry in found.values() for point in entry[2:]}


def _scan(path: Path, static: Path, icons: dict[str, int]) -> set[int] | None:
    """The code points one file uses; None for a file that draws no icon."""
    if path.suffix == ".css" and static in path.parents:
        return css_code_points(_text(path))
    if path.suffix in _SCANNED and path.name != "fontawesome.js":
        return {icons[n] for n in _CLASS.findall(_text(path)) if n in icons}
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
    points = used_code_points(outdir, static, Path(app.doctreedir, SCANS))
    stamp = Path(app.doctreedir, STAMP)
    key = hashlib.sha256(
        repr((pydata_sphinx_theme.__version__, sorted(points))).encode()
    ).hexdigest()
    # Sphinx's static copy may have put the whole fonts back since.
    recorded = _stamped(stamp) or {}
    if recorded == {"key": key, "fonts": _digests(fonts)}:
        return
    kept = Path(app.doctreedir, KEPT)
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
