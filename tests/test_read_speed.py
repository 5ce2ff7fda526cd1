"""The read-phase speed measures (``deckbook.read_speed``) change nothing they touch.

The whole-site proof is ``benchmarks/same_output.py`` (every file of the book and the
decks byte for byte before and after, benchmarks/RESULTS.md); these tests pin each
measure to what it replaces, so a MyST or markdown-it upgrade that breaks the
equivalence fails here.
"""

from __future__ import annotations

from functools import partial

import pytest
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils.base import make_document
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser

from deckbook.markdown import page_config
from deckbook.posts import liquid_render
from deckbook.posts.liquid_tags import RenderState
from deckbook.read_speed import DocumentGivenRenderer, block_tokens
from deckbook.source.marp_yaml import parse_yaml
from tests.sites import copy_root

BODY = """\
---
title: front matter
---
# A heading

Setext heading
--------------

- item with `code`
  ```python
  print("in a list")
  ```
  1. nested *list*

    indented code

:::{note}
a colon fence
:::

term
: a definition

| a | b |
|---|---|
| 1 | 2 |

> quoted
> ## heading in a quote

[ref]: https://example.org "title"
"""

CONFIG = MdParserConfig(enable_extensions={"colon_fence", "deflist", "fieldlist"})


def test_setup_render_leaves_what_mysts_leaves():
    parser = create_md_parser(CONFIG, SphinxRenderer)
    document = make_document()
    options = {"document": document, "myst_config": CONFIG}
    env: dict = {}
    mine, theirs = DocumentGivenRenderer(parser), SphinxRenderer(parser)
    mine.setup_render(options, env)
    theirs.setup_render(options, env)
    # Everything but the bound render methods (bound to each renderer) is equal.
    mine_rules, their_rules = vars(mine).pop("rules"), vars(theirs).pop("rules")
    assert sorted(mine_rules) == sorted(their_rules)
    assert vars(mine) == vars(theirs)
    assert len(vars(mine)) > 10
    assert mine.document is document


def test_setup_render_without_a_document_is_mysts():
    parser = create_md_parser(CONFIG, DocumentGivenRenderer)
    renderer = parser.renderer
    renderer.setup_render({"myst_config": CONFIG}, {})
    assert renderer.document.children == []  # MyST made its own


def _blocks(tokens) -> list[dict]:
    found = [token.as_dict() for token in tokens]
    for token in found:
        token.pop("children", None)  # the inline parse's, which blocks do not need
    return found


@pytest.mark.parametrize(
    "build",
    [
        partial(MarkdownIt, "commonmark"),
        partial(create_md_parser, CONFIG, RendererHTML),
    ],
    ids=["commonmark", "myst"],
)
def test_block_tokens_are_a_full_parses_blocks(build):
    full = build().parse(BODY)
    blocks = block_tokens(("test", id(build)), CONFIG, build, BODY)
    assert any(token.type == "heading_open" for token in blocks)
    assert any(token.type == "fence" for token in blocks)
    assert not any(token.children for token in blocks)  # no inline parse ran
    assert any(token.children for token in full)
    assert _blocks(blocks) == _blocks(full)


def test_block_parser_is_built_once_per_configuration():
    built = []

    def build():
        built.append(1)
        return MarkdownIt("commonmark")

    block_tokens("once", CONFIG, build, "# a")
    block_tokens("once", MdParserConfig(**vars(CONFIG)), build, "# b")  # equal
    assert len(built) == 1
    block_tokens("once", MdParserConfig(), build, "# c")  # another configuration
    assert len(built) == 2


def _render(body: str) -> str:
    state = RenderState(
        docname="post",
        srcdir=".",
        found_docs=set(),
        doc_suffix=lambda name: ".md",
        note_dependency=lambda path: None,
        warn=lambda message, line: None,
    )
    return liquid_render.PostRenderer(state, {}, 0).render(body)


def test_code_lines_only_parsed_when_liquid_asks(monkeypatch):
    calls = []
    real = liquid_render.code_lines

    def counting(body):
        calls.append(body)
        return real(body)

    monkeypatch.setattr(liquid_render, "code_lines", counting)
    plain = "# no Liquid\n\n```\ncode {not liquid}\n```\n"
    assert _render(plain) == plain
    assert calls == []
    liquid = "```\n{{ 1 | plus: 1 }}\n```\n\n{{ 1 | plus: 1 }}\n"
    assert _render(liquid) == "```\n2\n```\n\n2\n"
    assert len(calls) == 1  # once a page, not once a piece


def test_page_config_reads_a_pages_myst_key_only_when_it_has_one():
    document = make_document()
    plain = "---\ntitle: a page\n---\n# A page\n"
    assert page_config(CONFIG, plain, document) is CONFIG
    own = "---\nmyst:\n  heading_anchors: 2\n---\n# A page\n"
    adjusted = page_config(CONFIG, own, document)
    assert adjusted.heading_anchors == 2 != CONFIG.heading_anchors


def test_marp_yaml_is_read_once_and_every_caller_owns_its_copy():
    first = parse_yaml("_class: lead\nheader: a")
    first["_class"] = "changed"
    assert parse_yaml("_class: lead\nheader: a") == {"_class": "lead", "header": "a"}
    assert parse_yaml("not: [valid") is None


@pytest.mark.parametrize("buildername", ["html", "revealjs"])
def test_a_plain_title_is_rendered_once_a_builder(make_app, tmp_path, buildername):
    """speed.py: the HTML of a title of text and emphasis, as Sphinx renders it, once;
    a title that could differ by page (a reference in it) is rendered every time."""
    from docutils import nodes
    from sphinx.builders.html import StandaloneHTMLBuilder

    app = make_app(buildername, srcdir=copy_root("decks", tmp_path))
    builder = app.builder
    title = nodes.title("", "", nodes.Text("A "), nodes.emphasis("", '"title"'))
    expected = StandaloneHTMLBuilder.render_partial(builder, title.deepcopy())
    assert "<em>" in expected["title"]
    assert builder.render_partial(title) == expected
    assert builder.render_partial(title) == expected
    assert id(title) in vars(builder)["_deckbook_titles"]
    linked = nodes.title("", "", nodes.reference("", "a link", refuri="x.html"))
    assert 'href="x.html"' in builder.render_partial(linked)["title"]
    assert id(linked) not in vars(builder)["_deckbook_titles"]


@pytest.mark.parametrize("buildername", ["html", "revealjs"])
def test_templates_are_not_checked_for_changes_while_pages_are_written(
    make_app, tmp_path, buildername
):
    """speed.py ``templates_unchanged``: Jinja stops asking each template's file
    whether it changed while the pages are written, and asks again afterwards (a
    kept application's next build sees an edited template)."""
    app = make_app(buildername, srcdir=copy_root("decks", tmp_path))
    seen: dict[str, bool] = {}

    def record(app, pagename, templatename, context, doctree):
        if pagename in app.env.found_docs:
            seen[pagename] = app.builder.templates.environment.auto_reload

    app.connect("html-page-context", record)
    app.build()
    assert seen
    assert set(seen.values()) == {False}
    assert app.builder.templates.environment.auto_reload is True
