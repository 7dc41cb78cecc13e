"""Tables of the travel-path notebook: flight times, airspace crossed, hostile approaches, overland legs.

Each function takes a loaded Dataset and returns a plain DataFrame, so a notebook cell is one call.
The airspace tables measure the great circle by default; `route="safe"` measures the safe route
instead (the shortest that keeps the stated margin outside hostile airspace), the one scored.
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from ..decision import choices
from ..decision.extensions import Extensions
from ..decision.scoring import ALL_EXTENSIONS, active_indicators, criterion_scores, indicator_scores
from ..decision.value_functions import value_function
from ..inputs.dataset import Dataset
from ..measures import airspace, flight_path, geo, overland
from ..measures import safe_route as safe
from ..measures.airspace import RouteAirspace
from ..measures.borders import load_borders
from . import evidence

#: The routes the airspace tables can measure: the bare great circle, or the safe route that is scored.
ROUTES = ("great_circle", "safe")


def _routes(data: Dataset) -> Iterator[tuple[Any, Any]]:
    """Every (origin, venue) pair (their rows, as itertuples gives them), origins in file order."""
    for origin in data.origins.itertuples():
        for venue in data.venue_table.itertuples():
            yield origin, venue


def _classed(data: Dataset, origin: Any, venue: Any, route: str = "great_circle") -> RouteAirspace | None:
    """One route classed by airspace: the great circle, or the safe route (None if no safe route reaches it)."""
    if route == "great_circle":
        return flight_path.route(origin, venue, data.travel.sea_m)
    if route == "safe":
        way = flight_path.safe_route(origin, venue, data.travel)
        return safe.classed(way, data.travel.sea_m) if way.reachable else None
    raise ValueError(f"unknown route {route!r}; the routes are {', '.join(ROUTES)}")


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


def km_by_state(data: Dataset, route: str = "great_circle") -> pd.DataFrame:
    """Kilometres per route, state and class of airspace, with the state's relation to the traveller.

    A venue no safe route reaches has no rows when `route="safe"`.
    """
    names = load_borders().state_names()
    frames = []
    for origin, venue in _routes(data):
        classed = _classed(data, origin, venue, route)
        if classed is None:
            continue
        table = classed.km_by_state()
        table.insert(0, "route", f"{origin.origin_id} → {venue.airport_iata}")
        table["state_name"] = [names.get(s, "–") if s else "(international waters)" for s in table.state]
        table["relation"] = [flight_path.relation_of(data.travel.relations, s, origin.delegation) if s else "–"
                             for s in table.state]
        frames.append(table)
    return pd.concat(frames, ignore_index=True)


def crossings(data: Dataset, origin_id: str, venue_id: str, min_km: float = 0.0,
              route: str = "great_circle") -> pd.DataFrame:
    """The ordered stretches of one route; `min_km` hides slivers shorter than that."""
    origin, venue = data.origins.loc[origin_id], data.venue_table.loc[venue_id]
    classed = _classed(data, origin, venue, route)
    if classed is None:
        raise ValueError(f"no safe route from {origin_id} reaches {venue_id}")
    table = classed.stretches()
    return table[table.km >= min_km].reset_index(drop=True)


def route_summary(data: Dataset, route: str = "great_circle") -> pd.DataFrame:
    """One row per route: length, states entered, hostile states entered, km over open sea.

    A venue no safe route reaches has no row when `route="safe"`.
    """
    relations = data.travel.relations
    rows = []
    for origin, venue in _routes(data):
        classed = _classed(data, origin, venue, route)
        if classed is None:
            continue
        hostile = set(flight_path.hostile_states(relations, origin.delegation))
        entered = classed.states_entered()
        rows.append({"route": f"{origin.origin_id} → {venue.airport_iata}", "km": classed.route.total_km,
                     "states entered": " → ".join(entered),
                     "hostile states entered": ", ".join(s for s in entered if s in hostile) or "none",
                     "km in hostile airspace": classed.sovereign_km(hostile),
                     "km over open sea": classed.international_km,
                     "share over open sea": classed.international_km / classed.route.total_km})
    return pd.DataFrame(rows)


def hostile_approaches(data: Dataset, route: str = "great_circle") -> pd.DataFrame:
    """Closest approach of each route to each state hostile to its traveller.

    A venue no safe route reaches has no rows when `route="safe"`.
    """
    sea_m, rows = data.travel.sea_m, []
    for origin, venue in _routes(data):
        if route == "safe":
            way = flight_path.safe_route(origin, venue, data.travel)
            if not way.reachable:
                continue
        elif route not in ROUTES:
            raise ValueError(f"unknown route {route!r}; the routes are {', '.join(ROUTES)}")
        for state in flight_path.hostile_states(data.travel.relations, origin.delegation):
            near = (flight_path.approach(origin, venue, state, sea_m) if route == "great_circle"
                    else airspace.closest_approach(way.route, state))
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
        table[f"{column.replace('_', ' ')} (grade)"] = [grade.get((c, column), "") for c in table.index]
    return table


def criterion_breakdown(data: Dataset, criterion_id: str = "flight_path",
                        extensions: Extensions = ALL_EXTENSIONS) -> pd.DataFrame:
    """Each indicator of a criterion in use with `extensions`: article or extension, its scale, weight, and every
    venue's raw value and score."""
    active = active_indicators(data, extensions)
    members = active[active.criterion_id == criterion_id]
    scores = indicator_scores(data, extensions)
    rows = []
    for indicator in members.itertuples():
        row = {"indicator": indicator.name, "model": evidence.model_label(data, indicator.Index),
               "weight": indicator.weight,
               "scale": value_function(data, indicator.indicator_id).describe() + f" ({indicator.unit})"}
        for venue in data.venue_table.itertuples():
            row[f"{venue.name}: value"] = _with_unit(getattr(venue, indicator.column), indicator.unit)
            row[f"{venue.name}: score"] = scores.loc[venue.venue_id, indicator.indicator_id]
        rows.append(row)
    return pd.DataFrame(rows)


def _with_unit(value: float, unit: str) -> str:
    """A raw value as a reader reads it: whole kilometres, a share as a percentage."""
    if pd.isna(value):
        return "not found"
    return f"{value:.1%}" if unit == "share" else f"{value:,.0f} {unit}"


#: The data files the travel-path tables rest on, by default.
TRAVEL_TABLES = ("state_relations", "parameters", "border_crossings", "overland_legs")


def travel_sources(data: Dataset, tables: Iterable[str] = TRAVEL_TABLES) -> pd.DataFrame:
    """The provenance rows of the travel-path tables (or of `tables`): what each value rests on, and how firmly."""
    rows = data.sources[data.sources.table.isin(tables)]
    return rows[["table", "record_id", "fields", "grade", "as_of", "source_url"]].reset_index(drop=True)


def safe_routes(data: Dataset, origin_id: str = "FNJ") -> pd.DataFrame:
    """One row per venue: the great circle and the safe route from one origin, the detour, the closest approach to
    hostile land and airspace, and the safe route's km by whose airspace it lies in.

    A venue no safe route reaches has NaN for the safe route's quantities.
    """
    origin, sea_km = data.origins.loc[origin_id], data.travel.sea_m / 1000.0
    rows = []
    for venue in data.venue_table.itertuples():
        way = flight_path.safe_route(origin, venue, data.travel)
        split = safe.airspace_split(way, data.travel.sea_m)
        nearest = (min((airspace.closest_approach(way.route, s) for s in way.avoid_states), key=lambda a: a.land_km)
                   if way.reachable and way.avoid_states else None)
        rows.append({"venue": venue.name, "great circle km": way.great_circle_km, "safe route km": way.length_km,
                     "detour km": way.detour_km, "bends": max(len(way.waypoints) - 2, 0),
                     "nearest hostile state": nearest.state if nearest else "",
                     "km to its land": nearest.land_km if nearest else float("nan"),
                     "km outside its airspace": nearest.land_km - sea_km if nearest else float("nan"),
                     "km over international waters": split.international_km,
                     "km over states not hostile": split.sovereign_km,
                     "km in hostile airspace": split.avoided_km,
                     "share over states not hostile": split.sovereign_share})
    return pd.DataFrame(rows).set_index("venue")


def margin_sensitivity(data: Dataset, margins_km: Iterable[float], origin_id: str = "FNJ",
                       criterion_id: str = "flight_path") -> pd.DataFrame:
    """The safe route and the criterion (the article's model) under other margins outside hostile airspace.

    One row per margin and venue: the safe route's length, detour and share over states not hostile,
    and the criterion score with those values in place of the data's (`hostile_airspace_margin_km`).
    """
    origin, sea_m = data.origins.loc[origin_id], data.travel.sea_m
    columns = (flight_path.safe_route_column(origin_id), flight_path.safe_detour_column(origin_id),
               flight_path.safe_sovereign_share_column(origin_id))
    rows = []
    for margin in margins_km:
        table = data.venue_table.copy()
        for venue in data.venue_table.itertuples():
            table.loc[venue.Index, list(columns)] = flight_path.scored_route(origin, venue, data.travel,
                                                                             keep_out_m=sea_m + margin * 1000.0)
        scores = criterion_scores(dataclasses.replace(data, venue_table=table))[criterion_id]
        for venue in data.venue_table.itertuples():
            length, detour, share = table.loc[venue.Index, list(columns)]
            rows.append({"margin km": margin, "venue": venue.name, "safe route km": length, "detour km": detour,
                         "share over states not hostile": share, "criterion score": scores[venue.Index]})
    return pd.DataFrame(rows)


def _choice_criteria(data: Dataset, choice: Any) -> set[str]:  # a row of model_choices
    """The criteria a model choice can move: those of the indicators it touches (choices.touched_indicators)."""
    return set(data.indicators.criterion_id[sorted(choices.touched_indicators(data, choice.choice_id))])


def choices_effect(data: Dataset, criterion_id: str = "flight_path") -> pd.DataFrame:
    """The criterion under the article's model and under each model choice (model_choices.csv) that can move it."""
    names = data.venue_table.name
    rows = [{"choice": "(the article's model)", "kind": "", **criterion_scores(data)[criterion_id].rename(names),
             "reason": ""}]
    for choice in data.model_choices.itertuples():
        if criterion_id not in _choice_criteria(data, choice):
            continue
        changed, extensions = choices.apply(data, [choice.choice_id])
        rows.append({"choice": choice.choice_id, "kind": choice.kind,
                     **criterion_scores(changed, extensions)[criterion_id].rename(names), "reason": choice.reason})
    return pd.DataFrame(rows).set_index("choice")
