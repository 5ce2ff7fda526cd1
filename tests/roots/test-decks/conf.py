from pathlib import Path

extensions = ["deckbook"]
project = "Decks fixture"
language = "ko"
html_theme = "sphinx_book_theme"
deckbook_slides_patterns = ["posts/*"]
html_static_path = ["_static"]
exclude_patterns = ["_build", "reads.log"]

READ_LOG = Path(__file__).parent / "reads.log"


def _log_read(app, docname, source):
    # One line per document parsed, with the builder that parsed it: the tests prove
    # the deck pass parses nothing.
    with READ_LOG.open("a", encoding="utf-8") as log:
        log.write(f"{app.builder.name} {docname}\n")


def setup(app):
    app.connect("source-read", _log_read)
    # CSS registered the way extensions do it: sphinx-revealjs ignores it (trap 2).
    app.add_css_file("fixture.css")
