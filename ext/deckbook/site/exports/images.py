"""A built deck to PNG images, one a slide: ``DECK.001.png``, ``DECK.002.png``, …

As Marp CLI's ``--images png``: each picture is one page of the print view (the slide
at the deck's size, fragments shown), ``scale`` times as many pixels each way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .browser import CHROMIUM, ExportError, existing_deck, print_view, running_browser

# The plain text of each page's speaker notes, in order: a block starts a line, a
# <br> breaks one, and the rest of the white space is the author's wrapping.
NOTES_TEXT = """(page) => {
  const BLOCK = /^(P|DIV|LI|UL|OL|PRE|BLOCKQUOTE|H[1-6]|TABLE|TR|DL|DT|DD|SECTION)$/;
  const walk = (node, pre) => {
    if (node.nodeType === Node.TEXT_NODE) {
      return pre ? node.data : node.data.replace(/\\s+/g, ' ');
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return '';
    if (node.tagName === 'BR') return '\\n';
    const inner = Array.from(node.childNodes)
      .map((child) => walk(child, pre || node.tagName === 'PRE')).join('');
    return BLOCK.test(node.tagName) ? '\\n' + inner + '\\n' : inner;
  };
  const text = (aside) => walk(aside, false)
    .split('\\n').map((line) => line.trim()).join('\\n')
    .replace(/\\n{3,}/g, '\\n\\n').trim();
  return Array.from(page.querySelectorAll('aside.notes')).map(text)
    .filter(Boolean).join('\\n\\n');
}"""


@dataclass
class Slide:
    """One page of the print view, pictured."""

    png: bytes
    notes: str = ""


@dataclass
class Pictures:
    width: int  # the deck's slide size, in CSS pixels
    height: int
    title: str = ""
    author: str = ""
    slides: list[Slide] = field(default_factory=list)


def picture_deck(browser, deck: Path, scale: float = 1, limit: int | None = None):
    """Every page of ``deck``'s print view as PNG bytes, with its notes' text.

    ``limit``: only the first pages (the first slide, for a thumbnail)."""
    if not 0 < scale <= 8:
        raise ExportError(f"scale must be above 0 and at most 8, not {scale:g}")
    with print_view(browser, deck, scale=scale, pictures=True) as view:
        # As the PDF shows it: print CSS hides the deck's on-screen chrome.
        view.page.emulate_media(media="print")
        pages = view.page.locator(".reveal .slides .pdf-page")
        count = pages.count()
        if count != view.slides:
            raise ExportError(f"{count} pages for {view.slides} slides")
        title, author = view.page.evaluate(
            "[document.title, document.querySelector('meta[name=author]')"
            "?.getAttribute('content') || '']"
        )
        pictures = Pictures(view.width, view.height, title, author)
        for index in range(count if limit is None else min(limit, count)):
            page = pages.nth(index)
            png = page.screenshot(type="png", animations="disabled", caret="hide")
            notes = page.evaluate(NOTES_TEXT)
            pictures.slides.append(Slide(png, notes))
        return pictures


def image_names(deck: Path, count: int) -> list[str]:
    """``x.001.png`` …: zero-padded to at least 3 digits, as Marp CLI names them."""
    digits = max(3, len(str(count)))
    return [f"{deck.stem}.{n:0{digits}d}.png" for n in range(1, count + 1)]


def picture_deck_file(
    deck: Path, scale: float, chromium: str = CHROMIUM, browser=None
) -> Pictures:
    """Every slide of the built deck file ``deck``, in ``browser`` or a Chromium of
    its own; a failure names the deck."""
    deck = existing_deck(deck)
    try:
        with running_browser(browser, chromium) as running:
            return picture_deck(running, deck, scale)
    except ExportError as error:
        raise ExportError(f"{deck}: {error}") from error


def deck_to_images(
    deck: Path,
    output_dir: Path,
    scale: float = 1,
    chromium: str = CHROMIUM,
    browser=None,
) -> list[Path]:
    """Write a PNG a slide of ``deck`` into ``output_dir``; return their paths."""
    deck = existing_deck(deck)  # its name names the pictures
    pictures = picture_deck_file(deck, scale, chromium, browser)
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, slide in zip(
        image_names(deck, len(pictures.slides)), pictures.slides, strict=True
    ):
        path = output_dir / name
        path.write_bytes(slide.png)
        written.append(path)
    return written
