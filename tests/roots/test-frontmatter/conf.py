extensions = ["deckbook"]
language = "ko"
project = "Frontmatter"
myst_heading_anchors = 3
