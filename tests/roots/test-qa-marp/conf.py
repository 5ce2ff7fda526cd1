extensions = ["deckbook"]
project = "Q&A fixture: qa-marp"
language = "ko"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
deckbook_slides_patterns = ["*"]
