"""Exports of a built deck, as Marp CLI offers them: ``deckbook pptx`` (a picture a
slide, speaker notes as PowerPoint notes), ``deckbook images`` (a PNG a slide), and
the decks' title-slide pictures: the ``{deck-gallery}`` and the pages' ``og:image``."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from deckbook.site.exports.pptx import deck_to_pptx
from tests.sites import build_with_warnings, copy_root, soup

EXT = Path(__file__).resolve().parent.parent / "ext"
EMU_PER_PX = 9525


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    srcdir = copy_root("exports", tmp_path_factory.mktemp("exports"))
    options, status, warnings = build_with_warnings(srcdir)
    assert status == 0 and "WARNING" not in warnings, warnings
    return options


def _run(*args: str) -> subprocess.CompletedProcess:
    """The command as a user runs it: its own process and browser."""
    env = {**os.environ, "PYTHONPATH": str(EXT)}
    command = [sys.executable, "-m", "deckbook", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, check=False)


def _fitted_slides(browser, deck: Path) -> int:
    """How many slides a viewer sees, continuation slides included."""
    viewer = browser.new_page()
    viewer.goto(deck.as_uri())
    viewer.wait_for_function(
        "document.documentElement.getAttribute('data-deckbook-fit') === 'done'"
    )
    seen = viewer.evaluate("Reveal.getTotalSlides()")
    viewer.close()
    return seen


def test_pptx_of_a_marp_deck(site, tmp_path):
    output = tmp_path / "square.pptx"
    done = _run("pptx", str(site.decks_dir / "square.html"), "-o", str(output))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{output}: 3 slides"
    presentation = Presentation(str(output))
    # size: 4:3 is 960×720 px, PowerPoint's 10×7.5 in
    assert (presentation.slide_width, presentation.slide_height) == (
        960 * EMU_PER_PX,
        720 * EMU_PER_PX,
    )
    slides = list(presentation.slides)
    assert len(slides) == 3
    for slide in slides:
        (picture,) = slide.shapes
        assert (picture.left, picture.top) == (0, 0)
        assert (picture.width, picture.height) == (
            presentation.slide_width,
            presentation.slide_height,
        )
        # twice the slide's pixels (Marp CLI's default scale for PPTX)
        assert Image.open(io.BytesIO(picture.image.blob)).size == (1920, 1440)
    notes = [
        s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in slides
    ]
    assert notes == [
        "첫 장의 발표자 노트: 인사하고 시작합니다.",
        "노트의 첫 문단입니다.\n\n두 번째 문단, 굵게 쓴 말도 글자로 남습니다.",
        "",
    ]
    assert presentation.core_properties.title == "네모난 발표"


def test_pptx_of_a_page_deck_has_its_continuation_slides(site, tmp_path, browser):
    deck = site.decks_dir / "long.html"
    seen = _fitted_slides(browser, deck)
    assert seen >= 3  # a title slide and the long section on two slides or more
    slides = deck_to_pptx(deck, tmp_path / "long.pptx", scale=1, browser=browser)
    presentation = Presentation(str(tmp_path / "long.pptx"))
    assert slides == seen == len(presentation.slides)
    assert (presentation.slide_width, presentation.slide_height) == (
        1280 * EMU_PER_PX,
        720 * EMU_PER_PX,
    )
    notes = [
        s.notes_slide.notes_text_frame.text
        for s in presentation.slides
        if s.has_notes_slide
    ]
    assert notes == ["긴 절의 발표자 노트입니다."]
    assert list(deck.parent.glob(".*deckbook-print*")) == []  # the copy is gone


def test_images_a_png_a_slide_at_scale_2(site, tmp_path):
    out = tmp_path / "png"
    deck = site.decks_dir / "square.html"
    done = _run("images", str(deck), "-o", str(out), "--scale", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{out}: 3 images"
    names = sorted(p.name for p in out.iterdir())
    assert names == ["square.001.png", "square.002.png", "square.003.png"]
    for name in names:
        assert Image.open(out / name).size == (1920, 1440)
    first, second = (Image.open(out / n).convert("RGB") for n in names[:2])
    assert first.tobytes() != second.tobytes()


def test_images_default_scale_and_errors(site, tmp_path):
    out = tmp_path / "png"
    done = _run("images", str(site.decks_dir / "long.html"), "-o", str(out), "-q")
    assert done.returncode == 0 and done.stdout == "", done.stderr
    sizes = {Image.open(p).size for p in out.iterdir()}
    assert sizes == {(1331, 748)}  # the slide and the margin reveal.js shows
    missing = _run("pptx", str(tmp_path / "nope.html"))
    assert missing.returncode == 1 and "no such deck" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_og_image_on_the_deck_book_pages(site):
    for name, size in (("square", (960, 720)), ("long", (1331, 748))):
        page = site.book_dir / f"{name}.html"
        tags = soup(page).select('meta[property="og:image"]')
        assert [tag["content"] for tag in tags] == [f"slides/{name}.png"]
        assert Image.open(page.parent / tags[0]["content"]).size == size
    assert not soup(site.book_dir / "index.html").select('meta[property="og:image"]')


def test_unchanged_decks_are_not_pictured_again(site):
    from deckbook.site.build import build_site

    picture = site.decks_dir / "square.png"
    before = picture.stat().st_mtime_ns
    assert build_site(site) == 0
    assert picture.stat().st_mtime_ns == before


def test_gallery_shows_thumbnails_that_open_the_decks(site, page, serve):
    server = serve(site.book_dir)
    page.goto(server.url("index.html"))
    cards = page.locator("a.deckbook-gallery-card")
    assert cards.count() == 2
    assert cards.locator(".deckbook-gallery-title").all_inner_texts() == [
        "긴 페이지",
        "네모난 발표",
    ]
    for index in range(2):
        thumbnail = cards.nth(index).locator("object.deckbook-gallery-thumbnail")
        box = thumbnail.bounding_box()
        assert box["width"] > 100 and abs(box["width"] / box["height"] - 16 / 9) < 0.05
        # The object shows the picture, so its text card is not drawn.
        assert not thumbnail.locator(".deckbook-gallery-fallback").is_visible()
    cards.nth(1).locator("object").click()  # on the picture itself
    page.wait_for_url(server.url("slides/square.html"))
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.watch.foreign == [] and page.watch.failed == []


def test_gallery_falls_back_to_a_text_card(site, page, serve, tmp_path):
    picture = site.decks_dir / "long.png"
    kept = tmp_path / "long.png"
    picture.replace(kept)
    try:
        server = serve(site.book_dir)
        page.goto(server.url("index.html"))
        fallback = page.locator("a.deckbook-gallery-card .deckbook-gallery-fallback")
        fallback.first.wait_for()
        assert fallback.nth(0).is_visible() and fallback.nth(0).inner_text() == (
            "긴 페이지"
        )
        assert not fallback.nth(1).is_visible()
        page.locator("a.deckbook-gallery-card").nth(0).click()
        page.wait_for_url(server.url("slides/long.html"))
    finally:
        kept.replace(picture)


def test_gallery_in_the_text_builder_lists_the_decks(site):
    from deckbook.site.build import run_pass

    assert run_pass(site, "text", site.out / "text", fresh=False) == 0
    text = (site.out / "text" / "index.txt").read_text(encoding="utf-8")
    assert "* 긴 페이지\n\n* 네모난 발표" in text
    # dirhtml writes index.html per page: the cards point two folders up to the decks.
    assert run_pass(site, "dirhtml", site.out / "dirhtml", fresh=False) == 0
    page = soup(site.out / "dirhtml" / "square" / "index.html")
    assert page.select_one('meta[property="og:image"]')["content"] == (
        "../slides/square.png"
    )


def test_gallery_html(site, file_regression):
    gallery = soup(site.book_dir / "index.html").select_one("div.deckbook-gallery")
    file_regression.check(gallery.prettify(), extension=".html")


def test_a_deck_added_elsewhere_joins_the_gallery(tmp_path):
    """The gallery page is rewritten when a deck appears, though it did not change."""
    from deckbook.site.build import build_site
    from tests.sites import site_options

    srcdir = copy_root("exports", tmp_path)
    index = srcdir / "index.md"  # no glob toctree, which would re-read it anyway
    index.write_text(
        index.read_text(encoding="utf-8").replace(":glob:\n\n*", "\nsquare\nlong"),
        encoding="utf-8",
    )
    options = site_options(srcdir, deckbook_deck_thumbnails="0")
    assert build_site(options) == 0
    (srcdir / "added.md").write_text(
        "---\nmarp: true\norphan: true\n---\n\n# 새로 더한 발표\n", encoding="utf-8"
    )
    assert build_site(options) == 0
    titles = soup(options.book_dir / "index.html").select(".deckbook-gallery-title")
    expected = ["긴 페이지", "네모난 발표", "새로 더한 발표"]
    assert [t.get_text() for t in titles] == expected
    assert not list(options.decks_dir.glob("*.png"))  # pictures are off here


def test_scale_out_of_range_is_an_error(site, tmp_path):
    done = _run("images", str(site.decks_dir / "square.html"), "--scale", "0")
    assert done.returncode == 1 and "scale must be above 0" in done.stderr


def test_without_chromium_the_build_skips_the_pictures(tmp_path):
    """A fresh machine without Debian's chromium: the strict build still succeeds,
    says why there are no pictures, and the gallery shows text cards."""
    srcdir = copy_root("exports", tmp_path)
    out = tmp_path / "_build"
    env = {**os.environ, "PYTHONPATH": str(EXT), "DECKBOOK_CHROMIUM": "/nonexistent"}
    command = [sys.executable, "-m", "deckbook", "build", str(srcdir), "-W"]
    done = subprocess.run(
        [*command, "-c", str(srcdir), "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "deck thumbnails skipped: Chromium" in done.stdout
    assert not list((out / "html" / "slides").glob("*.png"))
    assert soup(out / "html" / "index.html").select(".deckbook-gallery-fallback")


def test_og_image_is_absolute_with_html_baseurl(site):
    import dataclasses

    from deckbook.site.build import run_pass

    based = dataclasses.replace(
        site, overrides={"html_baseurl": "https://docs.example.org/deckbook/"}
    )
    assert run_pass(based, "html", site.out / "based", fresh=False) == 0
    tag = soup(site.out / "based" / "square.html").select_one(
        'meta[property="og:image"]'
    )
    assert tag["content"] == "https://docs.example.org/deckbook/slides/square.png"


def test_pictures_are_taken_beside_a_running_playwright_session(browser, tmp_path):
    """A build started where Playwright's sync API already runs (this test's browser,
    or a notebook's asyncio loop) still pictures its decks, in a thread of its own."""
    srcdir = copy_root("exports", tmp_path)
    options, status, warnings = build_with_warnings(srcdir)
    assert status == 0 and "WARNING" not in warnings, warnings
    assert (options.decks_dir / "square.png").is_file()
