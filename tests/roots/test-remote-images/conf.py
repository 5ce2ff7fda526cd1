extensions = ["deckbook"]
project = "Remote images"
language = "ko"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
# deckbook_remote_images is left at its default ("vendor"). The pages name images on a
# server the test starts on 127.0.0.1 (HOST is replaced by its address before a build).
