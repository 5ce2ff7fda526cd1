"""Navigation fixture: nested toctrees, captions, hidden and glob toctrees, a page
listed twice, one deeper than the sidebar shows, an external link, posts with
categories (generated pages), and an orphan."""

extensions = ["deckbook"]
project = "Navigation"
language = "ko"
html_theme = "sphinx_book_theme"
html_theme_options = {"max_navbar_depth": 3}
exclude_patterns = ["_build"]
