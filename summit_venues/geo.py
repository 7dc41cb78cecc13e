"""Distances on the WGS-84 ellipsoid (Karney's geodesics, via geopy)."""
from __future__ import annotations

import pandas as pd
from geopy.distance import geodesic

from . import flight_path


def geodesic_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Shortest distance over the ellipsoid, in km. Arguments in degrees, latitude first."""
    return geodesic((lat1, lon1), (lat2, lon2)).km


def flight_column(origin_id: str) -> str:
    """Name of the derived column holding each venue's distance from one origin airport."""
    return f"flight_km_from_{origin_id}"


def derived_column_names(origin_ids) -> list[str]:
    """Every column `derived_columns` adds, known before any distance is computed."""
    origin_ids = list(origin_ids)
    return ([flight_column(o) for o in origin_ids] + ["airport_to_centre_geodesic_km"]
            + flight_path.derived_column_names(origin_ids))


def derived_columns(venues: pd.DataFrame, origins: pd.DataFrame, travel=None) -> pd.DataFrame:
    """Columns computed from sourced coordinates: airport-to-airport and airport-to-centre distances.

    With `travel` (a flight_path.TravelTables), also the airspace and overland columns.
    """
    derived = pd.DataFrame(index=venues.index)
    for origin in origins.itertuples():
        derived[flight_column(origin.origin_id)] = [
            geodesic_km(origin.lat, origin.lon, v.airport_lat, v.airport_lon) for v in venues.itertuples()]
    derived["airport_to_centre_geodesic_km"] = [
        geodesic_km(v.airport_lat, v.airport_lon, v.centre_lat, v.centre_lon) for v in venues.itertuples()]
    if travel is not None:
        derived = pd.concat([derived, flight_path.derived_columns(venues, origins, travel)], axis=1)
    return derived
