"""Keep files from outside the project out of the site.

The project is two trusted folders: the source folder and the one holding ``conf.py``
(``deckbook_project_root``, relative to that folder, replaces the latter, e.g. ``".."``
to trust the repository around it). They need not nest: ``deckbook build
/elsewhere/docs -c .`` reads every page of ``/elsewhere/docs``. A file named by an
image, figure, ``:download:``, include, literalinclude, or the ``:file:`` option of raw
and csv-table that resolves outside *both*, symlinks followed, is refused: a
``deckbook.unsafe_path`` warning names the line, and nothing of the file reaches the
doctree or the output folder. A page that is itself a
symlink to a file outside reads as empty and its source is not published. Stock Sphinx
copies ``{include} ../../../../etc/passwd`` into the page and ``![](../secret)`` into
``_images/``.
"""

from __future__ import annotations

import glob
import os
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.parsers.rst.directives.misc import Raw, adapt_path
from sphinx import addnodes
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.directives.patches import CSVTable
from sphinx.util.i18n import search_image_for_language

from .._log import DeckbookWarnings, get_logger, warn

if TYPE_CHECKING:
    from pathlib import Path

    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

logger = get_logger(__name__)

SUBTYPE = DeckbookWarnings.UNSAFE_PATH

# An include directive: MyST (```{include} x, :::{include} x) or rST (.. include:: x).
_INCLUDE_LINE = re.compile(
    r"^\s*(?:(?:`{3,}|~{3,}|:{3,})\s*\{include\}|\.\.\s+include::)\s+(?P<arg>\S.*?)\s*$"
)

# docutils' own substitution sets (``.. include:: <isonum.txt>``) ship in its package.
_STANDARD_INCLUDES = os.path.realpath(Include.standard_include_path)


def setup_safety(app: Sphinx) -> None:
    app.add_config_value("deckbook_project_root", "", "env", types=frozenset({str}))
    app.connect("config-inited", resolve_project_root)
    app.connect("source-read", refuse_outside_source)
    app.connect("include-read", refuse_outside_include)
    # Sphinx's ImageCollector and DownloadFileCollector pick the files to copy on
    # doctree-read at the default priority (500): run just before them, after every
    # transform, so an image a transform adds is checked too.
    app.connect("doctree-read", refuse_outside_assets, priority=400)
    app.connect("html-page-context", hide_outside_source)
    app.add_directive("include", SafeInclude, override=True)
    app.add_directive("literalinclude", SafeLiteralInclude, override=True)
    app.add_directive("raw", SafeRaw, override=True)
    app.add_directive("csv-table", SafeCSVTable, override=True)


def resolve_project_root(app: Sphinx, config: Config) -> None:
    """Make ``deckbook_project_root`` a real absolute path (default: conf.py folder)."""
    root = os.path.join(app.confdir, config.deckbook_project_root)
    config.deckbook_project_root = os.path.realpath(root)


def trusted_folders(env: BuildEnvironment) -> list[str]:
    """The source folder and the conf (or project root) folder, as real paths."""
    folders = [os.path.realpath(env.srcdir), env.config.deckbook_project_root]
    return list(dict.fromkeys(folders))


def is_outside_project(path: str | Path, env: BuildEnvironment) -> bool:
    return not any(_is_inside(path, folder) for folder in trusted_folders(env))


def _is_inside(path: str | Path, real_folder: str) -> bool:
    try:
        return os.path.commonpath([os.path.realpath(path), real_folder]) == real_folder
    except ValueError:  # on different Windows drives
        return False


def refuse(kind: str, target: str, env: BuildEnvironment, location: Any) -> None:
    folders = trusted_folders(env)
    where = "folder" if len(folders) == 1 else "folders"
    message = (
        f"refused {kind} {target!r}: it resolves outside the project {where} "
        f"{' and '.join(folders)}"
    )
    warn(logger, message, SUBTYPE, location)


def refuse_outside_source(app: Sphinx, docname: str, content: list[str]) -> None:
    """Blank a source document that is a symlink to a file outside the project."""
    path = app.env.doc2path(docname)
    if is_outside_project(path, app.env):
        refuse("source file", str(path), app.env, docname)
        content[0] = ""


def hide_outside_source(
    app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any
) -> None:
    """Stop the HTML builders copying a refused source file into ``_sources/``."""
    env = app.env
    if pagename in env.all_docs and is_outside_project(env.doc2path(pagename), env):
        context["sourcename"] = ""


def refuse_outside_include(
    app: Sphinx, relative_path: Path, parent_docname: str, content: list[str]
) -> None:
    """Blank an included file that lies outside the project.

    MyST's ``{include}`` reads the file before this event, and no directive of ours
    runs for it, so blanking the text here is the last moment before it is parsed.
    """
    path = app.env.srcdir / relative_path
    if not is_outside_project(path, app.env) or _is_inside(path, _STANDARD_INCLUDES):
        return
    # MyST passes the file's stem as parent_docname, which is wrong in subfolders.
    docname = app.env.current_document.docname
    line, written = _find_include_directive(app.env, docname, path)
    refuse("include", written or str(relative_path), app.env, (docname, line))
    content[0] = ""


def _find_include_directive(
    env: BuildEnvironment, docname: str, included: Path
) -> tuple[int | None, str | None]:
    """Line and argument of the include directive in ``docname`` naming ``included``.

    include-read gives no line, so scan the source; an include nested in another
    included file is not found, and its warning then names the page without a line.
    """
    target = os.path.realpath(included)
    # Lines already reported for this page, so a second include of the same file
    # (maybe through a symlink) gets its own line.
    reported = env.current_document.setdefault("deckbook_refused_include_lines", set())
    text = env.doc2path(docname).read_bytes().decode("utf-8", "replace")
    for lineno, line in enumerate(text.split("\n"), start=1):
        match = _INCLUDE_LINE.match(line)
        if match and lineno not in reported:
            _, path = env.relfn2path(match["arg"], docname)
            if os.path.realpath(path) == target:
                reported.add(lineno)
                return lineno, match["arg"]
    return None, None


def refuse_outside_assets(app: Sphinx, doctree: nodes.document) -> None:
    """Drop images and downloads outside the project before Sphinx queues their copy."""
    env = app.env
    docname = env.current_document.docname
    for image in list(doctree.findall(nodes.image)):
        uri = image["uri"]
        if _is_local(uri) and any(
            is_outside_project(path, env) for path in _image_files(env, uri, docname)
        ):
            refuse("image", uri, env, image)
            _replace_by_alt_text(image)
    for download in list(doctree.findall(addnodes.download_reference)):
        target = download["reftarget"]
        if _is_local(target) and is_outside_project(
            env.relfn2path(target, docname)[1], env
        ):
            refuse("download", target, env, download)
            # Keep the link text, lose the link.
            download.parent.replace(download, download.children[:])


def _is_local(uri: str) -> bool:
    # The same test as Sphinx's ImageCollector and DownloadFileCollector.
    return not uri.startswith("data:") and "://" not in uri


def _image_files(env: BuildEnvironment, uri: str, docname: str) -> list[str]:
    """Every file Sphinx may copy for ``uri``: its translated variant, glob matches."""
    files = []
    for candidate in {uri, search_image_for_language(uri, env)}:
        _, path = env.relfn2path(candidate, docname)
        files.append(path)
        if candidate.endswith(".*"):
            files.extend(glob.glob(path))
    return files


def _replace_by_alt_text(image: nodes.image) -> None:
    """Put the image's alt text where it was, so no word of the page is lost.

    <image alt="a chart">  ->  <inline classes="deckbook-refused-image">a chart
    (inside a <paragraph> where the image stood as a block, e.g. in a figure)
    """
    alt = image.get("alt", "")
    if not alt:
        image.parent.remove(image)
        return
    replacement = nodes.inline(alt, alt, classes=["deckbook-refused-image"])
    if not isinstance(image.parent, nodes.TextElement):
        replacement = nodes.paragraph("", "", replacement)
    replacement.source, replacement.line = image.source, image.line
    image.replace_self(replacement)


class _RefusesOutsideFiles:
    """Mixin for directives that read files: refuse any outside the project."""

    def files_read(self) -> list[tuple[str, str]]:
        """The files this directive will read: (path as written, absolute path)."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        for written, path in self.files_read():
            if is_outside_project(path, env):
                refuse(self.name, written, env, self._location())
                return []
        return super().run()

    def _location(self) -> str:
        # SphinxDirective.get_location(), which the docutils directives lack.
        source, line = self.state_machine.get_source_and_line(self.lineno)
        return f"{source}:{line}"

    def _from_source_folder(self, path: str) -> str:
        # How docutils' raw and csv-table resolve ``:file:`` (relative to the file
        # holding the directive, which may itself be included).
        document = self.state.document
        return adapt_path(path, document.current_source, document.settings.root_prefix)

    def _from_document(self, path: str) -> str:
        # How Sphinx resolves a path: "/x" from the source folder, "x" from the page's.
        env = self.state.document.settings.env
        _, absolute = env.relfn2path(path, env.current_document.docname)
        return absolute


class SafeInclude(_RefusesOutsideFiles, Include):
    """Sphinx's rST include; MyST's ``{include}`` is guarded on include-read instead."""

    def files_read(self) -> list[tuple[str, str]]:
        path = self.arguments[0]
        if path.startswith("<") and path.endswith(">"):  # docutils' own include files
            return []
        return [(path, self._from_document(path))]


class SafeLiteralInclude(_RefusesOutsideFiles, LiteralInclude):
    def files_read(self) -> list[tuple[str, str]]:
        paths = [self.arguments[0]]
        if "diff" in self.options:  # the file diffed against shows in the page too
            paths.append(self.options["diff"])
        return [(path, self._from_document(path)) for path in paths]


class SafeRaw(_RefusesOutsideFiles, Raw):
    def files_read(self) -> list[tuple[str, str]]:
        if "file" not in self.options:
            return []
        return [(self.options["file"], self._from_source_folder(self.options["file"]))]


class SafeCSVTable(_RefusesOutsideFiles, CSVTable):
    def files_read(self) -> list[tuple[str, str]]:
        path = self.options.get("file")
        if path is None:
            return []
        if path.startswith(("/", os.sep)) and not os.path.exists(path):
            # Sphinx's CSVTable reads a missing absolute path from the source folder.
            return [(path, self._from_document(path))]
        return [(path, self._from_source_folder(path))]
