"""The travel-path criterion: geodesic routes, the airspace they cross, and the overland way in.

"Politically safe" is read from data: state_relations.csv says how each state stands
towards each delegation, and a route's safety indicators are the geometry of that route
measured against the states that table calls hostile. Nothing here names a country.

Two routes are measured. The great circle is the idealised one (its clearance, km in hostile
airspace, km over open sea). The safe route (`safe_route` module) is the one a flight plan
would take: the shortest that keeps `hostile_airspace_margin_km` (parameters.csv) outside
the sovereign airspace of every hostile state, with its length, its detour over the great
circle, and the share of it flown over land or territorial sea of states that are not hostile.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..inputs.schemas import DELEGATION_STATES, HOSTILE_RELATIONS, relation_column
from ..inputs.tables import has_value
from ..inputs.travel import TravelTables
from . import overland
from .route_inputs import reached_by_road

# The geometry (airspace, safe_route, and below them borders, shapely, pyproj) is imported by the
# functions that measure routes, so that the column names cost no geometry import.
if TYPE_CHECKING:
    from . import airspace
    from . import safe_route as safe
    from .airspace import RouteAirspace

#: Sampling step along each route. Against 250 m steps, Kim's routes agree within 1.5 km per class;
#: routes with many coastline crossings (the Canadian Arctic) within 0.625 km per boundary.
SPACING_KM = 1.0


def hostile_states(relations: pd.DataFrame, delegation: str) -> list[str]:
    """States whose relation to the delegation counts as hostile (schemas.HOSTILE_RELATIONS)."""
    hostile = relations[relation_column(delegation)].isin(HOSTILE_RELATIONS)
    return [c for c in relations.loc[hostile, "country"] if c != DELEGATION_STATES.get(delegation)]


def relation_of(relations: pd.DataFrame, state: str, delegation: str) -> str:
    """How one state stands towards a delegation: 'own state', a relation, or 'not in table'."""
    if state == DELEGATION_STATES.get(delegation):
        return "own state"
    row = relations[relations["country"] == state]
    if row.empty or not has_value(row.iloc[0][relation_column(delegation)]):
        return "not in table"
    return row.iloc[0][relation_column(delegation)]


def route(origin: Any, venue: Any, sea_m: float, spacing_km: float = SPACING_KM) -> RouteAirspace:
    """The classed great circle from an origin airport to a venue's airport."""
    from . import airspace

    return airspace.route_airspace(float(origin.lat), float(origin.lon), float(venue.airport_lat),
                                   float(venue.airport_lon), sea_m, spacing_km)


@lru_cache(maxsize=256)
def _approach(lat1: float, lon1: float, lat2: float, lon2: float, sea_m: float, spacing_km: float,
              state: str) -> airspace.Approach:
    """Closest approach of one route to one state (cached: tables and indicators share it)."""
    from . import airspace

    sampled = airspace.route_airspace(lat1, lon1, lat2, lon2, sea_m, spacing_km).route
    return airspace.closest_approach(sampled, state)


def approach(origin: Any, venue: Any, state: str, sea_m: float, spacing_km: float = SPACING_KM) -> airspace.Approach:
    """Where the route from `origin` to `venue` comes closest to `state`'s land."""
    return _approach(float(origin.lat), float(origin.lon), float(venue.airport_lat), float(venue.airport_lon),
                     sea_m, spacing_km, state)


@lru_cache(maxsize=256)
def _safe_route(lat1: float, lon1: float, lat2: float, lon2: float, avoid: tuple[str, ...], keep_out_m: float,
                spacing_km: float) -> safe.SafeRoute:
    """The safe route between two airports, kept in memory (columns, tables and charts share it) and in the disk
    cache: each notebook that draws a route runs on a fresh kernel, and finding one takes a second or more."""
    from ..inputs import cache
    from . import safe_route as safe
    from .border_data import ROUTE_LIBRARIES, border_file

    key = cache.digest({"format": cache.FORMAT, "ends": [lat1, lon1, lat2, lon2], "avoid": list(avoid),
                        "keep_out_m": keep_out_m, "spacing_km": spacing_km,
                        "borders": cache.file_digest(border_file()),
                        "code": cache.source_digest(["measures.safe_route"]),
                        "libraries": cache.library_versions(ROUTE_LIBRARIES)})
    stored = cache.cached_value("safe-route", key, lambda: _route_payload(
        safe.safe_route(lat1, lon1, lat2, lon2, avoid, keep_out_m, spacing_km=spacing_km)))
    return _route_from(stored)


def _route_payload(way: safe.SafeRoute) -> dict:
    """A safe route as JSON: every field, the sampled route's arrays as lists (JSON keeps a float exactly)."""
    from dataclasses import fields

    payload = {f.name: getattr(way, f.name) for f in fields(way) if f.name != "route"}
    payload["route"] = {"total_km": way.route.total_km, "step_km": way.route.step_km,
                        "lat": way.route.lat.tolist(), "lon": way.route.lon.tolist()}
    return payload


def _route_from(payload: dict) -> safe.SafeRoute:
    """The safe route `_route_payload` wrote, field for field."""
    from . import airspace
    from . import safe_route as safe

    route = payload["route"]
    sampled = airspace.SampledRoute(route["total_km"], route["step_km"], np.asarray(route["lat"], dtype=float),
                                    np.asarray(route["lon"], dtype=float))
    return safe.SafeRoute(**{**payload, "waypoints": tuple(tuple(point) for point in payload["waypoints"]),
                             "avoid_states": tuple(payload["avoid_states"]), "route": sampled})


def avoided_states(relations: pd.DataFrame, delegation: str, venue: Any) -> tuple[str, ...]:
    """The states a safe route keeps out of: every state hostile to the delegation but the venue's own.

    A venue on a hostile state's soil cannot be reached without entering that state's airspace;
    the route keeps out of every other hostile state's, and its kilometres in the host's airspace
    still count as hostile (`route_hostile_states`).
    """
    return tuple(sorted(s for s in hostile_states(relations, delegation) if s != getattr(venue, "country", None)))


def route_hostile_states(relations: pd.DataFrame, delegation: str) -> tuple[str, ...]:
    return tuple(sorted(hostile_states(relations, delegation)))


def safe_route(origin: Any, venue: Any, tables: TravelTables, spacing_km: float = SPACING_KM,
               keep_out_m: float | None = None) -> safe.SafeRoute:
    """The shortest route from `origin` to `venue` keeping the stated margin (or `keep_out_m`, metres from land)
    outside hostile airspace."""
    avoid = avoided_states(tables.relations, origin.delegation, venue)
    return _safe_route(float(origin.lat), float(origin.lon), float(venue.airport_lat), float(venue.airport_lon),
                       avoid, tables.keep_out_m if keep_out_m is None else keep_out_m, spacing_km)


def scored_route(origin: Any, venue: Any, tables: TravelTables, keep_out_m: float | None = None) -> tuple[float,
                 float, float]:
    """Length, detour and share over states not hostile of the route the flight-path indicators score.

    The written rules in one place: no flight for a leader who drives (0 km, a whole share), and a
    venue on hostile soil reached through its host's airspace only, which counts against the share.
    """
    if reached_by_road(venue, origin.delegation):
        return _NO_FLIGHT[safe_route_column], _NO_FLIGHT[safe_detour_column], _NO_FLIGHT[safe_sovereign_share_column]
    way = safe_route(origin, venue, tables, keep_out_m=keep_out_m)
    share = _sovereign_share(way, tables.sea_m, route_hostile_states(tables.relations, origin.delegation))
    return way.length_km, way.detour_km, share


@lru_cache(maxsize=256)
def _sovereign_share(route: safe.SafeRoute, sea_m: float, hostile: tuple[str, ...]) -> float:
    """Share of a safe route over land or territorial sea of states not hostile (NaN if unreachable)."""
    from . import safe_route as safe

    return safe.airspace_split(route, sea_m, hostile_states=hostile).sovereign_share


def clearance_column(origin_id: str) -> str:
    return f"hostile_airspace_clearance_km_from_{origin_id}"


def hostile_km_column(origin_id: str) -> str:
    return f"hostile_airspace_km_from_{origin_id}"


def open_sea_column(origin_id: str) -> str:
    return f"open_sea_km_from_{origin_id}"


def safe_route_column(origin_id: str) -> str:
    return f"safe_route_km_from_{origin_id}"


def safe_detour_column(origin_id: str) -> str:
    return f"safe_route_detour_km_from_{origin_id}"


def safe_sovereign_share_column(origin_id: str) -> str:
    return f"safe_route_sovereign_share_from_{origin_id}"


_PER_ORIGIN = (clearance_column, hostile_km_column, open_sea_column, safe_route_column, safe_detour_column,
               safe_sovereign_share_column)


#: The per-origin columns of a venue the leader reaches by road: no flight, no airspace crossed,
#: nothing hostile near; the share of a route with nothing over foreign airspace is whole.
_NO_FLIGHT = {clearance_column: np.inf, hostile_km_column: 0.0, open_sea_column: 0.0, safe_route_column: 0.0,
              safe_detour_column: 0.0, safe_sovereign_share_column: 1.0}


def derived_column_names(origin_ids: Iterable[str]) -> list[str]:
    """Every column `derived_columns` adds."""
    per_origin = [f(o) for o in origin_ids for f in _PER_ORIGIN]
    return per_origin + [overland.column(m) for m in overland.MODES]


def _route_columns(venues: pd.DataFrame, origin: Any, tables: TravelTables) -> dict[str, list[float]]:
    """Safety columns of one origin's routes to every venue.

    The great circle's columns measure the idealised route; the safe route's, the one a flight
    plan would take (NaN for a venue no route reaches, e.g. one on hostile soil).
    """
    hostile = hostile_states(tables.relations, origin.delegation)
    columns: dict[str, list[float]] = {f(origin.origin_id): [] for f in _PER_ORIGIN}
    for venue in venues.itertuples():
        if reached_by_road(venue, origin.delegation):
            # The rule for a venue the leader drives to (venues.csv `reached_by_road`): no flight at all,
            # so no kilometre over anyone's airspace; the great circle is not flown either.
            for column, value in _NO_FLIGHT.items():
                columns[column(origin.origin_id)].append(value)
            continue
        classed = route(origin, venue, tables.sea_m)
        gaps = [approach(origin, venue, s, tables.sea_m).airspace_km(tables.sea_m) for s in hostile]
        # With no hostile state in the table, nothing is near: the clearance is unbounded.
        columns[clearance_column(origin.origin_id)].append(min(gaps) if gaps else np.inf)
        columns[hostile_km_column(origin.origin_id)].append(classed.sovereign_km(hostile))
        columns[open_sea_column(origin.origin_id)].append(classed.international_km)
        length, detour, share = scored_route(origin, venue, tables)
        columns[safe_route_column(origin.origin_id)].append(length)
        columns[safe_detour_column(origin.origin_id)].append(detour)
        columns[safe_sovereign_share_column(origin.origin_id)].append(share)
    return columns


def flight_columns(venues: pd.DataFrame, origins: pd.DataFrame, tables: TravelTables) -> pd.DataFrame:
    """Route-safety columns for every origin, one row per venue: each venue's own, whatever the others."""
    derived = pd.DataFrame(index=venues.index)
    for origin in origins.itertuples():
        for name, values in _route_columns(venues, origin, tables).items():
            derived[name] = values
    return derived


