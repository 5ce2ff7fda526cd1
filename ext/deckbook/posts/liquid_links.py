"""Jekyll's tags that reach other files: ``include``, ``include_relative``
(a file rendered with its ``include.*`` parameters), ``post_url`` and ``link`` (a link
that works from the post's page, in the book and the deck: the source file's path
from the source folder, which MyST resolves as a document link). In raw HTML
(``<a href="{% post_url … %}">``) nothing resolves it: there it is a path to the
Markdown file, and Jekyll's URL cannot be had either (no permalinks in the book).
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING, Any

from liquid.ast import Node
from liquid.builtin.expressions import parse_primitive, tokenize
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.stream import TokenStream
from liquid.tag import Tag
from liquid.token import TOKEN_ASSIGN, TOKEN_EOF, TOKEN_WORD

from ..source.encoding import decode
from .liquid_tags import RenderState, expression_text, state_of

if TYPE_CHECKING:
    from liquid.context import RenderContext
    from liquid.token import Token


# --- include and include_relative -----------------------------------------------


class IncludeNode(Node):
    __slots__ = ("arguments", "file", "relative")

    def __init__(self, token: Token, file: Any, arguments: list, relative: bool):
        super().__init__(token)
        self.file, self.arguments, self.relative = file, arguments, relative
        self.blank = False

    def render_to_output(self, context: RenderContext, buffer) -> int:
        state = state_of(context)
        name = self.file if isinstance(self.file, str) else self.file.evaluate(context)
        path, shown = _include_path(state, str(name), self.relative, self.token)
        params = {key: value.evaluate(context) for key, value in self.arguments}
        state.note_dependency(path)
        with open(path, "rb") as file:
            text, _problem = decode(file.read())
        # An editor's final newline is no content, and would push the post's later
        # lines one down.
        text = text.removesuffix("\n")
        template = context.env.from_string(text, name=shown, path=shown)
        with context.extend({"include": params}, template=template):
            template.render_with_context(context, buffer, partial=True)
        return True


def _include_path(state: RenderState, name: str, relative: bool, token) -> tuple:
    """The file's real path and its name to show, refusing anything outside
    ``_includes/`` (``include``) or the source folder (``include_relative``)."""
    post_dir = posixpath.dirname(state.docname)
    folder = posixpath.join(post_dir if relative else "_includes")
    shown = posixpath.normpath(posixpath.join(folder, name))
    parts = name.replace("\\", "/").split("/")
    base = os.path.realpath(os.path.join(state.srcdir, "" if relative else folder))
    path = os.path.realpath(os.path.join(state.srcdir, shown))
    inside = os.path.commonpath([path, base]) == base
    if ".." in parts or os.path.isabs(name) or not inside:
        where = "the source folder" if relative else "_includes/"
        raise LiquidError(f"include {name!r} is outside {where}", token=token)
    if not os.path.isfile(path):
        raise LiquidError(f"include: there is no file {shown}", token=token)
    return path, shown


class IncludeTag(Tag):
    """``{% include NAME k="v" k2=var %}`` (Jekyll's syntax: ``=``, no commas);
    ``NAME`` may be ``{{ expression }}``."""

    name = "include"
    block = False
    relative = False

    def parse(self, stream: TokenStream) -> Node:
        token, text = expression_text(stream)
        if not text:
            raise LiquidSyntaxError(f"{self.name} needs a file name", token=token)
        file, rest = _include_name(self.env, text, token)
        tokens = _stream(rest, token)
        arguments = []
        while tokens.current.kind != TOKEN_EOF:
            key = tokens.expect(TOKEN_WORD)
            next(tokens)
            tokens.eat(TOKEN_ASSIGN)
            arguments.append((key.value, parse_primitive(self.env, tokens)))
        return IncludeNode(token, file, arguments, self.relative)


class IncludeRelativeTag(IncludeTag):
    name = "include_relative"
    relative = True


def _include_name(env, text: str, token: Token) -> tuple[Any, str]:
    """The file name (a string, or the expression of ``{{ … }}``) and the rest."""
    if text.startswith("{{"):
        end = text.find("}}")
        if end < 0:
            raise LiquidSyntaxError("include: '{{' without '}}'", token=token)
        tokens = _stream(text[2:end], token)
        return parse_primitive(env, tokens), text[end + 2 :]
    name, _, rest = text.partition(" ")
    return name, rest


def _stream(text: str, token: Token) -> TokenStream:
    return TokenStream(tokenize(text, parent_token=token))


# --- post_url and link ----------------------------------------------------------


class LinkNode(Node):
    __slots__ = ("find", "target")

    def __init__(self, token: Token, target, find):
        super().__init__(token)
        self.target, self.find = target, find  # target: a template (Jekyll renders
        self.blank = False  # the variables in a link's path)

    def render_to_output(self, context: RenderContext, buffer) -> int:
        written = context.get_buffer(buffer)
        self.target.render_with_context(context, written, partial=True)
        target = written.getvalue()
        state = state_of(context)
        path = self.find(state, target.strip(), self.token)
        # From the site's root, as Jekyll 3 wrote it: MyST resolves "/posts/x.md"
        # in the source folder, and the older `{{ site.baseurl }}{% post_url … %}`
        # (site.baseurl is the source folder seen from the post) works as well.
        return buffer.write("/" + path)


def find_post(state: RenderState, name: str, token: Token) -> str:
    """Jekyll's ``post_url``: ``[dir/]YYYY-MM-DD-slug`` names a post's file, in
    any folder (a ``dir/`` narrows it); the nearest to this post wins."""
    folder, _, stem = name.strip("/").rpartition("/")
    candidates = sorted(
        doc
        for doc in state.found_docs
        if doc.rsplit("/", 1)[-1] == stem
        and (not folder or f"/{folder}/" in f"/{doc.replace('_posts/', '')}")
    )
    here = posixpath.dirname(state.docname)
    candidates.sort(key=lambda doc: posixpath.dirname(doc) != here)
    if not candidates:
        raise LiquidError(f"post_url: there is no post {name!r}", token=token)
    return candidates[0] + state.doc_suffix(candidates[0])


def find_file(state: RenderState, name: str, token: Token) -> str:
    """Jekyll's ``link``: a path from the source folder to a page or file."""
    relative = posixpath.normpath(name.lstrip("/"))
    srcdir = os.path.realpath(state.srcdir)
    path = os.path.realpath(os.path.join(srcdir, relative))
    if relative.startswith("..") or os.path.commonpath([path, srcdir]) != srcdir:
        raise LiquidError(f"link {name!r} is outside the source folder", token=token)
    if not os.path.exists(path):
        raise LiquidError(f"link: there is no file {name}", token=token)
    return relative


class PostUrlTag(Tag):
    name = "post_url"
    block = False
    find = staticmethod(find_post)

    def parse(self, stream: TokenStream) -> Node:
        token, text = expression_text(stream)
        if not text:
            raise LiquidSyntaxError(f"{self.name} needs a name", token=token)
        return LinkNode(token, self.env.from_string(text), self.find)


class LinkTag(PostUrlTag):
    name = "link"
    find = staticmethod(find_file)


TAGS = (IncludeTag, IncludeRelativeTag, PostUrlTag, LinkTag)
