extensions = ["deckbook"]
project = "Marp fixtures"
language = "ko"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
# Tests never reach the web: the remote background stays a labelled link here
# (vendoring is tested against a server on 127.0.0.1 in test_remote_images.py).
deckbook_remote_images = "link"
