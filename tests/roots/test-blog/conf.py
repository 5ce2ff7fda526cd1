# A Jekyll blog's _posts/ as Jekyll's own docs write them (posts, permalinks, front
# matter, excerpts) and its plugins' docs (jekyll-feed, jekyll-seo-tag,
# jekyll-redirect-from), with the _config.yml keys Sphinx has no name for.
extensions = ["deckbook"]
project = "Jekyll Blog"
author = "Site Author"
language = "en"
html_theme = "sphinx_book_theme"
html_title = "My Jekyll Blog"
myst_heading_anchors = 2
deckbook_site = {"url": "https://blog.example.org", "baseurl": "/blog"}
suppress_warnings = ["myst.header"]  # posts start at ##: another part of issue 12
