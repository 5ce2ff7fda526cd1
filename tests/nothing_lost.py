"""What "every word the author wrote" means, for the nothing-lost tests.

A word is a run of Unicode letters and digits in the Markdown source, after removing
what is markup rather than writing: front matter (except ``title``), URLs and link
targets, image syntax, HTML tags, Marp directive comments and fit markers, MyST
directive and role names and options, and list/heading/emphasis markers. HTML comments
that are not directives are speaker notes: they are returned separately, because they
must reach the deck's notes and the book's notes block.
"""

from __future__ import annotations

import re

import yaml

WORD = re.compile(r"\w+")
FRONT_MATTER = re.compile(r"\A\ufeff?---\s*\n(.*?)\n(?:---|\.\.\.)\s*\n", re.S)
COMMENT = re.compile(r"<!--(.*?)-->", re.S)
URL = re.compile(r"(?:https?|ftp|mailto):[^\s)>\]]+|www\.[^\s)>\]]+")
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
# A reference link's label, and a link definition: markup, not writing.
REFERENCE_LABEL = re.compile(r"\]\[[^\]]*\]|^ {0,3}\[[^\]]+\]:.*$", re.M)
AUTOLINK = re.compile(r"<[a-z]+://[^>]+>")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# CSS (Marp's <style> and <style scoped>) is styling, not writing.
STYLE_ELEMENT = re.compile(r"<style\b[^>]*>.*?</style>", re.S | re.I)
# Tool pragmas in comments are not speaker notes (DESIGN §3.2).
PRAGMA = re.compile(r"\s*(?:prettier-ignore|markdownlint)", re.I)
DIRECTIVE_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})\s*\{[^}]+\}.*$", re.M)
# Directives whose body is configuration (document names, globs), not prose.
CONFIG_DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{(?:toctree|postlist)\}.*?^(?P=fence)\s*$", re.M | re.S
)
CODE_FENCE_INFO = re.compile(r"^(\s*)(`{3,}|~{3,})[^\n`]*$", re.M)
LIST_MARKER = re.compile(r"^\s*(?:\d+[.)]|[-*+])\s", re.M)
DIRECTIVE_OPTION = re.compile(r"^\s*:[\w-]+:.*$", re.M)
ROLE = re.compile(r"\{[\w:-]+\}`")
# kramdown markup on posts (jekyll/kramdown*.py): attribute lists and definitions,
# extension tags, what a {::comment} holds, and the list a {:toc} stands in for.
KRAMDOWN_COMMENT = re.compile(r"\{::comment\}.*?\{:/(?:comment)?\}", re.S)
KRAMDOWN_TOC = re.compile(r"^ {0,3}(?:[*+-]|\d+\.)[ \t].*\n {0,3}\{:\s*toc\s*\}", re.M)
KRAMDOWN_MARKUP = re.compile(r"\{:(?:[^}\\]|\\.)*\}")
# A footnote's label and a task list's box are markup too.
FOOTNOTE_LABEL = re.compile(r"\[\^[^\]\s]+\]")
TASK_BOX = re.compile(r"^(\s*(?:\d+[.)]|[-*+])\s+)\[[ xX]\]", re.M)
# Marp's directive keys (Marpit + marp-core); a comment made of these is not a note.
MARP_DIRECTIVES = {
    "theme", "style", "headingDivider", "size", "math", "title", "author",
    "description", "image", "keywords", "url", "marp", "lang", "paginate", "header",
    "footer", "class", "backgroundColor", "backgroundImage", "backgroundPosition",
    "backgroundRepeat", "backgroundSize", "color", "transition", "fit",
}  # fmt: skip


def split_front_matter(text: str) -> tuple[dict, str]:
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        data = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        data = {}
    return (data if isinstance(data, dict) else {}), text[match.end() :]


def is_directive_comment(body: str) -> bool:
    stripped = body.strip()
    if stripped == "fit" or not stripped:
        return True
    try:
        data = yaml.safe_load(stripped)
    except yaml.YAMLError:
        return False
    if not isinstance(data, dict):
        return False
    return any(str(key).lstrip("_") in MARP_DIRECTIVES for key in data)


def words(text: str) -> set[str]:
    return {word.casefold() for word in WORD.findall(text)}


# An emoji shortcode (marp-core renders it as the emoji): markup in a Marp deck.
SHORTCODE = re.compile(r":[a-z0-9_+-]+:")


def source_words(markdown: str, marp: bool = False) -> tuple[set[str], set[str]]:
    """``(body words, speaker-note words)`` of a Markdown source."""
    front, body = split_front_matter(markdown)
    if marp:  # the notes keep their shortcodes, as Marp shows them
        body = COMMENT.sub(lambda m: m.group(0).replace(":", "\0"), body)
        body = SHORTCODE.sub(" ", body).replace("\0", ":")
    notes: list[str] = []

    def take_comment(match: re.Match) -> str:
        if not is_directive_comment(match.group(1)) and not PRAGMA.match(
            match.group(1)
        ):
            notes.append(re.sub(r"^\s*comment:?", "", match.group(1)))
        return " "

    body = CONFIG_DIRECTIVE.sub(" ", body)
    for pattern in (KRAMDOWN_COMMENT, KRAMDOWN_TOC, KRAMDOWN_MARKUP, FOOTNOTE_LABEL):
        body = pattern.sub(" ", body)
    body = TASK_BOX.sub(r"\1", body)
    body = STYLE_ELEMENT.sub(" ", body)
    body = COMMENT.sub(take_comment, body)
    for pattern in (IMAGE, AUTOLINK, LINK_TARGET, REFERENCE_LABEL, URL, HTML_TAG, ROLE):
        body = pattern.sub(" ", body)
    body = DIRECTIVE_FENCE.sub(" ", body)
    body = DIRECTIVE_OPTION.sub(" ", body)
    body = CODE_FENCE_INFO.sub(" ", body)
    body = LIST_MARKER.sub(" ", body)
    body_words = words(body) | words(str(front.get("title", "")))
    note_words = set()
    for note in notes:
        # HTML tags in a note are markup too (an allowed tag's attributes don't show).
        note_words |= words(HTML_TAG.sub(" ", URL.sub(" ", note)))
    return body_words, note_words


LIQUID_KEYS = ("layout", "permalink", "render_with_liquid", "date")


def is_liquid_page(markdown: str, name: str) -> bool:
    """Deckbook's rule (posts/liquid.py), for the pages of a test site."""
    front, _ = split_front_matter(markdown)
    dated = re.match(r"\d{4}-\d{2}-\d{2}-", name.rsplit("/", 1)[-1])
    liquid = front.get("render_with_liquid") is not False
    return liquid and (bool(dated) or any(key in front for key in LIQUID_KEYS))


def liquid_source_words(markdown: str) -> tuple[set[str], set[str], set[str]]:
    """``(body words, note words, highlight words)`` of a Jekyll post, Liquid
    markup left out.

    The post is cut with python-liquid's own lexer, as Deckbook renders it: text and
    ``{% raw %}`` content are writing; tags, ``{{ … }}`` (replaced by their values)
    and comments are not. The words of each ``{% highlight %}`` body must reach the
    reader as code, so they are returned apart as well.
    """
    from liquid import Environment
    from liquid.exceptions import LiquidSyntaxError
    from liquid.token import TOKEN_COMMENT, TOKEN_CONTENT, TOKEN_TAG

    front, body = split_front_matter(markdown)
    kept: list[str] = []
    code: list[str] = []
    depth = 0
    try:
        for token in Environment().tokenizer()(body):
            if token.kind == TOKEN_TAG and token.value in ("highlight", "endhighlight"):
                depth += 1 if token.value == "highlight" else -1
            elif token.kind == TOKEN_CONTENT:
                kept.append(token.value)
                if depth:
                    code.append(token.value)
            elif token.kind == TOKEN_COMMENT:
                kept.append(" ")
    except LiquidSyntaxError as error:  # the rest is shown as written
        kept.append(body[error.token.start_index :])
    body_words, note_words = source_words(" ".join(kept))
    body_words |= words(str(front.get("title") or ""))
    return body_words, note_words, words(" ".join(code))
