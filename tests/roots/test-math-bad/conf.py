extensions = ["deckbook"]
language = "en"
project = "Math bad"
html_theme = "sphinx_book_theme"
