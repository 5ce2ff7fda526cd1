"""Math as a reader sees it in Chromium: typeset by the build's MathJax in the book and
in the decks, a wide formula fitted to its slide, and nothing fetched off localhost."""

from __future__ import annotations

import pytest

from deckbook.site.build import build_site
from tests.sites import copy_root, site_options

POST = "posts/2024-03-01-euler"
TYPESET = "window.MathJax && MathJax.startup && MathJax.startup.promise"


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    srcdir = copy_root("math", tmp_path_factory.mktemp("math"))
    options = site_options(srcdir)
    assert build_site(options) == 0
    return options.book_dir


@pytest.fixture
def site(book, serve):
    return serve(book)


def _typeset(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(TYPESET)
    page.evaluate("MathJax.startup.promise.then(() => true)")


def _stayed_local(page) -> None:
    assert page.watch.foreign == []
    assert [u for u in page.watch.failed if not u.endswith("/favicon.ico")] == []
    assert page.watch.errors == []


def _math_state(page) -> dict:
    return page.evaluate(
        """() => ({
        sources: document.querySelectorAll('.math').length,
        typeset: document.querySelectorAll('.math mjx-container[jax="SVG"] svg').length,
        raw: [...document.querySelectorAll('.math')].filter(
            (m) => !m.querySelector('mjx-container')).map((m) => m.textContent),
        errors: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
    })"""
    )


def test_the_post_s_math_is_typeset_in_the_book(site, page):
    _typeset(page, site.url(f"{POST}.html"))
    state = _math_state(page)
    assert state["sources"] == 9 and state["raw"] == [] and state["errors"] == 0
    assert state["typeset"] == 9
    displays = page.locator('main mjx-container[display="true"]')
    assert displays.count() == 3
    # Text and code keep their dollars.
    assert page.get_by_text("A price of $5 and $10 stays money", exact=False).count()
    assert page.locator("main code", has_text="$HOME").is_visible()
    _stayed_local(page)


def test_an_ordinary_page_with_dollars_loads_no_mathjax(site, page):
    page.goto(site.url("money.html"))
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.MathJax") == "undefined"
    assert page.locator("mjx-container").count() == 0
    assert "it costs $5 and $10" in page.locator("main").inner_text()
    _stayed_local(page)


@pytest.mark.parametrize("deck", ["decks/katex", "decks/default", POST])
def test_math_is_typeset_in_the_decks(site, page, deck):
    _typeset(page, site.url(f"slides/{deck}.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    state = _math_state(page)
    assert state["sources"] > 0 and state["raw"] == [] and state["errors"] == 0
    assert state["typeset"] == state["sources"]
    _stayed_local(page)


def test_the_speaker_note_s_math_is_typeset_too(site, page):
    _typeset(page, site.url("slides/decks/katex.html"))
    note = page.locator("aside.notes .math mjx-container svg")
    assert note.count() == 1
    _stayed_local(page)


WIDE = """() => {
    const slide = Reveal.getCurrentSlide();
    const content = slide.querySelector('[data-marp-layer="content"]') || slide;
    const box = content.getBoundingClientRect();
    const svg = slide.querySelector('mjx-container[display="true"] svg');
    const r = svg.getBoundingClientRect();
    return {left: r.left - box.left, right: box.right - r.right, width: r.width,
            height: r.height, box: box.width};
}"""


def test_a_too_wide_formula_is_scaled_down_to_fit_its_slide(site, page):
    _typeset(page, site.url("slides/decks/katex.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.evaluate("Reveal.slide(1)")
    fitted = page.evaluate(WIDE)
    assert fitted["left"] >= -1 and fitted["right"] >= -1 and fitted["height"] > 5
    # Without deckbook-math.css the same formula runs off the slide: it is wide.
    page.evaluate(
        "document.querySelector('link[href*=\"deckbook-math.css\"]').disabled = true"
    )
    natural = page.evaluate(WIDE)
    assert natural["right"] < -50 and natural["width"] > fitted["width"] * 1.2
    # A formula that fits keeps its natural size (no blow-up to the slide's width).
    page.evaluate(
        "document.querySelector('link[href*=\"deckbook-math.css\"]').disabled = false"
    )
    page.evaluate("Reveal.slide(0)")
    small = page.evaluate(WIDE)
    assert small["width"] < small["box"] * 0.8
    _stayed_local(page)


def test_the_post_s_deck_fits_after_math_is_typeset(site, page):
    _typeset(page, site.url(f"slides/{POST}.html"))
    page.wait_for_function(
        "document.documentElement.getAttribute('data-deckbook-fit') === 'done'"
    )
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('.reveal .slides section')]
        .filter((s) => !s.querySelector('section'))
        .map((s) => s.scrollHeight - Reveal.getConfig().height)
        .filter((d) => d > 1)"""
    )
    assert overflow == []
    _stayed_local(page)


@pytest.mark.parametrize("deck", ["decks/katex", POST])
def test_a_printed_deck_shows_typeset_math(book, tmp_path, browser, deck):
    """``deckbook pdf`` waits for MathJax: no raw ``\\(…\\)`` source in the PDF."""
    from pypdf import PdfReader

    from deckbook.site.exports.pdf import deck_to_pdf

    output = tmp_path / "deck.pdf"
    slides = deck_to_pdf(book / "slides" / f"{deck}.html", output, browser=browser)
    text = " ".join(page.extract_text() for page in PdfReader(output).pages)
    assert slides == len(PdfReader(output).pages)
    assert "\\(" not in text and "\\[" not in text and "\\frac" not in text
