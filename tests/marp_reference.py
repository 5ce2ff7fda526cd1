"""How Marp itself renders our Marp decks, kept as facts the browser tests compare with.

``tests/marp_reference/<deck>.json`` holds, per slide, what marp-cli's HTML says:
headings (with ``fit``), class, header, footer, page number, backgrounds and split,
fragments, body text and notes. The tests never run Node; regenerate the files after
changing a fixture deck with marp-cli installed outside the repository::

    cd /tmp && PUPPETEER_SKIP_DOWNLOAD=1 npm install @marp-team/marp-cli
    MARP_CLI=/tmp/node_modules/.bin/marp PYTHONPATH=ext python -m tests.marp_reference
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from bs4 import BeautifulSoup

HERE = Path(__file__).parent
REFERENCE = HERE / "marp_reference"
ROOTS = HERE / "roots"
DOCS = HERE.parent / "docs"
# Where Deckbook means to differ from Marp (no reference for those decks): an unclosed
# comment swallows the rest of the deck in Marp, and a front matter block holding an
# HTML comment is ignored whole; Deckbook warns and keeps the text and the settings.
NOT_LIKE_MARP = {"unclosed", "comment-in-front"}
# Fixture roots with Marp decks, and the marp-cli options each needs.
MARP_ROOTS = {
    "marp": [],
    "marp-bad": [],
    # The files its conf.py's deckbook_marp_themes names (themes/*.css).
    "marp-core": [
        "--theme-set",
        *map(str, sorted((ROOTS / "test-marp-core" / "themes").glob("*.css"))),
    ],
}
# deck name → (fixture root or None for docs/, Markdown source)
DECKS = {
    "reinvent-2022-vegas": (None, DOCS / "decks" / "reinvent-2022-vegas.md"),
    **{
        p.stem: (root, p)
        for root in MARP_ROOTS
        for p in sorted((ROOTS / f"test-{root}").glob("*.md"))
        if p.stem != "index" and p.stem not in NOT_LIKE_MARP
    },
}
_STYLE_URL = re.compile(r"background-image:\s*url\(\"?([^\")]*)\"?\)")
_STYLE_SIZE = re.compile(r"background-size:\s*([^;]+)")
_STYLE_FILTER = re.compile(r"filter:\s*([^;]+)")
_SPLIT = re.compile(r"--marpit-advanced-background-split:\s*([^;]+)")


def _text(node) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def _layers(svg):
    sections = svg.select("foreignObject > section")
    kinds = {s.get("data-marpit-advanced-background"): s for s in sections}
    content = kinds.get("content") or kinds.get(None)
    return content, kinds.get("background"), kinds.get("pseudo")


def facts(html: str) -> dict:
    page = BeautifulSoup(html, "html.parser")
    for twemoji in page.select("img[data-marp-twemoji]"):
        # marp-core draws emoji as twemoji images; Deckbook writes the character.
        twemoji.replace_with(twemoji.get("alt", ""))
    notes = {
        int(n["data-index"]): n.get_text("\n").strip()
        for n in page.select(".bespoke-marp-note[data-index]")
    }
    slides = []
    for index, svg in enumerate(page.select("svg[data-marpit-svg]")):
        content, background, pseudo = _layers(svg)
        header = content.find("header", recursive=False)
        footer = content.find("footer", recursive=False)
        for chrome in (header, footer):
            if chrome is not None:
                chrome.extract()
        style = content.get("style", "")
        split = content.get("data-marpit-advanced-background-split")
        size = _SPLIT.search(style)
        figures = background.select("figure") if background is not None else []
        container = (
            background.select_one("[data-marpit-advanced-background-direction]")
            if background is not None
            else None
        )
        slides.append(
            {
                "headings": [
                    {
                        "level": int(h.name[1]),
                        "text": _text(h),
                        "fit": h.has_attr("data-auto-scaling")
                        or h.select_one("[data-marp-fitting]") is not None,
                    }
                    for h in content.find_all(re.compile(r"^h[1-6]$"))
                ],
                "class": content.get("class") or [],
                "header": _text(header) if header is not None else None,
                "footer": _text(footer) if footer is not None else None,
                "page": (pseudo or content).get("data-marpit-pagination"),
                "total": (pseudo or content).get("data-marpit-pagination-total"),
                "backgrounds": [_figure(f) for f in figures],
                "split": {
                    "side": split,
                    "size": size.group(1).strip() if size else "50%",
                }
                if split
                else None,
                "direction": container.get("data-marpit-advanced-background-direction")
                if container is not None
                else None,
                "fragments": len(content.select("[data-marpit-fragment]")),
                "breaks": len(content.find_all("br")),
                "images": [
                    {"alt": img.get("alt", ""), "style": img.get("style", "")}
                    for img in content.find_all("img")
                ],
                "body_text": _text(content),
                "notes": notes.get(index, ""),
            }
        )
    meta = {m["name"]: m.get("content", "") for m in page.select("meta[name]")}
    return {
        "title": _text(page.title),
        "lang": page.html.get("lang"),
        "author": meta.get("author"),
        "description": meta.get("description"),
        "slides": slides,
    }


def _figure(figure) -> dict:
    style = figure.get("style", "")
    url, size, filt = (
        p.search(style) for p in (_STYLE_URL, _STYLE_SIZE, _STYLE_FILTER)
    )
    caption = figure.find("figcaption")
    return {
        "url": url.group(1) if url else None,
        "size": size.group(1).strip() if size else None,
        "filter": filt.group(1).strip() if filt else None,
        "caption": _text(caption) if caption is not None else None,
    }


def load(name: str) -> dict:
    return json.loads((REFERENCE / f"{name}.json").read_text(encoding="utf-8"))


def main() -> None:
    marp = os.environ.get("MARP_CLI", "marp")
    REFERENCE.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, (root, source) in DECKS.items():
            out = Path(scratch) / f"{name}.html"
            subprocess.run(
                # `--theme-set` takes several values: after the deck, ended by -o.
                [marp, "--html", str(source), *MARP_ROOTS.get(root, []), "-o", out],
                check=True,
                capture_output=True,
                env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
            )
            data = facts(out.read_text(encoding="utf-8"))
            target = REFERENCE / f"{name}.json"
            target.write_text(
                json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            print(f"{target}: {len(data['slides'])} slides")


if __name__ == "__main__":
    main()


# --- the same facts, read from a Deckbook deck in the browser -----------------------

# Browser-side helpers (``facts``, ``fill``, ``fitBox``, ``look``): see marp_facts.js.
DECK_JS = (HERE / "marp_facts.js").read_text(encoding="utf-8")


def deck_js(function: str) -> str:
    """JavaScript evaluating one helper of marp_facts.js on the current slide."""
    return f"() => ({DECK_JS}).{function}()"


_WORD = re.compile(r"\w+")
_LABEL = re.compile(r"(?:^|\n)[ \t]*comment\b:?", re.I)


def words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").casefold())


def symbols(text: str | None) -> list[str]:
    """The emoji and other symbols of a text (which words() leaves out), variation
    selectors aside: what emoji shortcodes became."""
    return [c for c in text or "" if unicodedata.category(c) == "So"]


def marp_note_words(note: str) -> list[str]:
    """Marp's note, as Deckbook shows it: ``comment:`` labels dropped (DESIGN §3.2),
    Markdown markup aside. A ``fit`` marker outside a heading is a note, as in Marp."""
    return words(_LABEL.sub("\n", note))


def differences(ours: dict, marp: dict) -> dict:
    """Where a slide of our deck differs from the same slide rendered by Marp."""
    found = {}
    for key in ("headings", "class", "header", "footer", "page", "split", "direction",
                "fragments"):  # fmt: skip
        if ours[key] != marp[key]:
            found[key] = (ours[key], marp[key])
    if ours["page"] and ours["total"] != marp["total"]:
        found["total"] = (ours["total"], marp["total"])

    def background(bg: dict) -> tuple:
        url = bg["url"] or ""
        url = url if url.startswith(("http:", "https:")) else url.rsplit("/", 1)[-1]
        return url, bg["size"], bg["filter"], bg["caption"]

    ours_bg = [background(b) for b in ours["backgrounds"]]
    marp_bg = [background(b) for b in marp["backgrounds"]]
    if ours_bg != marp_bg:
        found["backgrounds"] = (ours_bg, marp_bg)
    if "breaks" in marp and ours["breaks"] != marp["breaks"]:
        found["breaks"] = (ours["breaks"], marp["breaks"])
    if words(ours["body_text"]) != words(marp["body_text"]) or symbols(
        ours["body_text"]
    ) != symbols(marp["body_text"]):
        found["body_text"] = (ours["body_text"], marp["body_text"])
    if words(ours["notes"]) != marp_note_words(marp["notes"]):
        found["notes"] = (ours["notes"], marp["notes"])
    return found
