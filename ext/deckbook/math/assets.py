"""MathJax, served from the build: the book's and the decks' math, typeset offline.

Sphinx's ``sphinx.ext.mathjax`` (loaded by every HTML builder, sphinx-revealjs's
included) already writes math as ``\\(…\\)``/``\\[…\\]`` in ``.math`` elements and
adds its script only to pages that have math, but from a CDN by default. We point it
at a local copy, unless conf names a script of its own.

The copy: MathJax 3.2.2 (Apache-2.0), the last MathJax 3 release, as the
``django-static-mathjax`` wheel ships it (the MathJax distribution, packaged by the
PhysioNet team, released 2025). Other candidates: ``sphinx-mathjax-offline`` 0.0.2 is
the same MathJax from 2022, in a package directory named with hyphens and contradicting
licence metadata; ``jupyter-server-mathjax`` is MathJax 2.7; no maintained wheel ships
KaTeX's files or MathJax 4 (npm does, the project installs from PyPI). We serve one
file of it, ``tex-svg-full.js``: every TeX package is inside (nothing is fetched on
demand, so no request can miss), and SVG output needs no web fonts and scales with
reveal.js's slides, as marp-core's own MathJax output (SVG) does. ``fontCache: none``
keeps each formula self-contained, so the speaker view's copy of a note still draws.

MathJax processes ``.math`` elements only (a ``$`` or ``\\(`` elsewhere in a page is
text, whatever the page is), and decks scale a display formula wider than its slide
down to fit (``deckbook-math.css``, marp-core's ``width: 100%; height: auto`` idea).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.ext.mathjax import MATHJAX_URL

from .._assets import DECK_BUILDERS

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

SCRIPT = "tex-svg-full.js"
STATIC = Path(__file__).parent / "static"
MATHJAX_CONFIG = {
    "tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]]},
    # Only Sphinx's math elements: `ignoreHtmlClass` matches every other element.
    "options": {"ignoreHtmlClass": ".*", "processHtmlClass": "math"},
    "svg": {"fontCache": "none"},
}


def vendored_script() -> Path:
    return Path(str(resources.files("mathjax"))) / "static" / "mathjax" / "es5" / SCRIPT


def use_local_mathjax(app: Sphinx, config: Config) -> None:
    """Sphinx's default CDN address becomes the copy this build serves."""
    if config.mathjax_path != MATHJAX_URL:
        return  # conf chose a MathJax of its own
    config.mathjax_path = SCRIPT
    if not (config.mathjax3_config or config.mathjax4_config or config.mathjax2_config):
        config.mathjax3_config = MATHJAX_CONFIG


def ship_mathjax(app: Sphinx) -> None:
    """The script in every HTML build's ``_static`` (a deck's too); pages load it only
    when they have math. The decks' fitting CSS, for deck builders only."""
    if app.builder.format != "html" or app.config.mathjax_path != SCRIPT:
        return
    if getattr(app.builder, "math_renderer_name", None) != "mathjax":
        return  # conf chose another renderer (imgmath…): no MathJax to serve
    script = str(vendored_script())
    if script not in app.config.html_static_path:
        app.config.html_static_path.append(script)
    if app.builder.name in DECK_BUILDERS:
        app.config.html_static_path.append(str(STATIC))
        app.builder.add_css_file("deckbook-math.css")


def setup_assets(app: Sphinx) -> None:
    # After sphinx.ext.mathjax registered its config values; late, so conf's own
    # config-inited handlers have had their say.
    app.connect("config-inited", use_local_mathjax, priority=800)
    app.connect("builder-inited", ship_mathjax)
