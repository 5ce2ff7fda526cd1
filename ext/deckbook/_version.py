"""Deckbook's version: in a module of its own, so no module imports the package's
``__init__`` (and, through it, every feature) to learn it."""

__version__ = "0.1.0"
