"""The book and the decks ship only the CSS rules their pages can use (issue 16).

pydata-sphinx-theme's stylesheet is 377 KB (Bootstrap 5 and the theme), fetched and
parsed by every page, most of it rules for components no Deckbook page has (cards,
carousels, toasts, spinners...). reveal.js's ``reveal.css`` (54 KB) likewise styles
views a deck may never use; Sphinx's ``basic.css`` and the theme's ``pygments.css``
too. Once a builder has written its pages, this rewrites those stylesheets in its
output (never the packages' files) from their originals (the package's file, or the
output's own as Sphinx or the theme wrote it, kept in the doctree folder), keeping
every rule that could match, judged conservatively:

- a style rule stays when one of its selectors can match: every class, id and element
  name the selector *requires* occurs in the output, where "occurs" means written in a
  page (a ``class``/``id`` attribute, a tag, the text of an inline script) or named
  anywhere in the output's JavaScript (the theme's scripts add classes such as
  ``show`` or ``collapsing``, reveal.js's ``present`` or ``past``). A JavaScript word
  ending in ``-`` (``"bs-" + name``) keeps every class it begins. Bootstrap's bundle
  is the exception: it names the classes of every component it has, so its words
  count only for a component something else names (``LIBRARIES``, ``Present.of``);
- what a selector only tests is never required: attribute selectors (``data-theme``,
  the dark mode the theme's script toggles), pseudo-classes and their arguments
  (``:hover``, ``:not(.x)``, ``:is(...)``), pseudo-elements, ``:root`` and ``*``;
- a rule's selector list is kept whole (a browser drops a whole list with one selector
  it does not know, so rewriting lists could bring a dead rule to life);
- every at-rule stays (``@font-face``, ``@keyframes``, ``@property``...), except that
  ``@media``, ``@supports``, ``@layer`` and ``@container`` blocks are trimmed the same
  way and dropped when nothing in them is left;
- comments go, except ``/*!`` licence notices (the source-map comment goes, as the
  map no longer fits); kept rules are copied byte for byte.

Proof that the look is unchanged: ``tests/test_lean_css.py`` compares, in Chromium,
the same views of a site built with and without this, pixel for pixel and by every
element's computed style.

Words are gathered from the pages written since the last pass (the rest are
remembered, in the doctree folder): a one-page rebuild reads one page. When the words
that matter and the files are as the last pass left them, nothing is rewritten. A
stylesheet that is neither the package's nor the one written here (a project's own
override) is left alone. ``deckbook_lean_css = False`` turns this off. Once trimmed,
every page links each sheet by the sum of it as written (``css_links.py``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import tinycss2
from sphinx.util import logging

from .._assets import BOOK_BUILDERS, DECK_BUILDERS, book_output, read_kept
from . import css_links

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)
STAMP = "deckbook-css-{}.json"  # in the doctree folder, a builder: words, files
ORIGINALS = "deckbook-css"  # in the doctree folder: stylesheets as written, untrimmed
MARK = "/*! deckbook: trimmed to the rules this site can use (lean_css.py) */\n"
# A page's class and id attributes, its tags, its inline scripts; any JS word.
_ATTRIBUTE = re.compile(r"""\s(?:class|id)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL | re.I)
_WORD = re.compile(r"[A-Za-z_-][\w-]*")
_TRIMMED_BLOCKS = {"media", "supports", "layer", "container"}
_COMBINATORS = {">", "+", "~", ","}


def _package_file(module: str, *parts: str) -> Path:
    """The package's file (a path that does not exist when the package is not
    installed: its stylesheet is then left alone)."""
    try:
        package = __import__(module)
    except ImportError:
        return Path("/nonexistent", *parts)
    return Path(package.__file__).parent.joinpath(*parts)


def targets(builder_name: str) -> dict[str, Path | None]:
    """Output path (relative) → the package's original, for this builder; ``None``
    for a stylesheet Sphinx or the theme writes into the output (its original is
    the output's own until trimmed, then the copy kept in the doctree folder)."""
    if builder_name in BOOK_BUILDERS:
        found = {
            # Sphinx's (from its basic theme's template), pydata-sphinx-theme's
            # (light and dark highlighting, rewritten at build-finished).
            "_static/basic.css": None,
            "_static/pygments.css": None,
            "_static/styles/pydata-sphinx-theme.css": _package_file(
                "pydata_sphinx_theme",
                "theme/pydata_sphinx_theme/static/styles/pydata-sphinx-theme.css",
            ),
            "_static/styles/sphinx-book-theme.css": _package_file(
                "sphinx_book_theme",
                "theme/sphinx_book_theme/static/styles/sphinx-book-theme.css",
            ),
        }
    elif builder_name in DECK_BUILDERS:
        found = {
            "_static/revealjs/dist/reveal.css": _package_file(
                "sphinx_revealjs", "_static/revealjs/dist/reveal.css"
            )
        }
    else:
        found = {}
    return found


# -- what the pages use ------------------------------------------------------------


def page_words(text: str) -> set[str]:
    words: set[str] = set()
    for double, single in _ATTRIBUTE.findall(text):
        words.update((double or single).split())
    words.update(tag.lower() for tag in _TAG.findall(text))
    for script in _INLINE_SCRIPT.findall(text):
        words.update(_WORD.findall(script))
    return words


def script_words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def _scan(outdir: Path, since: int) -> tuple[set[str], int, list[Path]]:
    """Words of the pages and scripts written after ``since`` (ns); the newest time;
    the pages read.

    A folder with its own ``.buildinfo`` is another build's output, and so is the
    decks' folder (which may not have one yet: the deck pass writes it while the
    book pass finishes): their pages use their own stylesheets.
    """
    words: set[str] = set()
    newest = since
    pages = []
    for root, names in book_output(outdir):
        for name in names:
            if not name.endswith((".html", ".js")) or name in _NOT_SCANNED:
                continue
            path = Path(root, name)
            mtime = path.stat().st_mtime_ns
            if mtime <= since:
                continue
            newest = max(newest, mtime)
            text = path.read_text(encoding="utf-8", errors="replace")
            if name.endswith(".html"):
                words |= page_words(text)
                pages.append(path)
            elif name in LIBRARIES:
                # Its templates' markup too: written only by a component in use.
                found = page_words(text) | script_words(text)
                words |= {LIBRARY + word for word in found}
            else:
                words |= script_words(text)
    return words, newest, pages


def _pages(outdir: Path) -> list[Path]:
    return [
        Path(root, name)
        for root, names in book_output(outdir)
        for name in names
        if name.endswith(".html")
    ]


# Not code that runs on a page: data (the search index) or never loaded (the
# FontAwesome script lean_pages.py leaves out, whose words are every icon's name).
_NOT_SCANNED = {"searchindex.js", "fontawesome.js"}
# Bootstrap's bundle names the classes of every component it has (carousels, toasts,
# modals, offcanvas...), but a component acts only on markup that has it, and creates
# only what its HTML templates write (a tooltip, a popover): its words are marked so
# that a class of a family nothing else names does not count (Present.of).
LIBRARIES = {"bootstrap.js"}
LIBRARY = "lib:"


# -- the stylesheet ----------------------------------------------------------------


@dataclass
class Needs:
    classes: set[str]
    ids: set[str]
    tags: set[str]

    def met_by(self, present: Present) -> bool:
        return (
            all(present.has_class(name) for name in self.classes)
            and self.ids <= present.words
            and self.tags <= present.tags
        )


@dataclass
class Present:
    words: set[str]
    prefixes: tuple[str, ...]
    tags: set[str]
    library_prefixes: tuple[str, ...] = ()

    @classmethod
    def of(cls, found: set[str]) -> Present:
        """What a page can have, from the words found (a library's marked ``lib:``)."""
        words = {w for w in found if not w.startswith(LIBRARY)}
        library = {w.removeprefix(LIBRARY) for w in found - words}
        roots = {_family(w) for w in library if "-" in w.strip("-")}
        # A library's own word counts when something else names its family (a
        # `tooltip-inner` where the theme's script makes tooltips), or when it is a
        # state of one word (`show`, `fade`, `collapsing`), not a component's root
        # (`carousel`, `offcanvas`, `popover`: those the pages must name).
        words |= {
            w
            for w in library
            if not w.endswith("-")
            and (_family(w) in words if "-" in w.strip("-") else w not in roots)
        }
        prefixes = tuple(sorted(w for w in words if w.endswith("-") and len(w) > 2))
        lib_prefixes = tuple(
            sorted(w for w in library if w.endswith("-") and len(w) > 2)
        )
        tags = {w.lower() for w in words | library} | {"html", "body", "*"}
        return cls(words, prefixes, tags, lib_prefixes)

    def has_class(self, name: str) -> bool:
        if name in self.words or name.startswith(self.prefixes):
            return True
        # `bs-${name}-auto`: a library's prefix, then a family that is present.
        return any(
            name.startswith(prefix)
            and (
                _family(prefix) in self.words
                or _family(name[len(prefix) :]) in self.words
            )
            for prefix in self.library_prefixes
        )


def _family(name: str) -> str:
    return name.strip("-").split("-")[0]


def selector_needs(tokens: list) -> Needs:
    """The classes, ids and element names one compound-selector chain requires."""
    needs = Needs(set(), set(), set())
    previous = None  # the last significant token, or a combinator/whitespace
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "literal" and token.value == ".":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is not None and following.type == "ident":
                needs.classes.add(following.value)
        elif kind == "hash" and token.is_identifier:
            needs.ids.add(token.value)
        elif kind == "ident" and _starts_compound(previous):
            needs.tags.add(token.value.lower())
        previous = token
    return needs


def _starts_compound(previous) -> bool:
    if previous is None or previous.type == "whitespace":
        return True
    return previous.type == "literal" and previous.value in _COMBINATORS


def split_selectors(prelude: list) -> list[list]:
    selectors: list[list] = [[]]
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append([])
        elif token.type != "comment":
            selectors[-1].append(token)
    return [_strip(selector) for selector in selectors]


def _strip(tokens: list) -> list:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type == "whitespace":
        start += 1
    while end > start and tokens[end - 1].type == "whitespace":
        end -= 1
    return tokens[start:end]


def rule_kept(prelude: list, present: Present) -> bool:
    return any(
        selector_needs(selector).met_by(present)
        for selector in split_selectors(prelude)
    )


class Source:
    """The stylesheet's text, and where each parsed node starts in it: kept rules are
    copied from it byte for byte (a re-serialisation would rewrite escapes such as
    FontAwesome's ``--fa:"\\f062"``, which custom properties keep as written)."""

    def __init__(self, css: str) -> None:
        # As tinycss2 reads it (CSS Syntax's preprocessing), so positions match.
        self.text = css.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
        self.lines = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def offset(self, node) -> int:
        return self.lines[node.source_line - 1] + node.source_column - 1


def trim_rules(rules: list, present: Present, source: Source, stop: int) -> list[str]:
    """The text of the rules that stay; ``stop`` is where the last one ends."""
    kept = []
    starts = [source.offset(rule) for rule in rules] + [stop]
    for rule, begin, end in zip(rules, starts, starts[1:], strict=False):
        if rule.type == "qualified-rule":
            if rule_kept(rule.prelude, present):
                kept.append(source.text[begin:end])
        elif rule.type == "at-rule":
            kept += _trim_at_rule(rule, present, source, begin, end)
        elif rule.type == "comment" and rule.value.startswith("!"):
            kept.append(source.text[begin:end])
        elif rule.type == "error":
            raise ValueError(rule.message)
    return kept


def _trim_at_rule(rule, present: Present, source: Source, begin: int, end: int):
    whole = source.text[begin:end]
    if not _trimmed_block(rule):
        return [whole]
    opening = source.text.index("{", begin)
    closing = source.text.rindex("}", begin, end)
    inner = tinycss2.parse_rule_list(rule.content, skip_whitespace=True)
    kept = trim_rules(inner, present, source, closing)
    if not kept:
        return []
    return [source.text[begin : opening + 1] + "".join(kept) + source.text[closing:end]]


class Parsed:
    """A stylesheet parsed once, for both what it names and its trim: tinycss2's
    parse of pydata's 377 KB is most of a trim's time, and it runs after the last
    page is written, when nothing else is left to overlap it."""

    def __init__(self, css: str) -> None:
        self.source = Source(css)
        self.rules = tinycss2.parse_stylesheet(self.source.text, skip_whitespace=True)


def trim_css(css: str | Parsed, present: Present) -> str:
    parsed = css if isinstance(css, Parsed) else Parsed(css)
    source = parsed.source
    kept = trim_rules(parsed.rules, present, source, len(source.text))
    charset = [text for text in kept if text.startswith("@charset")]
    body = [text for text in kept if not text.startswith("@charset")]
    return "".join(charset) + MARK + "".join(body).strip() + "\n"


def _trimmed_block(rule) -> bool:
    return (
        rule.type == "at-rule"
        and rule.content is not None
        and rule.lower_at_keyword in _TRIMMED_BLOCKS
    )


def stylesheet_identifiers(css: str | Parsed) -> set[str]:
    """Every class, id and element name the stylesheet's selectors name, and their
    families: the only page words that can change what a trim keeps."""
    names: set[str] = set()

    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                for selector in split_selectors(rule.prelude):
                    needs = selector_needs(selector)
                    names.update(needs.classes | needs.ids | needs.tags)
            elif _trimmed_block(rule):
                walk(tinycss2.parse_rule_list(rule.content, skip_whitespace=True))

    walk((css if isinstance(css, Parsed) else Parsed(css)).rules)
    return names | {_family(name) for name in names}  # see Present.of


# -- the pass ----------------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load(stamp: Path) -> dict:
    try:
        return json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def trim_output(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not app.config.deckbook_lean_css:
        return
    files = targets(app.builder.name)
    outdir = Path(app.outdir)
    files = {
        name: source for name, source in files.items() if (outdir / name).is_file()
    }
    if not files:
        return
    stamp_path = Path(app.doctreedir, STAMP.format(app.builder.name))
    stamp = _load(stamp_path)
    if stamp.get("outdir") != str(outdir):
        stamp = {}
    new_words, newest, read = _scan(outdir, stamp.get("scanned", 0))
    words = set(stamp.get("words", [])) | new_words
    written = dict(stamp.get("written", {}))
    kept = Path(app.doctreedir, ORIGINALS, app.builder.name)
    present = functools.cache(functools.partial(Present.of, words))  # each sheet
    for name, source in sorted(files.items()):
        original = _original(outdir / name, source, kept / name)
        if original is not None:
            last = written.get(name)
            trimmed = kept / f"{name}.trimmed"
            written[name] = _trim_one(
                outdir / name, original, words, last, trimmed, present
            )
    # Only the words a stylesheet names (or a prefix) are remembered: a page's
    # other words cannot change a trim, so a new one must not cause one.
    named = set().union(*(entry["identifiers"] for entry in written.values()))
    parts = name_parts(named)
    words = {w for w in words if word_matters(w.removeprefix(LIBRARY), named, parts)}
    sums = {name: css_links.checksum(outdir / name) for name in files}
    # Every page links the sums the last pass left, but those written since.
    pages = read if stamp.get("linked") == sums else _pages(outdir)
    rewritten = css_links.relink(pages, sums)
    css_links.note_rewritten(app, outdir, rewritten)
    newest = max([newest, *(after.st_mtime_ns for _, after in rewritten.values())])
    stamp_path.write_text(
        json.dumps(
            {
                "outdir": str(outdir),
                "scanned": newest,
                "words": sorted(words),
                "written": written,
                "linked": sums,
            }
        ),
        encoding="utf-8",
    )


def word_matters(word: str, identifiers: set[str], parts: set[str]) -> bool:
    """Whether a word can change a trim: a name a selector requires, a prefix, or a
    part of a name between dashes (``Present.has_class`` matches a library prefix
    such as ``offcanvas-`` followed by a word the pages have, such as ``lg``)."""
    return word in identifiers or word.endswith("-") or word in parts


def name_parts(identifiers: set[str]) -> set[str]:
    """The parts between dashes of the names (``offcanvas-lg``: offcanvas, lg)."""
    return {part for name in identifiers for part in name.split("-") if part}


def untrimmed_sources(app: Sphinx) -> dict[Path, Path]:
    """Each stylesheet of the output that a pass trimmed → the file holding it as
    it was before (the package's, or the copy kept in the doctree folder)."""
    kept = Path(app.doctreedir, ORIGINALS, app.builder.name)
    found = {}
    for name, source in targets(app.builder.name).items():
        target = Path(app.outdir, name)
        original = source if source is not None else kept / name
        if _is_trimmed(target) and original.is_file():
            found[target] = original
    return found


def _is_trimmed(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return _marked(stream.read(200))
    except OSError:
        return False


def _marked(start: bytes) -> bool:
    """Whether a stylesheet beginning so was written by :func:`trim_css`."""
    return MARK.encode() in start[:200]


def _original(target: Path, source: Path | None, kept: Path) -> bytes | None:
    """The untrimmed stylesheet: the package's; or the output's own when it is not
    trimmed yet (kept for the next pass), or the one kept."""
    if source is not None:
        return source.read_bytes() if source.is_file() else None
    current = target.read_bytes()
    if not _marked(current):
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(current)
        return current
    return kept.read_bytes() if kept.is_file() else None


def _trim_one(
    target: Path,
    original: bytes,
    words: set[str],
    last: dict | None,
    trimmed: Path,
    present: Callable[[], Present] | None = None,
) -> dict:
    """Trim one stylesheet; ``present``: what ``words`` say a page can have, made
    once for every sheet of a pass. ``trimmed`` keeps the result, for a build that
    copied the original over it again with nothing that matters changed (a publish
    copies every static file, as a cold build: pages link the copy's checksum)."""
    current = target.read_bytes()
    key = _digest(original)
    parsed: Parsed | None = None
    if last and last.get("source") == key:
        identifiers = set(last["identifiers"])
    else:
        try:
            parsed = Parsed(original.decode("utf-8"))
            identifiers = stylesheet_identifiers(parsed)
        except UnicodeDecodeError:
            identifiers = set()  # not trimmed either: shipped whole below
    parts = name_parts(identifiers)
    relevant = sorted(
        w for w in words if word_matters(w.removeprefix(LIBRARY), identifiers, parts)
    )
    words_key = _digest("\0".join(relevant).encode())
    entry = {"source": key, "identifiers": sorted(identifiers), "words": words_key}
    if (
        last
        and _digest(current) == last.get("written")
        and last.get("words") == words_key
    ):
        return {**entry, "written": last["written"]}  # as the last pass left it
    if current != original and not (last and _digest(current) == last.get("written")):
        return {**entry, "written": None}  # the project's own stylesheet: left alone
    unchanged = last and (last.get("source"), last.get("words")) == (key, words_key)
    if unchanged and last.get("written"):
        again = read_kept(trimmed)
        if again is not None and _digest(again) == last["written"]:
            target.write_bytes(again)  # the same original, the same words
            return {**entry, "written": last["written"]}
    try:
        css = parsed or original.decode("utf-8")
        result = trim_css(css, present() if present else Present.of(words)).encode()
    except (ValueError, UnicodeDecodeError) as error:
        _ship_whole(target, original, error)
        return {**entry, "written": None}
    target.write_bytes(result)
    trimmed.parent.mkdir(parents=True, exist_ok=True)
    trimmed.write_bytes(result)
    return {**entry, "written": _digest(result)}


def _ship_whole(target: Path, original: bytes, error: Exception) -> None:
    """A stylesheet tinycss2 cannot read whole is shipped whole: heavier, intact."""
    logger.info("deckbook: %s not trimmed: %s", target.name, error)
    target.write_bytes(original)


def setup_lean_css(app: Sphinx) -> None:
    app.add_config_value("deckbook_lean_css", True, "html", types=frozenset({bool}))
    # After pydata-sphinx-theme rewrites pygments.css at build-finished (500).
    app.connect("build-finished", trim_output, priority=900)
