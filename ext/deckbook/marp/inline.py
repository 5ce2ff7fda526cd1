"""marp-core's inline rendering in a deck's doctree: line breaks and emoji shortcodes.

- marp-core sets markdown-it's ``breaks: true``: a single newline inside a paragraph is
  a ``<br>``. MyST renders that newline as a lone ``Text("\\n")`` (its softbreak); we
  add the nodes MyST makes for a hard break (raw ``<br />`` and LaTeX ``\\\\``) before
  it, and keep the newline for the text builders.
- marp-core renders ``:shortcode:`` as the emoji (markdown-it-emoji's *full* set,
  GitHub's gemoji names, no ``:-)`` shortcuts). The ``emoji`` package's ``alias``
  names cover every one of them; a name it does not know stays as written. Not in
  code, raw HTML, links written as URLs, or speaker notes (Marp shows notes as
  written). We put the Unicode character in the page (offline: no twemoji images),
  in a span the CSS gives colour-emoji fonts (Noto Color Emoji on Debian).

Both run on Marp decks only (``marp: true``), in the read phase: book and deck alike.
"""

from __future__ import annotations

import re

from docutils import nodes

from ..notes import speaker_notes

EMOJI_CLASS = "deckbook-emoji"
# markdown-it-emoji matches `:name:` anywhere in a text token; gemoji names are
# lower case letters, digits, `_`, `+` and `-`.
_SHORTCODE = re.compile(r":([a-z0-9_+-]+):")
# Where the emoji package's alias differs from gemoji (markdown-it-emoji 3's data).
_GEMOJI = {"beetle": "\U0001fab2", "egg": "\U0001f95a"}
_NOT_TEXT = (
    nodes.literal,
    nodes.literal_block,
    nodes.raw,
    nodes.math,
    nodes.math_block,
    nodes.comment,
    nodes.FixedTextElement,
)


def _skipped(text: nodes.Text, skip: tuple[type, ...]) -> bool:
    node = text.parent
    while node is not None:
        if isinstance(node, skip):
            return True
        if isinstance(node, nodes.reference) and node.get("refuri") == node.astext():
            return True  # an autolink or a bare URL: markdown-it-emoji skips them
        node = node.parent
    return False


def shortcode(name: str) -> str | None:
    """The emoji a marp-core shortcode name stands for, or None."""
    if name in _GEMOJI:
        return _GEMOJI[name]
    # Imported here: its data is 12 ms of the start-up of a process, and most pages
    # (every post, a one-page rebuild of one) have no `:name:` in a Marp deck.
    import emoji

    found = emoji.emojize(f":{name}:", language="alias")
    return None if found == f":{name}:" or not emoji.is_emoji(found) else found


def render_emoji(root: nodes.Element) -> None:
    """Each known shortcode becomes its emoji, in an ``inline`` of class
    :data:`EMOJI_CLASS`: a colour-emoji font must draw it, as marp-core's twemoji
    wrapper does (the text fonts' fallbacks may hold black-and-white emoji glyphs)."""
    for text in list(root.findall(nodes.Text)):
        if text.parent is None or ":" not in text:
            continue
        if _skipped(text, (*_NOT_TEXT, speaker_notes)):
            continue
        pieces: list[nodes.Node] = []
        value, last = str(text), 0
        for match in _SHORTCODE.finditer(value):
            if (found := shortcode(match.group(1))) is None:
                continue
            pieces.append(nodes.Text(value[last : match.start()]))
            pieces.append(nodes.inline(match.group(0), found, classes=[EMOJI_CLASS]))
            last = match.end()
        if pieces:
            pieces.append(nodes.Text(value[last:]))
            parent = text.parent
            index = next(i for i, child in enumerate(parent.children) if child is text)
            parent[index : index + 1] = [p for p in pieces if p.astext()]


def render_breaks(root: nodes.Element) -> None:
    """Each softbreak of a paragraph (or any inline text) becomes a line break."""
    for text in list(root.findall(nodes.Text)):
        parent = text.parent
        if str(text) != "\n" or parent is None or _skipped(text, _NOT_TEXT):
            continue
        if not isinstance(parent, nodes.TextElement):
            continue
        # By identity: every softbreak is an equal Text("\n"), and index() uses ==.
        index = next(i for i, child in enumerate(parent.children) if child is text)
        parent.insert(index, nodes.raw("", "<br />", format="html"))
        parent.insert(index + 1, nodes.raw("", "\\\\", format="latex"))
