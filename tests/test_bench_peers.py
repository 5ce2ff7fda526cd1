"""The benchmark's peers get the corpus Deckbook builds (benchmarks/peers.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCH))
import bench  # noqa: E402 (benchmarks/ is no package)
import peers  # noqa: E402

PAGES = 10  # posts, Marp decks and seed copies (benchmarks/corpus.py)


def test_mkdocs_builds_the_posts_deckbook_builds(tmp_path):
    site = bench.Site(tmp_path, PAGES)
    config = yaml.safe_load((site.root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "material"
    assert "search" in config["plugins"]
    docs = site.root / config["docs_dir"]
    posts = sorted(p.relative_to(docs).with_suffix("") for p in docs.rglob("*.md"))
    wanted = [n for n in site.names if n.startswith("posts/")]
    # Every post of the corpus (and the year indexes), nothing else.
    assert {f"posts/{p}" for p in map(str, posts)} >= set(wanted)
    assert Path(config["site_dir"]) == site.out("mkdocs")
    assert not Path(config["site_dir"]).is_relative_to(docs)


def test_marp_cli_converts_every_deck_to_html(tmp_path):
    site = bench.Site(tmp_path, PAGES)
    command = peers.marp_command(site.root, site.out("marp"))
    assert command[0] == str(peers.MARP)
    assert "--html" in command and "--pdf" not in command
    decks = Path(command[command.index("--input-dir") + 1])
    marp = [p for p in decks.rglob("*.md") if "marp: true" in p.read_text("utf-8")]
    wanted = [n for n in site.names if n.startswith("decks/")]
    assert len(marp) == len(wanted) > 0
    assert Path(command[command.index("--output") + 1]) == site.out("marp")


def test_the_peers_never_download_a_browser():
    env = peers.environment()
    assert env["PUPPETEER_SKIP_DOWNLOAD"] == "1"
    assert env["CHROME_PATH"]
    assert peers.PEERS.name in (BENCH.parent / ".gitignore").read_text()


def test_the_floor_is_sphinx_and_myst_alone_on_the_same_pages(tmp_path):
    """The bench's floor build: every page, Sphinx's bare theme, no Deckbook."""
    site = bench.Site(tmp_path, PAGES)
    conf = (site.root / "bare" / "conf.py").read_text(encoding="utf-8")
    assert 'extensions = ["myst_parser"]' in conf and 'html_theme = "basic"' in conf
    run = site.bare(jobs=1)
    assert run.status == 0
    html = site.out("bare") / "html"
    written = {
        p.relative_to(html).with_suffix("").as_posix() for p in html.rglob("*.html")
    }
    assert set(site.names) <= written  # posts and decks: the book's every page
    assert not (html / "slides").exists()
