extensions = ["deckbook"]
language = "ko"
project = "Posts with mistakes"
