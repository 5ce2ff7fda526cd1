extensions = ["deckbook"]
project = "Content safety fixtures"
language = "ko"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
