"""Korean search: the splitter, the index it builds, queries on the real search page.

tests/roots/test-search-ko gives every case its own page and its own words, so each
query has exactly one right answer. The browser tests type nothing: they open
``search.html?q=…`` as the search box does and read the result list.
"""

from __future__ import annotations

import json
import shutil
from urllib.parse import quote, urlsplit

import pytest

from deckbook.book.search_hidden import split_comments
from deckbook.book.search_ko import SearchKorean, split_korean, strip_endings

from .sites import build, copy_root

# ---------------------------------------------------------------- the splitter alone


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("파일시스템을", "파일시스템"),
        ("파일시스템은", "파일시스템"),
        ("파일시스템이", "파일시스템"),
        ("파일시스템에서는", "파일시스템"),
        ("서버리스인지", "서버리스"),
        ("배포했다", "배포"),
        ("개선된", "개선"),
        ("사용자들이", "사용자"),
        # never below two syllables: these words end in a particle-like syllable
        ("람다", "람다"),
        ("람다를", "람다"),
        ("추가", "추가"),
        ("권한", "권한"),
        ("책을", "책을"),
    ],
)
def test_strip_endings(word, stem):
    assert strip_endings(word) == stem


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("오픈소스 파일시스템을 골랐다", ["오픈소스", "파일시스템", "골랐"]),
        ("Lambda를 쓴다", ["lambda", "쓴다"]),
        ("EC2에서는 S3와", ["ec2", "s3"]),
        ("AWS람다", ["aws", "람다"]),
        ("2020년에", ["2020", "년에"]),
        ("Lambda 콜드스타트는", ["lambda", "콜드스타트"]),
        ("re:Invent, 2022!", ["re", "invent", "2022"]),
    ],
)
def test_split_korean(text, terms):
    assert split_korean(text) == terms


def test_latin_words_are_stemmed_as_english():
    korean = SearchKorean({})
    assert korean.stem("containers") == korean.stem("container") == "contain"
    assert korean.stem("파일시스템") == "파일시스템"


@pytest.mark.parametrize(
    ("html", "pieces"),
    [
        ("<!-- a -> b -->", [(True, " a -> b ")]),
        (
            "<p>x</p><!--y--><p>z</p>",
            [(False, "<p>x</p>"), (True, "y"), (False, "<p>z</p>")],
        ),
        ("<b>x</b> <!-- never closed", [(False, "<b>x</b> "), (True, " never closed")]),
        ("<br />", [(False, "<br />")]),
    ],
)
def test_split_comments(html, pieces):
    assert split_comments(html) == pieces


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    srcdir = copy_root("search-ko", tmp_path_factory.mktemp("search"))
    return build(srcdir).book_dir


def _index(book_dir) -> dict:
    text = (book_dir / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text.removeprefix("Search.setIndex(").removesuffix(")"))


HIDDEN = [
    "비밀단어",
    "감춘말",
    "인라인숨김",
    "여러줄숨김",
    "다른값",
    "aliceblue",
    "fit",
]


def test_hidden_comments_and_marp_directives_are_not_indexed(search_site):
    index = _index(search_site)
    words = set(index["terms"]) | set(index["titleterms"])
    assert "보이" in words  # the visible sentence of the same page is there
    assert not [word for word in HIDDEN if word in words]
    titles = " ".join(index["alltitles"])
    assert "덱 제목" in titles and "fit" not in titles


def test_notes_and_qa_shown_in_the_book_are_indexed(search_site):
    index = _index(search_site)
    names = index["docnames"]

    def pages(word):
        found = index["terms"].get(word, index["titleterms"].get(word))
        return {names[i] for i in ([found] if isinstance(found, int) else found)}

    assert pages("발표메모단어") == {"notes"}  # ```{notes}
    assert pages("답변본문단어") == {"qa"}  # a Q&A answer
    assert pages("노트속단어") == {"deck"}  # a Marp comment, a speaker note


def test_the_language_data_carries_the_same_table(search_site):
    script = (search_site / "_static" / "language_data.js").read_text("utf-8")
    assert "const DECKBOOK_KO = " in script
    assert "window.Stemmer = KoreanStemmer;" in script
    assert "Search.performTermsSearch = deckbookKorean.performTermsSearch" in script


# ---------------------------------------------------------------- in the browser


def search(page, base_url: str, query: str) -> list[str]:
    """The docnames the search page lists for ``query``, best first."""
    page.goto(f"{base_url}/search.html?q={quote(query)}")
    page.wait_for_function(
        "() => typeof Search !== 'undefined' && Search._pulse_status === -1"
        " && document.querySelector('#search-results .search-summary')?.textContent",
        # The index is fetched and searched when the page opens: on a loaded machine
        # (CI beside other jobs) that has taken longer than the default 30 s.
        timeout=90_000,
    )
    paths = page.eval_on_selector_all(
        "#search-results ul.search li > a", "links => links.map(a => a.pathname)"
    )
    root = urlsplit(base_url).path.rstrip("/") + "/"
    docnames = []
    for path in paths:
        docname = path.removeprefix(root).removesuffix(".html")
        if docname not in docnames:
            docnames.append(docname)
    return docnames


def summary(page) -> str:
    return page.inner_text("#search-results .search-summary")


@pytest.fixture(scope="module")
def www(search_site, tmp_path_factory):
    # Served under a sub-path, as a published version is (<site>/<version>/…).
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(search_site, root / "search")
    return root


@pytest.fixture
def site_url(www, serve):
    return serve(www).url("search")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # particles and endings, on either side
        ("파일시스템", {"fs-eul", "fs-eun", "fs-i"}),
        ("파일시스템을", {"fs-eul", "fs-eun", "fs-i"}),
        # English words in Korean text
        ("Lambda", {"lambda", "lambda-only"}),
        ("lambda", {"lambda", "lambda-only"}),
        ("containers", {"english"}),
        ("EC2", {"english"}),
        # two syllables: whole, and inside a longer word
        ("람다", {"lambda-ko"}),
        ("서버", {"serverless-title", "serverless-body", "index"}),
        # one syllable with a particle (책을)
        ("책", {"book"}),
        # every word is required, also the two-syllable ones
        ("Lambda 콜드스타트", {"lambda"}),
        ("람다 콜드스타트", {"lambda-ko"}),
        ("콜드스타트", {"lambda", "lambda-ko", "coldstart-only"}),
        # speaker notes and Q&A, as the book shows them
        ("발표메모단어", {"notes"}),
        ("답변본문단어", {"qa"}),
        ("노트속단어", {"deck"}),
    ],
)
def test_search_finds(page, site_url, query, expected):
    assert set(search(page, site_url, query)) == expected
    count = len(page.query_selector_all("#search-results ul.search li"))
    assert (
        summary(page)
        == f"검색을 마쳤습니다. 검색어와 일치하는 문서를 {count}개 찾았습니다."
    )
    assert page.watch.foreign == [] and page.watch.errors == []


def test_title_matches_come_first(page, site_url):
    found = search(page, site_url, "서버리스")
    # serverless-body says 서버리스 three times, but only serverless-title's title does
    assert found[0] == "serverless-title"
    assert set(found) == {"serverless-title", "serverless-body", "index"}


@pytest.mark.parametrize(
    "query", ["없는단어", "Lambda 없는단어", "감춘말", "인라인숨김", "aliceblue", "fit"]
)
def test_no_result_says_so_in_korean(page, site_url, query):
    assert search(page, site_url, query) == []
    assert summary(page).startswith("검색어와 일치하는 문서가 없습니다.")
    assert page.watch.foreign == [] and page.watch.failed == []


def test_results_open_under_a_sub_path(page, site_url):
    assert search(page, site_url, "파일시스템이")[0].startswith("fs-")
    # each result fetched its page for the summary, relative to the sub-path
    page.wait_for_selector("#search-results li p.context")
    page.locator("#search-results li > a").first.click()
    page.wait_for_url("**/search/fs-*.html*")
    assert "파일시스템" in page.inner_text("main")
    assert page.watch.failed == [] and page.watch.foreign == []


SAMPLES = [
    "우리 팀은 오픈소스 파일시스템을 골랐다. 그 파일시스템은 안정적이었다.",
    "이 팀은 Lambda를 쓴다. 콜드스타트는 짧다. EC2에서는 S3와 containers를 돌린다.",
    "AWS람다, re:Invent 2022에서 발표했다! 2020년에 배포했다. 사용자들이 개선된 것을",
    "책을 읽었다; 권한 추가 람다를 ㅋㅋ don't café 日本語 x_y 1ms 10GB를 ²³ ½ Ⅻ",
    "파일시스템에서는 서버리스인지 배포했습니다 이었습니다 이 가 를",
]


def test_query_side_splits_and_stems_as_the_index_did(page, site_url):
    """One table in Python (index) and JavaScript (query), compared word by word."""
    page.goto(f"{site_url}/search.html")
    korean = SearchKorean({})
    for text in SAMPLES:
        in_js = page.evaluate(
            "text => splitQuery(text).map(w => new Stemmer().stemWord(w))", text
        )
        assert in_js == [korean.stem(word) for word in korean.split(text)], text
