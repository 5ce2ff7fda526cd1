extensions = ["deckbook"]
project = "kramdown"
language = "en"
html_theme = "sphinx_book_theme"
# Posts get decks, as in the site's conf.py.
deckbook_slides_patterns = ["posts/[0-9]*"]
