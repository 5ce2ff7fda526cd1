"""Links a Jekyll post writes to the built site: ``[about](/about/)``,
``[home]({{ site.baseurl }}/index.html)``, ``[older](2021-01-15-recap.html#part)``.

Jekyll authors link to *output* addresses; MyST reads a relative link as a link to a
*source* file and warns (``myst.xref_missing``) that ``index.html`` is no document, so
the link is lost. On a Jekyll page
(:meth:`deckbook.source.frontmatter.FrontMatter.is_jekyll`), a relative
``.html``/``.htm`` or folder (``/``) link that names a page of the site becomes a link
to that page (with its ``#fragment``), which every builder resolves, the decks
included; any other such link (a file Sphinx does not build) stays a plain link to the
address as written. Read phase, the same for every builder.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from .liquid import LIQUID_PAGE

if TYPE_CHECKING:
    from sphinx.application import Sphinx

_OUTPUT_ENDINGS = (".html", ".htm", "/")


def output_docname(target: str, docname: str, found: set[str]) -> str | None:
    """The page a relative output address names, seen from ``docname``'s page."""
    if target.startswith("/"):
        path = target.lstrip("/")
    else:
        path = posixpath.join(posixpath.dirname(docname), target)
    path = posixpath.normpath(path) if path else "."
    if target.endswith("/") or path == ".":
        candidate = posixpath.join(path, "index") if path != "." else "index"
    else:
        candidate = posixpath.splitext(path)[0]
    return candidate if candidate in found else None


class JekyllOutputLinks(SphinxTransform):
    """``pending_xref(reftype=myst, refdomain=None)`` to an output address →
    ``pending_xref(refdomain=doc)`` to that page, or a plain ``reference``."""

    # After RestoreLiquidText (50), before Sphinx's ReferencesResolver (post-
    # transform, 10): a read-phase transform, so the stored doctree has the link.
    default_priority = 60

    def apply(self, **kwargs: Any) -> None:
        if self.env.current_document.get(LIQUID_PAGE) is None:
            return  # not a Jekyll page: MyST's reading stands
        for node in list(self.document.findall(addnodes.pending_xref)):
            if node.get("reftype") == "myst" and node.get("refdomain") is None:
                self._relink(node)

    def _relink(self, node: addnodes.pending_xref) -> None:
        target = node["reftarget"]
        path, _, fragment = target.partition("#")
        if "://" in path or not path.endswith(_OUTPUT_ENDINGS):
            return  # "#part" too: MyST's own anchor lookup
        docname = output_docname(path, self.env.docname, self.env.found_docs)
        if docname is not None:
            node["refdomain"] = "doc"
            node["reftarget"] = docname
            node["reftargetid"] = fragment or None
            return
        link = nodes.reference("", "", *node.children, refuri=target, internal=False)
        link.source, link.line = node.source, node.line
        node.replace_self(link)


def setup_links(app: Sphinx) -> None:
    app.add_transform(JekyllOutputLinks)
