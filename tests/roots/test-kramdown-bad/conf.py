extensions = ["deckbook"]
project = "kramdown-bad"
language = "en"
html_theme = "sphinx_book_theme"
