extensions = ["deckbook"]
language = "ko"
project = "Posts"
html_theme = "sphinx_book_theme"
