"""An indicator's lineage: the sourced cells (table, record, field) its value reads, for one venue.

A value read from a city's or a country's row has one cell. A computed value reads what its measure
declares, next to its own code (`inputs` in summit_record, diplomacy, overland and route_inputs): a
new computed indicator needs one declaration there, and every consumer (the evidence tables, the
plausible ranges and draws, the check that each fact is counted once) follows it.
"""
from __future__ import annotations

from ..inputs.dataset import Dataset
from . import diplomacy, overland, route_inputs, summit_record

Cell = tuple[str, str, str]

#: Each measure's declaration of what its columns read: a function (data, venue_id, column) -> cells, or None
#: for a column that is not its own.
MEASURES = (summit_record.inputs, diplomacy.inputs, overland.inputs, route_inputs.inputs)


def sourced_cells(data: Dataset, indicator_id: str, venue_id: str) -> list[Cell]:
    """The sourced cells indicator `indicator_id` reads for venue `venue_id`."""
    row = data.indicators.loc[indicator_id]
    if row.level == "city":
        return [("venues", venue_id, row.column)]
    if row.level == "country":
        return [("countries", data.venue_table.loc[venue_id, "country"], row.column)]
    for declared in MEASURES:
        cells = declared(data, venue_id, row.column)
        if cells is not None:
            return cells
    raise ValueError(f"indicator '{indicator_id}' reads the computed column '{row.column}', but no measure "
                     "declares its inputs (add an `inputs` function beside its code and list it in lineage.MEASURES)")


def read_directly(data: Dataset, indicator_id: str) -> bool:
    """Whether the indicator reads one sourced cell as it stands (a city's or a country's value), not a computation."""
    return bool(data.indicators.loc[indicator_id, "level"] in ("city", "country"))


def direct_cell(data: Dataset, indicator_id: str, venue_id: str) -> Cell | None:
    """The one sourced cell an indicator reads as it stands for a venue (a city's or a country's value), whose
    plausible range is the value's; None for a computed value, which is exact given its inputs."""
    if not read_directly(data, indicator_id):
        return None
    (cell,) = sourced_cells(data, indicator_id, venue_id)
    return cell


def indicator_cells(data: Dataset, indicator_id: str) -> set[Cell]:
    """Every sourced cell the indicator reads, for any venue of the data set."""
    return {cell for venue in data.venue_ids for cell in sourced_cells(data, indicator_id, venue)}


def without_lineage(data: Dataset) -> list[str]:
    """The indicators that read no sourced cell for any venue: a measure whose declaration misses its inputs
    (its evidence table would show no source, and its facts would escape the check that each counts once)."""
    return [i for i in data.indicators.index if not indicator_cells(data, i)]
