"""The package's shape, checked from its source with ``ast`` (nothing is imported):
no import circle, and modules short enough to read in one sitting (issue 14).

Every ``import followthrough…`` / ``from followthrough… import …`` counts: at the top
level, inside functions, and under ``if TYPE_CHECKING:`` (mypy follows those too, and
they are real dependencies of the design). An edge goes to the module named; for
``from followthrough.pkg import name`` it goes to ``followthrough.pkg.name`` when that
is a module, else to the package ``followthrough.pkg``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import followthrough

PACKAGE = Path(followthrough.__file__).resolve().parent
MAX_LINES = 520  # "under about 500 lines" (issue 14), with a little slack

# Declarative tables, allowed past MAX_LINES: path relative to the package -> why.
# (Empty: the migrations ladder, the largest table, is well under the limit.)
TABLES: dict[str, str] = {}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, name: str, known: set[str]) -> set[str]:
    """The ``followthrough`` modules that module ``name`` (at ``path``) imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):  # every import, wherever it is in the module
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "followthrough":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in known else target)
    found.discard(name)
    return found & known


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    return {name: imported(path, name, known) for name, path in mods.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work: list[tuple[str, list[str]]] = [(root, sorted(graph[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, todo = work[-1]
            if todo:
                nxt = todo.pop()
                if nxt not in index:
                    index[nxt] = low[nxt] = counter
                    counter += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, sorted(graph[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def test_every_kind_of_import_is_seen(tmp_path: Path) -> None:
    """Top-level, function-local, TYPE_CHECKING and relative imports all count: the
    checks below would pass vacuously if the walk missed them."""
    source = tmp_path / "mod.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "import followthrough.model\n"
        "from followthrough import errors\n"
        "from followthrough.ledger.db import Ledger\n"
        "from .policy import Calendar\n"
        "if TYPE_CHECKING:\n"
        "    from followthrough.engine.scan import ScanSummary\n"
        "def f():\n"
        "    from followthrough.outbox.send import send_approved\n",
        encoding="utf-8",
    )
    known = {
        "followthrough.model",
        "followthrough.errors",
        "followthrough.ledger.db",
        "followthrough.engine.policy",
        "followthrough.engine.scan",
        "followthrough.outbox.send",
    }
    assert imported(source, "followthrough.engine.mod", known) == known
    graph = import_graph()
    assert len(graph) > 50
    assert "followthrough.ledger.db" in graph["followthrough.ledger"]  # the package's API
    assert "followthrough.engine.scan" in graph["followthrough.service.runner"]


def test_strongly_connected_components_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert sorted(strongly_connected(graph)) == [["a", "b", "c"], ["d"], ["e"]]


def test_no_import_circle() -> None:
    circles = [c for c in strongly_connected(import_graph()) if len(c) > 1]
    assert not circles, "import circles (each a set of modules that import each other): " + (
        "; ".join(" <-> ".join(c) for c in circles)
    )


def test_every_module_is_short_enough() -> None:
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES and rel not in TABLES:
            too_long.append(f"{rel} ({lines})")
    assert not too_long, (
        f"{len(too_long)} modules over {MAX_LINES} lines (split them by concern, or add a "
        "declarative table to TABLES with a reason): " + ", ".join(too_long)
    )


# The flow of docs/architecture.md, lowest first: a module imports only its own
# subpackage and those of a lower rank (backends and detect share a rank and never
# import each other).
RANK = {
    "model": 0,
    "errors": 0,
    "config": 1,
    "backends": 2,
    "detect": 2,
    "ledger": 3,
    "engine": 4,
    "outbox": 5,
    "service": 6,
    "cli": 7,
    "__main__": 8,
}


def layer_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def against_flow(graph: dict[str, set[str]]) -> list[str]:
    """Every import from one subpackage into another of the same or a higher rank."""
    return sorted(
        f"{source} -> {target}"
        for source, targets in graph.items()
        for target in targets
        if layer_of(source) not in (layer_of(target), "__init__")
        and layer_of(target) != "__init__"
        and RANK[layer_of(target)] >= RANK[layer_of(source)]
    )


def test_every_import_goes_down_the_flow() -> None:
    graph = import_graph()
    layers = {layer_of(m) for m in graph} - {"__init__"}
    assert layers == set(RANK), f"a subpackage without a rank: {sorted(layers ^ set(RANK))}"
    against = against_flow(graph)
    assert not against, "imports against the flow: " + "; ".join(against)


def test_the_flow_check_sees_imports_against_it() -> None:
    graph = {
        "followthrough.ledger.db": {"followthrough.engine.scan", "followthrough.model"},
        "followthrough.backends.registry": {"followthrough.detect.request"},
        "followthrough.cli.main": {"followthrough.service.runner", "followthrough.cli.context"},
    }
    assert against_flow(graph) == [
        "followthrough.backends.registry -> followthrough.detect.request",
        "followthrough.ledger.db -> followthrough.engine.scan",
    ]


def test_the_architecture_page_names_every_module() -> None:
    """docs/architecture.md's module tables name every module, and every module path in
    them exists: the map matches the code."""
    page = (PACKAGE.parent.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    tables = page.split("## The modules", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z_]+(?:/[a-z_]+)*\.py)`", tables))
    actual = {p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")}
    subpackage_inits = {a for a in actual if a.endswith("/__init__.py")} - named
    assert not (actual - named - subpackage_inits), (
        f"modules the page does not name: {sorted(actual - named - subpackage_inits)}"
    )
    assert not (named - actual), (
        f"the page names modules that do not exist: {sorted(named - actual)}"
    )
