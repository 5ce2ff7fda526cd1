"""The sidebar navigation with slots: rendered once, filled in for each page.

See :mod:`deckbook.book.navigation` for why. :func:`build_skeleton` resolves the site's
toctree
through Sphinx's ``global_toctree_for_doc`` for a page in no toctree (``NEUTRAL``),
with every internal link replaced by a placeholder (:class:`_PlaceholderLinks`) and a
sentinel class wherever Sphinx would add ``current`` on a page's branch
(:func:`_add_slots`); renders it with the builder; and lets pydata-sphinx-theme's own
``generate_toctree_html`` reshape it. :class:`Skeleton` splits the result at the
sentinels, and :meth:`Skeleton.render` fills them for one page: its links (shared by
the pages of a folder), ``#`` for itself, and the marks of its branch.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from bs4.dammit import EntitySubstitution
from docutils import nodes
from pydata_sphinx_theme.toctree import add_toctree_functions
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.environment.adapters.toctree import global_toctree_for_doc

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# A page in no toctree (and never a real docname): its navigation has no marks.
NEUTRAL = "_deckbook_navigation_"
# The slots, as they read in the rendered HTML: an <a>'s mark, an <li>'s, a nested
# <ul>'s, a top-level <ul>'s (pydata's classes follow), a <details>'s, and a link.
_SLOT = re.compile(
    r'_dbnA(\d+)_ | _dbnL(\d+)_| class="_dbnU(\d+)_"|_dbnU(\d+)_ '
    r'| data-deckbook-nav="(\d+)"|_dbnH(\d+)_'
)
_FORMS = ("A", "L", "U", "V", "D", "H")
# What a slot holds on the page's own branch (elsewhere: nothing).
_MARKS = {
    "A": "current ",
    "L": " current active",
    "U": ' class="current"',
    "V": "current ",
    "D": ' open="open"',
}
_FAMILY = {"V": "U"}  # both forms of a <ul> slot


class _PlaceholderLinks:
    """Stands in for the builder when resolving the toctree: every internal link
    becomes a placeholder, remembered with its target docname."""

    def __init__(self, builder: Builder) -> None:
        self.tags = builder.tags
        self.targets: list[str] = []

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        self.targets.append(to)
        return f"_dbnH{len(self.targets) - 1}_"


class Skeleton:
    """The navigation as literal text with slots in between.

    ``targets[n]`` is the docname link ``n`` points to; ``branches[n]`` the slots
    (``("A"|"L"|"U"|"D", number)``) that mark it and its ancestors on its page.
    """

    def __init__(
        self,
        html: str,
        targets: list[str],
        branches: dict[int, list[tuple[str, int]]],
        anchored: set[int],
    ) -> None:
        self.html = html
        parts = _SLOT.split(html)
        step = len(_FORMS) + 1
        self.pieces: list[str] = []
        self.marks: dict[tuple[str, int], tuple[int, str]] = {}  # slot -> where, what
        self.links: list[tuple[int, int]] = []  # (index in pieces, link number)
        for start in range(0, len(parts), step):
            self.pieces.append(parts[start])
            groups = parts[start + 1 : start + step]
            if not groups:
                continue
            form, number = next(
                (form, int(g)) for form, g in zip(_FORMS, groups, strict=True) if g
            )
            if form == "H":
                self.links.append((len(self.pieces), number))
            else:
                family = _FAMILY.get(form, form)
                self.marks[(family, number)] = (len(self.pieces), _MARKS[form])
            self.pieces.append("")
        self.complete = "_dbn" not in "".join(self.pieces)
        self.targets = targets
        self.branches = branches
        self.anchored = anchored
        # The links to each page that mark it (not those to one of its #anchors).
        self.by_target: dict[str, list[int]] = defaultdict(list)
        for number, target in enumerate(targets):
            if number not in anchored:
                self.by_target[target].append(number)
        self.link_index = {number: index for index, number in self.links}
        self.by_link_target: dict[str, list[int]] = defaultdict(list)
        for number, target in enumerate(targets):
            self.by_link_target[target].append(number)
        self._folders: dict[str, tuple[list[str], list[tuple[int, int]]]] = {}

    def state(self) -> dict[str, Any]:
        """What :meth:`from_state` needs, as JSON can hold it."""
        return {
            "html": self.html,
            "targets": self.targets,
            "branches": {str(number): b for number, b in self.branches.items()},
            "anchored": sorted(self.anchored),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Skeleton:
        branches = {
            int(number): [(kind, slot) for kind, slot in branch]
            for number, branch in state["branches"].items()
        }
        return cls(state["html"], state["targets"], branches, set(state["anchored"]))

    def render(self, builder: Builder, pagename: str) -> str | None:
        """The page's navigation, or None where the stock function must do it."""
        own = self.by_target.get(pagename, [])
        if len(own) > 1:
            return None  # listed twice: Sphinx marks both branches (even twice)
        pieces, missing = self._for_folder(builder, pagename)
        pieces = list(pieces)
        for index, number in missing:  # the link to the page that filled the folder
            pieces[index] = _href(
                builder.get_relative_uri(pagename, self.targets[number])
            )
        for number in self.by_link_target.get(pagename, ()):
            if number in self.link_index:  # (pydata drops the items of #anchors)
                # Sphinx writes an empty refuri as "#"; "#anchor" follows a slot.
                empty = "" if number in self.anchored else "#"
                pieces[self.link_index[number]] = empty
        for number in own:
            for slot in self.branches.get(number, ()):
                if slot in self.marks:
                    index, mark = self.marks[slot]
                    pieces[index] = mark
        return "".join(pieces)

    def _for_folder(self, builder: Builder, pagename: str):
        """The pieces with the links filled in, shared by the pages of one folder.

        ``Builder.get_relative_uri`` (``sphinx.util.osutil.relative_uri``) gives every
        page of a folder the same link to another page; a builder that overrides it
        gets its links computed per page. Returns the pieces and the links left to
        fill: those to the page that filled them (which is "#" only for itself).
        """
        shared = type(builder).get_relative_uri is Builder.get_relative_uri
        folder = posixpath.dirname(builder.get_target_uri(pagename)) if shared else None
        if folder is not None and folder in self._folders:
            return self._folders[folder]
        pieces = list(self.pieces)
        missing = []
        for index, number in self.links:
            target = self.targets[number]
            if target == pagename:
                missing.append((index, number))
            else:
                pieces[index] = _href(builder.get_relative_uri(pagename, target))
        if folder is not None:
            self._folders[folder] = (pieces, missing)
        return pieces, missing


def _href(uri: str) -> str:
    """A link as the stock pipeline writes it: Sphinx's ``refuri or "#"``, then
    BeautifulSoup's minimal entity substitution."""
    return EntitySubstitution.substitute_xml(uri or "#")


def build_skeleton(
    app: Sphinx, kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any
) -> Skeleton | None:
    """The navigation pydata-sphinx-theme renders for a page in no toctree, with
    slots; None where the slots cannot express what the stock function does."""
    if kind != "sidebar" or startdepth != 0 or int(show_nav_level) < 1:
        return None  # other shapes of navigation: the stock function
    if kwargs.get("collapse", True) or _has_only_nodes(app.env):
        return None  # page-dependent structure (see the module docstring)
    links = _PlaceholderLinks(app.builder)
    found: dict[str, Any] = {}

    def toctree(collapse: bool = True, **options: Any) -> str:
        # Sphinx's StandaloneHTMLBuilder._get_local_toctree, for NEUTRAL.
        options.setdefault("includehidden", False)
        if options.get("maxdepth") == "":
            options.pop("maxdepth")
        tree = global_toctree_for_doc(
            app.env,
            NEUTRAL,
            links,
            tags=links.tags,
            collapse=collapse,
            **options,
        )
        found["slots"] = _add_slots(tree)
        return app.builder.render_partial(tree)["fragment"]

    # pydata-sphinx-theme's own function, for a page with no marks.
    context: dict[str, Any] = {"toctree": toctree}
    add_toctree_functions(app, NEUTRAL, "page.html", context, None)
    soup = context["generate_toctree_html"](
        kind, startdepth=startdepth, show_nav_level=show_nav_level, **kwargs
    )
    for item in soup.find_all("li"):
        number = _slot_number(item.get("class", []), "_dbnL")
        details = item.find("details", recursive=False)
        if number is not None and details is not None and "open" not in details.attrs:
            details["data-deckbook-nav"] = str(number)
    branches, anchored = found.get("slots", ({}, set()))
    skeleton = Skeleton(str(soup), links.targets, branches, anchored)
    return skeleton if skeleton.complete else None


def _has_only_nodes(env) -> bool:
    return any(
        next(toc.findall(addnodes.only), None) is not None for toc in env.tocs.values()
    )


def _slot_number(classes: list[str], prefix: str) -> int | None:
    for name in classes:
        if name.startswith(prefix) and name.endswith("_"):
            return int(name[len(prefix) : -1])
    return None


def _add_slots(tree: nodes.Element | None) -> tuple[dict, set[int]]:
    """Put a sentinel class where Sphinx would add ``current`` (the link, then each
    ``<li>`` and ``<ul>`` up its branch), and return each link's branch."""
    branches: dict[int, list[tuple[str, int]]] = {}
    anchored: set[int] = set()
    if tree is None:
        return branches, anchored
    numbers: dict[int, tuple[str, int]] = {}  # id(node) -> its slot
    for reference in tree.findall(nodes.reference):
        match = re.fullmatch(r"_dbnH(\d+)_(.*)", reference.get("refuri", ""), re.S)
        if match is None:
            continue  # an external link: no page of ours
        number = int(match.group(1))
        if match.group(2):
            anchored.add(number)
        reference["classes"].append(f"_dbnA{number}_")
        branch = [("A", number)]
        node = reference.parent
        while node is not None and node is not tree:
            if isinstance(node, (nodes.list_item, nodes.bullet_list)):
                if id(node) not in numbers:
                    kind = "L" if isinstance(node, nodes.list_item) else "U"
                    numbers[id(node)] = (kind, len(numbers))
                    node["classes"].append(f"_dbn{kind}{len(numbers) - 1}_")
                branch.append(numbers[id(node)])
                if branch[-1][0] == "L":
                    branch.append(("D", branch[-1][1]))
            node = node.parent
        branches[number] = branch
    return branches, anchored
