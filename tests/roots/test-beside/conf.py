"""A site whose passes note where and when they run (tests/test_decks_beside.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

extensions = ["deckbook", "passlog"]
project = "Beside fixture"
language = "en"
exclude_patterns = ["_build", "passes.log"]
