"""Deckbook site configuration: declarative only, the logic lives in ext/deckbook."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "ext"))

project = "Deckbook"
author = "Deckbook 팀"
copyright = "2026, Deckbook 팀"
language = "ko"

extensions = ["deckbook"]
exclude_patterns = ["_build", "**/.DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3

html_theme = "sphinx_book_theme"
html_title = "Deckbook"
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": True,
}

# Dated posts (posts/YYYY-MM-DD-*.md) are presented as decks too. Marp decks always
# are, and any page can opt in or out with `slides: true|false` in its front matter.
deckbook_slides_patterns = ["posts/[0-9]*"]

revealjs_style_theme = "white"

# Picture each deck's title slide (Chromium) for the decks gallery and og:image.
deckbook_deck_thumbnails = True

# Remote images are vendored into the build when the machine is online; an offline
# build shows them as labelled links, which must not fail `-W` (tox -e docs).
suppress_warnings = ["deckbook.remote_image"]
