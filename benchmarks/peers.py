"""The tools a team would otherwise run side by side: MkDocs Material and Marp CLI.

Both build the generated corpus (``corpus.py``) that Deckbook builds: MkDocs Material
the posts (``OUT/mkdocs.yml``, written here, with the theme's search), Marp CLI
the Marp decks (``marp --input-dir docs/decks``, HTML, no PDF, so no
browser starts). MkDocs Material comes from PyPI (``tox.ini``'s bench deps); Marp CLI
from npm, installed on first use into ``benchmarks/.peers/`` (git ignores it) with
``PUPPETEER_SKIP_DOWNLOAD=1``: the machine's Chromium (``CHROME_PATH``) is the only
browser, and converting to HTML does not even start it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".peers"
MARP_CLI = "@marp-team/marp-cli@~4.5"
MARP = PEERS / "node_modules" / ".bin" / "marp"

MKDOCS_YML = """\
# MkDocs Material over the same posts Deckbook builds (benchmarks/peers.py).
site_name: Deckbook bench
docs_dir: docs/posts
site_dir: {site_dir}
theme:
  name: material
  language: ko
  features:
    - navigation.sections
plugins:
  - search
markdown_extensions:
  - tables
  - fenced_code
  - toc:
      permalink: true
"""


def environment() -> dict[str, str]:
    """What both peers run with: no browser download, Debian's Chromium, no banners."""
    return dict(
        os.environ,
        PUPPETEER_SKIP_DOWNLOAD="1",
        CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"),
        NO_MKDOCS_2_WARNING="1",
    )


def write_mkdocs_config(root: Path, site_dir: str = "_build-mkdocs") -> Path:
    """``root/mkdocs.yml`` for the posts of the corpus generated in ``root``."""
    config = root / "mkdocs.yml"
    config.write_text(MKDOCS_YML.format(site_dir=site_dir), encoding="utf-8")
    return config


def mkdocs_command(python: str, root: Path) -> list[str]:
    return [python, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]


def marp_command(root: Path, out: Path) -> list[str]:
    """Marp CLI over every deck of the corpus, one HTML file a deck."""
    decks = root / "docs" / "decks"
    return [str(MARP), "--input-dir", str(decks), "--output", str(out), "--html"]


def ensure_marp() -> Path:
    """Install Marp CLI into ``benchmarks/.peers`` unless it is there already."""
    if MARP.exists():
        return MARP
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("Marp CLI needs npm (Debian: apt-get install -y npm)")
    PEERS.mkdir(exist_ok=True)
    command = [npm, "install", "--no-audit", "--no-fund", "--prefix", str(PEERS)]
    subprocess.run([*command, MARP_CLI], check=True, env=environment())
    return MARP


def versions(python: str) -> str:
    """The peers' versions, for the benchmark's header."""
    import material

    marp = subprocess.run(
        [str(MARP), "--version"], capture_output=True, text=True, env=environment()
    ).stdout.split("\n")[0]
    mkdocs = subprocess.run(
        [python, "-m", "mkdocs", "--version"],
        capture_output=True,
        text=True,
        env=environment(),
    ).stdout.split(" from ")[0]
    return f"{mkdocs}, mkdocs-material {material.__version__}; {marp.strip()}"
