# pydata-sphinx-theme's own version switcher and old-version banner, both rendered by
# its JavaScript from switcher.json (Deckbook's publish has its own; a project may
# still configure pydata's).
extensions = ["deckbook"]
language = "ko"
project = "옛 버전"
author = "덱북 팀"
copyright = "2026, 덱북 팀"
version = release = "1.0"
html_theme = "sphinx_book_theme"
html_title = "옛 버전"
html_static_path = ["_static"]
html_theme_options = {
    "switcher": {"json_url": "_static/switcher.json", "version_match": "1.0"},
    "check_switcher": False,
    "show_version_warning_banner": True,
    "article_header_start": ["toggle-primary-sidebar.html", "version-switcher"],
}
