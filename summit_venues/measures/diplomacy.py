"""Diplomatic relations with the two delegations, derived from the sourced dates in countries.csv."""
from __future__ import annotations

import pandas as pd

from ..inputs.dataset import Dataset

RELATIONS_COLUMN = "relations_with_delegations"
#: The date column of countries.csv for each delegation's state (schemas.DELEGATION_STATES).
RELATION_DATE_COLUMNS = {"PRK": "dprk_relations_established", "USA": "us_relations_established"}


def relations_with_delegations(venue_table: pd.DataFrame, on: str) -> pd.Series:
    """How many of the two delegations the venue's country had relations with on the analysis date `on`.

    A venue in a delegation's own state counts that delegation: a state needs no relations with
    itself, and its leader is at home (the rule of indicator `relations_with_both`).
    """
    established = [venue_table[column].fillna("").map(lambda d: d != "" and d <= on) | (venue_table.country == state)
                   for state, column in RELATION_DATE_COLUMNS.items()]
    return sum(established).astype(float).rename(RELATIONS_COLUMN)


def inputs(data: Dataset, venue_id: str, column: str) -> list[tuple[str, str, str]] | None:
    """The sourced cells the relations of `venue_id` read: its country's dates of relations (None: not this column).

    A date left empty (no relations) is no value and has no source row of its own; the state's relation to the
    delegation (state_relations.csv) is where that is sourced.
    """
    if column != RELATIONS_COLUMN:
        return None
    country = data.venue_table.loc[venue_id, "country"]
    dates = data.countries.loc[country, list(RELATION_DATE_COLUMNS.values())]
    return [("countries", country, date_column) for date_column, date in dates.items() if date]
