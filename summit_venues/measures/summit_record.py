"""The record of hosting leaders' events, derived from one sourced row per event.

The indicator is never typed in: it is the weighted count of a venue's events in
summits_hosted.csv, each weighted by its kind (event_kinds.csv), within a fixed window.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..inputs.dataset import Dataset

RECORD_COLUMN = "summit_record_points"
#: Events before this date tell little about the halls, hotels and teams of 2019.
RECORD_SINCE = "2000-01-01"


def counted_events(events: pd.DataFrame, kinds: pd.DataFrame, until: str) -> pd.DataFrame:
    """The events from RECORD_SINCE up to the analysis date `until`, each with the weight of its kind.

    What came after the analysis date must not score itself.
    """
    weights = kinds.set_index("kind")["weight"]
    inside = events[(events.start_date >= RECORD_SINCE) & (events.start_date <= until)]
    return inside.assign(weight=inside.kind.map(weights).astype(float))


def summit_record(venue_ids: Iterable[str], events: pd.DataFrame, kinds: pd.DataFrame, until: str) -> pd.Series:
    """Weighted count of each venue's events up to `until`; a venue with no event listed scores 0."""
    points = counted_events(events, kinds, until).groupby("venue_id")["weight"].sum()
    return points.reindex(list(venue_ids), fill_value=0.0).astype(float).rename(RECORD_COLUMN)


def inputs(data: Dataset, venue_id: str, column: str) -> list[tuple[str, str, str]] | None:
    """The sourced cells the record of `venue_id` reads: each of its events' date and kind (None: not this column)."""
    if column != RECORD_COLUMN:
        return None
    events = data.summits_hosted.index[data.summits_hosted.venue_id == venue_id]
    return [("summits_hosted", event, field) for event in events for field in ("start_date", "kind")]
