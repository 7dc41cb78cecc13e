"""The shortest flight route that keeps a stated distance from the land of states to be avoided.

A great circle is not a flight plan: the one from Pyongyang to Da Nang clips the territorial
sea off a small island, which any real route would pass outside at a cost of a kilometre or
so. This module finds that route: the shortest path from one airport to another whose every
point stays at least `keep_out_m` from the land of each avoided state (keep_out_m = the
territorial sea plus a margin, so the route stays outside their sovereign airspace).

Method (tech notes, "Shortest path around forbidden airspace"):

1. Sample the leg (a WGS-84 geodesic) every `spacing_km` and measure each point's distance
   to the avoided land, in local azimuthal-equidistant frames (the `airspace` machinery).
   If no point is nearer than keep_out_m, the leg stands.
2. Otherwise, around the offending stretch, project the avoided land within a disc into an
   azimuthal-equidistant frame, buffer it by keep_out_m plus 20 m (the "fence"; plus the
   frame's stretch, see `_window`), and by some 30 m more (the "outline"). The convex corners
   of the outline are candidate waypoints, so a route passes 50-70 m outside keep-out;
   a reduced visibility graph joins them and the leg's ends by the edges tangent to the
   outline that do not cross the fence, each weighted by its geodesic length, and Dijkstra
   gives the shortest path. Because every shortest path among polygonal obstacles bends
   only at convex corners, this finds routes needing one waypoint or several.
3. The new legs are sampled and checked against the real borders again. A violation near
   the disc means the disc was too small (it cut the obstacle): double it and repeat. A
   violation elsewhere is another obstacle: step 1 fixes it in the next round.

Nothing here names a country: the states to avoid are an argument.
"""
from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pyproj
import shapely

from . import airspace
from .airspace import RouteAirspace, SampledRoute
from .borders import Borders, load_borders

_GEOD = pyproj.Geod(ellps="WGS84")
#: A point as (lat, lon), degrees.
Point = tuple[float, float]

#: The fence is buffered this much beyond keep-out, so that rounding in GEOS (arcs drawn as
#: chords) and sampling between steps never let a verified leg come nearer than keep-out.
_FENCE_EXTRA_M = 20.0
#: Arcs of the buffers are drawn with this many segments per quarter circle: at a 32 km
#: radius a chord then dips 10 m inside its arc, which the margins below absorb.
_QUAD_SEGS = 32
#: The smallest radius of curvature of the WGS-84 ellipsoid (meridian at the equator): with it,
#: the scale factor of the azimuthal-equidistant frame is overestimated, never under.
_MIN_CURVATURE_RADIUS_M = 6_335_439.0
#: Edges from a leg's end to a corner are sampled this often near the disc (curved in the frame).
_EDGE_STEP_M = 2_000.0
#: First disc around an offending stretch: half the stretch plus this, plus a few keep-outs.
_WINDOW_PAD_M = 100_000.0
#: Beyond this radius the frame's distortion (7 % at the rim) makes the buffers too coarse.
_MAX_WINDOW_M = 4_000_000.0
#: Corner pairs tested for tangency at a time (bounds memory: a wide disc has thousands of corners).
_PAIRS_PER_BLOCK = 2_000_000
#: Each round fixes one offending leg; real routes need one or two.
_MAX_ROUNDS = 25


@dataclass(frozen=True, eq=False)
class SafeRoute:
    """The shortest route found between two airports that keeps out of the avoided airspace.

    `waypoints` are (lat, lon) tuples from start to end, both ends included; the legs between
    them are geodesics. Lengths are in km on the WGS-84 ellipsoid. `min_clearance_km` is the
    route's closest approach to the land of any avoided state (inf with nothing to avoid).
    `route` is the whole route cut into equal steps of at most the spacing asked for, ready
    to be classed like a great circle (see `classed`). Where the route bends around a curved
    stretch of the keep-out boundary it has a waypoint every few degrees of turn (the corners
    of the buffered polygon), so the waypoints are a faithful track, not a flight plan's few.

    `reachable` is False when an endpoint itself lies inside the forbidden zone (nearer than
    keep-out to an avoided state's land, e.g. a venue on that state's soil), or when no route
    exists around it (an endpoint enclosed by it); then there are no waypoints, `length_km`
    and `detour_km` are NaN (`great_circle_km` is still given), and `min_clearance_km` is the
    clearance of the nearer offending endpoint, for the record (NaN if the ends are clear).
    """

    waypoints: tuple[tuple[float, float], ...]
    length_km: float
    great_circle_km: float
    detour_km: float
    min_clearance_km: float
    reachable: bool
    route: SampledRoute
    avoid_states: tuple[str, ...]
    keep_out_m: float
    spacing_km: float

    @property
    def detoured(self) -> bool:
        """True when the route leaves the great circle (it has a waypoint between the ends)."""
        return len(self.waypoints) > 2


@dataclass(frozen=True)
class AirspaceSplit:
    """Kilometres of a route by whose airspace it lies in."""

    international_km: float
    sovereign_km: float  # land or territorial sea of states not avoided, the traveller's own included
    avoided_km: float  # land or territorial sea of avoided states: 0 for a route that keeps out

    @property
    def sovereign_share(self) -> float:
        """Share of the route, 0..1, over land or territorial sea of states not avoided."""
        total = self.international_km + self.sovereign_km + self.avoided_km
        return self.sovereign_km / total if total > 0 else math.nan


# --- geodesics ---------------------------------------------------------------------------

def _leg_km(points: Sequence[Point]) -> np.ndarray:
    """Geodesic length of each leg between consecutive (lat, lon) points, km."""
    lat, lon = np.array(points, dtype=float).T
    _, _, metres = _GEOD.inv(lon[:-1], lat[:-1], lon[1:], lat[1:])
    return np.atleast_1d(metres) / 1000.0


def sample_path(waypoints: Sequence[Point], spacing_km: float = 1.0) -> SampledRoute:
    """A chain of geodesic legs cut into equal steps of at most `spacing_km`, as one SampledRoute.

    Steps run across waypoints, so the route's `along_km`, `total_km` and step size mean the
    same as for a single great circle; with two waypoints this is `airspace.sample_route`.
    """
    if spacing_km <= 0:
        raise ValueError("spacing_km must be positive")
    lat, lon = np.array(waypoints, dtype=float).T
    azimuth, _, leg_m = (np.atleast_1d(a) for a in _GEOD.inv(lon[:-1], lat[:-1], lon[1:], lat[1:]))
    starts = np.concatenate([[0.0], np.cumsum(leg_m)])
    total_m = float(starts[-1])
    steps = max(1, math.ceil(total_m / (spacing_km * 1000.0)))
    step_m = total_m / steps
    along = (np.arange(steps) + 0.5) * step_m
    leg = np.clip(np.searchsorted(starts, along, side="right") - 1, 0, len(leg_m) - 1)
    out_lon, out_lat, _ = _GEOD.fwd(lon[leg], lat[leg], azimuth[leg], along - starts[leg])
    return SampledRoute(total_m / 1000.0, step_m / 1000.0, np.asarray(out_lat), np.asarray(out_lon))


# --- distance to the avoided land --------------------------------------------------------

@lru_cache(maxsize=32)
def _avoided(borders: Borders, avoid_states: tuple[str, ...]) -> Borders:
    """The land of the avoided states only, one polygon per feature, with its own search tree (cached).

    Split into polygons because a state's feature may span the globe (islands either side of
    the antimeridian): as one feature its bounding box would match every stretch of route.
    """
    keep = [i for i, code in enumerate(borders.code) if code in avoid_states]
    missing = set(avoid_states) - {borders.code[i] for i in keep}
    if missing:
        raise KeyError(f"not states in the borders: {', '.join(sorted(missing))}")
    parts, owner = shapely.get_parts(borders.geometry[keep], return_index=True)
    pick = lambda values: tuple(values[keep[i]] for i in owner)  # noqa: E731 - four parallel tuples
    return Borders(code=pick(borders.code), feature_code=pick(borders.feature_code), name=pick(borders.name),
                   kind=pick(borders.kind), geometry=parts, tree=shapely.STRtree(parts))


def _clearance_m(lat: np.ndarray, lon: np.ndarray, avoided: Borders, reach_m: float,
                 chunk_points: int = 100) -> np.ndarray:
    """Distance (m) from each point to the nearest avoided land; inf where none is within `reach_m`.

    Consecutive points are measured in chunks sharing one local frame (airspace's method), so
    the points must be a sampled route, not scattered far apart.
    """
    clearance = np.full(len(lat), np.inf)
    for start in range(0, len(lat), chunk_points):
        part = slice(start, start + chunk_points)
        distance, _ = airspace._nearest_land(lon[part], lat[part], avoided, reach_m)
        clearance[part] = np.where(distance <= reach_m, distance, np.inf)
    return clearance


def _point_clearance_m(lat: float, lon: float, avoided: Borders, reach_m: float) -> float:
    """Distance (m) from one point to the nearest avoided land, inf beyond `reach_m`."""
    return float(_clearance_m(np.array([lat]), np.array([lon]), avoided, reach_m)[0])


#: How far beyond keep-out a route's clearance is measured exactly; beyond, `closest_approach` measures it.
_CLEARANCE_REACH_M = 100_000.0


def _measured(path: Sequence[Point], avoided: Borders, keep_out_m: float, spacing_km: float) -> tuple[SampledRoute,
              np.ndarray]:
    """A route sampled every `spacing_km`, and each point's distance (m) to avoided land (inf when far)."""
    sampled = sample_path(path, spacing_km)
    return sampled, _clearance_m(sampled.lat, sampled.lon, avoided, keep_out_m + _CLEARANCE_REACH_M)


def _offences(path: Sequence[Point], sampled: SampledRoute, clearance: np.ndarray,
              keep_out_m: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sampled points of a route nearer than keep-out to avoided land: (leg index, lat, lon) arrays."""
    near = clearance < keep_out_m
    leg_starts = np.concatenate([[0.0], np.cumsum(_leg_km(path))])
    leg = np.clip(np.searchsorted(leg_starts, sampled.along_km[near], side="right") - 1, 0, len(path) - 2)
    return leg, sampled.lat[near], sampled.lon[near]


# --- the local problem: shortest path around buffered land in one frame ------------------

def _sagitta_m(radius_m: float) -> float:
    """How far a buffer's chord dips inside its arc at `_QUAD_SEGS` segments per quarter circle."""
    return radius_m * (1.0 - math.cos(math.pi / (4 * _QUAD_SEGS)))


@dataclass(frozen=True)
class _Window:
    """A disc around an offending stretch, in its azimuthal-equidistant frame (metres)."""

    frame: pyproj.Transformer
    radius_m: float
    fence_m: float  # the fence's breadth around the land, in frame metres
    fence: object  # avoided land buffered by keep-out (scaled): no edge may cross it
    corners: np.ndarray  # (n, 2) convex corners of the outline: the candidate waypoints
    before: np.ndarray  # (n, 2) each corner's neighbours along its ring, for the tangent test
    after: np.ndarray

    def to_degrees(self, xy: np.ndarray) -> np.ndarray:
        """Frame metres -> (lat, lon) rows."""
        lon, lat = self.frame.transform(xy[:, 0], xy[:, 1], direction=pyproj.enums.TransformDirection.INVERSE)
        return np.column_stack([lat, lon])

    def to_metres(self, lat: float | np.ndarray, lon: float | np.ndarray) -> np.ndarray:
        x, y = self.frame.transform(np.atleast_1d(lon), np.atleast_1d(lat))
        return np.column_stack([x, y])


def _window_land(avoided: Borders, lat: float, lon: float, radius_m: float, frame: pyproj.Transformer) -> Any:
    """The avoided land within `radius_m` of the centre, projected into the frame and clipped to the disc."""
    boxes = airspace._search_boxes(np.array([lon]), np.array([lat]), radius_m)
    found = sorted({int(i) for b in boxes for i in avoided.tree.query(shapely.box(*b))})
    pieces = [shapely.clip_by_rect(avoided.geometry[i], *b) for i in found for b in boxes]
    land = shapely.union_all([p for p in pieces if not p.is_empty]) if pieces else shapely.Polygon()
    if land.is_empty:
        return land
    disc = shapely.Point(0.0, 0.0).buffer(radius_m, quad_segs=64)
    return shapely.intersection(airspace._project(land, frame), disc)


def _convex_corners(outline: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vertices of the outline where it bulges outward, with each one's ring neighbours.

    Rings are oriented with the obstacle on their left (exterior anticlockwise, holes
    clockwise), so a convex corner is a left turn.
    """
    corners, before, after = [], [], []
    for polygon in shapely.get_parts(shapely.orient_polygons(outline, exterior_cw=False)):
        for ring in [polygon.exterior, *polygon.interiors]:
            xy = np.asarray(ring.coords)[:-1]
            prev, nxt = np.roll(xy, 1, axis=0), np.roll(xy, -1, axis=0)
            a, b = xy - prev, nxt - xy
            left = a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0] > 0
            corners.append(xy[left])
            before.append(prev[left])
            after.append(nxt[left])
    if not corners:
        return (np.empty((0, 2)),) * 3
    return np.concatenate(corners), np.concatenate(before), np.concatenate(after)


def _window(avoided: Borders, lat: float, lon: float, radius_m: float, keep_out_m: float) -> _Window | None:
    """Fence and candidate waypoints around (lat, lon); None if no avoided land lies in the disc."""
    frame = airspace._local_frame(lat, lon)
    land = _window_land(avoided, lat, lon, radius_m, frame)
    if land.is_empty:
        return None
    # Away from the centre the frame stretches distances across the radial direction by up to
    # x / sin x; buffering by keep-out times that factor keeps the true distance at least keep-out.
    x = (radius_m + keep_out_m) / _MIN_CURVATURE_RADIUS_M
    stretch_m = keep_out_m * (x / math.sin(x) - 1.0)
    fence_m = keep_out_m + stretch_m + _FENCE_EXTRA_M
    # The outline is thinned (Douglas-Peucker keeps a subset of its vertices, so corners keep
    # their distance) by a tolerance as coarse as the frame's stretch: in a wide disc that keeps
    # the corners, and the pairs of them to test, in the thousands rather than tens of thousands.
    thin_m = max(stretch_m, 5.0)
    # Corners lie beyond the fence by twice the chord dip of either buffer, the thinning, and
    # 10 m: so chords between neighbouring corners clear the fence, and waypoints keep-out + ~50 m.
    outline_m = fence_m + 2 * _sagitta_m(fence_m) + thin_m + 10.0
    fence = shapely.buffer(land, fence_m, quad_segs=_QUAD_SEGS)
    shapely.prepare(fence)
    outline = shapely.simplify(shapely.buffer(land, outline_m, quad_segs=_QUAD_SEGS), thin_m)
    corners, before, after = _convex_corners(outline)
    # Corners beyond the disc belong to land cut off at its rim: not real, so not waypoints.
    inside = np.hypot(corners[:, 0], corners[:, 1]) <= radius_m
    return _Window(frame, radius_m, fence_m, fence, corners[inside], before[inside], after[inside])


def _cross(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return u[..., 0] * v[..., 1] - u[..., 1] * v[..., 0]


def _tangent_at(corner: np.ndarray, before: np.ndarray, after: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """True where the line through a corner along `direction` leaves both ring neighbours on one side."""
    return _cross(direction, before - corner) * _cross(direction, after - corner) >= 0.0


def _corner_edges(window: _Window) -> list[tuple[int, int, float]]:
    """Edges between corners: tangent at both ends and not crossing the fence, with geodesic km.

    Both corners lie within the disc, where geodesics are straight in the frame to within
    metres; the route is checked against the real borders afterwards anyway. Pairs are
    tested in blocks of rows so that memory stays bounded with thousands of corners.
    """
    c = window.corners
    n = len(c)
    block = max(1, _PAIRS_PER_BLOCK // max(n, 1))
    i_parts, j_parts = [], []
    for first in range(0, n, block):
        i, j = np.meshgrid(np.arange(first, min(first + block, n)), np.arange(n), indexing="ij")
        i, j = i[j > i], j[j > i]
        d = c[j] - c[i]
        ok = (_tangent_at(c[i], window.before[i], window.after[i], d)
              & _tangent_at(c[j], window.before[j], window.after[j], d))
        i_parts.append(i[ok])
        j_parts.append(j[ok])
    i, j = (np.concatenate(p) if p else np.empty(0, int) for p in (i_parts, j_parts))
    lines = shapely.linestrings(np.stack([c[i], c[j]], axis=1)) if len(i) else np.empty(0, dtype=object)
    clear = ~shapely.intersects(window.fence, lines)
    i, j = i[clear], j[clear]
    if not len(i):
        return []
    latlon = window.to_degrees(c)
    km = np.atleast_1d(_GEOD.inv(latlon[i, 1], latlon[i, 0], latlon[j, 1], latlon[j, 0])[2]) / 1000.0
    return list(zip(i.tolist(), j.tolist(), km.tolist()))


def _end_edges(window: _Window, end: tuple[float, float]) -> list[tuple[int, float]]:
    """Edges from a leg's end to the corners it sees: (corner, geodesic km).

    The geodesic from the corner towards the end is sampled across the disc (it may curve in
    the frame when the end is far away) and tested against the fence. An end inside the fence
    (a waypoint placed at the fence of a smaller window) is exempt within 2 km of itself.
    """
    c = window.corners
    if not len(c):
        return []
    latlon = window.to_degrees(c)
    azimuth, _, length = (np.atleast_1d(a) for a in _GEOD.inv(latlon[:, 1], latlon[:, 0],
                                                               np.full(len(c), end[1]), np.full(len(c), end[0])))
    # The direction the geodesic leaves each corner in, in the frame: a far end's projected
    # position would point the tangent test a fraction of a degree off.
    ahead_lon, ahead_lat, _ = _GEOD.fwd(latlon[:, 1], latlon[:, 0], azimuth, np.full(len(c), 1000.0))
    picked = np.flatnonzero(_tangent_at(c, window.before, window.after, window.to_metres(ahead_lat, ahead_lon) - c))
    if not picked.size:
        return []
    latlon, azimuth, length = latlon[picked], azimuth[picked], length[picked]
    # Past the disc plus the fence's breadth there is no fence: sample only the stretch that can cross it.
    span = np.minimum(length, 2.0 * (window.radius_m + window.fence_m))
    counts = np.maximum(2, np.ceil(span / _EDGE_STEP_M).astype(int) + 1)
    owner = np.repeat(np.arange(len(picked)), counts)
    along = np.concatenate([np.linspace(0.0, s, n) for s, n in zip(span, counts)])
    lon, lat, _ = _GEOD.fwd(latlon[owner, 1], latlon[owner, 0], azimuth[owner], along)
    xy = window.to_metres(lat, lon)
    fence = window.fence
    end_xy = window.to_metres(*end)[0]
    if shapely.contains_xy(fence, *end_xy):
        fence = shapely.difference(fence, shapely.Point(end_xy).buffer(2_000.0))
    clear = ~shapely.intersects(fence, shapely.linestrings(xy, indices=owner))
    return [(int(k), float(m) / 1000.0) for k, m in zip(picked[clear], length[clear])]


def _dijkstra(count: int, edges: Iterable[tuple[int, int, float]], source: int, target: int) -> list[int] | None:
    """Node sequence of the shortest path in an undirected weighted graph, or None if unconnected."""
    neighbours: list[list[tuple[int, float]]] = [[] for _ in range(count)]
    for a, b, w in edges:
        neighbours[a].append((b, w))
        neighbours[b].append((a, w))
    best = {source: 0.0}
    came_from: dict[int, int] = {}
    queue = [(0.0, source)]
    while queue:
        cost, node = heapq.heappop(queue)
        if node == target:
            path = [node]
            while path[-1] != source:
                path.append(came_from[path[-1]])
            return path[::-1]
        if cost > best[node]:
            continue
        for other, w in neighbours[node]:
            if cost + w < best.get(other, math.inf):
                best[other], came_from[other] = cost + w, node
                heapq.heappush(queue, (cost + w, other))
    return None


def _shortest_in_window(window: _Window, start: Point, end: Point) -> list[tuple[float, float]] | None:
    """The waypoints between `start` and `end` of the shortest path around the window's fence."""
    n = len(window.corners)
    source, target = n, n + 1  # the corners are nodes 0..n-1
    edges = _corner_edges(window)
    edges += [(source, k, km) for k, km in _end_edges(window, start)]
    edges += [(k, target, km) for k, km in _end_edges(window, end)]
    path = _dijkstra(n + 2, edges, source, target)
    if path is None:
        return None
    latlon = window.to_degrees(window.corners[path[1:-1]]) if len(path) > 2 else np.empty((0, 2))
    return [(float(a), float(b)) for a, b in latlon]


# --- the whole route ---------------------------------------------------------------------

def _still_offends_near(window: _Window, path: Sequence[Point], avoided: Borders, keep_out_m: float,
                        spacing_km: float) -> bool:
    """Whether the route `path` still comes nearer than keep-out to avoided land inside the disc (+ keep-out)."""
    _, lat, lon = _offences(path, *_measured(path, avoided, keep_out_m, spacing_km), keep_out_m)
    return bool(lat.size) and bool((np.hypot(*window.to_metres(lat, lon).T) <= window.radius_m + keep_out_m).any())


def _detour(start: Point, end: Point, bad_lat: np.ndarray, bad_lon: np.ndarray, avoided: Borders, keep_out_m: float,
            spacing_km: float) -> list[tuple[float, float]] | None:
    """Waypoints that take one offending leg around the land it comes too near; None if none can.

    The disc is centred on the middle of the offending stretch and doubled until the new legs
    are clear of avoided land within it (a smaller disc may have cut the obstacle short).
    """
    middle = len(bad_lat) // 2
    centre = (float(bad_lat[middle]), float(bad_lon[middle]))
    span_m = _GEOD.inv(bad_lon[0], bad_lat[0], bad_lon[-1], bad_lat[-1])[2]
    radius = span_m / 2.0 + 4.0 * keep_out_m + _WINDOW_PAD_M
    found_any = False
    while radius <= _MAX_WINDOW_M:
        window = _window(avoided, *centre, radius, keep_out_m)
        inner = _shortest_in_window(window, start, end) if window is not None else None
        if window is not None and inner is not None:
            found_any = True
            if not _still_offends_near(window, [start, *inner, end], avoided, keep_out_m, spacing_km):
                return inner
        radius *= 2.0
    if found_any:
        raise RuntimeError(f"no clear route found around the land near {centre} within {_MAX_WINDOW_M / 1000:g} km")
    return None


def _plan(start: Point, end: Point, avoided: Borders, keep_out_m: float,
          spacing_km: float) -> tuple[list[Point], SampledRoute, np.ndarray] | None:
    """A route whose every leg keeps out, or None if there is none.

    Returns the waypoints (both ends included), the route sampled, and each sample's clearance.
    """
    path = [start, end]
    for _ in range(_MAX_ROUNDS):
        sampled, clearance = _measured(path, avoided, keep_out_m, spacing_km)
        leg, lat, lon = _offences(path, sampled, clearance, keep_out_m)
        if not leg.size:
            return path, sampled, clearance
        first = leg == leg[0]  # fix the first offending leg; the next round finds any other
        inner = _detour(path[leg[0]], path[leg[0] + 1], lat[first], lon[first], avoided, keep_out_m, spacing_km)
        if inner is None:
            return None
        path[leg[0] + 1:leg[0] + 1] = inner
    raise RuntimeError(f"route still not clear after {_MAX_ROUNDS} detours")


def _min_clearance_km(route: SampledRoute, clearance: np.ndarray, avoided: Borders,
                      avoid_states: Iterable[str]) -> float:
    """Closest approach of the sampled route to any avoided land, km."""
    if np.isfinite(clearance).any():
        return float(clearance.min()) / 1000.0
    # Nothing within reach of the sampled points: measure the far approach state by state.
    return min(airspace.closest_approach(route, s, avoided).land_km for s in avoid_states)


def _unreachable(start: Point, end: Point, avoid: tuple[str, ...], keep_out_m: float, clearance_m: float,
                 spacing_km: float) -> SafeRoute:
    empty = SampledRoute(math.nan, math.nan, np.empty(0), np.empty(0))
    return SafeRoute((), math.nan, float(_leg_km([start, end])[0]), math.nan,
                     clearance_m / 1000.0, False, empty, avoid, keep_out_m, spacing_km)


def safe_route(lat1: float, lon1: float, lat2: float, lon2: float, avoid_states: Iterable[str], keep_out_m: float,
               borders: Borders | None = None, spacing_km: float = 1.0) -> SafeRoute:
    """The shortest route from (lat1, lon1) to (lat2, lon2) keeping `keep_out_m` from avoided land.

    `avoid_states` are ADM0_A3 codes of `borders` (Natural Earth by default). Pass keep_out_m =
    territorial sea + margin to stay that margin outside their sovereign airspace. Each leg is
    checked every `spacing_km` against the real borders; waypoints sit 50-70 m beyond the
    keep-out (more when the obstacle needs a search disc over 500 km wide), so the length
    exceeds the true shortest by about that much times the angle the route turns through.
    With nothing to avoid, or when the great circle keeps out, the route is the great circle
    and the detour exactly 0. The route is unreachable (see SafeRoute) when an endpoint lies
    within keep-out of avoided land.

    The method finds the shortest route around each obstacle in turn; where one detour runs
    into a second obstacle far away (beyond the search disc), the second is fixed in a later
    round, which is shortest for those legs but not necessarily overall.
    """
    borders = borders or load_borders()
    avoid = tuple(sorted(set(avoid_states)))
    start, end = (float(lat1), float(lon1)), (float(lat2), float(lon2))
    if not avoid:  # nothing to avoid: the great circle, infinitely clear
        path, sampled, clearance_km = [start, end], sample_path([start, end], spacing_km), math.inf
    else:
        avoided = _avoided(borders, avoid)
        ends = [_point_clearance_m(*p, avoided, keep_out_m) for p in (start, end)]
        if min(ends) < keep_out_m:
            return _unreachable(start, end, avoid, keep_out_m, min(ends), spacing_km)
        planned = _plan(start, end, avoided, keep_out_m, spacing_km)
        if planned is None:
            return _unreachable(start, end, avoid, keep_out_m, math.nan, spacing_km)
        path, sampled, clearance = planned
        clearance_km = _min_clearance_km(sampled, clearance, avoided, avoid)
    length = float(_leg_km(path).sum())
    great_circle = float(_leg_km([start, end])[0])
    return SafeRoute(tuple(path), length, great_circle, length - great_circle, clearance_km, True, sampled, avoid,
                     keep_out_m, spacing_km)


# --- whose airspace the route crosses -----------------------------------------------------

def classed(route: SafeRoute, sea_m: float, borders: Borders | None = None) -> RouteAirspace:
    """The safe route's steps classed as land, territorial sea or international waters.

    A route that is the great circle reuses `airspace.route_airspace` (cached, the same steps).
    """
    if not route.reachable:
        raise ValueError("an unreachable route has no airspace to class")
    if (borders is None or borders is load_borders()) and not route.detoured:
        (lat1, lon1), (lat2, lon2) = route.waypoints
        return airspace.route_airspace(lat1, lon1, lat2, lon2, sea_m, route.spacing_km)
    state, kind = airspace.class_points(route.route.lat, route.route.lon, sea_m, borders)
    return RouteAirspace(route.route, state, kind)


def airspace_split(route: SafeRoute, sea_m: float, borders: Borders | None = None,
                   hostile_states: tuple[str, ...] | None = None) -> AirspaceSplit:
    """Kilometres over international waters, over other states' sovereign airspace, and over avoided states'.

    `hostile_states` (default: the states the route avoids) are those whose airspace counts as
    avoided: a route into a hostile state's own airspace cannot avoid it, but it still counts.
    NaN throughout for an unreachable route.
    """
    if not route.reachable:
        return AirspaceSplit(math.nan, math.nan, math.nan)
    airspace_ = classed(route, sea_m, borders)
    avoided_km = airspace_.sovereign_km(route.avoid_states if hostile_states is None else hostile_states)
    international_km = airspace_.international_km
    total_km = len(airspace_.route.lat) * airspace_.route.step_km
    return AirspaceSplit(international_km, total_km - international_km - avoided_km, avoided_km)
