"""Decks from ordinary pages: Q&A slides, page configuration, Marp decks left alone."""

from __future__ import annotations

import json
import re

import pytest

from tests.sites import build, copy_root, soup

PAGE_CONF = {
    "width": 1280,
    "height": 720,
    "center": False,
    "deckbookFit": True,
    "pdfSeparateFragments": False,  # printed, a page a slide (site/exports/pdf.py)
}


@pytest.fixture(scope="module")
def slides_site(tmp_path_factory):
    srcdir = copy_root("slides", tmp_path_factory.mktemp("slides"))
    return srcdir, build(srcdir)


def _deck(options, docname):
    return soup(options.decks_dir / f"{docname}.html")


def _page_confs(options, docname) -> list[dict]:
    html = (options.decks_dir / f"{docname}.html").read_text(encoding="utf-8")
    found = re.findall(r"Object\.assign\(revealjsConfig, (\{.*?\})\);", html)
    return [json.loads(conf) for conf in found]


def _stacks(deck):
    """Kinds of the slides in each horizontal stack (None: an ordinary slide)."""
    slides = deck.select_one(".reveal .slides")
    return [
        [
            s.get("data-deckbook-kind")
            for s in stack.find_all("section", recursive=False)
        ]
        for stack in slides.find_all("section", recursive=False)
    ]


def test_ordinary_pages_get_the_fitting_configuration(slides_site):
    _, options = slides_site
    for docname in ("long", "qa", "qa-depth", "index"):
        assert PAGE_CONF in _page_confs(options, docname), docname
    deck = _deck(options, "long")
    scripts = [tag["src"] for tag in deck.select("script[src]")]
    assert any(src.startswith("_static/deckbook-slides.js") for src in scripts)
    assert deck.select_one("script[src^='_static/deckbook-slides.js']").has_attr(
        "defer"
    )
    styles = [tag["href"] for tag in deck.select("link[rel=stylesheet]")]
    assert any(href.startswith("_static/deckbook-slides.css") for href in styles)
    assert (options.decks_dir / "_static" / "deckbook-slides.js").is_file()


def test_marp_decks_are_left_to_the_marp_engine(slides_site):
    _, options = slides_site
    assert all("deckbookFit" not in conf for conf in _page_confs(options, "marp"))
    deck = _deck(options, "marp")
    assert deck.select("[data-deckbook-kind]") == []


def test_book_pages_get_no_deck_assets(slides_site):
    _, options = slides_site
    page = soup(options.book_dir / "long.html")
    assert page.select("script[src*='deckbook-slides']") == []
    assert "deckbookFit" not in str(page)


def test_title_slide_is_the_page_title_and_intro(slides_site):
    """The front-matter title (source/titles.py) titles the deck; the body's heading and
    intro stay on the title slide."""
    _, options = slides_site
    first = _deck(options, "long").select_one(".slides > section > section")
    assert first["data-deckbook-kind"] == "title"
    assert first.h1.get_text() == "긴 발표"
    assert "긴 발표의 원래 제목" in first.get_text()
    assert "머리말 문단입니다" in first.get_text()


def test_headings_make_horizontal_and_vertical_slides(slides_site):
    _, options = slides_site
    deck = _deck(options, "long")
    titles = [
        [
            s.find(re.compile("^h[1-6]$")).get_text()
            for s in stack.find_all("section", recursive=False)
        ]
        for stack in deck.select_one(".slides").find_all("section", recursive=False)
    ]
    assert titles == [
        ["긴 발표"], ["빽빽한 절"], ["번호 목록"], ["아주 긴 문단"], ["코드"], ["표"],
        ["부모 절", "자식 하나", "자식 둘"],
    ]  # fmt: skip
    # `####` is no slide of its own in sphinx-revealjs: it stays on "자식 둘".
    child = deck.select_one(".slides").find_all("section", recursive=False)[6]
    assert "깊은 제목" in child.find_all("section", recursive=False)[2].get_text()


def test_group_in_the_title_section_becomes_a_horizontal_stack(slides_site):
    _, options = slides_site
    deck = _deck(options, "qa")
    assert _stacks(deck) == [["title"], ["qa-group", "qa", "qa", "qa", "qa"]]
    group = deck.select_one("section[data-deckbook-kind='qa-group']")
    assert group.h2.get_text() == "청중 질문"
    questions = deck.select("section[data-deckbook-kind='qa']")
    assert [q.h3.get_text(" ", strip=True) for q in questions] == [
        "Q 첫 번째 질문은 무엇인가요?",
        "Q 두 번째 질문은 무엇인가요?",
        "Q 아직 답이 없는 질문",
        "Q 긴 답이 있는 질문",
    ]
    answers = [len(q.select("div.deckbook-qa-answer.fragment")) for q in questions]
    assert answers == [1, 2, 0, 1]
    assert questions[2]["data-deckbook-unanswered"] == "true"
    assert questions[2].select_one("p.deckbook-qa-unanswered").get_text() == (
        "아직 답변이 없습니다"
    )


def test_groups_inside_slides_become_vertical_slides_and_content_continues(slides_site):
    _, options = slides_site
    deck = _deck(options, "qa-depth")
    assert _stacks(deck) == [
        ["title"],
        [None, "qa", "continued", None, "qa-group", "qa", "continued", None],
    ]
    stack = deck.select_one(".slides").find_all("section", recursive=False)[1]
    slides = stack.find_all("section", recursive=False)
    assert [li.get_text() for li in slides[0].select("li")] == ["앞 항목"]
    assert slides[2].h3.get_text() == "가로 슬라이드 (계속)"
    assert [li.get_text() for li in slides[2].select("li")] == [
        "뒤 항목은 이어지는 슬라이드로 갑니다"
    ]
    assert (
        slides[4].select_one(".deckbook-qa-group-context").get_text() == "세로 슬라이드"
    )
    assert slides[6].h3.get_text() == "세로 슬라이드 (계속)"
    assert "세로 슬라이드의 마지막 문단입니다." in slides[6].get_text()
    assert slides[7].h3.get_text() == "다음 세로 슬라이드"


def test_the_book_keeps_the_page_order_and_qa_admonitions(slides_site):
    _, options = slides_site
    page = soup(options.book_dir / "qa-depth.html")
    main = page.select_one("main")
    text = main.get_text(" ", strip=True)
    order = [
        "앞 항목",
        "가로 슬라이드 안의 질문",
        "뒤 항목",
        "세로 묶음",
        "마지막 문단",
    ]
    positions = [text.index(word) for word in order]
    assert positions == sorted(positions)
    assert len(main.select("div.admonition.deckbook-qa")) == 2


def test_project_reveal_configuration_wins(tmp_path):
    srcdir = copy_root("slides", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text() + '\nrevealjs_script_conf = {"width": 960}\n')
    options = build(srcdir)
    confs = _page_confs(options, "long")
    assert {key: value for key, value in PAGE_CONF.items() if key != "width"} in confs
    assert all(conf.get("width") in (None, 960) for conf in confs)


@pytest.mark.sphinx("revealjs", testroot="slides")
def test_deck_doctree_after_the_post_transform(app, file_regression):
    """Read-phase doctree → deck doctree, for a page with Q&A at two depths."""
    app.build()
    doctree = app.env.get_and_resolve_doctree("qa-depth", app.builder, tags=app.tags)
    file_regression.check(doctree[0].pformat(), extension=".xml")
