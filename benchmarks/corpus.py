"""A deterministic benchmark site: N pages of posts, Marp decks and seed copies.

``python benchmarks/corpus.py OUT -n 300`` writes ``OUT/docs`` (the pages),
``OUT/conf.py`` (the Deckbook site, like the repository's) and ``OUT/plain/conf.py``
(the stock stack without Deckbook: MyST and sphinx-book-theme only, for comparison).

The pages, for a given ``seed``, are always the same:

- about 60 % Jekyll posts (``posts/<year>/<date>-<slug>.md``): front matter with
  ``layout``/``title``/``date``/``categories``/``tags``/``comments``, a ``#`` heading
  that differs from the title, ``##``/``###`` sections, nested ``*``/``+``/``-`` lists,
  links, code blocks, a table, and an "Audience Question" Q&A list (answers with nested
  lists, links, several paragraphs);
- about 30 % Marp decks (``decks/<year>/<slug>.md``): ``marp: true`` with global
  directives, ``---`` slides, local and spot directive comments, ``<!--fit-->``
  headings, ``bg``/``bg right:40%``/``w:`` images (small local PNGs written once by
  this script), fragment lists and speaker-note comments;
- about 10 % copies of the two seeds (docs/posts and docs/decks of the repository),
  retitled and redated so every page is distinct.

Navigation is a real site's: the root toctree has a "posts" part (``posts/index`` with a
``{postlist}`` and one index page per year) and a "decks" part (one index per year),
and a ``{qalist}`` page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import struct
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED_POST = REPO / "docs/posts/2021-01-15-aws-reinvent-2020-recap.md"
SEED_DECK = REPO / "docs/decks/reinvent-2022-vegas.md"
SEED_IMAGES = REPO / "docs/decks/img"

CATEGORIES = ["AWS", "GCP", "Kubernetes", "데이터", "보안", "ML", "회고", "DevOps"]
TAGS = ["serverless", "lambda", "aurora", "airflow", "spark", "k8s", "terraform", "llm"]
WORDS = [
    "클라우드",
    "서버리스",
    "데이터",
    "파이프라인",
    "컨테이너",
    "배포",
    "모니터링",
    "비용",
    "성능",
    "보안",
    "아키텍처",
    "마이그레이션",
    "스케일링",
    "장애",
    "대응",
    "자동화",
    "관리형",
    "서비스",
    "워크플로우",
    "분석",
    "모델",
    "학습",
    "추론",
    "캐시",
    "지연",
    "처리량",
    "가용성",
    "리전",
    "네트워크",
    "스토리지",
    "인스턴스",
    "Lambda",
    "Aurora",
    "DynamoDB",
    "S3",
    "EKS",
    "ECS",
    "Fargate",
    "Redshift",
    "SageMaker",
    "Kinesis",
    "Airflow",
    "Grafana",
    "Prometheus",
    "Terraform",
    "Kubernetes",
    "Spark",
]
ENDINGS = ["입니다.", "했습니다.", "할 수 있습니다.", "라고 합니다.", "가 중요합니다."]
LANGS = {
    "python": "import boto3\n\nclient = boto3.client('{w}')\nprint(client.get_{n}())\n",
    "bash": "aws {w} describe --region ap-northeast-2 --max-items {n}\n",
    "yaml": "service: {w}\nprovider:\n  name: aws\n  memorySize: {n}\n",
}
PNG_COLOURS = [
    (52, 101, 164),
    (78, 154, 6),
    (204, 0, 0),
    (117, 80, 123),
    (193, 125, 17),
]

CONF = '''"""Benchmark site: the repository's configuration over the generated pages."""

import sys

sys.path.insert(0, {ext!r})

project = "Deckbook bench"
author = "Deckbook 팀"
language = "ko"
extensions = ["deckbook"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3
html_theme = "sphinx_book_theme"
html_title = "Deckbook bench"
html_theme_options = {{"show_toc_level": 2}}
deckbook_slides_patterns = ["posts/*/[0-9]*"]
revealjs_style_theme = "white"
suppress_warnings = ["deckbook.qa-unanswered"]
# The builds are timed, not the network: remote images stay links, never fetched.
deckbook_remote_images = "link"
'''

PLAIN_CONF = '''"""Same pages, stock stack: MyST and sphinx-book-theme, no Deckbook."""

project = "Deckbook bench"
author = "Deckbook 팀"
language = "ko"
extensions = ["myst_parser"]
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3
html_theme = "sphinx_book_theme"
html_title = "Deckbook bench"
html_theme_options = {"show_toc_level": 2}
# Deckbook's own directives ({postlist}, {qalist}) are unknown here.
suppress_warnings = ["myst.directive_unknown", "myst.header", "toc.not_included"]
'''

# What Sphinx alone costs on these pages: the floor under any Sphinx-based build.
BARE_CONF = '''"""Same pages, Sphinx and MyST alone: Sphinx's bare theme, no decks."""

project = "Deckbook bench"
language = "ko"
extensions = ["myst_parser"]
exclude_patterns = ["_build"]
html_theme = "basic"
suppress_warnings = ["myst.directive_unknown", "myst.header", "toc.not_included"]
'''


class Writer:
    """Random but reproducible text."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def words(self, low: int, high: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=self.rng.randint(low, high)))

    def sentence(self) -> str:
        return f"{self.words(4, 12)} {self.rng.choice(ENDINGS)}"

    def paragraph(self, sentences: int = 3) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def link(self) -> str:
        word = self.rng.choice(WORDS)
        return (
            f"[{word}](https://example.com/{word.lower()}/{self.rng.randint(1, 999)})"
        )

    def code(self) -> str:
        lang = self.rng.choice(sorted(LANGS))
        body = LANGS[lang].format(
            w=self.rng.choice(WORDS).lower(), n=self.rng.randint(1, 99)
        )
        return f"```{lang}\n{body}```"

    def nested_list(self) -> str:
        lines = []
        for _ in range(self.rng.randint(2, 4)):
            lines.append(f"* {self.words(2, 6)}")
            for _ in range(self.rng.randint(1, 3)):
                lines.append(f"  + {self.words(3, 8)}")
                for _ in range(self.rng.randint(0, 3)):
                    extra = f", {self.link()}" if self.rng.random() < 0.3 else ""
                    lines.append(f"    - {self.sentence()}{extra}")
        return "\n".join(lines)

    def table(self) -> str:
        rows = ["| 항목 | 이전 | 이후 |", "|---|---|---|"]
        for _ in range(self.rng.randint(2, 5)):
            a, b = self.rng.randint(1, 500), self.rng.randint(1, 500)
            rows.append(f"| {self.rng.choice(WORDS)} | {a} ms | {b} ms |")
        return "\n".join(rows)

    def qa_list(self) -> str:
        lines = ["* Audience Question"]
        for _ in range(self.rng.randint(3, 8)):
            lines.append(f"  - Q: {self.words(5, 15)}?")
            lines.append(f"    - A: {self.sentence()}")
            shape = self.rng.random()
            if shape < 0.3:
                for number in range(1, self.rng.randint(2, 4)):
                    lines.append(f"      {number}. {self.sentence()}")
            elif shape < 0.5:
                lines.append(f"      - {self.link()}")
                lines.append(f"      - {self.words(3, 7)}")
            elif shape < 0.65:
                lines.append(f"    {self.sentence()}  ")
                lines.append(f"    {self.sentence()}")
        return "\n".join(lines)


def post(rng: random.Random, when: dt.date, slug: str) -> str:
    w = Writer(rng)
    title = f"{w.words(3, 6)} 정리"
    categories = rng.sample(CATEGORIES, rng.randint(1, 2))
    front = [
        "---",
        "layout: post",
        f'title: "{title}"',
        f"date: {when.isoformat()} {rng.randint(8, 20):02d}:00:00 +0900",
        f"categories: {' '.join(c for c in categories)}",
    ]
    if rng.random() < 0.5:
        front.append(f"tags: [{', '.join(rng.sample(TAGS, 2))}]")
    front += ["comments: true", "---"]
    body = [f"# {w.words(2, 5)}", w.paragraph(2) + f" {w.link()}, {w.link()}."]
    for _ in range(rng.randint(3, 5)):
        body += [f"## {w.words(1, 3)}", w.paragraph(), w.nested_list()]
        if rng.random() < 0.5:
            body += [f"### {w.words(1, 3)}", w.paragraph(2), w.code()]
        if rng.random() < 0.25:
            body.append(w.table())
    body += ["## 질의응답", w.qa_list(), w.paragraph(1)]
    return "\n".join(front) + "\n" + "\n\n".join(body) + "\n"


def deck(rng: random.Random, images: list[str], slug: str) -> str:
    w = Writer(rng)
    theme = rng.choice(["default", "gaia", "uncover"])
    lines = ["---", "marp: true", f"theme: {theme}", f"author: {slug}"]
    lines += ["paginate: true", f"footer: {w.words(1, 3)}", "---"]
    slides = [f"<!-- _class: lead -->\n\n# {w.words(2, 4)}<!--fit-->\n\n{w.sentence()}"]
    for number in range(rng.randint(6, 12)):
        parts = []
        if rng.random() < 0.4:
            parts.append(f'<!-- header: "{w.words(1, 3)}" -->')
        if rng.random() < 0.15:
            parts.append("<!-- _paginate: skip -->")
        if rng.random() < 0.2:
            parts.append(f"<!-- _backgroundColor: #{rng.randint(0, 0xFFFFFF):06x} -->")
        parts.append(f"# {w.words(1, 4)}")
        shape = rng.random()
        image = rng.choice(images)
        if shape < 0.2:
            parts.append(f"![bg]({image})")
        elif shape < 0.4:
            parts.append(f"![bg right:40%]({image})")
            parts.append("\n".join(f"* {w.words(2, 5)}" for _ in range(3)))
        elif shape < 0.5:
            parts.append(f"![w:400px]({image})")
        elif shape < 0.75:
            marker = rng.choice(["*", "1)", "-"])
            items = [f"{marker} {w.words(2, 6)}" for _ in range(rng.randint(2, 5))]
            parts.append("\n".join(items))
        else:
            parts.append(w.paragraph(2))
            if rng.random() < 0.3:
                parts.append(w.code())
        if rng.random() < 0.7:
            label = "comment:\n  " if rng.random() < 0.6 else ""
            parts.append(f"<!-- {label}{w.paragraph(2)}\n  {w.link()}\n-->")
        if number == 0 and rng.random() < 0.5:
            parts.append(
                f"* Audience Question\n  - Q: {w.words(4, 9)}?\n    - A: {w.sentence()}"
            )
        slides.append("\n\n".join(parts))
    return "\n".join(lines) + "\n" + "\n\n---\n\n".join(slides) + "\n"


def seed_copy(index: int, when: dt.date) -> tuple[str, str]:
    """Which seed (``post``/``deck``) and its text, retitled (and redated)."""
    if index % 2 == 0:
        text = SEED_POST.read_text(encoding="utf-8")
        text = text.replace("date: 2021-01-15", f"date: {when.isoformat()}", 1)
        text = text.replace('Webinar 정리"', f'Webinar 정리 ({index})"', 1)
        return "post", text
    text = SEED_DECK.read_text(encoding="utf-8")
    text = text.replace("./img/", "../img/")
    return "deck", text.replace(
        "# re:Invent2022 @vegas", f"# re:Invent2022 @vegas {index}", 1
    )


def png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A small solid-colour RGB PNG (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(colour) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(row * height, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", data)
        + chunk(b"IEND", b"")
    )


def _index(title: str, intro: str, entries: list[str], **options: str) -> str:
    opts = "".join(f":{key}: {value}\n" for key, value in options.items())
    body = "\n".join(entries)
    return f"# {title}\n\n{intro}\n\n```{{toctree}}\n{opts}\n{body}\n```\n"


def generate(out: Path, pages: int, seed: int = 1) -> list[str]:
    """Write the site for ``pages`` content pages; returns the content docnames."""
    rng = random.Random(seed)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    (docs / "decks" / "img").mkdir(parents=True)
    images = []
    for number, colour in enumerate(PNG_COLOURS):
        name = f"placeholder-{number}.png"
        (docs / "decks" / "img" / name).write_bytes(png(64, 36, colour))
        images.append(f"../img/{name}")
    for seed_image in sorted(SEED_IMAGES.iterdir()):
        shutil.copy(seed_image, docs / "decks" / "img" / seed_image.name)

    start = dt.date(2019, 1, 1)
    posts: dict[int, list[str]] = {}
    decks: dict[int, list[str]] = {}
    names = []
    for index in range(pages):
        when = start + dt.timedelta(days=index * 2190 // max(pages, 1))
        kind = (
            "seed"
            if index % 10 == 9
            else ("deck" if index % 10 in (2, 5, 8) else "post")
        )
        slug = f"{Writer(rng).words(1, 1).lower()}-{index:04d}"
        if kind == "seed":
            kind, text = seed_copy(index, when)
        else:
            text = post(rng, when, slug) if kind == "post" else deck(rng, images, slug)
        if kind == "post":
            docname = f"posts/{when.year}/{when.isoformat()}-{slug}"
            posts.setdefault(when.year, []).append(docname)
        else:
            docname = f"decks/{when.year}/{slug}"
            decks.setdefault(when.year, []).append(docname)
        path = docs / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        names.append(docname)

    for year, entries in posts.items():
        rel = [name.split("/")[-1] for name in reversed(entries)]
        text = _index(f"{year}년 글", f"{year}년에 쓴 글입니다.", rel, maxdepth="1")
        (docs / f"posts/{year}/index.md").write_text(text, encoding="utf-8")
    for year, entries in decks.items():
        rel = [name.split("/")[-1] for name in entries]
        text = _index(
            f"{year}년 발표 자료", f"{year}년 발표 자료입니다.", rel, maxdepth="1"
        )
        (docs / f"decks/{year}/index.md").write_text(text, encoding="utf-8")
    years = [f"{year}/index" for year in sorted(posts, reverse=True)]
    postlist = "모든 글을 최신순으로 보여 줍니다.\n\n```{postlist}\n:limit: 50\n```"
    (docs / "posts/index.md").write_text(
        _index("글 목록", postlist, years, maxdepth="1"), encoding="utf-8"
    )
    years = [f"{year}/index" for year in sorted(decks, reverse=True)]
    (docs / "decks/index.md").write_text(
        _index("발표 자료", "Marp로 쓴 발표 자료입니다.", years, maxdepth="1"),
        encoding="utf-8",
    )
    (docs / "qa.md").write_text(
        "# 질문과 답변 모음\n\n```{qalist}\n```\n", encoding="utf-8"
    )
    root = [
        "# Deckbook bench",
        "",
        "벤치마크용 사이트입니다.",
        "",
        "```{toctree}\n:caption: 글\n:maxdepth: 2\n\nposts/index\nqa\n```",
        "",
        "```{toctree}\n:caption: 발표 자료\n:maxdepth: 2\n\ndecks/index\n```",
        "",
    ]
    (docs / "index.md").write_text("\n".join(root), encoding="utf-8")
    (out / "conf.py").write_text(CONF.format(ext=str(REPO / "ext")), encoding="utf-8")
    (out / "plain").mkdir(exist_ok=True)
    (out / "plain" / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    (out / "bare").mkdir(exist_ok=True)
    (out / "bare" / "conf.py").write_text(BARE_CONF, encoding="utf-8")
    return names


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", "--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    names = generate(args.out, args.pages, args.seed)
    print(f"{len(names)} pages in {args.out / 'docs'}")


if __name__ == "__main__":
    main()
