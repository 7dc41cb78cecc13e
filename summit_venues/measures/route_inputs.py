"""What a route reads, declared beside the route's code and light to import: the lineage of every route column,
and the rule for a venue the leader drives to. (flight_path measures the routes; importing it is not needed to
know what they rest on.)"""
from __future__ import annotations

from typing import Any

from ..inputs.dataset import Dataset
from ..inputs.schemas import relation_column
from ..inputs.tables import has_value

#: The parameters (parameters.csv) every route reads, whatever the venue.
ROUTE_PARAMETERS = ("territorial_sea_nm", "hostile_airspace_margin_km")


def reached_by_road(venue: Any, delegation: str) -> bool:
    """Whether the delegation's leader drives to the venue from his origin (venues.csv `reached_by_road`)."""
    value = getattr(venue, "reached_by_road", None)
    return has_value(value) and delegation in {part.strip() for part in str(value).split(";")}


def inputs(data: Dataset, venue_id: str, column: str) -> list[tuple[str, str, str]] | None:
    """The sourced cells a route column `<measure>_from_<origin_id>` reads for a venue: the two ends (or the
    statement that the leader drives), the route parameters and every state's stated relation to the traveller
    (his own state has none; None: not a route column)."""
    origin = next((o for o in data.origins.index if column.endswith(f"_from_{o}")), None)
    if origin is None:
        return None
    delegation = data.origins.delegation[origin]
    if reached_by_road(data.venues.loc[venue_id], delegation):
        ends = [("venues", venue_id, "reached_by_road")]
    else:
        ends = [("venues", venue_id, "airport_lat"), ("venues", venue_id, "airport_lon")]
    relations = data.state_relations[relation_column(delegation)]
    return (ends + [("origins", origin, "lat"), ("origins", origin, "lon")]
            + [("parameters", parameter, "value") for parameter in ROUTE_PARAMETERS]
            + [("state_relations", state, relations.name) for state in relations.index if has_value(relations[state])])
