extensions = ["deckbook"]
language = "en"
project = "Math"
html_theme = "sphinx_book_theme"
deckbook_slides_patterns = ["posts/2024-03-01*"]
