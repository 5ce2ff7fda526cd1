"""A tiny Deckbook project, laid out like the real one (conf.py above docs/)."""

import os
from pathlib import Path

extensions = ["deckbook"]
project = "Publish fixture"
language = "ko"
html_theme = "sphinx_book_theme"
html_title = "Publish fixture"
myst_heading_anchors = 2
exclude_patterns = ["_build"]

# The tests count builds: each Sphinx run (book pass, deck pass) appends a line.
BUILD_LOG = os.environ.get("DECKBOOK_TEST_BUILD_LOG")
if BUILD_LOG:
    with Path(BUILD_LOG).open("a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {Path(__file__).parent.name}\n")
