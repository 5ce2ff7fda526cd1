extensions = ["deckbook"]
project = "Links"
html_theme = "sphinx_book_theme"
deckbook_slides_patterns = ["_posts/2024-02-02-*"]
