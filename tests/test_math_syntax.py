"""The math rules of deckbook/math/syntax.py, token by token, for each dialect: the
cases of marp-core's ``src/math/math.ts`` and of kramdown's ``math.rb``."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from deckbook.math.syntax import math_plugin


def read(dialect: str, source: str) -> list:
    """Blocks as ``("p", [inline…])`` or ``("block", TeX)``; inline pieces as
    ``("math", TeX)``, ``("unclosed",)``, ``("code", text)`` or the text itself."""
    md = MarkdownIt("commonmark")
    math_plugin(md, dialect)
    blocks = []
    for token in md.parse(source):
        if token.type == "math_block":
            blocks.append(("block", token.content.strip()))
        elif token.type == "inline":
            pieces: list = []
            for child in token.children:
                if child.type == "math_inline":
                    pieces.append(("math", child.content))
                elif child.type == "math_unclosed":
                    pieces.append(("unclosed",))
                elif child.type == "code_inline":
                    pieces.append(("code", child.content))
                elif child.type in ("text", "softbreak"):
                    text = child.content if child.type == "text" else "\n"
                    if pieces and isinstance(pieces[-1], str):
                        pieces[-1] += text
                    else:
                        pieces.append(text)
            blocks.append(("p", pieces))
    return blocks


MARP = [
    ("$ax^2+bc+c$", [("p", [("math", "ax^2+bc+c")])]),
    ("a $ b$ c", [("p", ["a $ b$ c"])]),  # space after the opening
    ("a $b $ c", [("p", ["a $b $ c"])]),  # space before the closing
    ("$5 and $10", [("p", ["$5 and $10"])]),  # a digit after the closing
    ("\\$x$ y", [("p", ["$x$ y"])]),  # an escaped opening
    ("$a \\$ b$", [("p", [("math", "a \\$ b")])]),  # an escaped dollar inside
    ("`$x$` and $y$", [("p", [("code", "$x$"), " and ", ("math", "y")])]),
    ("$a `b` c$", [("p", ["$a ", ("code", "b"), " c$"])]),  # never across code
    ("In a line $$x$$ is text", [("p", ["In a line $$x$$ is text"])]),
    ("$$ I_{xx} $$", [("block", "I_{xx}")]),
    ("$$\nf(x)\n= 1\n$$", [("block", "f(x)\n= 1")]),
    ("text\n$$\nx\n$$\nmore", [("p", ["text"]), ("block", "x"), ("p", ["more"])]),
    ("- item\n\n  $$\n  x\n  $$", [("p", ["item"]), ("block", "x")]),
    ("$$\nx = 1\n\nrest", [("p", [("unclosed",), "\nx = 1"]), ("p", ["rest"])]),
    ("a\n$$ b", [("p", ["a\n", ("unclosed",), " b"])]),  # would open a block
    ("\\$\\$ two dollars", [("p", ["$$ two dollars"])]),  # as the warning says
]

KRAMDOWN = [
    ("In $$x + 1$$ text", [("p", ["In ", ("math", "x + 1"), " text"])]),
    ("$$a +\nb$$ spans", [("p", [("math", "a +\nb"), " spans"])]),
    ("$$\n\\sum x\n$$", [("block", "\\sum x")]),
    ("$$ x $$\n\nnext", [("block", "x"), ("p", ["next"])]),
    ("text\n$$ x $$\n", [("p", ["text\n", ("math", "x")])]),  # not after a boundary
    ("$$ x $$ and more", [("p", [("math", "x"), " and more"])]),
    ("$$\nx\n$$\nright after", [("p", [("math", "x"), "\nright after"])]),
    ("\\$$ 5 + 5 $$ inline", [("p", [("math", "5 + 5"), " inline"])]),
    ("$x_1$ and \\\\(y\\\\)", [("p", [("math", "x_1"), " and ", ("math", "y")])]),
    ("$5 and $10", [("p", ["$5 and $10"])]),
    ("`$$x$$`", [("p", [("code", "$$x$$")])]),
    ("$$$$ empty", [("p", ["$$$$ empty"])]),
    ("costs $$5", [("p", ["costs ", ("unclosed",), "5"])]),
    ("$$\ny = 1\n\nmore", [("p", [("unclosed",), "\ny = 1"]), ("p", ["more"])]),
    ("\\$\\$ two dollars", [("p", ["$$ two dollars"])]),
]


@pytest.mark.parametrize(("source", "expected"), MARP)
def test_marp_core_math(source, expected):
    assert read("marp", source) == expected


@pytest.mark.parametrize(("source", "expected"), KRAMDOWN)
def test_kramdown_math(source, expected):
    assert read("kramdown", source) == expected
