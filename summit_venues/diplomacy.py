"""Diplomatic relations with the two delegations, derived from the sourced dates in countries.csv."""
from __future__ import annotations

import pandas as pd

from .summit_record import RECORD_UNTIL

RELATIONS_COLUMN = "relations_with_delegations"
#: The date columns of countries.csv, one per delegation.
RELATION_DATE_COLUMNS = ("dprk_relations_established", "us_relations_established")


def relations_with_delegations(venue_table: pd.DataFrame) -> pd.Series:
    """How many of the two delegations the venue's country had relations with when the venue was chosen."""
    established = [venue_table[c].fillna("").map(lambda d: d != "" and d < RECORD_UNTIL)
                   for c in RELATION_DATE_COLUMNS]
    return sum(established).astype(float).rename(RELATIONS_COLUMN)
