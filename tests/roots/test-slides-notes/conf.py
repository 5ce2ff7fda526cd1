extensions = ["deckbook"]
project = "Notes in ordinary pages"
language = "ko"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
