"""Korean full-text search in the book: a Sphinx search language for ``language="ko"``.

Sphinx has no Korean search language and falls back to English, which indexes
``파일시스템을`` as one term, so a search for 파일시스템 misses every page that only
says 파일시스템을. Korean attaches particles and endings (조사/어미) to the word they
follow; this language splits Hangul from Latin and strips those endings, the same
way when the index is built (:meth:`SearchKorean.split`) and when the reader queries
it (the same table, run by ``search_ko.js`` in ``language_data.js``). Latin words use
Sphinx's English stemmer on both sides, as ``language = "en"`` would.

``search_ko.js`` also replaces ``Search.performTermsSearch`` of Sphinx's
``searchtools.js``: the stock one makes words of one or two characters optional as soon
as a longer word is in the query (most Korean words are two syllables) and never
matches them partially. Ours requires every word, matches inside longer words (서버 →
서버리스) and keeps Sphinx's scores, so title matches still come first.

Why not Pagefind (measured on the docs/ site; see docs/guide/search.md): it has no
Korean stemming, matches only word prefixes, and ignores query words it cannot find,
so ``Lambda 없는단어`` still returns pages; it would also add a 50 MB binary and a
post-build step.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import snowballstemmer
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

if TYPE_CHECKING:
    from sphinx.application import Sphinx

HERE = Path(__file__).parent

# Hangul syllables, jamo and compatibility jamo: what a Korean word is made of.
HANGUL_RANGES = ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3130, 0x318F))

# Particles (조사) and endings (어미) that attach to a noun or a foreign word. A word
# loses the longest that fits, repeatedly:
# 파일시스템에서는 → 파일시스템에서 → 파일시스템.
PARTICLES = (
    "이 가 을 를 은 는 의 에 에서 에게 에게서 께 께서 한테 한테서 으로 로 "
    "으로서 로서 으로써 로써 으로부터 로부터 와 과 랑 이랑 하고 도 만 까지 부터 "
    "처럼 보다 마다 조차 마저 밖에 뿐 이나 나 이든 든 이든지 든지 이라도 라도 요 들"
)
# The copula, and 하다/되다 that make a verb of a noun: 배포했다, 서버리스인지, 개선된.
ENDINGS = (
    "이다 다 입니다 이었다 였다 이었습니다 였습니다 이에요 예요 이죠 죠 인 인지 "
    "인가 이라는 라는 이란 란 이라고 라고 이라면 라면 이며 며 이고 이지만 지만 "
    "하다 한다 합니다 했다 했습니다 하는 하면 해서 하여 해 한 할 함 했던 하기 "
    "하지 하게 하며 되다 된다 됩니다 됐다 되었다 되었습니다 되는 된 될 되어 돼 "
    "되고 되면 되기 됨"
)
# Longest first, so one table gives the same answer in Python and in JavaScript.
SUFFIXES = tuple(
    sorted(set((PARTICLES + " " + ENDINGS).split()), key=lambda s: (-len(s), s))
)
# Never strip a word below two syllables: too many two-syllable words end in a syllable
# that is also a particle (람다, 추가, 차이, 권한). A one-syllable noun with a particle
# (책을) stays whole, and the query side matches it from 책 (see search_ko.js).
MIN_STEM = 2

SCRIPT = (HERE / "search_ko.js").read_text(encoding="utf-8")


_HANGUL = "".join(f"{chr(low)}-{chr(high)}" for low, high in HANGUL_RANGES)
# Runs of word characters (Python's \w, like Sphinx's own splitter), each cut where
# it changes between Hangul and anything else: Lambda를 → Lambda, 를.
# The group's name says which (no second look at the piece's first character).
_PIECES = re.compile(
    rf"(?P<hangul>[{_HANGUL}]+)|(?P<other>[^\W{_HANGUL}]+)|(?P<gap>\W+)"
)
_SUFFIXES = frozenset(SUFFIXES)
_LONGEST = max(map(len, SUFFIXES))


def is_hangul(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in HANGUL_RANGES)


@functools.lru_cache(maxsize=65536)
def strip_endings(word: str, min_stem: int = MIN_STEM) -> str:
    """``word`` without the particles and endings attached to it."""
    stripped = True
    while stripped:
        stripped = False
        for length in range(min(_LONGEST, len(word) - min_stem), 0, -1):
            if word[-length:] in _SUFFIXES:
                word = word[:-length]
                stripped = True
                break
    return word


def split_korean(text: str) -> list[str]:
    """The index and query terms of ``text``: lower-cased, particles stripped."""
    words: list[str] = []
    attached = False  # the piece before this one is in the same run of \w
    for match in _PIECES.finditer(text):
        kind = match.lastgroup
        if kind == "gap":
            attached = False
            continue
        piece = match.group()
        if kind == "other":
            words.append(piece.lower())
        elif not attached or strip_endings(piece, min_stem=0):
            words.append(strip_endings(piece))
        # else: only a particle on a foreign word (Lambda를, EC2에서): dropped
        attached = True
    return words


def _script() -> str:
    table = {"suffixes": list(SUFFIXES), "minStem": MIN_STEM, "ranges": HANGUL_RANGES}
    return f"const DECKBOOK_KO = {json.dumps(table, ensure_ascii=False)};\n{SCRIPT}"


class SearchKorean(SearchLanguage):
    """Korean: Hangul words without their particles; Latin words stemmed as English."""

    lang = "ko"
    language_name = "Korean"  # Sphinx emits `window.Stemmer = KoreanStemmer;`
    # Sphinx's English Snowball stemmer, shipped into language_data.js for Latin words.
    js_stemmer_rawcode = "english-stemmer.js"
    js_splitter_code = _script()
    stopwords = SearchEnglish.stopwords

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.english = snowballstemmer.stemmer("english")
        # Sphinx stems every word of every page, and a site repeats its words: the
        # Snowball stemmer (pure Python here) was a tenth of writing the index.
        self._stems: dict[str, str] = {}

    def split(self, input: str) -> list[str]:
        return split_korean(input)

    def stem(self, word: str) -> str:
        if word and is_hangul(word[0]):
            return word
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self.english.stemWord(word.lower())
        return stem

    def word_filter(self, word: str) -> bool:
        return bool(word) and super().word_filter(word)


def setup_search_ko(app: Sphinx) -> None:
    app.add_search_language(SearchKorean)
