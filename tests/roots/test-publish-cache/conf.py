"""A Deckbook project whose pages depend on other files and pages (doctree cache)."""

extensions = ["deckbook"]
project = "Cache fixture"
language = "ko"
html_theme = "sphinx_book_theme"
html_title = "Cache fixture"
exclude_patterns = ["_build", "snippets"]
myst_enable_extensions = ["substitution"]
# A value of the "env" kind: pages show it as read.
myst_substitutions = {"product": "제품 가"}
deckbook_site_url = "https://first.example"  # Liquid {{ site.url }}, "env" kind
