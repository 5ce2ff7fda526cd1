"""A built deck to PowerPoint: a slide a slide, its picture filling it, notes as notes.

As Marp CLI's default ``--pptx``: each slide of the deck is pictured (twice its pixel
size, Marp CLI's default image scale for PPTX) and placed over the whole PowerPoint
slide; the slide size is the deck's (96 pixels an inch, so 1280×720 is PowerPoint's
13.33×7.5 in widescreen and 960×720 its 10×7.5 in 4:3); the plain text of the slide's
``<aside class="notes">`` becomes its PowerPoint speaker notes. Written with
python-pptx.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from .browser import CHROMIUM
from .images import Pictures, picture_deck_file

EMU_PER_PX = 914400 // 96  # PowerPoint's English Metric Units per CSS pixel
PPTX_SCALE = 2
BLANK_LAYOUT = 6  # "Blank" in python-pptx's default template
# Characters XML 1.0 cannot hold (python-pptx refuses them); tab and newline stay.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def deck_to_pptx(
    deck: Path,
    output: Path,
    scale: float = PPTX_SCALE,
    chromium: str = CHROMIUM,
    browser=None,
) -> int:
    """Write ``deck`` as a PowerPoint file ``output``; return its slide count."""
    pictures = picture_deck_file(deck, scale, chromium, browser)
    presentation = presentation_of(pictures)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    presentation.save(str(output))
    return len(pictures.slides)


def presentation_of(pictures: Pictures):
    from pptx import Presentation

    presentation = Presentation()
    presentation.slide_width = pictures.width * EMU_PER_PX
    presentation.slide_height = pictures.height * EMU_PER_PX
    presentation.core_properties.title = pictures.title
    presentation.core_properties.author = pictures.author
    layout = presentation.slide_layouts[BLANK_LAYOUT]
    for picture in pictures.slides:
        slide = presentation.slides.add_slide(layout)
        slide.shapes.add_picture(
            io.BytesIO(picture.png),
            0,
            0,
            width=presentation.slide_width,
            height=presentation.slide_height,
        )
        if picture.notes:
            text = _NOT_XML.sub("", picture.notes)
            slide.notes_slide.notes_text_frame.text = text
    return presentation
