extensions = ["deckbook"]
language = "ko"
project = "검색 시험"
author = "덱북 팀"
copyright = "2026, 덱북 팀"
html_theme = "sphinx_book_theme"
html_title = "검색 시험"
