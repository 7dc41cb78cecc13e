"""The travel-path criterion: geodesic routes, the airspace they cross, and the overland way in.

"Politically safe" is read from data: state_relations.csv says how each state stands
towards each delegation, and a route's safety indicators are the geometry of that route
measured against the states that table calls hostile. Nothing here names a country.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from . import airspace, overland
from .airspace import NAUTICAL_MILE_M, RouteAirspace
from .schemas import DELEGATION_STATES, HOSTILE_RELATIONS, relation_column
from .tables import has_value

#: Sampling step along each route. Against 250 m steps, Kim's routes agree within 1.5 km per class;
#: routes with many coastline crossings (the Canadian Arctic) within 0.625 km per boundary.
SPACING_KM = 1.0


@dataclass(frozen=True)
class TravelTables:
    """The data files the travel path needs beyond venues and origins."""

    relations: pd.DataFrame
    parameters: pd.DataFrame
    crossings: pd.DataFrame
    legs: pd.DataFrame

    def parameter(self, parameter_id: str) -> float:
        return float(self.parameters.set_index("parameter_id").loc[parameter_id, "value"])

    @property
    def sea_m(self) -> float:
        """Breadth of the territorial sea, in metres."""
        return self.parameter("territorial_sea_nm") * NAUTICAL_MILE_M


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


def route(origin, venue, sea_m: float, spacing_km: float = SPACING_KM) -> RouteAirspace:
    """The classed great circle from an origin airport to a venue's airport."""
    return airspace.route_airspace(float(origin.lat), float(origin.lon), float(venue.airport_lat),
                                   float(venue.airport_lon), sea_m, spacing_km)


@lru_cache(maxsize=256)
def _approach(lat1, lon1, lat2, lon2, sea_m, spacing_km, state) -> airspace.Approach:
    """Closest approach of one route to one state (cached: tables and indicators share it)."""
    sampled = airspace.route_airspace(lat1, lon1, lat2, lon2, sea_m, spacing_km).route
    return airspace.closest_approach(sampled, state)


def approach(origin, venue, state: str, sea_m: float, spacing_km: float = SPACING_KM) -> airspace.Approach:
    """Where the route from `origin` to `venue` comes closest to `state`'s land."""
    return _approach(float(origin.lat), float(origin.lon), float(venue.airport_lat), float(venue.airport_lon),
                     sea_m, spacing_km, state)


def clearance_column(origin_id: str) -> str:
    return f"hostile_airspace_clearance_km_from_{origin_id}"


def hostile_km_column(origin_id: str) -> str:
    return f"hostile_airspace_km_from_{origin_id}"


def open_sea_column(origin_id: str) -> str:
    return f"open_sea_km_from_{origin_id}"


def derived_column_names(origin_ids) -> list[str]:
    """Every column `derived_columns` adds."""
    per_origin = [f(o) for o in origin_ids for f in (clearance_column, hostile_km_column, open_sea_column)]
    return per_origin + [overland.column(m) for m in overland.MODES]


def _route_columns(venues: pd.DataFrame, origin, tables: TravelTables) -> dict[str, list[float]]:
    """Safety columns of one origin's routes to every venue."""
    hostile = hostile_states(tables.relations, origin.delegation)
    clearance, hostile_km, open_sea = [], [], []
    for venue in venues.itertuples():
        classed = route(origin, venue, tables.sea_m)
        gaps = [approach(origin, venue, s, tables.sea_m).airspace_km(tables.sea_m) for s in hostile]
        # With no hostile state in the table, nothing is near: the clearance is unbounded.
        clearance.append(min(gaps) if gaps else np.inf)
        hostile_km.append(classed.sovereign_km(hostile))
        open_sea.append(classed.international_km)
    return {clearance_column(origin.origin_id): clearance, hostile_km_column(origin.origin_id): hostile_km,
            open_sea_column(origin.origin_id): open_sea}


def derived_columns(venues: pd.DataFrame, origins: pd.DataFrame, tables: TravelTables) -> pd.DataFrame:
    """Route-safety columns for every origin, and the overland distances, one row per venue."""
    derived = pd.DataFrame(index=venues.index)
    for origin in origins.itertuples():
        for name, values in _route_columns(venues, origin, tables).items():
            derived[name] = values
    return pd.concat([derived, overland.derived_columns(venues, tables.crossings, tables.legs)], axis=1)
