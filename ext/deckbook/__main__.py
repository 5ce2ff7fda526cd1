"""``python -m deckbook``: the command-line entry point (see
:mod:`deckbook.site.cli`)."""

import gc
import sys

from .site.cli import main

status = main()
gc.freeze()  # about to exit, everything written: let the OS free the memory
sys.exit(status)
