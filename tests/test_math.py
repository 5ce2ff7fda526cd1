"""Math (deckbook/math): which pages read ``$`` as math, in which dialect, and how it
reaches the book and the decks: MathJax from the build, on math pages only."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from sphinx.util.console import strip_escape_sequences

from deckbook.math.assets import SCRIPT

POST = "posts/2024-03-01-euler"


def warnings(app) -> list[str]:
    prefix = f"{Path(app.srcdir)}{os.sep}"
    lines = strip_escape_sequences(app.warning.getvalue()).splitlines()
    return [line.replace(prefix, "") for line in lines if "WARNING" in line]


def page(app, name: str) -> BeautifulSoup:
    html = (Path(app.outdir) / f"{name}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def maths(app, docname: str) -> list[tuple[str, str]]:
    """``(kind, TeX)`` of every math node the read phase made, in order."""
    found = []
    for node in app.env.get_doctree(docname).findall(
        lambda n: isinstance(n, (nodes.math, nodes.math_block))
    ):
        found.append((type(node).__name__, node.astext()))
    return found


def _normalised(tree: nodes.document, srcdir) -> str:
    text = tree.pformat().replace(str(srcdir), "<srcdir>")
    return re.sub(r' translation_progress="[^"]*"', "", text)


@pytest.mark.sphinx("html", testroot="math", freshenv=True)
def test_a_post_reads_math_as_kramdown_and_the_theme_do(app):
    app.build()
    assert warnings(app) == []
    assert maths(app, POST) == [
        ("math", r"e^{i\pi} + 1 = 0"),  # $$…$$ inside a paragraph: inline
        ("math", "a +\nb"),
        ("math_block", r"\sum_{n=1}^{\infty} \frac{1}{n^2} = \frac{\pi^2}{6}"),
        ("math", "x_1 + x_2"),  # the theme's single dollars
        ("math", "y^2"),  # \\(…\\)
        ("math_block", "a^2 + b^2 = c^2"),
        ("math", "5 + 5"),  # \$$ opening a paragraph: inline, as kramdown reads it
        ("math", r"\alpha"),
        ("math_block", r"\beta = \gamma"),  # inside the list item
    ]
    text = " ".join(page(app, POST).select_one("main").get_text(" ").split())
    assert "A price of $5 and $10 stays money" in text
    assert r"an escaped $x$ stays dollars" in text
    codes = [code.get_text() for code in page(app, POST).select("main code")]
    assert codes == ["$HOME", "$$not math$$"]


@pytest.mark.sphinx("html", testroot="math")
def test_marp_decks_read_math_as_marp_core_does(app):
    app.build()
    integral = r"f(x) = \int_{-\infty}^\infty \hat f(\xi)\,e^{2 \pi i \xi x}\,d\xi"
    assert maths(app, "decks/default") == [
        ("math", r"\sqrt{2}"),
        ("math_block", integral),
    ]
    kinds = [kind for kind, _ in maths(app, "decks/katex")]
    assert kinds == ["math", "math_block", "math_block", "math"]  # the last: a note
    default = page(app, "decks/default").select_one("main").get_text(" ")
    assert "In a line, $$x$$ is text, and $5 and $10 stay money." in " ".join(
        default.split()
    )


@pytest.mark.sphinx("html", testroot="math")
def test_other_pages_keep_their_dollars_unless_they_ask(app):
    app.build()
    assert maths(app, "money") == []
    assert maths(app, "posts/2024-03-02-no-math") == []  # $5 and $10: never math
    assert maths(app, "switch") == [("math", r"\pi r^2")]  # front matter math: true
    money = page(app, "money")
    assert "it costs $5 and $10, and $x$ is not math here" in money.get_text()
    assert not money.select(".math")


@pytest.mark.sphinx(
    "html",
    testroot="math",
    freshenv=True,
    confoverrides={"myst_enable_extensions": ["dollarmath"]},
)
def test_dollarmath_in_conf_is_myst_s_on_ordinary_pages_only(app):
    app.build()
    # MyST's own rules there (dmath_allow_space): "$5 and $" is math, as MyST says.
    assert maths(app, "money") == [("math", "5 and "), ("math", "x")]
    # The post keeps kramdown's reading: inline $$…$$ is inline math, not a block.
    assert maths(app, POST)[0] == ("math", r"e^{i\pi} + 1 = 0")


@pytest.mark.sphinx("html", testroot="math")
def test_the_book_loads_mathjax_from_the_build_on_math_pages_only(app):
    app.build()
    assert (Path(app.outdir) / "_static" / SCRIPT).is_file()
    for name, depth in ((POST, "../"), ("decks/katex", "../"), ("switch", "")):
        sources = [s.get("src") for s in page(app, name).select("script[src]")]
        assert f"{depth}_static/{SCRIPT}" in [s.split("?")[0] for s in sources]
        assert not [s for s in sources if "://" in s or s.startswith("//")]
    for name in ("money", "posts/2024-03-02-no-math", "index"):
        html = str(page(app, name))
        assert SCRIPT not in html and "MathJax" not in html


@pytest.mark.sphinx("revealjs", testroot="math")
def test_decks_load_the_same_mathjax_and_the_fitting_css(app):
    app.build()
    static = Path(app.outdir) / "_static"
    assert (static / SCRIPT).is_file() and (static / "deckbook-math.css").is_file()
    for name in ("decks/katex", "decks/default", POST):
        deck = page(app, name)
        sources = [s["src"].split("?")[0] for s in deck.select("script[src]")]
        assert f"../_static/{SCRIPT}" in sources
        assert deck.select(".slides .math")


@pytest.mark.sphinx(
    "html",
    testroot="math",
    freshenv=True,
    confoverrides={"mathjax_path": "mathjax/tex-chtml.js"},
)
def test_a_mathjax_of_the_project_s_own_is_left_alone(app):
    app.build()
    sources = [s["src"].split("?")[0] for s in page(app, POST).select("script[src]")]
    assert "../_static/mathjax/tex-chtml.js" in sources
    assert SCRIPT not in str(page(app, POST))
    assert SCRIPT not in [Path(path).name for path in app.config.html_static_path]


@pytest.mark.sphinx("html", testroot="math-bad", freshenv=True)
def test_an_unclosed_double_dollar_warns_and_keeps_the_text(app):
    app.build()
    message = (
        "WARNING: math: '$$' is never closed by another '$$'; it is shown as text "
        "(write a literal one as '\\$\\$') [deckbook.math]"
    )
    assert warnings(app) == [
        f"deck.md:9: {message}",
        f"posts/2024-04-01-unclosed.md:8: {message}",
    ]
    post = " ".join(page(app, "posts/2024-04-01-unclosed").main.get_text(" ").split())
    assert "$$ y = 1 The block above never closes, and every word stays." in post
    deck = " ".join(page(app, "deck").main.get_text(" ").split())
    assert "$$ z = 2 After it, still here." in deck
    assert maths(app, "posts/2024-04-01-unclosed") == [("math", "x")]


@pytest.mark.sphinx("revealjs", testroot="math")
def test_doctree_of_math_in_a_post_and_a_deck(app, file_regression):
    app.build()
    for docname in (POST, "decks/katex"):
        shared = app.env.get_doctree(docname)
        name = docname.replace("/", "_")
        file_regression.check(
            _normalised(shared, app.srcdir), basename=f"{name}_pre", extension=".xml"
        )
    deck = app.env.get_and_resolve_doctree("decks/katex", app.builder, tags=app.tags)
    file_regression.check(
        _normalised(deck, app.srcdir), basename="decks_katex_post", extension=".xml"
    )


# --- nothing lost: every word of the math fixtures reaches the book and the deck ----

MATH_PAGES = [
    ("math", POST),
    ("math", "posts/2024-03-02-no-math"),
    ("math", "decks/katex"),
    ("math", "decks/default"),
    ("math", "money"),
    ("math", "switch"),
    ("math-bad", "posts/2024-04-01-unclosed"),
    ("math-bad", "deck"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from deckbook.site.build import build_site
    from tests.sites import copy_root, site_options

    sites = {}
    for root in ("math", "math-bad"):
        srcdir = copy_root(root, tmp_path_factory.mktemp(root))
        options = site_options(srcdir)
        assert build_site(options) == 0
        sites[root] = (srcdir, options.book_dir)
    return sites


@pytest.mark.parametrize(("root", "docname"), MATH_PAGES)
def test_nothing_lost_in_the_book_and_the_deck(built, root, docname):
    from tests.nothing_lost import source_words, words
    from tests.sites import soup

    srcdir, book = built[root]
    body, notes = source_words((srcdir / f"{docname}.md").read_text(encoding="utf-8"))
    outputs = [(book / f"{docname}.html", "title, main")]
    deck = book / "slides" / f"{docname}.html"
    if docname.startswith("decks/") or docname in (POST, "deck"):
        outputs.append((deck, "title, .slides"))
    for path, selector in outputs:
        html = soup(path)
        for hidden in html.select("script, style"):
            hidden.decompose()
        shown = words(" ".join(node.get_text(" ") for node in html.select(selector)))
        assert sorted((body | notes) - shown) == [], path


@pytest.mark.sphinx(
    "html",
    testroot="math",
    freshenv=True,
    confoverrides={
        "extensions": ["deckbook", "sphinx.ext.imgmath"],
        "html_math_renderer": "imgmath",
    },
)
def test_another_math_renderer_gets_no_mathjax_copy(app):
    # No build: imgmath would need LaTeX. The builder is set up, static path decided.
    assert app.builder.math_renderer_name == "imgmath"
    assert SCRIPT not in [Path(path).name for path in app.config.html_static_path]
