"""Issue 16's four figures for Deckbook beside the stock stack and MkDocs Material.

For the same generated pages (``corpus.py``) at two sizes, built by

- **Deckbook** (``deckbook build``: the book and its decks),
- the **stock stack**: ``sphinx-build`` with MyST and sphinx-book-theme for the book,
  and with MyST and sphinx-revealjs (``-b revealjs``, reveal.js's *white* theme, as
  Deckbook's conf) for the decks, no Deckbook,
- **MkDocs Material** for the posts (``peers.py``), and Marp CLI for the decks when
  it is installed (``benchmarks/.peers``; MkDocs has no decks),

this weighs, in headless Chromium (``weight.py``: nothing clicked, gzip as static
hosts serve it), the same post and the same deck in each, decoded (the files' own
bytes) and on the wire:

1. a book page's first load (goal ≤ 400 KB),
2. that page's own HTML (≤ 40 KB), with the median of every book page,
3. a Marp deck's first load (≤ 150 KB),
4. the output's growth, size(big) / size(small) (≤ 2.05).

The goals are checked on Deckbook's figures, decoded and transferred alike. The other
stacks' builds are reused when their output is there (``--rebuild-peers`` to redo
them; ``--reuse-stock-only`` never builds the stock stack, which takes many
minutes at 600 pages): Deckbook's code does not change them.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

import peers
import weight

GOALS = {"book": 400_000, "html": 40_000, "deck": 150_000, "growth": 2.05}
DONE = ".bench-built"  # written into an output folder once its build succeeded


@dataclass
class Stack:
    """One stack's weighed pages at one size."""

    book: weight.Weight | None
    deck: weight.Weight | None
    html_median: float | None
    output: int


def _built(out: Path, build, rebuild: bool, reuse_only: bool = False) -> bool:
    """Build into ``out`` unless a finished build is there (or ``rebuild``); with
    ``reuse_only``, never build: whether a finished build is there."""
    if (out / DONE).is_file() and not rebuild:
        return True
    if reuse_only:
        return False
    if out.exists():
        shutil.rmtree(out)
    build()
    out.mkdir(parents=True, exist_ok=True)
    (out / DONE).write_text("", encoding="utf-8")
    return True


def stock_decks(site, timed) -> None:
    out = site.out("plain-decks")
    command = [sys.executable, "-m", "sphinx", "-b", "revealjs", "-q", "-c", "plain"]
    command += ["-D", "extensions=myst_parser,sphinx_revealjs"]
    command += ["-D", "revealjs_style_theme=white"]
    command += ["-d", str(out / "doctrees"), "docs", str(out / "html")]
    timed(command, site.root)


def build_peers(site, timed, rebuild: bool = False, reuse_only: bool = False) -> None:
    """The other stacks' builds; ``reuse_only``: the stock stack's (many minutes at
    600 pages) only weighed when a finished build is there."""
    _built(site.out("plain"), site.plain, rebuild, reuse_only)
    decks = site.out("plain-decks")
    _built(decks, lambda: stock_decks(site, timed), rebuild, reuse_only)
    # MkDocs and Marp CLI take a minute: built whenever missing.
    _built(site.out("mkdocs"), site.mkdocs, rebuild)
    if peers.MARP.exists():
        _built(site.out("marp"), site.marp, rebuild)


def mkdocs_page(post: str) -> str:
    """``posts/2019/2019-01-01-x.html`` as MkDocs writes it (docs_dir docs/posts)."""
    return post.removeprefix("posts/").removesuffix(".html") + "/"


def weigh_stacks(site) -> dict[str, Stack]:
    post, deck = site.weighed_pages()  # "posts/….html", "slides/decks/….html"
    deck_name = deck.removeprefix("slides/")
    found = {}
    main = site.out("main") / "html"
    book, slides = weight.weigh(main, [post, deck])
    found["Deckbook"] = Stack(
        book, slides, _median(weight.html_sizes(main)), weight.output_size(main)
    )
    plain, plain_decks = site.out("plain") / "html", site.out("plain-decks") / "html"
    if _done(site.out("plain")) and _done(site.out("plain-decks")):
        (book,) = weight.weigh(plain, [post])
        (slides,) = weight.weigh(plain_decks, [deck_name])
        size = weight.output_size(plain) + weight.output_size(plain_decks)
        found["stock stack"] = Stack(book, slides, _median(_pages(plain)), size)
    mkdocs = site.out("mkdocs")
    if _done(mkdocs):
        (book,) = weight.weigh(mkdocs, [mkdocs_page(post)])
        slides, size = None, weight.output_size(mkdocs)
        marp = site.out("marp")
        if _done(marp):
            (slides,) = weight.weigh(marp, [deck_name.removeprefix("decks/")])
            size += weight.output_size(marp)
        found["MkDocs Material"] = Stack(book, slides, _median(_pages(mkdocs)), size)
    return found


def _done(out: Path) -> bool:
    return (out / DONE).is_file()


def _pages(root: Path) -> list[int]:
    return [
        path.stat().st_size
        for path in root.rglob("*.html")
        if not path.relative_to(root).parts[0].startswith(("_", "search", "assets"))
    ]


def _median(sizes: list[int]) -> float | None:
    return statistics.median(sizes) if sizes else None


def _kb(size: float | None) -> str:
    return "—" if size is None else weight.kb(size)


def _cells(stacks: dict[str, Stack], names: list[str], cell) -> list[str]:
    """A cell a stack; "not built" for a stack without a finished build."""
    return [cell(stacks[name]) if name in stacks else "not built" for name in names]


def _load(page: weight.Weight | None) -> str:
    if page is None:
        return "—"
    return f"{_kb(page.decoded)} ({_kb(page.transfer)}; {page.requests} req.)"


def _verdict(*sizes: float, goal: float) -> str:
    return "PASS" if all(size <= goal for size in sizes) else "FAIL"


def print_table(found: dict[int, dict[str, Stack]]) -> bool:
    """The table; whether Deckbook meets every goal."""
    names = ["Deckbook", "stock stack", "MkDocs Material"]
    small, big = sorted(found)
    print("\nIssue 16, side by side: decoded (on the wire, gzip; requests)\n")
    print(f"| figure | N | {' | '.join(names)} | goal | Deckbook |")
    print("|---|---|" + "---|" * len(names) + "---|---|")
    ok = True
    for n in (small, big):
        stacks = found[n]
        ours = stacks["Deckbook"]
        rows = [
            (
                "book page first load",
                _cells(stacks, names, lambda s: _load(s.book)),
                GOALS["book"],
                (ours.book.decoded, ours.book.transfer),
            ),
            (
                "the page's own HTML (median of all)",
                _cells(
                    stacks,
                    names,
                    lambda s: f"{_kb(s.book.document)} ({_kb(s.html_median)})",
                ),
                GOALS["html"],
                (ours.book.document,),
            ),
            (
                "Marp deck first load (MkDocs: Marp CLI)",
                _cells(stacks, names, lambda s: _load(s.deck)),
                GOALS["deck"],
                (ours.deck.decoded, ours.deck.transfer),
            ),
        ]
        for what, cells, goal, ours_sizes in rows:
            verdict = _verdict(*ours_sizes, goal=goal)
            ok &= verdict == "PASS"
            print(f"| {what} | {n} | {' | '.join(cells)} | ≤ {_kb(goal)} | {verdict} |")
    both = [name for name in names if name in found[small] and name in found[big]]
    growth = {
        name: found[big][name].output / found[small][name].output for name in both
    }
    cells = [
        f"{growth[name]:.2f} ({found[small][name].output / 1e6:.1f} → "
        f"{found[big][name].output / 1e6:.1f} MB)"
        if name in growth
        else "not built"
        for name in names
    ]
    verdict = _verdict(growth["Deckbook"], goal=GOALS["growth"])
    ok &= verdict == "PASS"
    print(
        f"| output size({big}) / size({small}) | | {' | '.join(cells)} "
        f"| ≤ {GOALS['growth']} | {verdict} |"
    )
    for n in (small, big):
        for name in found[n]:
            for page in (found[n][name].book, found[n][name].deck):
                if page is not None:
                    print(f"largest files, {name}, N={n}, {page.page}:")
                    for size, url in page.largest:
                        print(f"  {size:>9}  {url}")
    return ok


def compare(sites, timed, rebuild: bool = False, reuse_only: bool = False) -> bool:
    """Build the other stacks for ``sites`` (Deckbook's builds done), weigh, print."""
    found = {}
    for site in sites:
        build_peers(site, timed, rebuild, reuse_only)
        found[site.pages] = weigh_stacks(site)
    return print_table(found)
