"""Decks load reveal.js's notes plugin when the speaker view is first wanted
(static/deckbook-notes-lazy.js): not on a deck's first load, and S still opens it."""

from __future__ import annotations

import shutil

import pytest

from .sites import build, copy_root

DECK = "slides/deck.html"
NOTES = "/revealjs/plugin/notes/notes.js"


@pytest.fixture(scope="module")
def deck_site(tmp_path_factory):
    return build(copy_root("lean-css", tmp_path_factory.mktemp("deck"))).book_dir


@pytest.fixture
def deck_url(deck_site, serve, tmp_path):
    shutil.copytree(deck_site, tmp_path / "site")
    return serve(tmp_path / "site").url(DECK)


def requested(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def test_first_load_leaves_out_the_notes_plugin(page, deck_url):
    urls = requested(page)
    page.goto(deck_url, wait_until="networkidle")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    assert page.evaluate("Reveal.hasPlugin('notes')") is True
    assert not [url for url in urls if url.endswith(NOTES)]
    assert not page.watch.errors and not page.watch.failed


def test_s_loads_it_and_opens_the_speaker_view_on_the_current_slide(page, deck_url):
    urls = requested(page)
    page.goto(deck_url, wait_until="networkidle")
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.evaluate("Reveal.slide(1)")
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_selector("#current-slide iframe", state="attached")  # connected
    assert [url for url in urls if url.endswith(NOTES)]
    frame = speaker.frame_locator("#current-slide iframe")
    frame.locator("section.present h2").wait_for()
    assert frame.locator("section.present h2").inner_text() == "Code"
    # The author's note of the first slide reaches the speaker view after a move.
    page.evaluate("Reveal.slide(0)")
    speaker.wait_for_function(
        "document.querySelector('.speaker-controls-notes .value')"
        ".textContent.includes('발표자 노트')"
    )
    assert not page.watch.errors
