"""The disk cache of the route columns: same values on a hit, a miss whenever an input or the code changes,
damaged entries recomputed, atomic writes, and never a file outside the folder it is pointed at.

Every test points SUMMIT_CACHE_DIR at a temporary folder of its own: nothing is written to the user's home.
"""
from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import summit_venues as sv
from summit_venues.inputs import cache, memo
from summit_venues.measures import derived


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch) -> Path:
    """A cache folder of the test's own, and no in-process memo: each load here asks the disk cache."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_DIR_VAR, str(folder))
    monkeypatch.setattr(memo, "SIZE", 0)
    memo.forget()
    return folder


@pytest.fixture
def computations(monkeypatch) -> list[int]:
    """Counts how often the route columns are computed rather than read from the cache."""
    calls = []
    compute = derived.compute_route_columns

    def counted(**inputs):
        calls.append(1)
        return compute(**inputs)

    monkeypatch.setattr(derived, "compute_route_columns", counted)
    return calls


def _route_entries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{derived.CACHE_NAME}-*.json"))


def _inputs(data: sv.Dataset) -> dict[str, pd.DataFrame]:
    """The route inputs as load_dataset hands them over (tables as read, before they are indexed)."""
    def raw(table):
        return table.reset_index(drop=True)

    return derived.route_inputs(data.venue_table, raw(data.origins), raw(data.state_relations),
                                raw(data.parameters), raw(data.border_crossings), raw(data.overland_legs))


# --- where ---------------------------------------------------------------------------------

def test_the_folder_is_summit_cache_dir_else_xdg_else_home(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.CACHE_DIR_VAR, str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(cache.CACHE_DIR_VAR)
    assert cache.cache_dir() == tmp_path / "xdg" / "summit-venues"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "summit-venues"


def test_load_dataset_writes_only_to_the_cache_folder(cache_folder):
    project = Path(sv.__file__).resolve().parents[1]
    sv.load_dataset()
    assert _route_entries(cache_folder) and not cache_folder.is_relative_to(project)
    assert not list(cache_folder.glob(".*.tmp")), "a temporary file was left behind"


# --- hits give the same values ---------------------------------------------------------------

def test_a_hit_returns_identical_values_without_computing(computations, cache_folder):
    first = sv.load_dataset().venue_table
    assert len(computations) == 1 and len(_route_entries(cache_folder)) == 1
    second = sv.load_dataset().venue_table
    assert len(computations) == 1, "the second load computed the routes again"
    pd.testing.assert_frame_equal(second, first, check_exact=True)


def test_the_cached_columns_are_those_computed_bit_for_bit():
    data = sv.load_dataset()
    inputs = _inputs(data)
    fresh = derived.compute_route_columns(**inputs)
    stored = cache.load_frame(derived.CACHE_NAME, derived.route_key(inputs))
    pd.testing.assert_frame_equal(stored, fresh, check_exact=True)
    assert list(stored.columns) == derived.route_column_names(data.origins.origin_id)


def test_frames_round_trip_nan_infinity_and_dtypes():
    frame = pd.DataFrame({"a": [0.1 + 0.2, float("nan")], "b": [float("inf"), -0.0], "c": [1, 2]},
                         index=pd.Index(["x", "y"], name="venue_id"))
    cache.store_frame("t", "k", frame)
    pd.testing.assert_frame_equal(cache.load_frame("t", "k"), frame, check_exact=True)


# --- a change of input or code misses ----------------------------------------------------------

def test_every_input_and_the_code_are_in_the_key(monkeypatch):
    inputs = _inputs(sv.load_dataset())
    key = derived.route_key(inputs)
    assert derived.route_key(_inputs(sv.load_dataset())) == key, "the key is not stable"
    changes = {
        "venues": lambda t: t.assign(airport_lat=t.airport_lat + 1e-9),
        "origins": lambda t: t.assign(delegation=t.delegation[::-1].to_numpy()),
        "relations": lambda t: t.iloc[:-1],
        "parameters": lambda t: t.assign(value=t.value * 2),
        "crossings": lambda t: t.assign(crossing_id=t.crossing_id + "x"),
        "legs": lambda t: t.assign(km=t.km + 1),
    }
    for name, change in changes.items():
        assert derived.route_key({**inputs, name: change(inputs[name])}) != key, name
    assert derived.route_key(inputs, code="another version of the code") != key
    with monkeypatch.context() as patched:
        patched.setattr(cache, "file_digest", lambda path: "other borders")
        assert derived.route_key(inputs) != key, "the border data are not in the key"
    with monkeypatch.context() as patched:
        patched.setattr(cache, "library_versions", lambda names: {n: "9.9" for n in names})
        assert derived.route_key(inputs) != key, "the library versions are not in the key"


def test_only_the_columns_the_routes_read_are_handed_over():
    data = sv.load_dataset()
    inputs = _inputs(data)
    assert list(inputs["venues"].columns) == list(derived.ROUTE_VENUE_COLUMNS)
    assert list(inputs["origins"].columns) == list(derived.ROUTE_ORIGIN_COLUMNS)
    # A figure the routes do not read leaves the key alone.
    more_seats = data.venue_table.assign(main_hall_seats=data.venue_table.main_hall_seats + 1)
    assert derived.route_inputs(more_seats, *list(_inputs(data).values())[1:])["venues"].equals(inputs["venues"])


def test_a_changed_coordinate_misses_and_a_changed_hall_does_not(data_copy, computations):
    sv.load_dataset(data_copy.folder)
    data_copy.set("venues.csv", "danang", "main_hall_seats", "2600")
    sv.load_dataset(data_copy.folder)
    assert len(computations) == 1
    data_copy.set("venues.csv", "danang", "airport_lat", "16.0440")
    moved = sv.load_dataset(data_copy.folder).venue_table
    assert len(computations) == 2
    committed = sv.load_dataset().venue_table
    assert moved.loc["danang", "flight_km_from_FNJ"] != committed.loc["danang", "flight_km_from_FNJ"]


def test_a_new_code_version_misses(monkeypatch, computations):
    sv.load_dataset()
    digest = cache.source_digest
    monkeypatch.setattr(cache, "source_digest", lambda modules: digest(modules) + "-edited")
    sv.load_dataset()
    assert len(computations) == 2


def test_the_code_hash_follows_the_imports_of_the_modules_that_compute(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "upper").mkdir(parents=True)
    (package / "lower").mkdir()
    for folder in (package / "upper", package / "lower"):
        (folder / "__init__.py").write_text('"""A layer."""\n')
    (package / "upper" / "top.py").write_text("from . import middle\n")
    (package / "upper" / "middle.py").write_text("def f():\n    from ..lower.bottom import g\n    return g\n")
    (package / "lower" / "bottom.py").write_text("from . import leaf as renamed\ng = 1\n")
    (package / "lower" / "leaf.py").write_text("h = 1\n")
    (package / "lower" / "unrelated.py").write_text("x = 1\n")
    monkeypatch.setattr(cache, "PACKAGE_DIR", package)
    assert set(cache.source_hashes(["upper.top"])) == {"upper", "upper.top", "upper.middle", "lower", "lower.bottom",
                                                        "lower.leaf"}
    before = cache.source_digest(["upper.top"])
    (package / "lower" / "unrelated.py").write_text("x = 2\n")
    assert cache.source_digest(["upper.top"]) == before
    for changed in ("bottom", "leaf"):
        (package / "lower" / f"{changed}.py").write_text("g = 2\n")
        assert cache.source_digest(["upper.top"]) != before


def test_the_route_code_hash_covers_the_geometry_modules():
    assert {"measures.derived", "inputs.cache", "measures.geo", "measures.flight_path", "measures.airspace",
            "measures.safe_route", "measures.borders", "measures.overland", "inputs.schemas",
            "inputs.tables"} <= set(cache.source_hashes(derived.ROUTE_MODULES))


MODULES = sorted(".".join(p.relative_to(cache.PACKAGE_DIR).with_suffix("").parts)
                 for p in cache.PACKAGE_DIR.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES)
def test_the_import_scan_finds_what_ast_finds(module):
    """Every package module an import statement names, resolved as Python resolves it, is found by the scan."""
    source = cache.PACKAGE_DIR.joinpath(*module.split(".")).with_suffix(".py").read_text(encoding="utf-8")
    package = module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package[:len(package) - node.level + 1]
        elif (node.module or "").split(".")[0] == "summit_venues":
            base = []
        else:
            continue
        named = [part for part in (node.module or "").split(".") if part]
        base = base + (named[1:] if node.level == 0 else named)
        target = cache.PACKAGE_DIR.joinpath(*base)
        if target.with_suffix(".py").is_file():
            found.add(".".join(base))
        elif target.is_dir():
            found.update(".".join(base + [alias.name]) for alias in node.names
                         if target.joinpath(alias.name).with_suffix(".py").is_file())
    assert found <= cache.relative_imports(source, module)


# --- damaged entries, atomic writes ------------------------------------------------------------

@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1, "key": "other", "value": {}}',
                                    b"\xff\xfe\x00garbage"])
def test_a_damaged_entry_is_recomputed_and_rewritten(cache_folder, computations, damage):
    expected = sv.load_dataset().venue_table
    (entry,) = _route_entries(cache_folder)
    entry.write_bytes(damage)
    pd.testing.assert_frame_equal(sv.load_dataset().venue_table, expected, check_exact=True)
    assert len(computations) == 2
    assert json.loads(entry.read_text())["key"] in entry.name
    sv.load_dataset()
    assert len(computations) == 2, "the rewritten entry was not used"


def test_an_entry_cut_short_is_a_miss(cache_folder):
    cache.store_frame("t", "k", pd.DataFrame({"a": [1.0, 2.0]}))
    path = cache.entry_path("t", "k")
    entry = json.loads(path.read_text())
    entry["value"]["values"][0] = [1.0]
    path.write_text(json.dumps(entry))
    assert cache.load_frame("t", "k") is None


def test_a_failed_write_leaves_no_entry_and_no_temporary_file(cache_folder, monkeypatch):
    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    assert cache.store_value("t", "k", {"a": 1}) is None
    assert not list(cache_folder.iterdir())


def test_an_unwritable_cache_folder_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setenv(cache.CACHE_DIR_VAR, str(blocker / "cache"))
    assert sv.load_dataset().venue_ids == ["hanoi", "danang"]


#: Disk-cache entries of the geometry below the route columns: safe routes, their airspace classes and closest
#: approaches, and the borders' state codes.
GEOMETRY = ("safe-route", "route-classes", "route-approach", "state-codes")


@pytest.fixture(scope="module")
def session_geometry() -> list[Path]:
    """The session cache's geometry entries, after a load of the committed data (the process that computed its
    route columns in this session's fresh cache stored the geometry they needed there)."""
    sv.load_dataset()
    return sorted(p for name in GEOMETRY for p in cache.cache_dir().glob(f"{name}-*.json"))


@pytest.fixture
def with_geometry(cache_folder, session_geometry) -> Path:
    """The test's cache folder holding the session's geometry entries but no route columns: a process started here
    computes the route columns, which these tests watch, without finding every route again (seconds each)."""
    cache_folder.mkdir(parents=True, exist_ok=True)
    for entry in session_geometry:
        shutil.copy(entry, cache_folder / entry.name)
    assert not _route_entries(cache_folder)
    return cache_folder


@pytest.mark.slow
def test_two_processes_building_at_once(with_geometry):
    """Both finish with the same table, and the folder holds one whole entry and no temporary file."""
    script = ("import sys, summit_venues as sv; "
              "sys.stdout.write(sv.load_dataset().venue_table.to_json(double_precision=15))")
    cache_folder = with_geometry
    env = {**os.environ, cache.CACHE_DIR_VAR: str(cache_folder)}
    runs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=env, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outputs]
    assert outputs[0][0] == outputs[1][0]
    (entry,) = _route_entries(cache_folder)
    assert cache.load_frame(derived.CACHE_NAME, entry.stem.removeprefix(f"{derived.CACHE_NAME}-")) is not None
    assert not list(cache_folder.glob(".*.tmp"))


# --- the import structure ------------------------------------------------------------------------

def _modules_after(code: str, env: dict[str, str]) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


@pytest.mark.slow
def test_a_cache_hit_imports_no_geometry(with_geometry):
    env = {**os.environ, cache.CACHE_DIR_VAR: str(with_geometry)}
    _modules_after("import summit_venues as sv; sv.load_dataset()", env)  # fills the cache
    loaded = _modules_after("import summit_venues as sv; sv.load_dataset()", env)
    heavy = {"shapely", "pyproj", "shapefile", "geopy", "summit_venues.measures.airspace",
             "summit_venues.measures.safe_route", "summit_venues.measures.borders", "nbformat", "matplotlib"}
    assert not heavy & loaded


def test_geo_is_below_the_travel_analysis():
    """geo imports no travel analysis at all (flight_path -> geo, never back)."""
    geometry = {"measures.flight_path", "measures.airspace", "measures.safe_route", "measures.borders"}
    source = (cache.PACKAGE_DIR / "measures" / "geo.py").read_text(encoding="utf-8")
    assert not geometry & cache.relative_imports(source, "measures.geo")
