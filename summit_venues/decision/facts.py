"""Each fact counted once: which scored indicators every source row feeds.

A source row (sources.csv) covers cells of the data; an indicator reads cells, directly or
through a computation (a route from coordinates, a count of events). A fact that feeds two
scored indicators counts twice, unless fact_exceptions.csv lists that set of indicators with
a reason. Evidence resting on one event (sources.csv `rests_on`) is one fact as well.
"""
from __future__ import annotations

import pandas as pd

from ..inputs.dataset import Dataset
from ..inputs.integrity import split_ids
from ..inputs.provenance import earlier_evidence
from ..measures import lineage


def fact_use(data: Dataset) -> pd.DataFrame:
    """One row per source row: the scored indicators it feeds (every extension switched on). A source cited only
    as earlier evidence that a state held (`held_since`) feeds none: the value is the later source's."""
    inputs = {i: lineage.indicator_cells(data, i) for i in data.indicators.index}
    earlier = earlier_evidence(data.sources)
    rows = []
    for s in data.sources.itertuples():
        cells = {(s.table, s.record_id, f) for f in split_ids(s.fields)}
        fed = [] if s.source_id in earlier else [i for i in data.indicators.index if cells & inputs[i]]
        rows.append({"source_id": s.source_id, "table": s.table, "record_id": s.record_id, "fields": s.fields,
                     "rests_on": s.rests_on, "indicators": fed, "count": len(fed)})
    return pd.DataFrame(rows).set_index("source_id")


def event_use(data: Dataset) -> pd.DataFrame:
    """One row per event that evidence rests on: the indicators fed by the event and the evidence together."""
    use = fact_use(data)
    rows = []
    for event in data.summits_hosted.index:
        resting = use[use.rests_on.map(lambda r, e=event: e in split_ids(r))]
        own = use[(use.table == "summits_hosted") & (use.record_id == event)]
        fed = sorted({i for group in (resting, own) for indicators in group.indicators for i in indicators})
        rows.append({"event_id": event, "sources": sorted(set(resting.index) | set(own.index)),
                     "indicators": fed, "count": len(fed)})
    return pd.DataFrame(rows).set_index("event_id")


def counted_twice(data: Dataset) -> pd.DataFrame:
    """Facts (source rows and events) that feed two or more scored indicators without a listed exception."""
    allowed = [set(split_ids(e.indicators)) for e in data.fact_exceptions.itertuples()]
    excused = lambda fed: any(set(fed) <= a for a in allowed)  # noqa: E731 - a one-line test
    rows = [{"fact": f"source {s}", "indicators": r.indicators} for s, r in fact_use(data).iterrows()
            if r["count"] > 1 and not excused(r.indicators)]
    rows += [{"fact": f"event {e}", "indicators": r.indicators} for e, r in event_use(data).iterrows()
             if r["count"] > 1 and not excused(r.indicators)]
    return pd.DataFrame(rows, columns=["fact", "indicators"])
