"""``python -m deckbook``: the command-line entry point (see
:mod:`deckbook.site.cli`)."""

import sys

from .site.cli import main
from .speed import skip_final_collection

status = main()
skip_final_collection()  # the site is written: let the OS free its memory
sys.exit(status)
