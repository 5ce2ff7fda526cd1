"""One command builds the book and, from the same doctrees, the decks."""

from __future__ import annotations

import dataclasses

import pytest

from deckbook.site.build import build_site
from tests.sites import build, build_pass, copy_root, local_assets, reads, soup

ALL_DOCS = {
    "index",
    "plain",
    "configured",
    "optin",
    "marp",
    "posts/first",
    "posts/optout",
}
WITH_DECKS = {"configured", "optin", "marp", "posts/first"}


@pytest.fixture
def decks_site(tmp_path):
    srcdir = copy_root("decks", tmp_path)
    return srcdir, build(srcdir)


def test_book_has_every_page_and_decks_only_where_asked(decks_site):
    _, options = decks_site
    for docname in ALL_DOCS:
        assert (options.book_dir / f"{docname}.html").is_file(), docname
    decks = {
        str(path.relative_to(options.decks_dir).with_suffix(""))
        for path in options.decks_dir.rglob("*.html")
        if "_static" not in path.parts
    }
    assert decks == WITH_DECKS


def test_deck_pass_parses_nothing(decks_site):
    srcdir, _ = decks_site
    parsed = reads(srcdir)
    assert sorted(parsed) == sorted(f"html {name}" for name in ALL_DOCS)


def test_rebuild_parses_nothing(decks_site):
    """sphinx-revealjs#74: the deck pass must not leave the env looking changed."""
    srcdir, _ = decks_site
    before = reads(srcdir)
    build(srcdir)
    assert reads(srcdir) == before


def test_fresh_build_rewrites_every_deck_without_parsing_again(decks_site):
    srcdir, options = decks_site
    deck = options.decks_dir / "optin.html"
    deck.write_text("stale", encoding="utf-8")
    log = srcdir / "reads.log"
    log.unlink()
    assert build_site(dataclasses.replace(options, fresh=True)) == 0
    assert "stale" not in deck.read_text(encoding="utf-8")
    assert sorted(reads(srcdir)) == sorted(f"html {name}" for name in ALL_DOCS)


def test_book_after_a_deck_only_build_parses_nothing(tmp_path):
    """The upstream #74 scenario: a deck build, then a book build on the same env."""
    srcdir = copy_root("decks", tmp_path)
    build_pass(srcdir, "revealjs")
    assert {line.split()[0] for line in reads(srcdir)} == {"revealjs"}
    build_pass(srcdir, "html")
    assert {line.split()[0] for line in reads(srcdir)} == {"revealjs"}


def test_script_conf_does_not_invalidate_the_env(tmp_path):
    """The deck builder setdefaults scrollActivationWidth into revealjs_script_conf."""
    srcdir = copy_root("decks", tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text() + '\nrevealjs_script_conf = {"controls": True}\n')
    build_pass(srcdir, "revealjs")
    build_pass(srcdir, "html")
    assert {line.split()[0] for line in reads(srcdir)} == {"revealjs"}


def test_slides_button_on_book_pages_with_a_deck(decks_site):
    _, options = decks_site
    for docname in ALL_DOCS:
        page = soup(options.book_dir / f"{docname}.html")
        button = page.select_one("a.btn[href*='slides/']")
        if docname in WITH_DECKS:
            assert button is not None, docname
            target = (options.book_dir / docname).parent / button["href"]
            assert target.resolve() == (options.decks_dir / f"{docname}.html")
            assert "슬라이드" in button.get_text()
        else:
            assert button is None, docname


def test_every_deck_links_back_to_its_book_page(decks_site):
    _, options = decks_site
    for docname in WITH_DECKS:
        deck = options.decks_dir / f"{docname}.html"
        link = soup(deck).select_one("a.deckbook-backlink")
        assert link is not None, docname
        assert (deck.parent / link["href"]).resolve() == (
            options.book_dir / f"{docname}.html"
        )
        assert link.get_text(strip=True).endswith("문서로 돌아가기")


@pytest.mark.parametrize("extensions", ["deckbook", "deckbook,sphinx_book_theme"])
def test_decks_load_only_files_they_ship(tmp_path, extensions):
    """Theme scripts of a listed sphinx_book_theme used to 404 in every deck."""
    srcdir = copy_root("decks", tmp_path)
    options = build(srcdir, extensions=extensions)
    for deck in options.decks_dir.glob("**/*.html"):
        if "_static" in deck.parts:
            continue
        html = deck.read_text(encoding="utf-8")
        assert "sphinx-book-theme.js" not in html
        assets = local_assets(deck)
        assert assets, deck
        missing = [str(path) for path in assets if not path.is_file()]
        assert missing == [], deck


def test_extension_css_reaches_decks(decks_site):
    """sphinx-revealjs ignores CSS registered with app.add_css_file() (trap 2)."""
    _, options = decks_site
    deck = options.decks_dir / "optin.html"
    assert options.decks_dir / "_static" / "fixture.css" in local_assets(deck)
    assert (options.decks_dir / "_static" / "fixture.css").is_file()


def test_a_deck_does_not_inherit_the_previous_decks_configuration(decks_site):
    """sphinx-revealjs keeps the last page's {revealjs-slide} on the builder (trap 5);
    "configured" is written before "marp", which has no level-1 section to reset it."""
    _, options = decks_site
    configured = (options.decks_dir / "configured.html").read_text(encoding="utf-8")
    assert '"transition": "zoom"' in configured
    for name in WITH_DECKS - {"configured"}:
        deck = (options.decks_dir / f"{name}.html").read_text(encoding="utf-8")
        assert "zoom" not in deck, name


def test_decks_and_book_load_nothing_remote(decks_site):
    _, options = decks_site
    for page in options.book_dir.rglob("*.html"):
        html = soup(page)
        for tag in html.select("script[src], link[href]"):
            url = tag.get("src") or tag.get("href")
            assert "://" not in url and not url.startswith("//"), (page, url)


@pytest.mark.parametrize("buildername", ["html", "dirhtml", "revealjs", "dirrevealjs"])
def test_speed_ups_are_the_builders_own_methods(make_app, tmp_path, buildername):
    """No method or state is assigned over a builder (issue 14): the static-copy and
    template-cache measures (speed.py) and trap 5 (deck/revealjs_compat.py) are methods
    of
    Deckbook's builder subclasses, and the instance holds no replacement."""
    from deckbook.deck.revealjs_compat import ForgetPageConf
    from deckbook.speed import FasterStaticAndTemplates

    app = make_app(buildername, srcdir=copy_root("decks", tmp_path))
    builder = app.builder
    assert isinstance(builder, FasterStaticAndTemplates)
    assert isinstance(builder, ForgetPageConf) == (buildername.endswith("revealjs"))
    for method in ("copy_static_files", "init_templates", "write_doc"):
        assert method not in vars(builder), method
    assert builder.templates.environment.bytecode_cache is not None
