"""What a viewer sees in a Marp deck, in headless Chromium, slide by slide.

Every deck with a Marp reference (tests/marp_reference/, rendered by marp-cli) is walked
with reveal.js's API and compared with Marp on every slide: headings (and fit), class,
header, footer, page number, backgrounds and split, fragment count, body text and
notes. Further tests check the seed deck against the issue's "done when" list, and the
geometry and look (split halves, fitted headings, themes, scoped CSS, 4:3, fragments
appearing one by one, notes in the speaker view, nothing fetched off localhost).
"""

from __future__ import annotations

import pytest

from deckbook.site.build import build_site
from tests.marp_reference import DECKS, MARP_ROOTS, deck_js, differences, load
from tests.sites import copy_root, site_options

SEED = "reinvent-2022-vegas"


@pytest.fixture(scope="module")
def sites(tmp_path_factory, docs_site):
    """Book dirs by fixture root (None: docs/), each built once by the real command."""
    built = {None: docs_site[0].book_dir}
    for root in MARP_ROOTS:
        srcdir = copy_root(root, tmp_path_factory.mktemp(root))
        options = site_options(srcdir)
        assert build_site(options) == 0
        built[root] = options.book_dir
    return built


@pytest.fixture
def open_deck(sites, serve, page):
    servers = {}

    def _open(name: str, root: str | None = None):
        if name in DECKS:
            root = DECKS[name][0]
        if root not in servers:
            servers[root] = serve(sites[root])
        path = "decks/reinvent-2022-vegas" if name == SEED else name
        page.goto(servers[root].url(f"slides/{path}.html"))
        page.wait_for_function("window.Reveal && Reveal.isReady()")
        page.wait_for_function("document.fonts.status === 'loaded'")
        return page

    return _open


def slide_facts(page, index: int, fragment: int = 10_000) -> dict:
    page.evaluate(f"Reveal.slide({index}, 0, {fragment})")
    return page.evaluate(deck_js("facts"))


def look(page, index: int) -> dict:
    page.evaluate(f"Reveal.slide({index})")
    return page.evaluate(deck_js("look"))


def _assert_stayed_local(page):
    assert page.watch.foreign == []
    assert page.watch.errors == []


@pytest.mark.parametrize("name", sorted(DECKS))
def test_every_slide_shows_what_marp_shows(open_deck, name):
    marp = load(name)
    page = open_deck(name)
    assert page.evaluate("Reveal.getTotalSlides()") == len(marp["slides"])
    found = {}
    for index, expected in enumerate(marp["slides"]):
        if diff := differences(slide_facts(page, index), expected):
            found[index + 1] = diff
    assert found == {}
    _assert_stayed_local(page)


# --- the seed deck: the "done when" -------------------------------------------

SEED_HEADINGS = [
    "re:Invent2022 @vegas", "들어가기 전에", "들어가기 전에", None, None,
    "DE 업무 관련 AWS 활용 사례 수집", "FSx for Lustre", "FSx for Lustre",
    "ECS Anywhere ✕ Airflow ECSOperator", "AWS Parallel Cluster",
    "기술 동향, 미래의 Major Player 탐색", "Redshift", "다른 금융사의 사례 수집",
    "NatWest", "마치며",
]  # fmt: skip
SEED_HEADERS = [
    None, None, None, "들어가기 전에", "들어가기 전에", None,
    *["업무 관련 Best Practices 엿보기"] * 4,
    None, "기술 동향, 미래의 Major Player 탐색", None, "다른 금융사의 사례 수집", None,
]  # fmt: skip
SEED_FRAGMENTS = [0, 0, 4, 0, 0, 3, 1, 0, 2, 2, 3, 4, 1, 1, 0]
SEED_NOTES = {1, 2, 7, 9, 10, 11, 12, 14}


def test_seed_deck_matches_marp_slide_by_slide(open_deck):
    page = open_deck(SEED)
    assert page.evaluate("Reveal.getTotalSlides()") == 15
    for index in range(15):
        facts = slide_facts(page, index)
        number = index + 1
        heading = facts["headings"][0]["text"] if facts["headings"] else None
        assert heading == SEED_HEADINGS[index], number
        assert facts["header"] == SEED_HEADERS[index], number
        assert facts["footer"] == "devcon 2023", number
        assert facts["page"] == (None if number == 1 else str(number)), number
        assert facts["class"] == (["lead"] if number == 1 else []), number
        assert facts["fragments"] == SEED_FRAGMENTS[index], number
        assert bool(facts["notes"].strip()) == (number in SEED_NOTES), number
        assert "comment" not in facts["notes"], number
        fitted = [h["fit"] for h in facts["headings"]]
        assert fitted == ([True] if number in (1, 10) else [False] * len(fitted)), (
            number
        )
    backgrounds = {i: slide_facts(page, i - 1)["backgrounds"] for i in (4, 5, 8, 9, 10)}
    assert backgrounds[4][0]["url"] == "reinvent_timetable.png"
    assert backgrounds[4][0]["size"] == "900px auto"
    assert backgrounds[5][0]["size"] == "1300px auto"
    assert backgrounds[9][0]["url"] == "chalktalk_hybrid_workflow.jpg"
    assert backgrounds[10][0]["url"].startswith(
        "https://oboki.net/"
    )  # a link, not loaded
    _assert_stayed_local(page)


def test_seed_slide_10_splits_right_and_fits_its_heading(open_deck):
    page = open_deck(SEED)
    facts = slide_facts(page, 9)
    assert facts["split"] == {"side": "right", "size": "50%"}
    left, _, width, height = facts["backgrounds"][0]["rect"]
    assert (round(left), round(width), round(height)) == (640, 640, 720)
    assert round(facts["content_rect"][2]) == 640  # content confined to the left half
    ratio = page.evaluate(deck_js("fill"))
    assert 0.97 <= ratio <= 1.01


def test_seed_lead_title_is_centred_and_fills_the_width(open_deck):
    page = open_deck(SEED)
    page.evaluate("Reveal.slide(0)")
    box = page.evaluate(deck_js("fitBox"))
    left, top, width, height = box
    assert width >= 0.95 * (1280 - 2 * 70)  # gaia's padding is 70px
    assert abs((left + width / 2) - 640) < 4
    assert abs((top + height / 2) - 360) < 40  # `lead` centres vertically


# --- behaviour beyond the facts ----------------------------------------------------


def test_fragments_appear_one_by_one(open_deck):
    page = open_deck("fragments")
    page.evaluate("Reveal.slide(0, 0, -1)")
    visible = "Reveal.getCurrentSlide().querySelectorAll('.fragment.visible').length"
    opacity = (
        "[...Reveal.getCurrentSlide().querySelectorAll('li')]"
        ".map(li => getComputedStyle(li).visibility)"
    )
    assert page.evaluate(visible) == 0
    assert page.evaluate(opacity) == ["hidden", "hidden", "hidden"]
    for shown in (1, 2, 3):
        page.evaluate("Reveal.next()")
        assert page.evaluate(visible) == shown
    page.evaluate("Reveal.next()")
    assert page.evaluate("Reveal.getIndices().h") == 1
    # `-` and `+` items are there from the start; so are `1.` items on slide 3
    assert page.evaluate(opacity) == ["visible", "visible", "visible"]
    page.evaluate("Reveal.slide(2, 0, -1)")
    assert page.evaluate(opacity) == ["hidden", "hidden", "visible", "visible"]


def test_split_left_and_side_by_side_backgrounds(open_deck):
    page = open_deck("backgrounds")
    left = slide_facts(page, 2)
    assert left["split"] == {"side": "left", "size": "40%"}
    assert [round(v) for v in left["backgrounds"][0]["rect"]] == [0, 0, 512, 720]
    assert [round(v) for v in left["content_rect"][:3]] == [512, 0, 768]
    three = [b["rect"] for b in slide_facts(page, 3)["backgrounds"]]
    assert [round(r[0]) for r in three] == [0, 427, 853] and {
        round(r[1]) for r in three
    } == {0}
    stacked = [b["rect"] for b in slide_facts(page, 4)["backgrounds"]]
    assert [round(r[1]) for r in stacked] == [0, 360] and {
        round(r[0]) for r in stacked
    } == {0}


def test_remote_background_is_a_labelled_placeholder(open_deck):
    page = open_deck("backgrounds")
    page.wait_for_load_state("networkidle")
    facts = slide_facts(page, 9)
    assert facts["backgrounds"][0]["url"] == "https://example.com/remote-background.png"
    link = page.locator(".present figure.deckbook-marp-bg-remote a")
    assert link.is_visible() and "example.com" in link.inner_text()
    _assert_stayed_local(page)


def test_inline_images_sized_filtered_and_keywords_hidden(open_deck):
    page = open_deck("backgrounds")
    page.evaluate("Reveal.slide(7)")
    images = page.evaluate(
        """() => [...Reveal.getCurrentSlide().querySelectorAll("img")].map(i => [
          i.getBoundingClientRect().width, i.getBoundingClientRect().height, i.alt,
          getComputedStyle(i.closest(".deckbook-marp-image") || i).filter])"""
    )
    assert [(round(w), alt) for w, _, alt, _ in images] == [
        (200, ""), (120, ""), (80, "Some caption words"),
    ]  # fmt: skip
    assert round(images[0][1]) == 100
    assert images[1][3] == "grayscale(1)"
    text = page.evaluate("Reveal.getCurrentSlide().innerText")
    assert "w:" not in text and "grayscale" not in text and "bg" not in text.split()


def test_fitted_headings_fill_the_width_and_others_do_not(open_deck):
    page = open_deck("fit")
    ratios = []
    for index in range(3):
        page.evaluate(f"Reveal.slide({index})")
        ratios.append(page.evaluate(deck_js("fill")))
    assert 0.97 <= ratios[0] <= 1.01 and 0.97 <= ratios[1] <= 1.01
    assert ratios[2] < 0.6


def test_themes_look_like_marps(open_deck):
    page = open_deck(SEED)  # gaia
    gaia = look(page, 1)
    assert gaia["background"] == "rgb(255, 248, 225)"
    assert gaia["color"] == "rgb(69, 90, 100)"
    assert gaia["size"] == "35px" and "Noto Sans CJK KR" in gaia["font"]
    page = open_deck("default-theme")
    invert, normal = look(page, 1), look(page, 2)
    assert normal["background"] == "rgb(255, 255, 255)"
    assert normal["heading"] == "rgb(34, 68, 102)" and normal["size"] == "29px"
    assert invert["background"] == "rgb(13, 17, 23)"
    assert invert["color"] == "rgb(240, 246, 252)"
    page = open_deck("fit")  # uncover
    uncover = look(page, 2)
    assert uncover["background"] == "rgb(253, 252, 255)"
    assert uncover["align"] == "center" and uncover["size"] == "40px"


def test_directive_colours_and_classes(open_deck):
    page = open_deck("directives")
    first = look(page, 0)
    assert first["background"] == "rgb(18, 52, 86)"
    assert first["color"] == "rgb(254, 220, 186)"
    assert look(page, 1)["align"] == "center"  # lead
    last = look(page, 4)
    assert last["background"] == "rgb(255, 255, 255)"
    assert last["color"] == "rgb(0, 0, 0)"


def test_style_scoped_style_size_lang_and_title(open_deck):
    page = open_deck("style")
    assert page.evaluate("Reveal.getConfig().width") == 960
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.title() == "Styled deck title"
    assert page.locator('meta[name="author"]').get_attribute("content") == "Jane Doe"
    colours = []
    for index in range(3):
        seen = look(page, index)
        colours.append(seen["heading"])
        assert seen["background"] == "rgb(238, 238, 255)"  # style: directive
        spacing = page.evaluate(
            "getComputedStyle(Reveal.getCurrentSlide().querySelector('p')).letterSpacing"
        )
        assert spacing == "7px"  # a plain <style> applies to every slide
        width = page.evaluate(
            "Reveal.getCurrentSlide().querySelector('[data-marp-layer=content]').offsetWidth"
        )
        assert width == 960
    assert colours == ["rgb(10, 20, 30)", "rgb(200, 0, 0)", "rgb(10, 20, 30)"]


def test_notes_keep_their_formatting_in_the_speaker_view(open_deck):
    page = open_deck("notes")
    page.evaluate("Reveal.slide(0)")
    notes = page.evaluate("Reveal.getSlideNotes()")
    assert "<strong>bold</strong>" in notes and "<code" in notes
    assert "comment" not in notes and "prettier" not in notes
    with page.expect_popup() as popup_info:
        page.evaluate("Reveal.getPlugin('notes').open()")
    speaker = popup_info.value
    speaker.wait_for_selector(".speaker-controls-notes .value strong", timeout=15_000)
    assert (
        speaker.locator(".speaker-controls-notes .value strong").inner_text() == "bold"
    )
    assert speaker.locator(".speaker-controls-notes .value code").inner_text() == "code"


def test_bad_input_decks_still_show_every_slide(open_deck):
    page = open_deck("unclosed", root="marp-bad")
    facts = slide_facts(page, 0)
    assert page.evaluate("Reveal.getTotalSlides()") == 1
    assert [h["text"] for h in facts["headings"]] == ["Before 앞", "After 뒤"]
    assert "Text after the unclosed comment must survive." in facts["body_text"]
    page = open_deck("unknown")
    facts = slide_facts(page, 0)
    assert len(facts["backgrounds"]) == 1  # the missing image's place is kept
    assert facts["headings"][0]["text"] == "Unknown things 모름"


def test_background_image_directive(open_deck):
    page = open_deck("backgrounds")
    layer = "Reveal.getCurrentSlide().querySelector('[data-marp-layer=background]')"
    page.evaluate("Reveal.slide(10)")
    image = page.evaluate(f"getComputedStyle({layer}).backgroundImage")
    assert image.startswith('url("http://127.0.0.1') and image.endswith(
        '/_images/blue.png")'
    )
    assert page.evaluate(f"getComputedStyle({layer}).backgroundSize") == "contain"
    resources = page.evaluate(
        "performance.getEntriesByType('resource').map(entry => entry.name)"
    )
    assert any(name.endswith("/_images/blue.png") for name in resources)
    page.evaluate("Reveal.slide(11)")
    image = page.evaluate(f"getComputedStyle({layer}).backgroundImage")
    assert image.startswith("linear-gradient") and "rgb(255, 0, 0)" in image


# --- marp-core's features on real decks (issue 13) -----------------------------------


def test_custom_themes_look_and_size_as_their_css_says(open_deck):
    page = open_deck("themes")  # fixture-wide: @import 'gaia', @size wide
    assert page.evaluate("[Reveal.getConfig().width, Reveal.getConfig().height]") == [
        1600,
        900,
    ]
    first, lead = look(page, 0), look(page, 1)
    assert first["background"] == "rgb(255, 248, 225)"  # gaia's, imported
    assert first["size"] == "30px"  # the theme's own rule, after gaia's
    assert lead["heading"] == "rgb(192, 57, 43)" and lead["align"] == "center"
    strong = page.evaluate(
        "getComputedStyle(Reveal.getCurrentSlide().querySelector('strong')).color"
    )
    assert strong == "rgb(39, 174, 96)"  # parts/accent.css, imported by URL
    page = open_deck("plain-theme")  # from scratch, 960×720 from its section rule
    assert page.evaluate("Reveal.getConfig().width") == 960
    plain = look(page, 0)
    assert plain["background"] == "rgb(250, 250, 240)"
    assert plain["heading"] == "rgb(128, 0, 0)" and plain["size"] == "28px"
    width = page.evaluate(
        "Reveal.getCurrentSlide().querySelector('[data-marp-layer=content]').offsetWidth"
    )
    assert width == 960
    _assert_stayed_local(page)
    page = open_deck("remote-theme")  # its remote @import is never requested
    page.wait_for_load_state("networkidle")
    assert look(page, 0)["heading"] == "rgb(128, 0, 0)"  # fixture-plain, imported
    _assert_stayed_local(page)


def test_emoji_are_drawn_in_colour(open_deck):
    """The emoji of a shortcode is a colour glyph (Noto Color Emoji), not a box."""
    page = open_deck("emoji")
    page.evaluate("Reveal.slide(0)")
    coloured = page.evaluate(
        """() => {
          const h = Reveal.getCurrentSlide().querySelector("h1 .deckbook-emoji");
          const canvas = document.createElement("canvas");
          canvas.width = canvas.height = 80;
          const context = canvas.getContext("2d");
          context.font = `64px ${getComputedStyle(h).fontFamily}`;
          context.fillText("😄", 0, 64);
          const data = context.getImageData(0, 0, 80, 80).data;
          let count = 0;
          for (let i = 0; i < data.length; i += 4) {
            const [r, g, b, a] = data.slice(i, i + 4);
            if (a > 200 && r > 180 && g > 120 && b < 90) count += 1;  // yellow
          }
          return count;
        }"""
    )
    assert coloured > 200
    text = page.evaluate("Reveal.getCurrentSlide().innerText")
    assert "😄" in text and ":smile:" in text  # the code span keeps its colons


def test_line_breaks_are_visible(open_deck):
    page = open_deck("breaks")
    page.evaluate("Reveal.slide(0)")
    lines = page.evaluate(
        "Reveal.getCurrentSlide().querySelector('[data-marp-layer=content] p')"
        ".innerText.split('\\n')"
    )
    assert lines == ["The first line", "and the second line", "and the third line."]
