"""Where every value comes from: one row per sourced value, with its grade and date."""
from __future__ import annotations

import pandas as pd

from .dataset import Dataset
from .integrity import split_ids
from .tables import rows

GRADE_ORDER = ["A", "B", "C", "estimate"]


def earlier_evidence(sources: pd.DataFrame) -> set[str]:
    """The source_ids cited only to show that a state already held (another row's `held_since`, about the same
    cells): evidence for the later source's date, not the source of the value, so they set no grade. A source
    of other cells cited there (an airport's wide-body record for its runway) keeps giving its own value."""
    cited = {(c, s.table, s.record_id, field) for s in rows(sources) for c in split_ids(s.held_since)
             for field in split_ids(s.fields)}
    return {s.source_id for s in rows(sources)
            if any((s.source_id, s.table, s.record_id, field) in cited for field in split_ids(s.fields))}


def sourced_values(data: Dataset) -> pd.DataFrame:
    """Long table, one row per value and the source that gives it: table, record_id, field, value, grade, as_of,
    source_url, note, alternatives, source_id. Sources cited only as earlier evidence are left out."""
    values = []
    earlier = earlier_evidence(data.sources)
    for source in rows(data.sources):
        if source.source_id in earlier:
            continue
        table = getattr(data, source.table)  # each data file is an attribute of the same name
        for field in (f.strip() for f in source.fields.split(";") if f.strip()):
            values.append({
                "table": source.table, "record_id": source.record_id, "field": field,
                "value": table.loc[source.record_id, field], "grade": source.grade, "as_of": source.as_of,
                "source_url": source.source_url, "note": source.note, "alternatives": source.alternatives,
                "source_id": source.source_id,
            })
    return pd.DataFrame(values)


def grade_counts(data: Dataset) -> pd.DataFrame:
    """How many values carry each confidence grade, per data file."""
    values = sourced_values(data)
    counts = pd.crosstab(values.table, pd.Categorical(values.grade, GRADE_ORDER), dropna=False)
    counts.columns = counts.columns.astype(str)
    counts.columns.name = "grade"
    counts.loc["all"] = counts.sum()
    return counts


def by_grade(data: Dataset, grade: str) -> pd.DataFrame:
    """The values with one grade (e.g. 'estimate' or 'C'), with the note that explains them."""
    values = sourced_values(data)
    return values.loc[values.grade == grade, ["table", "record_id", "field", "value", "as_of", "note"]]


def conflicts(data: Dataset) -> pd.DataFrame:
    """Source rows for which other sources give other figures, with the choice made and why."""
    chosen = data.sources[data.sources.alternatives != ""]
    return chosen[["source_id", "table", "record_id", "fields", "grade", "alternatives"]].reset_index(drop=True)
