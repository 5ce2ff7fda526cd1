"""Exports of a built deck, as Marp CLI offers them: PDF, PPTX, PNG images.

Every export opens the built deck in headless Chromium (:mod:`.browser`), in reveal.js's
print view, where each slide is one page of the deck's size (fragments shown), and
ordinary pages' decks are fitted onto their continuation slides first. ``pdf`` prints
that view; ``images`` takes a picture of each page; ``pptx`` puts those pictures on
PowerPoint slides with the speaker notes; ``thumbnails`` pictures the first slide of
every deck of a build (the gallery and ``og:image``).
"""
