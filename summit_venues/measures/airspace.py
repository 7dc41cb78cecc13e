"""Whose airspace a great-circle route crosses: land, territorial sea, or international waters.

Method (tech-notes section 2): the route is cut into equal steps of at most `spacing_km`
along the WGS-84 geodesic, and the midpoint of each step is classed. Per chunk of about
100 km, candidate countries come from an STR-tree on their bounding boxes; the chunk and
the candidates' nearby coastline are projected into an azimuthal-equidistant frame centred
on the chunk, where metres are true to well under a metre at these distances. A point
inside a country is over its land; within the territorial-sea breadth of the nearest land
it is over that country's territorial sea; otherwise over international waters.
Airspace follows: a state's sovereign airspace is the air over its land and territorial sea.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import pyproj
import shapely

from .borders import Borders, load_borders

LAND = "land"
TERRITORIAL_SEA = "territorial sea"
INTERNATIONAL = "international waters"
_GEOD = pyproj.Geod(ellps="WGS84")
# How far beyond the territorial sea to look for coastline when picking candidates per chunk:
# anything nearer than the sea breadth must lie inside the box, so a generous pad costs only time.
_PAD_M = 10_000.0


def _local_frame(lat: float, lon: float) -> pyproj.Transformer:
    """Degrees (lon, lat) -> metres in an azimuthal-equidistant frame centred on (lat, lon)."""
    return pyproj.Transformer.from_pipeline(
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
        f"+step +proj=aeqd +lat_0={lat!r} +lon_0={lon!r} +ellps=WGS84")


def _project(geometry: Any, frame: pyproj.Transformer) -> Any:
    """A shapely geometry in degrees, moved into a local frame."""
    return shapely.transform(geometry, lambda xy: np.column_stack(frame.transform(xy[:, 0], xy[:, 1])))


@dataclass(frozen=True)
class SampledRoute:
    """A geodesic cut into `n` equal steps; each step is represented by its midpoint."""

    total_km: float
    step_km: float
    lat: np.ndarray
    lon: np.ndarray

    @property
    def along_km(self) -> np.ndarray:
        """Distance from the start to each step's midpoint."""
        return (np.arange(len(self.lat)) + 0.5) * self.step_km


def sample_route(lat1: float, lon1: float, lat2: float, lon2: float, spacing_km: float = 1.0) -> SampledRoute:
    """Equal steps of at most `spacing_km` along the WGS-84 geodesic between two points."""
    if spacing_km <= 0:
        raise ValueError("spacing_km must be positive")
    azimuth, _, total_m = _GEOD.inv(lon1, lat1, lon2, lat2)
    steps = max(1, math.ceil(total_m / (spacing_km * 1000.0)))
    step_m = total_m / steps
    along = (np.arange(steps) + 0.5) * step_m
    lon, lat, _ = _GEOD.fwd(np.full(steps, lon1), np.full(steps, lat1), np.full(steps, azimuth), along)
    return SampledRoute(total_m / 1000.0, step_m / 1000.0, np.asarray(lat), np.asarray(lon))


def _search_boxes(lon: np.ndarray, lat: np.ndarray, pad_m: float) -> list[tuple[float, float, float, float]]:
    """Lon/lat boxes that contain every point within `pad_m` of the chunk, split at the antimeridian."""
    pad_lat = pad_m / 110_500.0  # a degree of latitude is at least 110.57 km
    south, north = max(-90.0, lat.min() - pad_lat), min(90.0, lat.max() + pad_lat)
    widest = max(abs(south), abs(north))
    if widest > 89.0:
        return [(-180.0, south, 180.0, north)]  # near a pole every longitude is close
    pad_lon = pad_m / (111_000.0 * math.cos(math.radians(widest)))
    if lon.max() - lon.min() > 180.0:  # the chunk straddles the antimeridian
        east, west = lon[lon >= 0], lon[lon < 0]
        return [(max(-180.0, east.min() - pad_lon), south, 180.0, north),
                (-180.0, south, min(180.0, west.max() + pad_lon), north)]
    return [(max(-180.0, lon.min() - pad_lon), south, min(180.0, lon.max() + pad_lon), north)]


def _nearest_land(lon: np.ndarray, lat: np.ndarray, borders: Borders, reach_m: float) -> tuple[np.ndarray, np.ndarray]:
    """For each point: distance (m) to the nearest land within `reach_m`, and that feature's index (-1 if none)."""
    distance = np.full(len(lon), np.inf)
    owner = np.full(len(lon), -1)
    boxes = _search_boxes(lon, lat, reach_m + _PAD_M)
    candidates = sorted({int(i) for b in boxes for i in borders.tree.query(shapely.box(*b))})
    if not candidates:
        return distance, owner
    middle = len(lon) // 2
    frame = _local_frame(float(lat[middle]), float(lon[middle]))
    x, y = frame.transform(lon, lat)
    points = shapely.points(x, y)
    for index in candidates:
        nearby = shapely.union_all([shapely.clip_by_rect(borders.geometry[index], *b) for b in boxes])
        if nearby.is_empty:
            continue
        d = shapely.distance(points, _project(nearby, frame))
        closer = d < distance
        distance[closer], owner[closer] = d[closer], index
    return distance, owner


def class_points(lat: np.ndarray, lon: np.ndarray, sea_m: float, borders: Borders | None = None,
                 chunk_points: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Class each point: (state code or '', LAND / TERRITORIAL_SEA / INTERNATIONAL).

    Against the Natural Earth borders (`borders` None), kept in the disk cache as runs of one class: each
    notebook that draws a route runs on a fresh kernel, and classing one takes a fraction of a second.
    """
    if borders is not None:
        return _class_points(lat, lon, sea_m, borders, chunk_points)
    runs = _stored("route-classes", lat, lon, {"sea_m": sea_m, "chunk_points": chunk_points},
                   lambda: _runs(*_class_points(lat, lon, sea_m, load_borders(), chunk_points)))
    return _from_runs(runs)


def _runs(state: np.ndarray, kind: np.ndarray) -> list[list[Any]]:
    """The classes as [state, kind, count] runs of equal consecutive points (JSON, and a route's few runs)."""
    runs: list[list[Any]] = []
    for pair in zip(state.tolist(), kind.tolist()):
        if runs and (runs[-1][0], runs[-1][1]) == pair:
            runs[-1][2] += 1
        else:
            runs.append([*pair, 1])
    return runs


def _from_runs(runs: list[list[Any]]) -> tuple[np.ndarray, np.ndarray]:
    """The (state, kind) arrays `_runs` was given."""
    counts = [count for _, _, count in runs]
    return (np.repeat(np.array([state for state, _, _ in runs], dtype=object), counts),
            np.repeat(np.array([kind for _, kind, _ in runs], dtype=object), counts))


def _stored(name: str, lat: np.ndarray, lon: np.ndarray, settings: dict[str, Any], compute: Callable[[], Any]) -> Any:
    """`compute()` for the route through these points against the Natural Earth borders, from the disk cache
    when an entry's key matches: the points, the settings, the borders, this code and the libraries."""
    import hashlib

    from ..inputs import cache
    from .border_data import ROUTE_LIBRARIES, border_file

    points = hashlib.sha256(np.ascontiguousarray(lat, dtype=float).tobytes()
                            + np.ascontiguousarray(lon, dtype=float).tobytes()).hexdigest()
    key = cache.digest({"format": cache.FORMAT, "points": points, **settings,
                        "borders": cache.file_digest(border_file()),
                        "code": cache.source_digest(["measures.airspace"]),
                        "libraries": cache.library_versions(ROUTE_LIBRARIES)})
    return cache.cached_value(name, key, compute)


def _class_points(lat: np.ndarray, lon: np.ndarray, sea_m: float, borders: Borders,
                  chunk_points: int) -> tuple[np.ndarray, np.ndarray]:
    state = np.full(len(lat), "", dtype=object)
    kind = np.full(len(lat), INTERNATIONAL, dtype=object)
    for start in range(0, len(lat), chunk_points):
        part = slice(start, start + chunk_points)
        distance, owner = _nearest_land(lon[part], lat[part], borders, sea_m)
        codes = np.array([borders.code[i] if i >= 0 else "" for i in owner], dtype=object)
        near = distance <= sea_m
        state[part] = np.where(near, codes, "")
        kind[part] = np.where(distance == 0, LAND, np.where(near, TERRITORIAL_SEA, INTERNATIONAL))
    return state, kind


@dataclass(frozen=True)
class RouteAirspace:
    """A sampled route with the class of every step."""

    route: SampledRoute
    state: np.ndarray
    kind: np.ndarray

    def stretches(self) -> pd.DataFrame:
        """The ordered crossings: one row per run of steps over the same state and class."""
        key = [f"{s}|{k}" for s, k in zip(self.state, self.kind)]
        starts = [0] + [i for i in range(1, len(key)) if key[i] != key[i - 1]]
        ends = starts[1:] + [len(key)]
        step = self.route.step_km
        return pd.DataFrame({
            "state": [self.state[a] for a in starts],
            "airspace": [self.kind[a] for a in starts],
            "from_km": [a * step for a in starts],
            "to_km": [b * step for b in ends],
            "km": [(b - a) * step for a, b in zip(starts, ends)],
        })

    def km_by_state(self) -> pd.DataFrame:
        """Kilometres per state and class (international waters under state '')."""
        table = pd.DataFrame({"state": self.state, "airspace": self.kind})
        counts = table.groupby(["state", "airspace"], sort=False).size()
        return (counts * self.route.step_km).rename("km").reset_index()

    def states_entered(self) -> list[str]:
        """States whose sovereign airspace the route enters, in the order first entered."""
        return list(dict.fromkeys(s for s in self.state if s))

    def sovereign_km(self, states: Iterable[str]) -> float:
        """Kilometres flown in the sovereign airspace (land or territorial sea) of any of `states`."""
        return float(np.isin(self.state, list(states)).sum() * self.route.step_km)

    @property
    def international_km(self) -> float:
        """Kilometres over international waters (no state's sovereign airspace)."""
        return float((self.kind == INTERNATIONAL).sum() * self.route.step_km)


@lru_cache(maxsize=64)
def route_airspace(lat1: float, lon1: float, lat2: float, lon2: float, sea_m: float,
                   spacing_km: float = 1.0) -> RouteAirspace:
    """Sample and class one great-circle route (cached: notebooks ask for the same routes often)."""
    route = sample_route(lat1, lon1, lat2, lon2, spacing_km)
    state, kind = class_points(route.lat, route.lon, sea_m)
    return RouteAirspace(route, state, kind)


@dataclass(frozen=True)
class Approach:
    """Where a route comes closest to a state's land."""

    state: str
    land_km: float
    along_km: float
    lat: float
    lon: float

    def airspace_km(self, sea_m: float) -> float:
        """Distance to the edge of the state's sovereign airspace (0 if the route enters it)."""
        return max(0.0, self.land_km - sea_m / 1000.0)


def _unit_vectors(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Points on the unit sphere, for a fast first guess of which pairs are nearest."""
    lon, lat = np.radians(lon), np.radians(lat)
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


@lru_cache(maxsize=64)
def _coast(borders: Borders, state: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A state's polygons, and their simplified vertices on the unit sphere with the polygon of each."""
    parts = shapely.get_parts(borders.state_geometry(state))
    simple = shapely.simplify(parts, 0.01)
    coords, owner = shapely.get_coordinates(simple, return_index=True)
    return parts, _unit_vectors(coords[:, 0], coords[:, 1]), owner


def closest_approach(route: SampledRoute, state: str, borders: Borders | None = None) -> Approach:
    """The route's closest approach to a state's land (`_closest_approach`); against the Natural Earth borders
    (`borders` None), kept in the disk cache."""
    if borders is not None:
        return _closest_approach(route, state, borders)
    stored = _stored("route-approach", route.lat, route.lon, {"state": state, "step_km": route.step_km},
                     lambda: asdict(_closest_approach(route, state, load_borders())))
    return Approach(**stored)


def _closest_approach(route: SampledRoute, state: str, borders: Borders) -> Approach:
    """The route's closest approach to a state's land, measured on the ellipsoid.

    A first pass on the sphere finds the route point (every 10th) nearest to the state's
    simplified coastline; the distance itself is then measured in azimuthal-equidistant
    frames, first around that guess (+-20 steps), then centred on the best point, where
    distances from the centre are true geodesic distances. Only polygons with a vertex
    within 300 km of the nearest one are measured; the others cannot be closer.
    """
    land = borders.state_geometry(state)
    inside = np.flatnonzero(shapely.intersects_xy(land, route.lon, route.lat))
    if inside.size:
        i = int(inside[0])
        return Approach(state, 0.0, float(route.along_km[i]), float(route.lat[i]), float(route.lon[i]))
    parts, coast_xyz, owner = _coast(borders, state)
    route_xyz = _unit_vectors(route.lon[::10], route.lat[::10])
    dots = route_xyz @ coast_xyz.T  # on the unit sphere the nearest pair has the largest dot product
    row = int(np.argmax(dots.max(axis=1)))
    guess = row * 10
    nearest_rad = np.arccos(np.clip(dots[row].max(), -1.0, 1.0))
    near_parts = parts[np.unique(owner[np.arccos(np.clip(dots[row], -1.0, 1.0)) <= nearest_rad + 300 / 6371])]
    candidates = shapely.GeometryCollection(list(near_parts))
    window = np.arange(max(0, guess - 20), min(len(route.lat), guess + 21))
    frame = _local_frame(float(route.lat[guess]), float(route.lon[guess]))
    x, y = frame.transform(route.lon[window], route.lat[window])
    i = int(window[np.argmin(shapely.distance(shapely.points(x, y), _project(candidates, frame)))])
    # Measure again from a frame centred on the chosen point: distances from the centre are exact.
    centred = _local_frame(float(route.lat[i]), float(route.lon[i]))
    land_m = shapely.distance(shapely.Point(0.0, 0.0), _project(candidates, centred))
    return Approach(state, float(land_m) / 1000.0, float(route.along_km[i]), float(route.lat[i]), float(route.lon[i]))
