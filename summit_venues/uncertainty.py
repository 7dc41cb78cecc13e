"""How sure each scored value is: its plausible range, as data.

Every raw value an indicator reads has a range. A range written in value_ranges.csv (with
its reason and every published alternative inside it) comes first; otherwise the grade of
the value's source sets it (grade_ranges.csv: a share either way for numbers, levels either
way for rubrics). Computed values (distances, counts) are exact given their inputs. A value
not found at the analysis date is left empty and scored at the middle of its range, flagged.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .dataset import Dataset
from .integrity import split_ids

#: Where an indicator's raw value lives, by its level in indicators.csv.
TABLE_OF_LEVEL = {"city": "venues", "country": "countries"}


def cell_of(data: Dataset, indicator_id: str, venue_id: str) -> tuple[str, str, str] | None:
    """The sourced cell (table, record, field) an indicator reads for a venue; None for a computed value."""
    row = data.indicators.loc[indicator_id]
    if row.level == "city":
        return ("venues", venue_id, row.column)
    if row.level == "country":
        return ("countries", data.venue_table.loc[venue_id, "country"], row.column)
    return None


def raw_values(data: Dataset, indicators=None) -> pd.DataFrame:
    """Venue x indicator table of raw values as the data hold them (NaN where a value was not found)."""
    indicators = data.indicators.index if indicators is None else indicators
    return pd.DataFrame({i: data.venue_table[data.indicators.column[i]].to_numpy(dtype=float) for i in indicators},
                        index=data.venue_table.index).rename_axis(index="venue_id", columns="indicator_id")


def _grades(data: Dataset) -> dict[tuple[str, str, str], str]:
    grades = {}
    for s in data.sources.itertuples():
        for field in split_ids(s.fields):
            grades[(s.table, s.record_id, field)] = s.grade
    return grades


def bounds(data: Dataset, indicators=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Venue x indicator tables of the lowest and highest plausible raw values."""
    raw = raw_values(data, indicators)
    low, high = raw.copy(), raw.copy()
    explicit = {(r.table, r.record_id, r.field): (r.low, r.high) for r in data.value_ranges.itertuples()}
    grades = _grades(data)
    by_grade = data.grade_ranges.set_index("grade")
    for indicator in raw.columns:
        scale = data.value_function(indicator)
        rubric = data.indicators.loc[indicator, "shape"] == "rubric"
        for venue in raw.index:
            cell = cell_of(data, indicator, venue)
            if cell is None:
                continue
            if cell in explicit:
                low.loc[venue, indicator], high.loc[venue, indicator] = explicit[cell]
                continue
            value, grade = raw.loc[venue, indicator], grades.get(cell)
            if grade is None or np.isnan(value):
                continue
            if rubric:
                step = int(by_grade.rubric_levels[grade])
                levels = [lv for lv in scale.levels if abs(lv - value) <= step] or [value]
                low.loc[venue, indicator], high.loc[venue, indicator] = min(levels), max(levels)
            else:
                width = abs(value) * float(by_grade.relative[grade])
                low.loc[venue, indicator], high.loc[venue, indicator] = value - width, value + width
    return low, high


def point_values(data: Dataset, indicators=None) -> pd.DataFrame:
    """The raw values scored in the deterministic analysis: a value not found is its range's middle."""
    raw = raw_values(data, indicators)
    missing = raw.isna()
    if missing.to_numpy().any():
        low, high = bounds(data, raw.columns)
        raw = raw.where(~missing, (low + high) / 2)
    return raw


def scored_as_range(data: Dataset, indicators=None) -> pd.DataFrame:
    """Venue x indicator: True where the value was not found and its range's middle is scored."""
    return raw_values(data, indicators).isna() & point_values(data, indicators).notna()


def draw_groups(data: Dataset, indicators=None) -> pd.DataFrame:
    """Venue x indicator ids: cells reading the same sourced value share one id, so they move together.

    A national value is one cell of countries.csv however many of its cities are scored.
    """
    raw = raw_values(data, indicators)
    ids: dict[object, int] = {}
    groups = pd.DataFrame(0, index=raw.index, columns=raw.columns, dtype=int)
    for indicator in raw.columns:
        for venue in raw.index:
            key = cell_of(data, indicator, venue) or (indicator, venue)
            groups.loc[venue, indicator] = ids.setdefault(key, len(ids))
    return groups
