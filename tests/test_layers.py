"""The package's folders are its layers, and imports run downwards only.

inputs (data in and checked) < measures (what is computed per venue) < decision (scales,
weights, aggregation, robustness) < sharing (charts, maps, tables and words for the notebooks) < publishing
(running the notebooks, the report, the brief, the command line). A module
may import its own layer and the layers below it, and no module imports a layer above it, not
even inside a function: where the data layer needs what a layer above knows (the loader, the
derived columns), the layer above hands it in (`inputs.dataset.Measures`).
"""
import ast

import pytest

from summit_venues.inputs import cache

LAYERS = ("inputs", "measures", "decision", "sharing", "publishing")


def _modules():
    return sorted(".".join(p.relative_to(cache.PACKAGE_DIR).with_suffix("").parts)
                  for p in cache.PACKAGE_DIR.rglob("*.py"))


def _imports(module: str):
    """(imported module, at module level?) for each package import of `module`, resolved to dotted names."""
    path = cache.PACKAGE_DIR.joinpath(*module.split(".")).with_suffix(".py")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    package = module.split(".")[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - node.level + 1] + [p for p in (node.module or "").split(".") if p]
            names = [".".join(base + [a.name]) for a in node.names] if len(base) == 1 else [".".join(base)]
            for name in names:
                yield name, id(node) in top_level
        elif isinstance(node, ast.ImportFrom | ast.Import):
            for name in ([node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]):
                if (name or "").startswith("summit_venues."):
                    yield name.removeprefix("summit_venues."), id(node) in top_level


def test_every_module_sits_in_a_layer():
    loose = [m for m in _modules() if m.split(".")[0] not in LAYERS and m not in ("__init__", "__main__")]
    assert not loose, f"modules outside the layer folders: {loose}"


@pytest.mark.parametrize("module", [m for m in _modules() if m.split(".")[0] in LAYERS])
def test_imports_run_downwards(module):
    own = LAYERS.index(module.split(".")[0])
    upwards = [imported for imported, _ in _imports(module)
                if imported.split(".")[0] in LAYERS and LAYERS.index(imported.split(".")[0]) > own]
    assert not upwards, f"{module} imports {upwards}, a layer above it"


def test_the_layer_folders_hold_no_code_of_their_own():
    """A layer's __init__ is its description: importing one module never runs another."""
    for layer in LAYERS:
        tree = ast.parse((cache.PACKAGE_DIR / layer / "__init__.py").read_text(encoding="utf-8"))
        assert len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr), f"{layer}/__init__.py holds code"


def _resolve(name: str, modules: set[str]) -> str | None:
    """The module an imported dotted name belongs to: itself, its package's __init__, or the module it is in."""
    for candidate in (name, f"{name}.__init__", name.rsplit(".", 1)[0], f"{name.rsplit('.', 1)[0]}.__init__"):
        if candidate in modules:
            return candidate
    return None


def import_graph() -> dict[str, set[str]]:
    """Every module's package imports, at module level or inside a function alike."""
    modules = set(_modules())
    graph = {}
    for module in modules:
        if module in ("__init__", "__main__"):
            continue
        targets = {_resolve(name, modules) for name, _ in _imports(module)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import circles of `graph`: its strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
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


def test_cycles_are_found_in_a_small_graph():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_has_no_import_circle():
    """Not even through an import inside a function: two modules that need each other are one concern."""
    assert cycles(import_graph()) == []
