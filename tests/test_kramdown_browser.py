"""What a reader sees of a kramdown notice in Chromium: a visibly styled box, in the
book's light and dark modes and in a light and a dark deck, with every request
staying on localhost."""

from __future__ import annotations

import pytest

from tests.sites import build, copy_root
from tests.test_slides_browser import open_deck

POST = "posts/2024-01-10-attributes.html"
NOTICE = "div.admonition.deckbook-notice.notice--warning"
# The box's own colours against the first opaque background behind it.
COLOURS = """(selector) => {
  const box = document.querySelector(selector);
  const behind = el => {
    for (; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
    }
    return 'rgb(255, 255, 255)';
  };
  const style = getComputedStyle(box);
  const rect = box.getBoundingClientRect();
  return {box: style.backgroundColor, page: behind(box.parentElement),
          border: style.borderLeftColor, width: parseFloat(style.borderLeftWidth),
          shown: rect.width > 0 && rect.height > 0 && style.visibility === 'visible'};
}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """The fixture site built twice: decks on reveal.js's white and black themes."""
    built = {}
    for theme in ("white", "black"):
        srcdir = copy_root("kramdown", tmp_path_factory.mktemp(theme))
        built[theme] = build(srcdir, revealjs_style_theme=theme)
    return built


def _assert_styled(colours: dict) -> None:
    assert colours["shown"], colours
    assert colours["box"] not in ("rgba(0, 0, 0, 0)", "transparent"), colours
    assert colours["box"] != colours["page"], colours
    assert colours["border"] != colours["page"], colours
    assert colours["width"] >= 2, colours


def _assert_stayed_local(page) -> None:
    assert page.watch.foreign == []
    assert [u for u in page.watch.failed if not u.endswith("/favicon.ico")] == []
    assert page.watch.errors == []


def test_book_notice_is_a_styled_box_in_light_and_dark_mode(sites, serve, page):
    site = serve(sites["white"].book_dir)
    page.goto(site.url(POST))
    page.wait_for_load_state("networkidle")
    seen = {}
    for theme in ("light", "dark"):
        page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
        page.locator(NOTICE).scroll_into_view_if_needed()
        seen[theme] = page.evaluate(COLOURS, NOTICE)
        _assert_styled(seen[theme])
    # Dark mode recolours the box, it does not keep the light one on a dark page.
    assert seen["light"]["box"] != seen["dark"]["box"]
    assert seen["light"]["page"] != seen["dark"]["page"]
    _assert_stayed_local(page)


@pytest.mark.parametrize("theme", ["white", "black"])
def test_deck_notice_is_a_styled_box(sites, serve, page, theme):
    site = serve(sites[theme].book_dir)
    open_deck(page, site.url(f"slides/{POST}"))
    page.evaluate(f"""() => {{
      const slide = document.querySelector('{NOTICE}').closest('section');
      const at = Reveal.getIndices(slide);
      Reveal.slide(at.h, at.v);
    }}""")
    page.wait_for_function(
        f"document.querySelector('{NOTICE}').closest('section.present') !== null"
    )
    page.wait_for_load_state("networkidle")
    _assert_styled(page.evaluate(COLOURS, NOTICE))
    _assert_stayed_local(page)
