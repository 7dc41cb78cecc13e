"""Diplomatic relations with the two delegations, derived from the sourced dates in countries.csv."""
from __future__ import annotations

import pandas as pd

RELATIONS_COLUMN = "relations_with_delegations"
#: The date columns of countries.csv, one per delegation.
RELATION_DATE_COLUMNS = ("dprk_relations_established", "us_relations_established")


def relations_with_delegations(venue_table: pd.DataFrame, on: str) -> pd.Series:
    """How many of the two delegations the venue's country had relations with on the analysis date `on`."""
    established = [venue_table[c].fillna("").map(lambda d: d != "" and d <= on)
                   for c in RELATION_DATE_COLUMNS]
    return sum(established).astype(float).rename(RELATIONS_COLUMN)
