"""The package's shape (issue 14): rooms a newcomer can see, and no import cycle.

The import graph is read from the source with ``ast`` (every ``import`` of a Deckbook
module, at the top of a module or inside a function, but not the ones only a type
checker reads), so a cycle made by a lazy import counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ext" / "deckbook"
ROOMS = ("book", "deck", "marp", "math", "posts", "publish", "qa", "site", "source")


def module_name(path: Path) -> str:
    parts = ["deckbook", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _imports(tree: ast.AST):
    """Every import statement, skipping ``if TYPE_CHECKING:`` blocks."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (n for child in node.orelse for n in _imports_of(child))
            continue
        yield from _imports_of(node)


def _imports_of(node: ast.AST):
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        yield node
    else:
        yield from _imports(node)


def _resolve(name: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def imported_modules(name: str) -> set[str]:
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in _imports(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name in MODULES}
            continue
        target = _resolve(name, node)
        for alias in node.names:
            submodule = f"{target}.{alias.name}"
            if submodule in MODULES:
                found.add(submodule)
            elif target in MODULES:
                found.add(target)
    return found - {name}


GRAPH = {name: imported_modules(name) for name in MODULES}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_import_graph_has_no_cycle():
    assert _cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle():
    # A finder that cannot fail would prove nothing: a two-module loop is found.
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [["a", "b", "c"]]


def test_no_module_imports_the_package_itself():
    """``from . import __version__`` made every module depend on every feature."""
    importers = sorted(name for name, targets in GRAPH.items() if "deckbook" in targets)
    assert importers == ["deckbook.__main__"] or importers == []


def test_at_most_a_dozen_modules_at_the_top():
    top = sorted(path.name for path in PACKAGE.glob("*.py"))
    assert len(top) <= 12, top


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_says_what_it_owns(room):
    init = PACKAGE / room / "__init__.py"
    docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert docstring and len(docstring.split()) >= 20, room
    assert "TODO" not in docstring


def test_every_module_belongs_to_a_room_or_is_shared():
    shared = {p.stem for p in PACKAGE.glob("*.py")}
    for name in MODULES:
        parts = name.split(".")
        assert len(parts) == 1 or parts[1] in ROOMS or parts[1] in shared, name


def test_the_readme_names_every_room():
    readme = (PACKAGE / "README.md").read_text(encoding="utf-8")
    for room in ROOMS:
        assert f"`{room}/`" in readme, room
