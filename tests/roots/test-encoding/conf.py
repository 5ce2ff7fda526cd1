"""Pages in odd encodings; tests/test_encoding.py writes their bytes into a copy."""

import sys
from pathlib import Path

# Built in place, find ext/ up the tree; a copy in a temp folder relies on
# tests/conftest.py having put ext/ on sys.path already.
for folder in Path(__file__).resolve().parents:
    if (folder / "ext" / "deckbook").is_dir():
        sys.path.insert(0, str(folder / "ext"))
        break

extensions = ["deckbook"]
