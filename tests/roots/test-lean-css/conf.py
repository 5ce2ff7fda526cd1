extensions = ["deckbook"]
project = "lean-css"
language = "ko"
html_theme = "sphinx_book_theme"
html_title = "lean-css"
exclude_patterns = ["_build"]
# The post gets a deck, as in the site's conf.py.
deckbook_slides_patterns = ["posts/*"]
revealjs_style_theme = "white"
