"""The overland way in: distances from a border crossing to each venue by rail and by road.

Kim Jong Un went to Hanoi by armoured train through China to Dong Dang, on the Vietnamese
side of the border, and on by car. Published distances are legs between places
(overland_legs.csv); a venue's distance is the shortest chain of legs of one mode from any
crossing in border_crossings.csv, so a new venue needs only a new leg, not new code.
"""
from __future__ import annotations

import heapq
import math
from collections.abc import Iterable

import pandas as pd

from ..inputs.dataset import Dataset

MODES = ("rail", "road")


def column(mode: str) -> str:
    """Name of the derived column holding each venue's distance from the border by one mode."""
    return f"{mode}_km_from_border"


def _graph(legs: pd.DataFrame, mode: str) -> dict[str, list[tuple[str, float]]]:
    """Adjacency lists of one mode; legs can be travelled both ways."""
    graph: dict[str, list[tuple[str, float]]] = {}
    for leg in legs[(legs["mode"] == mode) & legs["km"].notna()].itertuples():
        graph.setdefault(leg.from_place, []).append((leg.to_place, float(leg.km)))
        graph.setdefault(leg.to_place, []).append((leg.from_place, float(leg.km)))
    return graph


def _leg_graph(legs: pd.DataFrame, mode: str) -> dict[str, list[tuple[str, float, str]]]:
    """Adjacency lists of one mode with each leg's id; legs can be travelled both ways."""
    graph: dict[str, list[tuple[str, float, str]]] = {}
    for leg in legs[(legs["mode"] == mode) & legs["km"].notna()].itertuples():
        graph.setdefault(leg.from_place, []).append((leg.to_place, float(leg.km), leg.leg_id))
        graph.setdefault(leg.to_place, []).append((leg.from_place, float(leg.km), leg.leg_id))
    return graph


def legs_to(place: str, starts: Iterable[str], legs: pd.DataFrame, mode: str) -> list[str]:
    """The legs of the shortest chain of one mode from the nearest of `starts` to `place` ([] if none reaches it)."""
    graph = _leg_graph(legs, mode)
    best, came_by = {s: 0.0 for s in starts}, {}
    queue = [(0.0, s) for s in starts]
    while queue:
        km, here = heapq.heappop(queue)
        if km > best.get(here, math.inf):
            continue
        for neighbour, leg_km, leg_id in graph.get(here, []):
            if km + leg_km < best.get(neighbour, math.inf):
                best[neighbour], came_by[neighbour] = km + leg_km, (here, leg_id)
                heapq.heappush(queue, (km + leg_km, neighbour))
    chain = []
    while place in came_by:
        place, leg_id = came_by[place]
        chain.append(leg_id)
    return chain[::-1]


def inputs(data: Dataset, venue_id: str, column_name: str) -> list[tuple[str, str, str]] | None:
    """The sourced cells a venue's distance by one mode reads: the km of each leg of its shortest chain, or the
    row stating that no route of that mode exists (None: not a column of this measure)."""
    mode = next((m for m in MODES if column(m) == column_name), None)
    if mode is None:
        return None
    legs = data.overland_legs
    stated_none = legs.index[(legs["mode"] == mode) & legs["km"].isna() & (legs["to_place"] == venue_id)]
    chain = legs_to(venue_id, list(data.border_crossings.index), legs, mode)
    return [("overland_legs", leg, "km") for leg in chain] + [("overland_legs", leg, "to_place") for leg in stated_none]


def distances_from(starts: Iterable[str], legs: pd.DataFrame, mode: str) -> dict[str, float]:
    """Shortest distance by `mode` from the nearest of `starts` to every place reachable (Dijkstra)."""
    graph = _graph(legs, mode)
    best = {s: 0.0 for s in starts}
    queue = [(0.0, s) for s in starts]
    while queue:
        km, place = heapq.heappop(queue)
        if km > best.get(place, math.inf):
            continue
        for neighbour, leg_km in graph.get(place, []):
            if km + leg_km < best.get(neighbour, math.inf):
                best[neighbour] = km + leg_km
                heapq.heappush(queue, (km + leg_km, neighbour))
    return best


def derived_columns(venues: pd.DataFrame, crossings: pd.DataFrame, legs: pd.DataFrame) -> pd.DataFrame:
    """Rail and road km from the border for each venue.

    Where overland_legs.csv states that no route of a mode reaches a venue (a row with no start and
    no km: an island, a country with no rail link), the distance is infinite, which the indicator's
    scale scores as its worst. Where no chain of legs reaches a venue and nothing says why, the
    distance is unknown (NaN): an error if it is scored.
    """
    table = pd.DataFrame(index=venues.index)
    for mode in MODES:
        reach = distances_from(list(crossings["crossing_id"]), legs, mode)
        stated_none = set(legs.loc[(legs["mode"] == mode) & legs["km"].isna(), "to_place"])
        table[column(mode)] = [reach.get(v, math.inf if v in stated_none else math.nan) for v in venues["venue_id"]]
    return table


def route_legs(venue_id: str, crossings: pd.DataFrame, legs: pd.DataFrame, mode: str) -> list[str]:
    """The leg ids of the shortest chain from a crossing to the venue, in travel order."""
    graph_legs = legs[legs["mode"] == mode]
    reach = distances_from(list(crossings["crossing_id"]), legs, mode)
    path, place = [], venue_id
    while place in reach and reach[place] > 0:
        leg = next(g for g in graph_legs.itertuples()
                   if place in (g.from_place, g.to_place)
                   and math.isclose(reach.get(g.to_place if g.from_place == place else g.from_place, math.inf)
                                    + g.km, reach[place]))
        path.append(leg.leg_id)
        place = leg.to_place if leg.from_place == place else leg.from_place
    return path[::-1]
