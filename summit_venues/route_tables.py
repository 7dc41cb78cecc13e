"""Tables of the travel-path notebook: flight times, airspace crossed, hostile approaches, overland legs.

Each function takes a loaded Dataset and returns a plain DataFrame, so a notebook cell is one call.
"""
from __future__ import annotations

import pandas as pd

from . import flight_path, geo, overland
from .borders import load_borders
from .dataset import Dataset
from .scoring import criterion_scores, indicator_scores


def _routes(data: Dataset):
    """Every (origin, venue) pair, origins in file order."""
    for origin in data.origins.itertuples():
        for venue in data.venue_table.itertuples():
            yield origin, venue


def flight_times(data: Dataset) -> pd.DataFrame:
    """Per origin, aircraft of that delegation and venue: distance, time aloft and share of range used."""
    allowance_min = data.travel.parameter("flight_time_allowance_min")
    rows = []
    for origin, venue in _routes(data):
        km = getattr(venue, geo.flight_column(origin.origin_id))
        for plane in data.aircraft[data.aircraft.delegation == origin.delegation].itertuples():
            rows.append({"from": origin.origin_id, "to": venue.name, "aircraft": plane.name, "km": km,
                         "cruise_kmh": plane.cruise_kmh, "allowance_min": allowance_min,
                         "hours": km / plane.cruise_kmh + allowance_min / 60.0,
                         "range_km": plane.range_km, "share_of_range": km / plane.range_km})
    return pd.DataFrame(rows)


def km_by_state(data: Dataset) -> pd.DataFrame:
    """Kilometres per route, state and class of airspace, with the state's relation to the traveller."""
    names = load_borders().state_names()
    frames = []
    for origin, venue in _routes(data):
        table = flight_path.route(origin, venue, data.travel.sea_m).km_by_state()
        table.insert(0, "route", f"{origin.origin_id} → {venue.airport_iata}")
        table["state_name"] = [names.get(s, "–") if s else "(international waters)" for s in table.state]
        table["relation"] = [flight_path.relation_of(data.travel.relations, s, origin.delegation) if s else "–"
                             for s in table.state]
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def crossings(data: Dataset, origin_id: str, venue_id: str, min_km: float = 0.0) -> pd.DataFrame:
    """The ordered stretches of one route; `min_km` hides slivers shorter than that."""
    origin, venue = data.origins.loc[origin_id], data.venue_table.loc[venue_id]
    table = flight_path.route(origin, venue, data.travel.sea_m).stretches()
    return table[table.km >= min_km].reset_index(drop=True)


def route_summary(data: Dataset) -> pd.DataFrame:
    """One row per route: length, states entered, hostile states entered, km over open sea."""
    relations = data.travel.relations
    rows = []
    for origin, venue in _routes(data):
        classed = flight_path.route(origin, venue, data.travel.sea_m)
        hostile = set(flight_path.hostile_states(relations, origin.delegation))
        entered = classed.states_entered()
        rows.append({"route": f"{origin.origin_id} → {venue.airport_iata}", "km": classed.route.total_km,
                     "states entered": " → ".join(entered),
                     "hostile states entered": ", ".join(s for s in entered if s in hostile) or "none",
                     "km in hostile airspace": classed.sovereign_km(hostile),
                     "km over open sea": classed.international_km,
                     "share over open sea": classed.international_km / classed.route.total_km})
    return pd.DataFrame(rows)


def hostile_approaches(data: Dataset) -> pd.DataFrame:
    """Closest approach of each route to each state hostile to its traveller."""
    sea_m, rows = data.travel.sea_m, []
    for origin, venue in _routes(data):
        for state in flight_path.hostile_states(data.travel.relations, origin.delegation):
            near = flight_path.approach(origin, venue, state, sea_m)
            rows.append({"route": f"{origin.origin_id} → {venue.airport_iata}", "state": state,
                         "km to land": near.land_km, "km to its airspace": near.airspace_km(sea_m),
                         "at km": near.along_km, "lat": near.lat, "lon": near.lon})
    return pd.DataFrame(rows)


def overland_routes(data: Dataset) -> pd.DataFrame:
    """Per venue and mode: km from the border, the legs used, and the straight line for comparison."""
    crossings_, legs = data.border_crossings, data.overland_legs
    rows = []
    for venue in data.venue_table.itertuples():
        line = min(geo.geodesic_km(c.lat, c.lon, venue.centre_lat, venue.centre_lon) for c in crossings_.itertuples())
        for mode in overland.MODES:
            rows.append({"venue": venue.name, "mode": mode, "km": getattr(venue, overland.column(mode)),
                         "legs": " + ".join(overland.route_legs(venue.venue_id, crossings_, legs, mode)),
                         "straight line km": line})
    return pd.DataFrame(rows)


def relations_table(data: Dataset) -> pd.DataFrame:
    """The relations table with each cell's source grade, for reading next to the map."""
    sources = data.sources[data.sources.table == "state_relations"]
    grade = {(s.record_id, f.strip()): s.grade for s in sources.itertuples() for f in s.fields.split(";")}
    table = data.state_relations.drop(columns="country").copy()
    for column in [c for c in table.columns if c.startswith("relation_to_")]:
        table[column] = table[column].replace("", "(own state)")
        table[column + " (grade)"] = [grade.get((c, column), "") for c in table.index]
    return table


def criterion_breakdown(data: Dataset, criterion_id: str = "flight_path") -> pd.DataFrame:
    """Each indicator of a criterion: its scale, weight, and every venue's raw value and score."""
    members = data.indicators[data.indicators.criterion_id == criterion_id]
    scores = indicator_scores(data)
    rows = []
    for indicator in members.itertuples():
        row = {"indicator": indicator.name, "weight": indicator.weight,
               "scale": data.value_function(indicator.indicator_id).describe() + f" ({indicator.unit})"}
        for venue in data.venue_table.itertuples():
            row[f"{venue.name}: value"] = getattr(venue, indicator.column)
            row[f"{venue.name}: score"] = scores.loc[venue.venue_id, indicator.indicator_id]
        rows.append(row)
    return pd.DataFrame(rows)


def air_and_ground_scores(data: Dataset, criterion_id: str = "flight_path") -> pd.DataFrame:
    """The criterion's air indicators and ground indicators scored separately (weighted means)."""
    members = data.indicators[data.indicators.criterion_id == criterion_id]
    ground = members.column.isin([overland.column(m) for m in overland.MODES])
    scores = indicator_scores(data)
    table = {}
    for label, part in (("air", members[~ground]), ("ground", members[ground])):
        table[label] = scores[part.index] @ (part.weight / part.weight.sum())
    table["criterion"] = criterion_scores(data)[criterion_id]
    return pd.DataFrame(table).rename(index=data.venue_table.name).rename_axis(index="venue")


def travel_sources(data: Dataset) -> pd.DataFrame:
    """The provenance rows of the travel-path tables: what each value rests on, and how firmly."""
    tables = ("state_relations", "parameters", "border_crossings", "overland_legs")
    rows = data.sources[data.sources.table.isin(tables)]
    return rows[["table", "record_id", "fields", "grade", "as_of", "source_url"]].reset_index(drop=True)
