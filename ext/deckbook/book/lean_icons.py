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
(recorded in the doctree folder), nothing is done.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pydata_sphinx_theme
from fontTools import subset
from fontTools.ttLib import TTLibError
from sphinx.util import logging

from .._assets import BOOK_BUILDERS

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


def used_code_points(outdir: Path, static: Path) -> set[int]:
    icons = icon_map((static / STYLESHEET).read_text(encoding="utf-8"))
    points: set[int] = set()
    for path in outdir.rglob("*"):
        if path.suffix == ".css" and static in path.parents:
            points |= css_code_points(_text(path))
        elif path.suffix in _SCANNED and path.name != "fontawesome.js":
            text = _text(path)
            points |= {icons[n] for n in _CLASS.findall(text) if n in icons}
    return points


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
    points = used_code_points(outdir, static)
    stamp = Path(app.doctreedir, STAMP)
    key = hashlib.sha256(
        repr((pydata_sphinx_theme.__version__, sorted(points))).encode()
    ).hexdigest()
    # Sphinx's static copy may have put the whole fonts back since.
    if _stamped(stamp) == {"key": key, "fonts": _digests(fonts)}:
        return
    for source in sorted((THEME_STATIC / FONTS).glob("*.woff2")):
        _subset_one(source, fonts / source.name, points)
    stamp.write_text(json.dumps({"key": key, "fonts": _digests(fonts)}), "utf-8")


def _stamped(stamp: Path) -> dict | None:
    try:
        return json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _digests(fonts: Path) -> dict[str, str]:
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(fonts.glob("*.woff2"))
    }


def _subset_one(source: Path, target: Path, points: set[int]) -> None:
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
