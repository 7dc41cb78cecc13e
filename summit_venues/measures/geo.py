"""Distances on the WGS-84 ellipsoid (Karney's geodesics, via geopy).

The lowest level of the travel analysis: it knows coordinates and nothing of airspace
(flight_path and derived build on it, never the other way round).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd


@lru_cache(maxsize=1)
def _geodesic() -> Any:
    # geopy's package import pulls in its geocoders and `requests`: paid only when a distance is computed.
    from geopy.distance import geodesic

    return geodesic


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Shortest distance over the ellipsoid, in km. Arguments in degrees, latitude first."""
    return _geodesic()((lat1, lon1), (lat2, lon2)).km


def flight_column(origin_id: str) -> str:
    """Name of the derived column holding each venue's distance from one origin airport."""
    return f"flight_km_from_{origin_id}"


def derived_column_names(origin_ids: Iterable[str]) -> list[str]:
    """Every column `derived_columns` adds, known before any distance is computed."""
    return [flight_column(o) for o in origin_ids] + ["airport_to_centre_geodesic_km"]


def derived_columns(venues: pd.DataFrame, origins: pd.DataFrame) -> pd.DataFrame:
    """Columns computed from sourced coordinates: airport-to-airport and airport-to-centre distances.

    The airspace and overland columns are flight_path's; `derived` puts the two together.
    """
    derived = pd.DataFrame(index=venues.index)
    for origin in origins.itertuples():
        derived[flight_column(origin.origin_id)] = [
            geodesic_km(origin.lat, origin.lon, v.airport_lat, v.airport_lon) for v in venues.itertuples()]
    derived["airport_to_centre_geodesic_km"] = [
        geodesic_km(v.airport_lat, v.airport_lon, v.centre_lat, v.centre_lon) for v in venues.itertuples()]
    return derived
