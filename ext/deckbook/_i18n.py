"""Interface strings Deckbook itself adds, in the site's language.

A dictionary rather than a gettext catalogue for now: a handful of strings.
Unknown languages fall back to English.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "ko": {
        "Slides": "슬라이드",
        "Open this page as slides": "이 페이지를 슬라이드로 보기",
        "Back to the page": "문서로 돌아가기",
        "Deck navigation": "슬라이드 탐색",
        "Speaker notes": "발표자 노트",
        "By": "작성",
        "Remote image": "외부 이미지",
        # Category pages (categories.py)
        "Categories": "분류",
        "Category: {}": "분류: {}",
        "All categories": "모든 분류",
        "Tags": "태그",
        "Tag: {}": "태그: {}",
        "All tags": "모든 태그",
        # Q&A (qa.py, qa_nodes.py, qa_domain.py, slides.py)
        "Question": "질문",
        "No answer yet": "아직 답변이 없습니다",
        "Link to this question": "이 질문의 링크",
        "No questions yet": "아직 질문이 없습니다",
        "continued": "계속",
        # Published versions (versions_ui.py, publish/static/deckbook-versions.js)
        "Version": "버전",
        "Choose a version": "버전 선택",
        "This is the documentation of an old version ({version}).": (
            "이전 버전({version})의 문서입니다."
        ),
        "This is the documentation of an unreleased version ({version}).": (
            "아직 출시되지 않은 버전({version})의 문서입니다."
        ),
        "Read this page in version {version}": "{version} 버전에서 이 페이지 보기",
    },
}


def translate(language: str | None, text: str) -> str:
    base = (language or "en").split("_")[0].split("-")[0]
    return MESSAGES.get(base, {}).get(text, text)
