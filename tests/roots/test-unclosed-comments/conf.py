extensions = ["deckbook"]
project = "Unclosed comments"
language = "ko"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
