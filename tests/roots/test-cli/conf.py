extensions = ["deckbook"]
project = "CLI fixture"
exclude_patterns = ["_build"]
