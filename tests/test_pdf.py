"""``deckbook pdf``: a built deck to PDF in headless Chromium, a page a slide."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from deckbook.site.cli import main
from deckbook.site.exports.pdf import PdfError, deck_to_pdf

SEED = "decks/reinvent-2022-vegas"
EXT = Path(__file__).resolve().parent.parent / "ext"


@pytest.fixture(scope="module")
def seed_pdf(docs_site, tmp_path_factory):
    """The one command, as a user runs it (its own process and browser)."""
    options, _, _ = docs_site  # test_site.py judges the build's warnings
    output = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    deck = options.decks_dir / f"{SEED}.html"
    command = [sys.executable, "-m", "deckbook", "pdf", str(deck), "-o", str(output)]
    env = {**os.environ, "PYTHONPATH": str(EXT)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{output}: 15 slides"
    return PdfReader(output)


def test_one_page_per_slide_at_the_slide_size(seed_pdf):
    assert len(seed_pdf.pages) == 15
    box = seed_pdf.pages[0].mediabox
    assert (round(box.width), round(box.height)) == (960, 540)  # 1280×720 px in pt


def test_every_page_shows_its_slide(seed_pdf):
    # pypdf may set punctuation apart from the word before it: join them back.
    texts = [
        re.sub(r" ([,.])", r"\1", " ".join(page.extract_text().split()))
        for page in seed_pdf.pages
    ]
    assert "re:Invent2022 @vegas" in texts[0]
    assert "devcon 2023" in texts[0] and not texts[0].rstrip().endswith("1")
    assert "출장을 준비하며, 다음과 같은 것들을 기대" in texts[2]  # fragments all shown
    assert "다른 금융사의 사례 수집" in texts[2]
    assert "AWS Parallel Cluster" in texts[9] and texts[9].endswith("10")
    assert "업무 관련 Best Practices 엿보기" in texts[9]
    assert "마치며" in texts[14] and texts[14].endswith("15")
    for number, text in enumerate(texts[1:], 2):
        assert text.endswith(str(number)), number


def test_ordinary_decks_print_as_fitted_a_page_a_slide(docs_site, tmp_path, browser):
    """A page's deck prints as the viewer sees it: its continuation slides ("… (2/4)")
    included, one page each, answers (fragments) shown; the print copy is removed."""
    options, _, _ = docs_site
    post = options.decks_dir / "posts/2021-01-15-aws-reinvent-2020-recap.html"
    viewer = browser.new_page()
    viewer.goto(post.as_uri())
    viewer.wait_for_function(
        "document.documentElement.getAttribute('data-deckbook-fit') === 'done'"
    )
    seen = viewer.evaluate("Reveal.getTotalSlides()")
    viewer.close()

    slides = deck_to_pdf(post, tmp_path / "post.pdf", browser=browser)
    texts = [
        " ".join(p.extract_text().split())
        for p in PdfReader(tmp_path / "post.pdf").pages
    ]
    assert slides == seen == len(texts)
    assert any(text.startswith("개발자 (2/") for text in texts)
    question = next(t for t in texts if "콜드스타트는 기존과 차이가 없나요?" in t)
    assert "A 네 없다고 합니다" in question
    assert list(post.parent.glob(".*")) == []


def test_missing_deck_is_an_error_not_a_traceback(tmp_path, capsys):
    assert main(["pdf", str(tmp_path / "nope.html")]) == 1
    assert "no such deck" in capsys.readouterr().err
    with pytest.raises(PdfError):
        deck_to_pdf(tmp_path / "nope.html", tmp_path / "x.pdf", chromium="/nonexistent")
