"""The encoding feature alone, so Sphinx may read in parallel (pages: test-encoding).

sphinx_revealjs, which the deckbook package loads, declares itself not
parallel-read-safe; this root wires only MyST and the codec.
"""

import sys
from pathlib import Path

for folder in Path(__file__).resolve().parents:
    if (folder / "ext" / "deckbook").is_dir():
        sys.path.insert(0, str(folder / "ext"))
        break

extensions = ["myst_parser"]


def setup(app):
    from deckbook.source.encoding import setup_encoding

    setup_encoding(app)
