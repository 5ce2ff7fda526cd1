"""Q&A lists become Q&A admonitions: every marker form and structure, bad input,
the site-wide list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docutils import nodes

from deckbook.qa.domain import QADomain, site_order
from deckbook.qa.nodes import qa_answer, qa_group, qa_item, qa_title

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _question(item: qa_item) -> str:
    """The question without its marker badge."""
    title = item[0]
    assert isinstance(title, qa_title)
    return "".join(n.astext() for n in title.children[2:]).strip()


def _answers(item: qa_item) -> list[str]:
    texts = []
    for answer in item.findall(qa_answer):
        paragraph = answer[0]
        texts.append("".join(n.astext() for n in paragraph.children[2:]).strip())
    return texts


def _markers(item: qa_item) -> list[str]:
    badges = item.findall(
        lambda n: isinstance(n, nodes.inline) and "deckbook-qa-marker" in n["classes"]
    )
    return [badge.astext() for badge in badges]


def _items(app, docname: str) -> list[qa_item]:
    return list(app.env.get_doctree(docname).findall(qa_item))


def _warnings(app) -> list[str]:
    plain = re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())
    lines = plain.splitlines()
    return [line for line in lines if "[deckbook.qa" in line]


# --- marker forms -------------------------------------------------------------------

FORMS = [
    ("colon question", "colon answer", ["Q", "A"]),
    ("dot question", "dot answer", ["Q", "A"]),
    ("paren question", "paren answer", ["Q", "A"]),
    ("fullwidth question", "fullwidth answer", ["Q", "A"]),
    ("bold question", "bold answer", ["Q", "A"]),
    ("bold letter question", "bold letter answer", ["Q", "A"]),
    ("wholly bold question", "plain answer to bold", ["Q", "A"]),
    ("한국어 질문", "한국어 답변", ["질문", "답변"]),
    ("짧은 답 질문", "짧은 답", ["질문", "답"]),
    ("lower-case question", "lower-case answer", ["q", "a"]),
    ("spaced question", "spaced answer", ["Q", "A"]),
]


@pytest.mark.sphinx("html", testroot="qa-markers")
def test_every_marker_form_is_a_question_with_its_answer(app):
    app.build()
    items = _items(app, "forms")
    found = [(_question(i), _answers(i)[0], _markers(i)) for i in items]
    assert found == [(q, a, m) for q, a, m in FORMS]
    assert all(item["answered"] for item in items)
    assert _warnings(app) == []


@pytest.mark.sphinx("html", testroot="qa-markers")
def test_text_that_merely_starts_with_q_is_not_a_question(app, file_regression):
    app.build()
    doctree = app.env.get_doctree("not-questions")
    assert list(doctree.findall(qa_group)) == []
    texts = [p.astext() for p in doctree.findall(nodes.paragraph)]
    for text in ("Q3 results were strong", "QA team: owns the release",
                 "Q.E.D. closes the proof", "Q: is how a question starts",
                 "A) alpha option", "A. first choice"):  # fmt: skip
        assert text in texts
    # An "A) / B)" outline is no orphan answer: no warning at all.
    assert _warnings(app) == []
    file_regression.check(doctree[0].pformat(), extension=".xml")


@pytest.mark.sphinx("html", testroot="qa-markers")
def test_forms_doctree(app, file_regression):
    app.build()
    file_regression.check(app.env.get_doctree("forms")[0].pformat(), extension=".xml")


# --- structures ---------------------------------------------------------------------

STRUCTURES = {
    "nested question": ["nested answer"],
    "sibling question": ["sibling answer"],
    "line question": ["line answer"],
    "hard break question": ["hard break answer"],
    "paragraph question": ["paragraph answer"],
    "nested twice": ["first nested answer", "second nested answer"],
    "siblings twice": ["first sibling answer", "second sibling answer"],
    "lines twice": ["first line answer", "second line answer"],
    "question with details": ["answer after details"],
    "rich question": ["rich answer with a link and inline code"],
    "grouped question one": ["grouped answer one"],
    "grouped question two": ["grouped answer two"],
    "numbered question": ["numbered answer"],
}


@pytest.mark.sphinx("html", testroot="qa-structures")
def test_every_structure_pairs_questions_with_their_answers(app):
    app.build()
    found = {_question(i): _answers(i) for i in _items(app, "structures")}
    assert found == STRUCTURES
    assert _warnings(app) == []


@pytest.mark.sphinx("html", testroot="qa-structures")
def test_answers_keep_all_their_content(app):
    app.build()
    rich = next(i for i in _items(app, "structures") if _question(i) == "rich question")
    (answer,) = rich.findall(qa_answer)
    kinds = [type(child).__name__ for child in answer.children]
    assert kinds == ["paragraph", "enumerated_list", "paragraph", "literal_block"]
    assert next(answer.findall(nodes.reference))["refuri"] == "https://example.org"
    assert next(answer.findall(nodes.literal)).astext() == "inline code"
    assert answer[1][0].astext() == "first step"
    assert next(answer[1].findall(nodes.bullet_list)).astext() == "nested bullet"
    hard_break = [n for n in answer[2].findall(nodes.raw) if n["format"] == "html"]
    assert [n.astext() for n in hard_break] == ["<br />\n"]
    assert answer[3].astext().rstrip("\n") == 'print("answer code")'


@pytest.mark.sphinx("html", testroot="qa-structures")
def test_group_title_and_list_numbering(app):
    app.build()
    doctree = app.env.get_doctree("structures")
    section = next(s for s in doctree.findall(nodes.section) if s["ids"] == ["groups"])
    kinds = [type(child).__name__ for child in section.children[1:]]
    assert kinds == [
        "qa_group", "bullet_list", "enumerated_list", "qa_group", "enumerated_list"
    ]  # fmt: skip
    titled = section[1]
    assert titled[0].astext() == "Audience Question"
    assert "deckbook-qa-group-title" in titled[0]["classes"]
    assert "start" not in section[3]
    assert section[5]["start"] == 4  # "4. Numbered after" keeps its number


@pytest.mark.sphinx("html", testroot="qa-structures")
def test_structures_doctree(app, file_regression):
    app.build()
    doctree = app.env.get_doctree("structures")
    file_regression.check(doctree[0].pformat(), extension=".xml")


@pytest.mark.sphinx("html", testroot="qa-structures")
def test_anchors_are_stable_hashes_of_the_question(app):
    app.build()
    ids = {_question(i): i["ids"][0] for i in _items(app, "structures")}
    assert all(re.fullmatch(r"qa-[0-9a-f]{8}", value) for value in ids.values())
    assert len(set(ids.values())) == len(ids)
    # The same question gets the same anchor on another page and in another project.
    import hashlib

    digest = hashlib.sha1(b"nested question").hexdigest()[:8]
    assert ids["nested question"] == f"qa-{digest}"


# --- the book -----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="qa-structures")
def test_book_admonitions_have_anchor_and_permalink(app, file_regression):
    app.build()
    html = BeautifulSoup((app.outdir / "structures.html").read_text(), "html.parser")
    boxes = html.select("div.admonition.deckbook-qa")
    assert len(boxes) == len(STRUCTURES)
    first = boxes[0]
    link = first.select_one("p.admonition-title > a.headerlink")
    assert link["href"] == f"#{first['id']}"
    assert link["title"] == "이 질문의 링크"
    assert first.select_one(".admonition-title .deckbook-qa-marker").text == "Q"
    file_regression.check(first.prettify(), extension=".html")
    css = [tag["href"] for tag in html.select("link[rel=stylesheet]")]
    assert any(href.startswith("_static/deckbook-qa.css") for href in css)


@pytest.mark.sphinx(
    "html",
    testroot="qa-structures",
    confoverrides={"deckbook_qa_collapsible": True},
)
def test_collapsible_option_uses_details(app):
    app.build(force_all=True)
    html = BeautifulSoup((app.outdir / "structures.html").read_text(), "html.parser")
    boxes = html.select("details.admonition.deckbook-qa")
    assert len(boxes) == len(STRUCTURES)
    assert html.select("div.admonition.deckbook-qa") == []
    summary = boxes[0].find("summary", recursive=False)
    assert "admonition-title" in summary["class"]
    assert summary.select_one("a.headerlink") is not None
    assert "open" not in boxes[0].attrs


@pytest.mark.sphinx("html", testroot="qa-structures")
def test_questions_and_answers_are_searchable(app):
    app.build()
    text = (app.outdir / "searchindex.js").read_text()
    index = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    assert "group" in index["terms"]  # question and answer words (stemmed)
    assert "answer" in index["terms"]
    titles = index["alltitles"]
    assert "Q grouped question one" in titles
    ((_, anchor),) = titles["Q grouped question one"]
    assert anchor.startswith("qa-")


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo", "revealjs"])
def test_every_builder_writes_qa(make_app, rootdir, tmp_path, builder):
    import shutil

    srcdir = tmp_path / "qa-structures"
    shutil.copytree(rootdir / "test-qa-structures", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert "Traceback" not in app.warning.getvalue()
    written = "".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and p.suffix in {".txt", ".tex", ".1", ".texi", ".html"}
    )
    for question, answers in STRUCTURES.items():
        assert question in written, (builder, question)
        assert answers[-1][:11] in written, (builder, answers)


# --- bad input ----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="qa-bad")
def test_bad_input_warns_with_location_and_loses_nothing(app, file_regression):
    app.build()
    warnings = [re.sub(r"^.*index\.md", "index.md", w) for w in _warnings(app)]
    assert warnings == [
        "index.md:5: WARNING: question without an answer: 'unanswered question' "
        "[deckbook.qa-unanswered]",
        "index.md:9: WARNING: answer without a question ('A' item); it is kept as "
        "written [deckbook.qa]",
        "index.md:14: WARNING: empty answer [deckbook.qa]",
        "index.md:18: WARNING: question marker without a question [deckbook.qa]",
        "index.md:25: WARNING: Q&A inside an answer is shown inside that answer, "
        "not on its own [deckbook.qa]",
    ]
    doctree = app.env.get_doctree("index")
    text = doctree.astext()
    for word in ("unanswered question", "A: orphan answer", "empty answer question",
                 "answer to an empty question", "outer answer", "inner question",
                 "inner answer"):  # fmt: skip
        assert word in text
    unanswered = [i for i in doctree.findall(qa_item) if not i["answered"]]
    assert [_question(i) for i in unanswered] == [
        "unanswered question", "empty answer question"
    ]  # fmt: skip
    file_regression.check(doctree[0].pformat(), extension=".xml")
    html = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert len(html.select(".deckbook-qa-unanswered")) == 4  # 2 boxes, 2 notes


@pytest.mark.sphinx(
    "html",
    testroot="qa-bad",
    confoverrides={"suppress_warnings": ["deckbook.qa-unanswered"]},
)
def test_unanswered_warning_can_be_suppressed(app):
    app.build(force_all=True)
    warnings = _warnings(app)
    assert not any("qa-unanswered" in w for w in warnings)
    assert len(warnings) == 4  # the others stay


# --- the site-wide list -------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="qa-list")
def test_qalist_lists_every_qa_grouped_by_page_in_toc_order(app, file_regression):
    app.build()
    html = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    listing = html.select_one("div.deckbook-qalist#every-question")
    pages = [a.text.strip() for a in listing.select(".deckbook-qalist-page a")]
    assert pages == ["Second talk", "First talk"]  # the toctree lists second first
    titles = [
        t.get_text(" ", strip=True)
        for t in listing.select(".deckbook-qa > .admonition-title")
    ]
    assert titles == [
        "Q second page question one #",
        "Q second page question two #",
        "Q first page question #",
    ]
    links = [a["href"] for a in listing.select(".admonition-title > a.headerlink")]
    second = BeautifulSoup((app.outdir / "second.html").read_text(), "html.parser")
    ids = [box["id"] for box in second.select("div.deckbook-qa")]
    assert links[:2] == [f"second.html#{node_id}" for node_id in ids]
    # Copies carry no ids (no duplicate anchors), references inside still resolve.
    assert listing.select(".deckbook-qa[id]") == []
    ref = listing.select_one(".deckbook-qa-answer a.reference.internal")
    assert ref["href"] == "second.html#second-page"
    file_regression.check(listing.prettify(), extension=".html")


@pytest.mark.sphinx("html", testroot="qa-empty")
def test_qalist_without_any_qa_says_so(app):
    app.build()
    html = BeautifulSoup((app.outdir / "index.html").read_text(), "html.parser")
    assert html.select_one(".deckbook-qalist-empty").text == "아직 질문이 없습니다"


@pytest.mark.sphinx("html", testroot="qa-list")
def test_domain_collects_per_page_and_merges(app):
    app.build()
    domain: QADomain = app.env.domains["qa"]
    assert domain.count("first") == 1
    assert domain.count("second") == 2
    assert site_order(app.env)[:3] == ["index", "second", "first"]
    other = {"groups": {"third": [qa_group()]}}
    domain.merge_domaindata({"third"}, other)
    assert "third" in domain.groups
    domain.clear_doc("third")
    assert "third" not in domain.groups


# --- the guide's examples are test inputs -------------------------------------------


def _guide_examples() -> list[str]:
    text = (DOCS / "guide" / "qa-and-notes.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^````markdown\n(.*?)^````$", text, re.M | re.S)
    return [block for block in blocks if re.search(r"^\s*[-*] (Q|질문)", block, re.M)]


@pytest.mark.parametrize("example", range(len(_guide_examples())))
def test_guide_examples_become_qa(make_app, tmp_path, example):
    source = _guide_examples()[example]
    (tmp_path / "conf.py").write_text(
        'extensions = ["deckbook"]\nlanguage = "ko"\nhtml_theme = "sphinx_book_theme"\n'
    )
    (tmp_path / "index.md").write_text(f"# Example\n\n{source}", encoding="utf-8")
    app = make_app("html", srcdir=tmp_path)
    app.build()
    items = list(app.env.get_doctree("index").findall(qa_item))
    expected = len(re.findall(r"^\s*[-*] (?:Q|질문)\b", source, re.M))
    assert len(items) == expected
    assert all(item["answered"] for item in items)
    assert _warnings(app) == []


@pytest.mark.sphinx("html", testroot="qa-marp", freshenv=True)
def test_answer_line_in_a_marp_deck_item(app):
    """A Marp deck renders each newline as a <br> (marp_inline): the answer line after
    it is still the question's answer, not an empty one."""
    app.build()
    assert "empty answer" not in app.warning.getvalue()
    items = list(app.env.get_doctree("index").findall(qa_item))
    assert [(_question(i), _answers(i)) for i in items] == [
        (
            "Does an answer on the next line of the same item count?",
            ["Yes, though Marp breaks the line there."],
        ),
        ("한 항목 안의 다음 줄 답변도?", ["네, 그렇습니다."]),
    ]
