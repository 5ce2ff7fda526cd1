extensions = ["deckbook"]
project = "Marp core fixtures"
language = "ko"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
# Custom Marp themes, as marp-cli's --theme-set (relative to this folder).
deckbook_marp_themes = ["themes/*.css"]
