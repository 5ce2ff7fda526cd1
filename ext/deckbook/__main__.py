"""``python -m deckbook``: the command-line entry point (see :mod:`deckbook.cli`)."""

import sys

from .cli import main

sys.exit(main())
