"""Versions share work (issue 15, goal 4): ``publish --ref`` starts from the doctrees of
the nearest version built before, and never serves anything stale.

The oracle of every freshness test: the version built from the cache is byte for byte
the same site as the same ref built with ``--no-cache`` into another site. Each test
publishes ``v1`` as 1.0 first, so the cache holds its doctrees, then a ref that
changes one kind of input: a config value, an included file (MyST ``{include}`` and
Liquid ``{% include %}`` from ``_includes/``), a page's title shown in every page's
navigation, a post a ``{postlist}`` and a category page collect, and a question a
``{qalist}`` collects. The project is ``tests/roots/test-publish-cache``.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

import pytest

from deckbook.publish import doctree_cache
from deckbook.publish.inputs import VERSION_MARKER
from tests.publishing import ROOT, git, init_project, run

FIXTURE = ROOT / "tests" / "roots" / "test-publish-cache"
SHARED = "files unchanged since an earlier build"


def make_project(path: Path) -> Path:
    return init_project(path, FIXTURE)


def commit_edits(project: Path, tag: str, edits: dict[str, tuple[str, str]]) -> None:
    """Replace text in files (each replacement must apply), commit, tag."""
    for name, (old, new) in edits.items():
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    git(project, "commit", "-q", "-am", tag)
    git(project, "tag", tag)


def site_files(version_dir: Path) -> dict[str, bytes]:
    """Every file of a published version but its marker (which names its build)."""
    return {
        path.relative_to(version_dir).as_posix(): path.read_bytes()
        for path in sorted(version_dir.rglob("*"))
        if path.is_file() and path.name != VERSION_MARKER
    }


def workspaces(site: Path) -> list[Path]:
    base = site / ".deckbook" / "cache"
    return sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def doctree_times(site: Path) -> dict[str, int]:
    (space,) = workspaces(site)
    doctrees = space / "doctrees"
    return {
        path.relative_to(doctrees).with_suffix("").as_posix(): path.stat().st_mtime_ns
        for path in doctrees.rglob("*.doctree")
    }


@pytest.fixture
def project(tmp_path):
    """The fixture at v1, published as 1.0 (which fills the cache)."""
    project = make_project(tmp_path / "project")
    first = run(project, "publish", "1.0", "--ref", "v1")
    assert SHARED not in first.stdout  # nothing to share yet
    return project


def publish_both_ways(project: Path, tag: str, tmp_path: Path) -> tuple[str, Path]:
    """``tag`` as 2.0, from the cache and cold; asserts both are the same site."""
    cached = run(project, "publish", "2.0", "--ref", tag)
    cold_site = tmp_path / "cold"
    run(project, "publish", "2.0", "--ref", tag, "--no-cache", "--site", str(cold_site))
    built = site_files(project / "_site" / "2.0")
    reference = site_files(cold_site / "2.0")
    assert sorted(built) == sorted(reference)
    stale = [name for name in reference if built[name] != reference[name]]
    assert stale == [], stale
    return cached.stdout, project / "_site" / "2.0"


def page(version_dir: Path, name: str) -> str:
    return (version_dir / name).read_text(encoding="utf-8")


def test_a_similar_version_reads_only_what_changed(project, tmp_path):
    site = project / "_site"
    before = doctree_times(site)
    commit_edits(project, "v2", {"docs/guide.md": ("안내서 본문", "고친 안내서 본문")})
    stdout, built = publish_both_ways(project, "v2", tmp_path)
    assert SHARED in stdout
    after = doctree_times(site)
    assert sorted(after) == sorted(before)
    assert [name for name in after if after[name] != before[name]] == ["guide"]
    assert "고친 안내서 본문" in page(built, "guide.html")
    assert "고친 안내서 본문" not in page(site / "1.0", "guide.html")


def output_times(site: Path) -> dict[str, int]:
    """The workspace's kept output: each file's modification time."""
    (space,) = workspaces(site)
    html = space / "out" / "html"
    return {
        path.relative_to(html).as_posix(): path.stat().st_mtime_ns
        for path in html.rglob("*.html")
    }


def test_a_similar_version_writes_only_what_changed(project, tmp_path):
    """The workspace keeps its output: pages unchanged since 1.0 (which do not name
    their version) are not written again, and are what a cold build writes."""
    site = project / "_site"
    before = output_times(site)
    commit_edits(project, "v2", {"docs/guide.md": ("안내서 본문", "고친 안내서 본문")})
    publish_both_ways(project, "v2", tmp_path)
    after = output_times(site)
    rewritten = {name for name in after if after[name] != before.get(name)}
    assert "guide.html" in rewritten
    assert "slides/guide.html" in rewritten or "slides/guide.html" not in after
    untouched = {"included.html", "qa/talk.html", "posts/2024-01-01-one.html"}
    assert not rewritten & untouched, rewritten
    assert len(rewritten) < len(after) / 2, rewritten


def test_what_a_version_no_longer_has_is_never_served(project, tmp_path):
    """A post removed with its picture, and a category no post names any more: the
    workspace's kept output held them (Sphinx never deletes an output)."""
    git(project, "rm", "-q", "docs/posts/2024-02-01-two.md", "docs/posts/two.png")
    one = "docs/posts/2024-01-01-one.md"
    commit_edits(project, "v2", {one: ("categories: [AWS]", "categories: [GCP]")})
    stdout, built = publish_both_ways(project, "v2", tmp_path)
    assert SHARED in stdout
    assert not (built / "posts/2024-02-01-two.html").exists()
    assert not (built / "_sources/posts/2024-02-01-two.md.txt").exists()
    assert not (built / "categories/aws.html").exists()
    assert (built / "categories/gcp.html").is_file()
    assert not list((built / "_images").glob("two*"))
    first = project / "_site" / "1.0"
    assert (first / "posts/2024-02-01-two.html").is_file()  # 1.0 keeps its own
    assert list((first / "_images").glob("two*"))


def test_a_config_value_change_is_never_served_stale(project, tmp_path):
    """conf.py is in the cache key: another value means another workspace, so every
    page is read again."""
    commit_edits(project, "v2", {"conf.py": ("제품 가", "제품 나")})
    stdout, built = publish_both_ways(project, "v2", tmp_path)
    assert SHARED not in stdout
    assert "제품 나" in page(built, "index.html")


def test_an_override_is_never_served_stale(project, tmp_path):
    """A -D value is compared by Sphinx: one of the "env" kind (read by Liquid
    into a post) has every page read again, one of the "html" kind only written."""
    overrides = ["-D", "deckbook_site_url=https://second.example"]
    overrides += ["-D", "html_title=다른 제목"]
    before = doctree_times(project / "_site")
    cached = run(project, "publish", "2.0", "--ref", "v1", *overrides)
    assert SHARED in cached.stdout  # the same files, but Sphinx reads them again:
    after = doctree_times(project / "_site")
    assert all(after[name] != before[name] for name in before)
    cold = tmp_path / "cold"
    run(project, "publish", "2.0", "--ref", "v1", *overrides, "--no-cache",
        "--site", str(cold))  # fmt: skip
    built = project / "_site" / "2.0"
    assert site_files(built) == site_files(cold / "2.0")
    assert "https://second.example" in page(built, "posts/2024-01-01-one.html")
    assert "다른 제목" in page(built, "guide.html")


def test_an_included_file_change_is_never_served_stale(project, tmp_path):
    """Only the included files change, not the pages that include them."""
    commit_edits(
        project,
        "v2",
        {
            "docs/snippets/part.md": ("포함된 문단 하나", "포함된 문단 둘"),
            "docs/_includes/note.html": ("첫 알림틀", "새 알림틀"),
        },
    )
    stdout, built = publish_both_ways(project, "v2", tmp_path)
    assert SHARED in stdout
    assert "포함된 문단 둘" in page(built, "included.html")
    assert "새 알림틀" in page(built, "posts/2024-01-01-one.html")
    assert "첫 알림틀" not in page(built, "posts/2024-01-01-one.html")


def test_what_other_pages_show_is_never_served_stale(project, tmp_path):
    """A title in every page's navigation; a post in the post list and its category
    page; a question in the Q&A list of another page."""
    commit_edits(
        project,
        "v2",
        {
            "docs/guide.md": ("안내서 첫판", "안내서 둘째판"),
            "docs/posts/2024-02-01-two.md": ("두 번째 글", "고친 두 번째 글"),
            "docs/qa/talk.md": ("처음 받은 질문", "나중에 받은 질문"),
        },
    )
    stdout, built = publish_both_ways(project, "v2", tmp_path)
    assert SHARED in stdout
    assert "안내서 둘째판" in page(built, "qa/talk.html")  # the sidebar
    assert "안내서 첫판" not in page(built, "included.html")
    assert "고친 두 번째 글" in page(built, "posts/index.html")
    assert "고친 두 번째 글" in page(built, "categories/aws.html")
    assert "나중에 받은 질문" in page(built, "qa/index.html")
    assert "처음 받은 질문" not in page(built, "qa/index.html")


def test_a_tree_with_symbolic_links_is_read_in_full(project, tmp_path):
    """A link's page is the file it names: pointed elsewhere, at a file unchanged
    since 1.0, it would look unchanged by any date set from content."""
    (project / "targets").mkdir()
    (project / "targets" / "a.md").write_text("# 링크 가\n", encoding="utf-8")
    (project / "targets" / "b.md").write_text("# 링크 나\n", encoding="utf-8")
    (project / "docs" / "linked.md").symlink_to("../targets/a.md")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text("utf-8").replace("guide\n", "guide\nlinked\n"))
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "links")
    git(project, "tag", "v-links")
    run(project, "publish", "1.1", "--ref", "v-links")
    (project / "docs" / "linked.md").unlink()
    (project / "docs" / "linked.md").symlink_to("../targets/b.md")
    git(project, "commit", "-q", "-am", "retarget")
    git(project, "tag", "v2")
    stdout, built = publish_both_ways(project, "v2", tmp_path)
    assert SHARED not in stdout
    assert "링크 나" in page(built, "linked.html")


def test_a_workspace_a_build_did_not_finish_is_never_trusted(project, tmp_path):
    """A build killed (or failed) after it began changing the doctrees leaves no
    manifest: the next publish empties that workspace and reads every page."""
    (space,) = workspaces(project / "_site")
    (space / doctree_cache.MANIFEST).unlink()
    commit_edits(project, "v2", {"docs/guide.md": ("안내서 본문", "고친 안내서 본문")})
    stdout, _ = publish_both_ways(project, "v2", tmp_path)
    assert SHARED not in stdout
    assert len(workspaces(project / "_site")) == 1  # the broken one was dropped


def test_no_cache_leaves_the_cache_alone(project, tmp_path):
    (space,) = workspaces(project / "_site")
    manifest = (space / doctree_cache.MANIFEST).read_bytes()
    run(project, "publish", "1.1", "--ref", "v1", "--no-cache")
    assert workspaces(project / "_site") == [space]
    assert (space / doctree_cache.MANIFEST).read_bytes() == manifest


# -- the cache's bounds, without building --------------------------------------------


def fake_workspace(base: Path, name: str, key: str, built_ns: int | None) -> Path:
    folder = base / name
    folder.mkdir(parents=True)
    (base / f"{name}.lock").touch()
    if built_ns is not None:
        manifest = {"key": key, "files": {"a.md": "1"}, "built_ns": built_ns}
        (folder / doctree_cache.MANIFEST).write_text(json.dumps(manifest))
    return folder


def test_the_cache_keeps_the_newest_workspaces_and_never_a_busy_one(tmp_path):
    base = tmp_path / "cache"
    busy = fake_workspace(base, "busy", "other", 1)  # the oldest, but in use
    fake_workspace(base, "old", "other", 2)
    fake_workspace(base, "newer", "other", 3)
    fake_workspace(base, "broken", "k", None)
    fd = os.open(base / "busy.lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as another publish's build holds it
    try:
        with doctree_cache.workspace(base, "k", {"a.md": "1"}) as held:
            assert held.manifest is None  # no workspace of key k was complete
            left = sorted(p.name for p in base.iterdir() if p.is_dir())
            assert left == sorted([busy.name, "newer", held.path.name])
            assert len(left) == doctree_cache.WORKSPACES
    finally:
        os.close(fd)


def test_the_nearest_workspace_of_the_same_key_is_taken(tmp_path):
    base = tmp_path / "cache"
    fake_workspace(base, "far", "k", 5)
    near = fake_workspace(base, "near", "k", 1)
    manifest = json.loads((near / doctree_cache.MANIFEST).read_text())
    manifest["files"] = {"a.md": "1", "b.md": "2"}
    (near / doctree_cache.MANIFEST).write_text(json.dumps(manifest))
    fake_workspace(base, "nearest-but-other-key", "x", 9)
    with doctree_cache.workspace(base, "k", {"a.md": "1", "b.md": "2"}) as held:
        assert held.path == near
