extensions = ["deckbook"]
project = "Exports"
language = "ko"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
# The gallery and og:image need the decks' first slides pictured (Chromium).
deckbook_deck_thumbnails = True
