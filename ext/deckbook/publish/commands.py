"""The publishing operations: publish, list, delete, alias, retitle, set-default.

Each validates everything it can before touching the site, then makes its change in
one transaction of the target (lock held, site recovered, one commit for a branch).
"""

from __future__ import annotations

import datetime
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from . import doctree_cache
from .builder import build_command, export, resolve_ref, run_build
from .inputs import VERSION_MARKER, Inputs, fingerprint, read_marker, toolchain
from .locks import Staging
from .stubs import ALIAS_MARKER
from .targets import BranchTarget, DirTarget, Say
from .versions import PublishError, Versions, check_name

Target = DirTarget | BranchTarget


@dataclass
class PublishRequest:
    version: str
    ref: str | None = None
    aliases: list[str] = field(default_factory=list)
    title: str | None = None
    make_default: bool = False
    force: bool = False
    strict: bool = False
    project: Path = Path(".")
    source: Path = Path("docs")
    confdir: Path = Path(".")
    overrides: list[tuple[str, str]] = field(default_factory=list)
    cache: bool = True  # start from an earlier version's doctrees (doctree_cache)


def _check_request(target: Target, request: PublishRequest) -> None:
    check_name(request.version)
    for alias in request.aliases:
        check_name(alias, "alias")
    if request.version in request.aliases:
        raise PublishError(f"{request.version!r} cannot be an alias of itself")
    versions = target.versions()
    if request.version in versions.aliases():
        raise PublishError(f"{request.version!r} is already an alias; delete it first")
    for alias in request.aliases:
        if alias in versions.entries:
            raise PublishError(f"alias {alias!r} is already a version name")
    if isinstance(target, DirTarget):
        target.site.check_free(request.version, VERSION_MARKER)
        for alias in request.aliases:
            target.site.check_free(alias, ALIAS_MARKER)


def _marker(fp: str, request: PublishRequest, commit: str | None) -> dict:
    tools = toolchain()
    return {
        "fingerprint": fp,
        "build": uuid.uuid4().hex,
        "built": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "source": {"ref": request.ref, "commit": commit} if commit else "working tree",
        "toolchain": {k: tools.get(k) for k in ("python", "sphinx", "sphinx-revealjs")},
    }


def publish(target: Target, request: PublishRequest, say: Say) -> None:
    """Build ``request.version`` unless its inputs are unchanged, then install it."""
    _check_request(target, request)
    project = request.project.resolve()
    commit = resolve_ref(project, request.ref) if request.ref else None
    version = request.version
    with target.site.staging() as staging:
        tree = export(project, commit, staging.path / "tree") if commit else project
        installed = target.installed(version)
        built = _build_if_changed(
            target, request, tree, commit, staging, installed, say
        )
        with target.transaction(_publish_message(request, commit), say) as site:
            versions = Versions.load(site.root)
            if built is not None:
                site.install(version, built)
            elif read_marker(site.root / version) != installed:
                raise PublishError(f"{version} changed while we looked; publish again")
            _update(versions, request, say)
            site.apply(versions)
    say(f"{version}: published to {target.label}")


def _build_if_changed(
    target: Target,
    request: PublishRequest,
    tree: Path,
    commit: str | None,
    staging: Staging,
    installed: dict | None,
    say: Say,
) -> Path | None:
    """The finished build in ``staging``, or None when the installed one is current."""
    inputs = Inputs(
        source=tree / request.source,
        confdir=tree / request.confdir,
        version=request.version,
        overrides=tuple(request.overrides),
        exclude=(target.site.root.resolve(), target.site.scratch.resolve()),
    )
    fp = fingerprint(inputs)
    if installed and installed.get("fingerprint") == fp and not request.force:
        say(
            f"{request.version}: not rebuilt — sources, configuration and toolchain "
            f"are unchanged since its build of {installed.get('built')} "
            "(--force rebuilds it)"
        )
        return None
    what = f"{request.ref} ({commit[:12]})" if commit else "the working tree"
    say(f"{request.version}: building {what}")
    out = staging.path / "out"
    if commit and request.cache:
        _build_from_cache(target, request, tree, staging, say)
    else:
        command = build_command(
            inputs.source, inputs.confdir, out, request.version,
            request.overrides, request.strict,
        )  # fmt: skip
        # The build inherits the staging lock: a recovery never deletes a live build.
        run_build(command, cwd=tree, keep_fd=staging.fd)
    built = out / "html"
    marker = json.dumps(_marker(fp, request, commit), indent=2)
    (built / VERSION_MARKER).write_text(marker + "\n", encoding="utf-8")
    return built


def _build_from_cache(
    target: Target, request: PublishRequest, tree: Path, staging: Staging, say: Say
) -> None:
    """Build a checked-out ref in the cache workspace nearest to it: only what
    differs from the version last built there is read again (doctree_cache)."""
    top = staging.path / "tree"  # the checkout; ``tree`` is the project inside it
    key = doctree_cache.cache_key(tree, request.source, request.confdir, request.strict)
    hashes = doctree_cache.file_hashes(top)
    base = target.site.scratch / "cache"
    with doctree_cache.workspace(base, key, hashes) as space:
        unchanged = space.adopt(top, hashes)
        if unchanged:
            say(f"{request.version}: {unchanged} of {len(hashes)} files unchanged "
                "since an earlier build; reading only what changed")  # fmt: skip
        moved = space.tree / tree.relative_to(top)
        command = build_command(
            moved / request.source, moved / request.confdir, space.out,
            request.version, request.overrides, request.strict,
            doctrees=space.doctrees,
        )  # fmt: skip
        space.begin_build()
        run_build(command, cwd=moved, keep_fd=staging.fd, also=(space.fd,))
        space.copy_output(staging.path / "out" / "html")
        space.finish_build(key, hashes)


def _publish_message(request: PublishRequest, commit: str | None) -> str:
    message = f"Publish {request.version}"
    if commit:
        message += f" from {request.ref} ({commit[:12]})"
    if request.aliases:
        message += f" as {', '.join(request.aliases)}"
    return message


def _update(versions: Versions, request: PublishRequest, say: Say) -> None:
    default = versions.default
    versions.add(request.version, request.title)
    moved = versions.point_aliases(request.version, request.aliases)
    for alias, previous in moved.items():
        say(f"alias {alias}: moved from {previous} to {request.version}")
    if request.make_default:
        versions.default = request.version
    if versions.default != default:
        say(f"{request.version} is now the default version")


def list_versions(target: Target) -> list[str]:
    """One line per version: name, title, aliases, and which one is the default."""
    versions = target.versions()
    lines = []
    for item in versions.to_json():
        extras = [f"title: {item['name']}"] if item["name"] != item["version"] else []
        extras += (
            [f"aliases: {', '.join(item['aliases'])}"] if "aliases" in item else []
        )
        extras += ["default"] if item.get("preferred") else []
        lines.append(
            f"{item['version']}  ({'; '.join(extras)})" if extras else item["version"]
        )
    return lines


def delete(target: Target, names: list[str], say: Say) -> None:
    """Delete versions (with their aliases) or single aliases."""
    for name in names:
        check_name(name, "version or alias")
    with target.transaction(f"Delete {', '.join(names)}", say) as site:
        versions = Versions.load(site.root)
        for name in names:
            if name in versions.entries:
                entry = versions.remove(name)
                gone = (
                    f" and its aliases {', '.join(entry.aliases)}"
                    if entry.aliases
                    else ""
                )
                say(f"{name}: deleted{gone}")
            elif name in versions.aliases():
                say(f"alias {name}: deleted (was {versions.remove_alias(name)})")
            else:
                raise PublishError(f"no version or alias named {name!r}")
        site.apply(versions)
        if versions.default:
            say(f"{versions.default} is the default version")


def alias(target: Target, name: str, aliases: list[str], say: Say) -> None:
    """Point ``aliases`` at the version ``name`` (moving them if they exist)."""
    for item in [name, *aliases]:
        check_name(item, "version or alias")
    with target.transaction(f"Alias {', '.join(aliases)} to {name}", say) as site:
        versions = Versions.load(site.root)
        version = versions.resolve(name)
        for item in aliases:
            site.check_free(item, ALIAS_MARKER)
        for item, previous in versions.point_aliases(version, aliases).items():
            say(f"alias {item}: moved from {previous} to {version}")
        site.apply(versions)
        say(f"{version}: aliases {', '.join(versions.entries[version].aliases)}")


def retitle(target: Target, name: str, title: str, say: Say) -> None:
    """Change the name the switcher shows for a version (no rebuild)."""
    check_name(name, "version or alias")
    if not title.strip():
        raise PublishError("the title must not be empty")
    with target.transaction(f"Retitle {name} to {title}", say) as site:
        versions = Versions.load(site.root)
        version = versions.resolve(name)
        versions.entries[version].name = title
        site.apply(versions)
        say(f"{version}: title {title!r}")


def set_default(target: Target, name: str, say: Say) -> None:
    """Make a version (or an alias's version) the default: root redirect, banner."""
    check_name(name, "version or alias")
    with target.transaction(f"Set default version {name}", say) as site:
        versions = Versions.load(site.root)
        versions.default = versions.resolve(name)
        site.apply(versions)
        say(f"{versions.default} is the default version")
