"""A lean sidebar: each page lists its own branch, the rest loads when opened.

The stock book sidebar (``collapse=False``) lists every page of the site on every page:
127 KB of HTML a page at 600 pages, and an output that grows with the square of the
page count (issue 16). Here a page's sidebar keeps the branch it is on open, as the
stock one shows it (its ancestors, their siblings, its own children), and leaves every
closed ``<details>`` with an empty list: ``<ul data-deckbook-nav-part="N"></ul>``.
What those lists hold is written once per build into ``_static/deckbook-navigation.js``
(the *fragment*, :data:`FRAGMENT`), its links relative to the book's root.
``static/deckbook-navigation-lazy.js`` loads it, with a ``<script>`` element so that it
works from ``file://`` as well as over HTTP, when the reader points at or focuses a
branch's toggle, and fills a list when its ``<details>`` opens (mouse, or Enter/Space
on the ``<summary>``), prefixing each link with the page's way to the root: links
stay relative, so a versioned publish and a copied folder work.

Without JavaScript every page is still reachable: each branch's entry is a real link,
and the page it leads to shows that branch open.

Built on :mod:`.navigation`'s skeleton (the stock markup with slots): the skeleton's
closed ``<details>`` (pydata marks them ``data-deckbook-nav``) are cut into parts once
per build (:func:`split_parts`), and a page renders only the parts on its branch. A
page the skeleton leaves to the stock function (listed twice, deeper than shown) gets
the stock, full sidebar. ``deckbook_navigation_lazy = False`` brings back the full
sidebar on every page (still rendered once per build, byte for byte the stock one).

The fragment is never stale: its address carries a checksum of its content (``?v=``),
and a build that changes the navigation rewrites every page
(:func:`.incremental.rewrite_when_navigation_changed`) and the fragment with them;
one that does not, writes the same fragment. Under ``-j`` the main process writes it
with the first page, before Sphinx forks its writers (which inherit the cache); a
writer that renders it again writes the same bytes, renamed into place.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from sphinx.util.osutil import relative_uri

from .._assets import BOOK_BUILDERS, use_static
from .navigation import _THEMES_SUPPORTED, NavigationCache
from .navigation_skeleton import NEUTRAL, Skeleton

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

FRAGMENT = "deckbook-navigation.js"  # in the book's _static folder, one per build
LAZY_SCRIPT = "deckbook-navigation-lazy.js"  # in deckbook/static
_DETAILS = re.compile(r'<details(?: data-deckbook-nav="(\d+)")?|</details>')
_PART = re.compile(r"_dbnZ(\d+)_")
_ROOT_SLOT = "_dbnR_"  # where the first list takes the fragment's address


def split_parts(html: str) -> tuple[str, dict[int, str]]:
    """The skeleton's HTML without the content of its closed ``<details>``' lists,
    and that content, by the number pydata's ``data-deckbook-nav`` gives each.

    A cut list reads ``<ul class="…"_dbnZ<N>_</ul>``: from the ``>`` of its start tag,
    so a page can either open it (``>`` and the part) or leave it empty with its
    number (:meth:`LazySkeleton.render`). Parts nest: a part holds its own cuts."""
    spans: list[tuple[int, int, int]] = []  # number, start (at ">"), end (at "</ul>")
    stack: list[tuple[str | None, int]] = []
    for match in _DETAILS.finditer(html):
        if match.group(0) != "</details>":
            start = -1
            if match.group(1):
                summary = html.index("</summary>", match.end())
                start = html.index(">", html.index("<ul", summary))
            stack.append((match.group(1), start))
            continue
        number, start = stack.pop()
        if number is not None:
            spans.append(
                (int(number), start, html.rindex("</ul>", start, match.start()))
            )
    spans.sort(key=lambda span: span[1])
    parts: dict[int, str] = {}
    return _cut(html, 0, len(html), spans, parts), parts


def _cut(html: str, start: int, end: int, spans: list, parts: dict[int, str]) -> str:
    out, position = [], start
    for number, first, last in spans:
        if first < position or first >= end:
            continue  # inside a part cut already, or outside this one
        out += [html[position:first], f"_dbnZ{number}_"]
        parts[number] = _cut(html, first + 1, last, spans, parts)
        position = last
    out.append(html[position:end])
    return "".join(out)


class _FromRoot:
    """Stands in for the builder when rendering the fragment: every link is the
    target's address from the book's root (``./`` for the root page of ``dirhtml``,
    whose address is empty)."""

    def __init__(self, builder: Builder) -> None:
        self.builder = builder

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return self.builder.get_target_uri(docname, typ)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.builder.get_target_uri(to, typ) or "./"


class LazySkeleton:
    """The skeleton cut into a top and parts, each a :class:`Skeleton` of its own
    (sharing the links' targets and branches), and the fragment's text."""

    def __init__(self, skeleton: Skeleton, builder: Builder) -> None:
        top, parts = split_parts(skeleton.html)
        top = top.replace("<ul", f"<ul{_ROOT_SLOT}", 1)

        def part(html: str) -> Skeleton:
            return Skeleton(
                html, skeleton.targets, skeleton.branches, skeleton.anchored
            )

        self.top = part(top)
        self.parts = {number: part(html) for number, html in parts.items()}
        contents = {
            str(number): self._fill(
                self.parts[number], _FromRoot(builder), NEUTRAL, set()
            )
            for number in sorted(self.parts)
        }
        self.fragment = _fragment_text(contents)
        self.version = hashlib.sha256(self.fragment.encode()).hexdigest()[:12]

    def render(self, builder: Builder, pagename: str) -> str | None:
        own = self.top.by_target.get(pagename, [])
        if len(own) > 1:
            return None  # listed twice: the stock function (see navigation.py)
        opened = {
            slot
            for number in own
            for kind, slot in self.top.branches.get(number, ())
            if kind == "D"
        }
        html = self._fill(self.top, builder, pagename, opened)
        target = builder.get_target_uri(pagename)
        address = relative_uri(target, f"_static/{FRAGMENT}") + f"?v={self.version}"
        root = relative_uri(target, "")
        found = f' data-deckbook-navigation="{address}" data-deckbook-root="{root}"'
        return html.replace(_ROOT_SLOT, found if self.parts else "", 1)

    def _fill(
        self, skeleton: Skeleton, builder, pagename: str, opened: set[int]
    ) -> str:
        html = skeleton.render(builder, pagename) or ""

        def part(match: re.Match) -> str:
            number = int(match.group(1))
            if number in opened:
                return ">" + self._fill(self.parts[number], builder, pagename, opened)
            return f' data-deckbook-nav-part="{number}">'

        return _PART.sub(part, html)


def _fragment_text(contents: dict[str, str]) -> str:
    # ASCII only: read as the page's encoding, whatever a server or file:// says.
    data = json.dumps(contents, ensure_ascii=True, sort_keys=True)
    return (
        "/* Deckbook: the book's collapsed navigation, by part, links from the root;"
        " loaded by deckbook-navigation-lazy.js (deckbook/navigation_lazy.py). */\n"
        f"window.deckbookNavigationParts = {data};\n"
    )


class LazyNavigationCache(NavigationCache):
    """:class:`.navigation.NavigationCache`, rendering each page's lean sidebar."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(app)
        self.lazy: dict[int, LazySkeleton] = {}  # id(skeleton) -> its cut

    def _page_html(self, skeleton: Skeleton, pagename: str) -> str | None:
        lazy = self.lazy.get(id(skeleton))
        if lazy is None:
            lazy = self.lazy[id(skeleton)] = LazySkeleton(skeleton, self.app.builder)
            write_fragment(Path(self.app.outdir, "_static", FRAGMENT), lazy.fragment)
        return lazy.render(self.app.builder, pagename)


def write_fragment(path: Path, text: str) -> None:
    """Write the fragment unless it is there already (written whole, then renamed)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


_caches: weakref.WeakKeyDictionary[Builder, LazyNavigationCache] = (
    weakref.WeakKeyDictionary()
)


def lazy_navigation(app: Sphinx) -> bool:
    return (
        app.builder.name in BOOK_BUILDERS
        and app.config.deckbook_navigation_lazy
        and app.config.deckbook_navigation_cache
        and _THEMES_SUPPORTED
    )


def add_lazy_script(app: Sphinx) -> None:
    if lazy_navigation(app):
        use_static(app)
        app.add_js_file(LAZY_SCRIPT, loading_method="defer")
    elif app.builder.name in BOOK_BUILDERS:
        # Turned off: no page links a fragment now (the setting's change has every
        # page written again), and a fragment an earlier build wrote would be
        # published stale beside them.
        Path(app.outdir, "_static", FRAGMENT).unlink(missing_ok=True)


def forget_lazy_navigation(app: Sphinx, builder: Builder) -> None:
    _caches.pop(builder, None)


def add_lazy_navigation_function(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree
) -> None:
    """``deckbook_generate_toctree_html`` (see :mod:`.navigation`), lean."""
    if not lazy_navigation(app) or "deckbook_generate_toctree_html" not in context:
        return
    cache = _caches.get(app.builder)
    if cache is None:
        cache = _caches[app.builder] = LazyNavigationCache(app)

    @functools.cache
    def generate_toctree_html(*args: Any, **kwargs: Any) -> Markup:
        return cache.render(pagename, context["generate_toctree_html"], *args, **kwargs)

    context["deckbook_generate_toctree_html"] = generate_toctree_html


def setup_navigation_lazy(app: Sphinx) -> None:
    app.add_config_value(
        "deckbook_navigation_lazy", True, "html", types=frozenset({bool})
    )
    app.connect("builder-inited", add_lazy_script)
    app.connect("write-started", forget_lazy_navigation)
    # After navigation.py's handler (400), whose function this replaces, and before
    # pydata-sphinx-theme's (500), which render the sidebar.
    app.connect("html-page-context", add_lazy_navigation_function, priority=450)
