"""Random documents built for real (book and deck): no traceback, nothing lost silently.

Each example is one project of ``FILES`` generated Markdown pages mixing what real posts
and decks hold (/work/shared/REAL-WORLD.md): front matter (valid, broken, unclosed),
Marp directives, notes and ``<!--fit-->``, ``bg`` images, Q&A, Liquid and kramdown
leftovers, code, raw HTML, unclosed comments, CRLF, a BOM and NUL bytes. Every
paragraph carries a unique token; each token must reach the book page and, when the
page has one, its deck (slides or notes), unless a located warning (``file:line``)
names a line of its block.

CI runs a fixed, small number of projects (``derandomize``); set
``DECKBOOK_FUZZ_EXAMPLES`` for more (e.g. ``DECKBOOK_FUZZ_EXAMPLES=50``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.sites import ROOTS, build_with_warnings, soup

EXAMPLES = int(os.environ.get("DECKBOOK_FUZZ_EXAMPLES", "4"))
FILES = 10
CONF = """\
extensions = ["deckbook"]
project = "Fuzz"
language = "ko"
html_theme = "sphinx_book_theme"
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3
"""
INDEX = "# Fuzz\n\n```{toctree}\n:glob:\n\nfuzz/*\n```\n"
WORDS = ["alpha", "beta", "gamma", "delta", "발표", "자료", "정리", "요약", "slide"]
_LOCATED = re.compile(r"(\S+?\.md):(\d+): (?:WARNING|ERROR|CRITICAL)")


@dataclass
class Doc:
    """A generated page: its blocks (lines, tokens) and how it is written to disk."""

    front: str
    marp: bool
    blocks: list[tuple[str, list[str]]] = field(default_factory=list)
    crlf: bool = False
    bom: bool = False


class Tokens:
    def __init__(self, prefix: str) -> None:
        self.prefix, self.count = prefix, 0

    def __call__(self) -> str:
        self.count += 1
        return f"{self.prefix}x{self.count:03d}q"


# --- blocks: (kind, variant) -> lines, each token written as {T} --------------------

FRONT = {
    "none": [],
    "plain": ["---", "title: Title {T}", "slides: true", "---"],
    "post": ["---", "title: Post {T}", "date: 2021-01-15", "tags: [a, b]", "---"],
    "marp": ["---", "marp: true", "title: Deck {T}", "paginate: true", "---"],
    "marp-loose": ["---", "marp: true", "style: @import url(x.css)", "---"],
    "broken": ["---", "title: [broken {T}", "marp: true", "---"],
    "unclosed": ["---", "title: Unclosed {T}", "slides: true"],
}
BLOCKS = {
    "paragraph": [
        ["{W} {T} {W}."],
        ["A **bold {T}** and *em* and `code` {W}."],
        ["Line one {T}", "line two {W} <br> three."],
        ["Liquid {{ site.baseurl }}/x {T} and {{ page.title | upcase }}."],
        ["{% raw %}{{ kept }}{% endraw %} {T}"],
        ["A NUL\x00byte beside {T}."],
        ["See [the site](https://example.org/) {T} {W}."],
        ["Emoji :smile: and $x^2$ math {T}."],
        ["A footnote {T}[^1].", "", "[^1]: The footnote {T}."],
        ["Term {T}", ": Definition {T}"],
        ["Setext {T}", "========"],
        [":field: {T}"],
        ["Teaser {T}", "", "<!--more-->", "", "Rest {T}."],
        ["Heading-like {T} with a NUL\x00", "---"],
    ],
    "heading": [
        ["# {W} {T}"],
        ["## {T} {W}"],
        ["### <!--fit--> Fit {T}"],
        ["## Fit after {T} <!-- fit -->"],
    ],
    "separator": [["---"]],
    "directive": [
        ["<!-- _class: lead -->"],
        ["<!-- paginate: true -->"],
        ['<!-- header: "**Head**" -->'],
        ["<!-- footer: foot -->"],
        ["<!-- _backgroundColor: #fee -->"],
        ["<!-- headingDivider: 2 -->"],
        ["<!--", "_paginate: skip", "_color: red", "-->"],
    ],
    "note": [
        ["<!-- {W} note {T} -->"],
        ["<!--", "comment: labelled **note** {T}", "-->"],
        ["<!-- <script>alert(1)</script> scripted {T} -->"],
        ["<!-- prettier-ignore -->"],
    ],
    "image": [
        ["![bg left:40%](img/blue.png)"],
        ["![bg contain blur](img/missing.png)"],
        ["![bg](https://example.org/remote.png)"],
        ["![w:200](img/red.png) {T}"],
    ],
    "qa": [
        ["- Q: {W} {T}?", "  A: {W} {T}."],
        ["- Q: Unanswered {T}?"],
        ["- A: An answer without a question {T}."],
        ["- **Q:** Bold {T}?", "- **A:** Bold answer {T}."],
        ["* 질문: 한국어 {T}?", "  답변: 네 {T}."],
        ["- Audience Question {T}", "  - Q: Nested {T}?", "    A: Yes {T}."],
        ["- Q: Open comment {T} <!-- in a question", "  A: Answer {T}."],
        ["- Q: Code `<!--` {T}?", "- A: `-->` {T}."],
    ],
    "liquid": [
        ["{% highlight python linenos %}", "print('{T}')", "{% endhighlight %}"],
        ["{% include note.html content='{T}' %}"],
        ["{% post_url 2010-07-21-name %} {T}"],
    ],
    "kramdown": [
        ["{W} {T} notice.", "{: .notice--info}"],
        ["* TOC", "{:toc}"],
        ["## Titled {T}", "{: #custom-id}"],
    ],
    "code": [
        ["```python", "x = '{T}'  # <!-- not a comment", "```"],
        ["~~~", "{T} <!-- --> in tildes", "~~~"],
        [":::{note}", "A colon fence {T}.", ":::"],
        ["```{nosuch}", "An unknown directive {T}.", "```"],
        ["````", "```", "{T} nested fence", "````"],
    ],
    "unclosed": [["<!-- never closed {T}"], ["{W} <!-- open mid-line {T}"]],
    "html": [
        ['<div class="box">', "", "{W} {T} inside a div.", "", "</div>"],
        ["<details><summary>{T}</summary>Hidden {W}.</details>"],
        ["<style scoped>section { color: red; }</style>"],
        ["<p>Unclosed paragraph {T}", "", "After it {T}."],
    ],
    # A Marp deck shows a script as text (marp-core); an ordinary page's is its own.
    "marp_html": [
        ["<script>document.title = '{T}';</script>"],
        ['<iframe src="https://example.org/"></iframe> {T}'],
    ],
    "list": [
        ["* {W} {T}", "* {W}"],
        ["1) first {T}", "2) second"],
        ["- plain {T}", "  - nested {W}"],
    ],
    "table": [["| a | b |", "|---|---|", "| {T} | {W} |"]],
}
MARP_ONLY = {"directive", "note", "marp_html"}


def render(doc: Doc, name: str) -> tuple[str, list[tuple[str, int, int]]]:
    """The page's text and each token's ``(token, first line, last line)``."""
    tokens, words = Tokens(name), iter(WORDS * 100)
    lines: list[str] = []
    found: list[tuple[str, int, int]] = []
    for kind, template in [("front", FRONT[doc.front]), *doc.blocks]:
        if kind != "front" and lines:
            lines.append("")
        start = len(lines) + 1
        for line in template:
            while "{T}" in line:
                token = tokens()
                line = line.replace("{T}", token, 1)
                found.append((token, start, 0))
            while "{W}" in line:
                line = line.replace("{W}", next(words), 1)
            lines.append(line)
        found = [(t, s, e or len(lines)) for t, s, e in found]
    return "\n".join(lines) + "\n", found


@st.composite
def documents(draw) -> Doc:
    front = draw(st.sampled_from(sorted(FRONT)))
    marp = front in ("marp", "marp-loose", "broken")
    kinds = sorted(k for k in BLOCKS if marp or k not in MARP_ONLY)
    count = draw(st.integers(min_value=1, max_value=8))
    blocks = []
    for _ in range(count):
        kind = draw(st.sampled_from(kinds))
        blocks.append((kind, draw(st.sampled_from(BLOCKS[kind]))))
    return Doc(front, marp, blocks, crlf=draw(st.booleans()), bom=draw(st.booleans()))


def write(doc: Doc, path: Path) -> list[tuple[str, int, int]]:
    text, tokens = render(doc, path.stem)
    if doc.crlf:
        text = text.replace("\n", "\r\n")
    path.write_bytes((b"\xef\xbb\xbf" if doc.bom else b"") + text.encode("utf-8"))
    return tokens


def _located(warnings: str, srcdir: Path) -> dict[str, set[int]]:
    lines: dict[str, set[int]] = {}
    for path, line in _LOCATED.findall(warnings):
        name = Path(path).stem
        if Path(path).parent.name == "fuzz":
            lines.setdefault(name, set()).add(int(line))
    return lines


def _text(page: Path, selector: str) -> str:
    html = soup(page)
    for hidden in html.select("script, style"):
        hidden.decompose()
    parts = [node.get_text(" ") for node in html.select(selector)]
    return " ".join(" ".join(parts).split())


def check_project(docs: list[Doc]) -> None:
    with tempfile.TemporaryDirectory(prefix="deckbook-fuzz-") as tmp:
        srcdir = Path(tmp) / "site"
        (srcdir / "fuzz").mkdir(parents=True)
        shutil.copytree(ROOTS / "test-marp" / "img", srcdir / "fuzz" / "img")
        (srcdir / "conf.py").write_text(CONF, encoding="utf-8")
        (srcdir / "index.md").write_text(INDEX, encoding="utf-8")
        expected = {
            f"d{i}": (doc, write(doc, srcdir / "fuzz" / f"d{i}.md"))
            for i, doc in enumerate(docs)
        }
        options, status, warnings = build_with_warnings(srcdir)
        assert status == 0, warnings
        assert "Traceback" not in warnings and "Exception occurred" not in warnings
        located = _located(warnings, srcdir)
        lost = []
        for name, (doc, tokens) in expected.items():
            book = _text(options.book_dir / "fuzz" / f"{name}.html", "title, main")
            deck_page = options.decks_dir / "fuzz" / f"{name}.html"
            deck = _text(deck_page, "title, .slides") if deck_page.exists() else None
            text = render(doc, name)[0]
            end, source_lines = _front_matter_end(text), text.split("\n")
            for token, first, last in tokens:
                if first <= end and source_lines[first - 1].startswith("#"):
                    continue  # a YAML comment to Jekyll and MyST alike
                if first <= end:  # a broken block reaches to the next `---`
                    first, last = 1, end
                if any(first <= line <= last for line in located.get(name, ())):
                    continue
                for where, text in (("book", book), ("deck", deck)):
                    if text is not None and token not in text:
                        lost.append((name, where, token, first, doc.front))
        assert lost == [], _report(lost, expected, warnings)


def _front_matter_end(text: str) -> int:
    """The line closing the front matter as MyST reads it (0: none)."""
    lines = text.split("\n")
    if not lines[0].startswith("---"):
        return 0
    closing = (n for n, line in enumerate(lines[1:], 2) if line in ("---", "..."))
    return next(closing, 0)


def _report(lost, expected, warnings: str) -> str:
    names = sorted({name for name, *_ in lost})
    out = [f"lost without a located warning: {lost}"]
    for name in names:
        out.append(f"--- fuzz/{name}.md ---\n{render(expected[name][0], name)[0]}")
        out += [w for w in warnings.splitlines() if f"/{name}.md" in w]
    return "\n".join(out)


@settings(
    max_examples=EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    # No shrinking: each step is a full build; the report names every lost token.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(documents(), min_size=FILES, max_size=FILES))
def test_random_documents_build_without_traceback_or_silent_loss(docs):
    check_project(docs)
