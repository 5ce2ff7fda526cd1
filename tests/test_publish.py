"""Publishing versions: layout, versions.json, aliases, incrementality, management.

Two versions of a throwaway project (git tags v1 and v2) are published once per session
with the real command line (``published``); tests that change the site work on a copy.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.publishing import (
    PythonServer,
    builds,
    git,
    make_project,
    run,
    status,
    url,
    versions_json,
)

LANDING_AND_DECK = ("index.html", "slides/talk.html")


@pytest.fixture
def site_copy(published, tmp_path):
    """A private copy of the published project and site, to change freely."""
    project, _, _, _ = published
    copy = tmp_path / "project"
    shutil.copytree(project, copy, symlinks=True)
    return copy, copy / "_site"


def test_versions_json_is_pydata_switcher_format(published):
    _, site, _, _ = published
    assert versions_json(site) == [
        {
            "version": "2.0",
            "name": "2.0",
            "url": "2.0/",
            "preferred": True,
            "aliases": ["latest"],
        },
        {"version": "1.0", "name": "1.0", "url": "1.0/"},
    ]


def test_each_version_has_its_book_and_decks(published):
    _, site, log, output = published
    for version in ("1.0", "2.0"):
        for page in (*LANDING_AND_DECK, "guide.html"):
            assert (site / version / page).is_file(), f"{version}/{page}"
    assert "두 번째 버전" in (site / "2.0" / "guide.html").read_text(encoding="utf-8")
    assert "첫 번째 버전" in (site / "1.0" / "guide.html").read_text(encoding="utf-8")
    assert (site / "2.0" / "news.html").is_file()
    assert not (site / "1.0" / "news.html").exists()
    assert builds(log) == 4  # two versions, book + deck pass each
    assert "1.0: building v1" in output
    assert "2.0 is now the default version" in output


def test_pages_do_not_name_their_version(published):
    _, site, _, _ = published
    for page, kind in (("guide.html", "book"), ("slides/talk.html", "deck")):
        html = (site / "1.0" / page).read_text(encoding="utf-8")
        assert "data-version" not in html  # the script reads it from the URL
        assert f'data-kind="{kind}"' in html
        assert "deckbook-versions.js" in html
    book = (site / "1.0" / "guide.html").read_text(encoding="utf-8")
    assert "version-switcher__button" in book  # pydata's component, in the header


def test_alias_stubs_and_root_redirect(published):
    _, site, _, _ = published
    stub = (site / "latest" / "slides" / "talk.html").read_text(encoding="utf-8")
    assert 'location.replace("../../2.0/slides/talk.html"' in stub
    assert "location.hash" in stub
    assert (site / "latest" / "news.html").is_file()
    marker = json.loads((site / "latest" / ".deckbook-alias.json").read_text())
    assert marker["version"] == "2.0"
    root = (site / "index.html").read_text(encoding="utf-8")
    assert 'location.replace("2.0/"' in root
    assert not (site / "latest" / ".deckbook-inputs.json").exists()


@pytest.mark.parametrize(
    "name",
    ["../x", "a/b", "..", "a..b", ".hidden", "-x", "", "a b", "버전", "index.html"],
)
def test_invalid_version_names_are_refused_and_nothing_is_touched(tmp_path, name):
    project = make_project(tmp_path / "project")
    result = run(project, "publish", "--", name, check=False)  # "--": "-x" too
    assert result.returncode == 1
    assert f"invalid version name {name!r}" in result.stderr
    assert not (project / "_site").exists()


def test_invalid_alias_is_refused_before_building(tmp_path):
    project = make_project(tmp_path / "project")
    log = tmp_path / "builds.log"
    result = run(
        project, "publish", "1.0", "--alias", "a/b", build_log=log, check=False
    )
    assert result.returncode == 1
    assert "invalid alias name 'a/b'" in result.stderr
    assert builds(log) == 0
    assert not (project / "_site").exists()


def test_unchanged_version_is_not_rebuilt(site_copy, tmp_path):
    project, site = site_copy
    log = tmp_path / "builds.log"
    forced = run(project, "publish", "2.0", "--ref", "v2", "--force", build_log=log)
    assert "2.0: building v2" in forced.stdout
    assert builds(log) == 2  # book and deck pass
    installed = (site / "2.0").stat().st_ino
    again = run(project, "publish", "2.0", "--ref", "v2", build_log=log)
    assert "2.0: not rebuilt" in again.stdout
    assert builds(log) == 2  # Sphinx never started
    assert (site / "2.0").stat().st_ino == installed
    # The working tree holds what the tag v2 holds: inputs count, not where they are.
    tree = run(project, "publish", "2.0", build_log=log)
    assert "2.0: not rebuilt" in tree.stdout and builds(log) == 2
    assert versions_json(site)[0]["aliases"] == ["latest"]


def test_a_version_killed_before_it_was_listed_is_built_again(site_copy, tmp_path):
    """A publish killed after renaming 2.0 into place, before listing it: the
    directory is not a published version, so the next publish builds and lists it."""
    project, site = site_copy
    listed = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    unlisted = [entry for entry in listed if entry["version"] != "2.0"]
    (site / "versions.json").write_text(json.dumps(unlisted), encoding="utf-8")
    log = tmp_path / "builds.log"
    again = run(project, "publish", "2.0", "--ref", "v2", build_log=log)
    assert "2.0: building v2" in again.stdout
    assert "2.0" in [entry["version"] for entry in versions_json(site)]
    assert (site / "2.0" / "index.html").is_file()


def test_changed_sources_are_rebuilt(site_copy, tmp_path):
    project, site = site_copy
    log = tmp_path / "builds.log"
    guide = project / "docs" / "guide.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n추가.\n", encoding="utf-8")
    changed = run(project, "publish", "2.0", build_log=log)
    assert "2.0: building the working tree" in changed.stdout
    assert builds(log) == 2
    assert "추가." in (site / "2.0" / "guide.html").read_text(encoding="utf-8")
    assert "추가." not in (site / "1.0" / "guide.html").read_text(encoding="utf-8")


def test_list_alias_retitle_set_default_and_delete(site_copy):
    project, site = site_copy
    listing = run(project, "versions", "list").stdout.splitlines()
    assert listing == ["2.0  (aliases: latest; default)", "1.0"]
    run(project, "versions", "alias", "1.0", "old", "latest")
    assert versions_json(site)[1]["aliases"] == ["latest", "old"]
    assert 'replace("../1.0/guide.html"' in (site / "latest" / "guide.html").read_text()
    assert not (site / "latest" / "news.html").exists()  # 1.0 has no news page
    run(project, "versions", "retitle", "1.0", "1.0 (LTS)")
    assert versions_json(site)[1]["name"] == "1.0 (LTS)"
    run(project, "versions", "set-default", "old")
    assert [v.get("preferred", False) for v in versions_json(site)] == [False, True]
    assert 'replace("1.0/"' in (site / "index.html").read_text()
    run(project, "versions", "delete", "old")
    assert not (site / "old").exists()
    deleted = run(project, "versions", "delete", "1.0")
    assert "1.0: deleted and its aliases latest" in deleted.stdout
    assert [v["version"] for v in versions_json(site)] == ["2.0"]
    assert versions_json(site)[0]["preferred"] is True
    assert sorted(p.name for p in site.iterdir()) == [
        ".deckbook",
        ".nojekyll",
        "2.0",
        "index.html",
        "versions.json",
    ]
    missing = run(project, "versions", "delete", "9.9", check=False)
    assert (
        missing.returncode == 1 and "no version or alias named '9.9'" in missing.stderr
    )


def test_a_failed_build_leaves_the_site_as_it_was(site_copy):
    project, site = site_copy
    before = (site / "versions.json").read_text()
    (project / "conf.py").write_text("raise RuntimeError('broken conf')\n")
    result = run(project, "publish", "3.0", check=False)
    assert result.returncode == 1
    assert "the build failed" in result.stderr
    assert (site / "versions.json").read_text() == before
    assert not (site / "3.0").exists()
    assert list((site / ".deckbook" / "staging").iterdir()) == []


def test_a_directory_deckbook_did_not_write_is_never_replaced(site_copy):
    project, site = site_copy
    (site / "assets").mkdir()
    result = run(project, "publish", "assets", check=False)
    assert result.returncode == 1
    assert "was not written by deckbook publish" in result.stderr
    assert [v["version"] for v in versions_json(site)] == ["2.0", "1.0"]


def test_branch_target_one_commit_per_publish(published, tmp_path):
    source, _, _, _ = published
    project = tmp_path / "project"
    shutil.copytree(source, project, symlinks=True)
    shutil.rmtree(project / "_site")
    log = tmp_path / "builds.log"
    run(project, "publish", "1.0", "--ref", "v1", "--branch", "gh-pages", build_log=log)
    run(project, "publish", "2.0", "--ref", "v2", "--branch", "gh-pages",
        "--alias", "latest", "--default", build_log=log)  # fmt: skip
    assert git(project, "rev-list", "--count", "gh-pages") == "2"
    assert git(project, "log", "-1", "--format=%s", "gh-pages") == (
        "Publish 2.0 from v2 (" + git(project, "rev-parse", "--short=12", "v2") + ")"
        " as latest"
    )
    files = git(project, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()
    assert {"versions.json", "index.html", ".nojekyll", "1.0/index.html"} <= set(files)
    assert {"2.0/slides/talk.html", "latest/guide.html"} <= set(files)
    assert not any(f.startswith(".deckbook/") for f in files)
    listed = json.loads(git(project, "show", "gh-pages:versions.json"))
    assert [v["version"] for v in listed] == ["2.0", "1.0"]
    # Unchanged inputs: no build and no empty commit.
    again = run(project, "publish", "2.0", "--ref", "v2", "--branch", "gh-pages",
                build_log=log)  # fmt: skip
    assert (
        "not rebuilt" in again.stdout and "nothing changed, no commit" in again.stdout
    )
    assert builds(log) == 4
    run(project, "versions", "retitle", "1.0", "옛 버전", "--branch", "gh-pages")
    assert git(project, "rev-list", "--count", "gh-pages") == "3"
    assert git(project, "status", "--porcelain") == ""  # the checkout is untouched
    assert git(project, "branch", "--show-current") == "main"


def test_plain_build_has_no_switcher(tmp_path):
    project = make_project(tmp_path / "project")
    subprocess.run(
        ["git", "checkout", "-q", "v1"], cwd=project, check=True, capture_output=True
    )
    run(project, "build", "-o", "out", "-q")
    for page in ("out/html/guide.html", "out/html/slides/talk.html"):
        html = (project / page).read_text(encoding="utf-8")
        assert "deckbook-versions" not in html
        assert "version-switcher" not in html


def test_fallback_server_serves_only_under_the_sub_path(published, tmp_path):
    _, site, _, _ = published
    server = PythonServer(site, tmp_path)
    try:
        assert status(url(server, "2.0/slides/talk.html")) == 200
        assert status(f"http://127.0.0.1:{server.port}/2.0/index.html") == 404
    finally:
        server.close()
