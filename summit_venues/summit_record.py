"""The record of hosting leaders' events, derived from one sourced row per event.

The indicator is never typed in: it is the weighted count of a venue's events in
summits_hosted.csv, each weighted by its kind (event_kinds.csv), within a fixed window.
"""
from __future__ import annotations

import pandas as pd

RECORD_COLUMN = "summit_record_points"
#: Events before this date tell little about the halls, hotels and teams of 2019.
RECORD_SINCE = "2000-01-01"
#: The venue was announced on 8 February 2019: what came later must not score itself.
RECORD_UNTIL = "2019-02-08"


def counted_events(events: pd.DataFrame, kinds: pd.DataFrame) -> pd.DataFrame:
    """The events inside the window, each with the weight of its kind."""
    weights = kinds.set_index("kind")["weight"]
    inside = events[(events.start_date >= RECORD_SINCE) & (events.start_date < RECORD_UNTIL)]
    return inside.assign(weight=inside.kind.map(weights).astype(float))


def summit_record(venue_ids, events: pd.DataFrame, kinds: pd.DataFrame) -> pd.Series:
    """Weighted count of each venue's events; a venue with no event listed scores 0."""
    points = counted_events(events, kinds).groupby("venue_id")["weight"].sum()
    return points.reindex(list(venue_ids), fill_value=0.0).astype(float).rename(RECORD_COLUMN)
