"""The code's shape, read with ``ast``: modules import only downwards (no cycle, no import hidden
inside a function to dodge one), no module reaches into another's private names, and no module or
function grows past the size a reader can hold (docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("ocsge_plugin", "processing_provider")
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 80


def _modules() -> dict[str, Path]:
    """Dotted name (from the plugin's root) → file, for every module of the two packages."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The dotted name an ``ImportFrom`` names, relative levels resolved against ``module``."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _imports(module: str, path: Path, modules: dict[str, Path]):
    """(target module, imported names, node, at module level?) for every project import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    top = set(map(id, tree.body))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = _absolute(module, is_package, node)
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                if sub in modules:  # ``from . import flows``: the module itself
                    yield sub, [], node, id(node) in top
                elif target in modules:
                    yield target, [alias.name], node, id(node) in top
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    yield alias.name, [], node, id(node) in top


def _graph():
    modules = _modules()
    edges: dict[str, set[str]] = {name: set() for name in modules}
    hidden, private = [], []
    for name, path in modules.items():
        for target, names, node, at_top in _imports(name, path, modules):
            if target == name:
                continue
            if at_top:
                edges[name].add(target)
            else:
                hidden.append((name, target, f"{path.relative_to(ROOT)}:{node.lineno}"))
            for imported in names:
                if imported.startswith("_") and not imported.startswith("__"):
                    private.append(
                        f"{path.relative_to(ROOT)}:{node.lineno} imports {target}.{imported}"
                    )
        private.extend(_private_attributes(name, path, modules))
    # An import inside a function is fine for loading late (the GUI, optional parts); it dodges a
    # cycle when the module it imports leads back, through any import, to the one importing it.
    every = {name: set(targets) for name, targets in edges.items()}
    for name, target, _ in hidden:
        every[name].add(target)
    local = [
        f"{where} imports {target} inside a function, and {target} leads back to {name}"
        for name, target, where in hidden
        if name in _reachable(every, target)
    ]
    return modules, edges, local, private


def _reachable(edges: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def _private_attributes(module: str, path: Path, modules: dict[str, Path]) -> list[str]:
    """``other._name`` where ``other`` is a project module imported under that name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases = {}
    for target, names, node, _ in _imports(module, path, modules):
        if not names and isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if target.endswith("." + alias.name) or target == alias.name:
                    aliases[alias.asname or alias.name] = target
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in aliases
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(
                f"{path.relative_to(ROOT)}:{node.lineno} uses {aliases[node.value.id]}.{node.attr}"
            )
    return found


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in edges.get(node, ()):
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def _functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            start = min([node.lineno] + [d.lineno for d in node.decorator_list])
            yield node.name, node.lineno, node.end_lineno - start + 1


def test_no_import_cycle():
    _, edges, _, _ = _graph()
    assert _cycles(edges) == []


def test_no_function_local_import_of_a_project_module():
    _, _, local, _ = _graph()
    assert local == []


def test_no_module_uses_another_modules_private_names():
    _, _, _, private = _graph()
    assert private == []


def test_modules_stay_short():
    long = {
        str(path.relative_to(ROOT)): n
        for path in _modules().values()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_functions_stay_short():
    long = [
        f"{path.relative_to(ROOT)}:{line} {name} ({n} lines)"
        for path in _modules().values()
        for name, line, n in _functions(path)
        if n > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_the_checks_can_fail():
    """The walker sees a cycle, a hidden import and a private name when there is one."""
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _reachable({"a": {"b"}, "b": {"c"}, "c": set()}, "a") == {"b", "c"}
    modules, edges, _, _ = _graph()
    assert "ocsge_plugin.computing.territories" in modules
    assert edges["processing_provider.aggregate"], "the walker found no import at all"
    node = ast.parse("from ..computing import flows").body[0]
    assert _absolute("ocsge_plugin.gui.dock", False, node) == "ocsge_plugin.computing"


# The layers, bottom to top (docs/architecture.md): a module imports from its own layer or below.
LAYERS = (
    "ocsge_plugin.core",
    "ocsge_plugin.domain",
    "ocsge_plugin.storage",
    "ocsge_plugin.services",
    "ocsge_plugin.computing",
    "ocsge_plugin.publishing",
    "ocsge_plugin.report",
    "ocsge_plugin.pipelines",
    "processing_provider",
    "ocsge_plugin.gui",
    "ocsge_plugin.plugin",
)


def _layer(module: str) -> int | None:
    for rank, layer in enumerate(LAYERS):
        if module == layer or module.startswith(layer + "."):
            return rank
    return None


def _upward(edges: dict[str, set[str]]) -> list[str]:
    return sorted(
        f"{name} ({LAYERS[_layer(name)]}) imports {target} ({LAYERS[_layer(target)]})"
        for name, targets in edges.items()
        for target in targets
        if _layer(name) is not None and _layer(target) is not None and _layer(target) > _layer(name)
    )


def test_every_module_belongs_to_a_layer():
    """ocsge_plugin/ holds the layer packages and the QGIS entry point, nothing loose."""
    assert [m for m in _modules() if _layer(m) is None and "." in m] == []


def test_imports_never_run_back_up_the_layers():
    _, edges, _, _ = _graph()
    assert _upward(edges) == []
    # the check sees an upward import when there is one
    assert _upward({"ocsge_plugin.core.errors": {"ocsge_plugin.gui.dock"}}) != []


def _public_names(path: Path) -> tuple[list[str] | None, set[str]]:
    """(``__all__`` of the module or None, the names it defines at module level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    listed, defined = None, set()
    for node in tree.body:
        targets = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            defined.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            defined.update((a.asname or a.name).split(".")[0] for a in node.names)
        for target in targets:
            names = target.elts if isinstance(target, ast.Tuple) else [target]
            defined.update(n.id for n in names if isinstance(n, ast.Name))
            if isinstance(target, ast.Name) and target.id == "__all__":
                listed = [ast.literal_eval(e) for e in node.value.elts]
    return listed, defined


def test_all_lists_the_public_face():
    """A module that others import names from says which in ``__all__``; every name listed exists,
    and every name another module imports from it is listed."""
    modules, problems = _modules(), []
    used: dict[str, set[str]] = {}
    for name, path in modules.items():
        for target, names, _node, _top in _imports(name, path, modules):
            used.setdefault(target, set()).update(names)
    for name, path in modules.items():
        if path.name == "__init__.py":
            continue
        listed, defined = _public_names(path)
        wanted = used.get(name, set())
        if listed is None:
            if wanted:
                problems.append(f"{name}: no __all__, yet others import {sorted(wanted)}")
            continue
        problems += [f"{name}: __all__ lists {n}, not defined" for n in listed if n not in defined]
        problems += [
            f"{name}: {n} imported by others, not in __all__" for n in sorted(wanted - set(listed))
        ]
    assert problems == []
