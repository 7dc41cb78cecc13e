"""How sure each scored value is: its plausible range, as data.

Every raw value an indicator reads has a range. A range written in value_ranges.csv (with
its reason and every published alternative inside it) comes first; otherwise the grade of
the value's source sets it (grade_ranges.csv: a share either way for numbers, levels either
way for rubrics, with the probability that a level is off). Computed values (distances,
counts) are exact given their inputs. A value not found at the analysis date is left empty
and scored at the middle of its range, flagged.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..inputs.dataset import Dataset
from ..inputs.integrity import split_ids
from ..inputs.provenance import earlier_evidence
from ..measures import lineage
from .extensions import Extensions, active_indicators
from .value_functions import RubricScale, ValueFunction, value_function

if TYPE_CHECKING:  # smaa reads this module's ranges: imported where the scores are built
    from .smaa import UncertainScores


def raw_values(data: Dataset, indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """Venue x indicator table of raw values as the data hold them (NaN where a value was not found)."""
    indicators = data.indicators.index if indicators is None else indicators
    return pd.DataFrame({i: data.venue_table[data.indicators.column[i]].to_numpy(dtype=float) for i in indicators},
                        index=data.venue_table.index).rename_axis(index="venue_id", columns="indicator_id")


def source_grades(data: Dataset) -> dict[tuple[str, str, str], str]:
    """Each sourced cell's grade: that of the source that gives the value, not of an earlier source cited only
    to show that the state already held (sources.csv `held_since`)."""
    earlier = earlier_evidence(data.sources)
    grades = {}
    for s in data.sources.itertuples():
        if s.source_id in earlier:
            continue
        for field in split_ids(s.fields):
            grades[(s.table, s.record_id, field)] = s.grade
    return grades


def _cell_range(data: Dataset, indicator: str, venue: str, value: float,
                explicit: Mapping[tuple[str, str, str], tuple[float, float]],
                grades: Mapping[tuple[str, str, str], str]) -> tuple[float, float]:
    """The plausible range of one raw value: written in value_ranges.csv, else set by its source's grade."""
    cell = lineage.direct_cell(data, indicator, venue)
    if cell is None:
        return value, value  # computed from sourced inputs: exact given them
    if cell in explicit:
        return explicit[cell]
    grade = grades.get(cell)
    if grade is None or np.isnan(value):
        return value, value
    rule = data.grade_ranges.loc[grade]
    if data.indicators.loc[indicator, "shape"] == "rubric":
        step = int(rule.rubric_levels)
        levels: list[float] = [lv for lv in _rubric(data, indicator).levels if abs(lv - value) <= step] or [value]
        return min(levels), max(levels)
    width = abs(value) * float(rule.relative)
    return value - width, value + width


def _range_inputs(data: Dataset) -> tuple[dict[tuple[str, str, str], tuple[float, float]], dict[tuple[str, str, str],
                  str]]:
    """The written ranges and the source grades, worked out once per pair of tables: every scoring with a value
    not found reads them, and a model choice copies the data set without touching either table."""
    for sources, ranges, found in _RANGE_INPUTS:
        if sources is data.sources and ranges is data.value_ranges:
            return found
    explicit = {(r.table, r.record_id, r.field): (r.low, r.high) for r in data.value_ranges.itertuples()}
    found = explicit, source_grades(data)
    _RANGE_INPUTS.insert(0, (data.sources, data.value_ranges, found))
    del _RANGE_INPUTS[4:]  # the data sets of one session: a few at most
    return found


#: (sources, value_ranges, what _range_inputs found), newest first; the tables are held, so no id is reused.
_RANGE_INPUTS: list = []


def bounds(data: Dataset, indicators: Iterable[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Venue x indicator tables of the lowest and highest plausible raw values."""
    raw = raw_values(data, indicators)
    low, high = raw.copy(), raw.copy()
    explicit, grades = _range_inputs(data)
    for indicator in raw.columns:
        for venue in raw.index:
            low.loc[venue, indicator], high.loc[venue, indicator] = _cell_range(
                data, indicator, venue, raw.loc[venue, indicator], explicit, grades)
    return low, high


def point_values(data: Dataset, indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """The raw values scored in the deterministic analysis: a value not found is its range's middle."""
    raw = raw_values(data, indicators)
    missing = np.argwhere(raw.isna().to_numpy())
    if len(missing):
        explicit, grades = _range_inputs(data)
        for row, col in missing:
            venue, indicator = raw.index[row], raw.columns[col]
            low, high = _cell_range(data, indicator, venue, np.nan, explicit, grades)
            raw.iloc[row, col] = (low + high) / 2
    return raw


def scored_as_range(data: Dataset, indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """Venue x indicator: True where the value was not found and its range's middle is scored."""
    return raw_values(data, indicators).isna() & point_values(data, indicators).notna()


def draw_groups(data: Dataset, indicators: Iterable[str] | None = None) -> pd.DataFrame:
    """Venue x indicator ids: cells reading the same sourced value share one id, so they move together.

    A national value is one cell of countries.csv however many of its cities are scored.
    """
    raw = raw_values(data, indicators)
    ids: dict[object, int] = {}
    groups = pd.DataFrame(0, index=raw.index, columns=raw.columns, dtype=int)
    for indicator in raw.columns:
        for venue in raw.index:
            key = lineage.direct_cell(data, indicator, venue) or (indicator, venue)
            groups.loc[venue, indicator] = ids.setdefault(key, len(ids))
    return groups


def level_probabilities(data: Dataset, indicators: Iterable[str] | None = None) -> dict[tuple[str, str], tuple[float,
                        ...]]:
    """For each rubric cell whose level its grade lets move: the probability of each level in its range.

    grade_ranges.csv gives how many levels either way a level may be off (`rubric_levels`) and how
    likely it is to be off at all (`rubric_probability`): that probability is shared equally among
    the levels off on either side, a level beyond the rubric's ends keeping its share at the level
    itself, since the judgement can err only one way there. Lowest level first. A rubric range
    written in value_ranges.csv has no entry: each level in it is as likely as the others.
    """
    raw = raw_values(data, indicators)
    explicit, grades = _range_inputs(data)
    result = {}
    for indicator in raw.columns:
        if data.indicators.loc[indicator, "shape"] != "rubric":
            continue
        levels = _rubric(data, indicator).levels
        for venue in raw.index:
            cell = lineage.direct_cell(data, indicator, venue)
            if cell is None or cell in explicit or cell not in grades:
                continue
            rule = data.grade_ranges.loc[grades[cell]]
            steps, level = int(rule.rubric_levels), raw.loc[venue, indicator]
            if steps == 0 or np.isnan(level):
                continue
            each = float(rule.rubric_probability) / (2 * steps)
            reach = [lv for lv in levels if abs(lv - level) <= steps]
            odds = [each if lv != level else 0.0 for lv in reach]
            odds[reach.index(level)] = 1 - sum(odds)
            result[(venue, indicator)] = tuple(odds)
    return result


def uncertain_scores(data: Dataset, extensions: Extensions = ()) -> UncertainScores:
    """The joint-SMAA input for the article's model plus `extensions`: every value's range, shared draws, scales."""
    from .smaa import UncertainScores

    active = active_indicators(data, extensions)
    low, high = bounds(data, active.index)
    scales = {i: value_function(data, i) for i in active.index}
    _at_the_end_of_the_scale(low, high, scales)
    membership = pd.DataFrame(0.0, index=active.index, columns=data.criteria.index)
    for criterion, members in active.groupby("criterion_id"):
        membership.loc[members.index, criterion] = members.weight / members.weight.sum()
    return UncertainScores.from_frames(low, high, draw_groups(data, active.index), scales=scales,
                                       membership=membership,
                                       level_probabilities=level_probabilities(data, active.index))


def _at_the_end_of_the_scale(low: pd.DataFrame, high: pd.DataFrame,
                             scales: Mapping[str, ValueFunction | RubricScale]) -> None:
    """An infinite value known for certain (no railway reaches an island) at its scale's end, in place.

    Scales clip at their anchors, so the anchor on that side scores exactly what infinity scores,
    and the draws, which need finite bounds, can take it. A range with one infinite end stays an error.
    """
    infinite = np.isinf(low.to_numpy(dtype=float)).any(axis=0)
    for indicator, scale in scales.items():
        if isinstance(scale, ValueFunction) and infinite[low.columns.get_loc(indicator)]:
            certain = np.isinf(low[indicator]) & (low[indicator] == high[indicator])
            ends = np.where(low[indicator] > 0, max(scale.worst, scale.best), min(scale.worst, scale.best))
            for frame in (low, high):
                frame.loc[certain, indicator] = ends[certain.to_numpy()]


def criterion_score_range(data: Dataset, criterion_id: str, extensions: Extensions = ()) -> pd.DataFrame:
    """Each venue's lowest and highest score on one criterion, with every value anywhere in its plausible range.

    Value functions are monotone, so the extremes lie at the ends of each value's range.
    """
    share = _members(data, criterion_id, extensions)
    low, high = bounds(data, share.index)
    at_low, at_high = (_indicator_scores_at(data, values) for values in (low, high))
    return pd.DataFrame({"lowest": np.minimum(at_low, at_high) @ share, "highest": np.maximum(at_low, at_high) @ share})


def criterion_score_at(data: Dataset, criterion_id: str, values: pd.DataFrame,
                       extensions: Extensions = ()) -> pd.Series:
    """Each venue's score on one criterion if its raw values were `values` (venues x the criterion's indicators)."""
    return _indicator_scores_at(data, values) @ _members(data, criterion_id, extensions)


def share_ahead(data: Dataset, criterion_id: str, venue: str, other: str, extensions: Extensions = ()) -> float:
    """The share of the draws of every value at once (each rubric level off at its grade's rate) in which `venue`
    scores higher than `other` on one criterion."""
    from .smaa import joint_acceptability

    drawn = joint_acceptability(uncertain_scores(data, extensions), weights={criterion_id: 1})
    return float(drawn.pairwise_winning.loc[venue, other])


def _members(data: Dataset, criterion_id: str, extensions: Extensions = ()) -> pd.Series:
    """The criterion's active indicators with their shares of it."""
    active = active_indicators(data, extensions)
    members = active.index[active.criterion_id == criterion_id]
    return active.weight[members] / active.weight[members].sum()


def _indicator_scores_at(data: Dataset, values: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({i: value_function(data, i)(values[i].to_numpy()) for i in values.columns}, index=values.index)


def _rubric(data: Dataset, indicator: str) -> RubricScale:
    """The scale of a rubric indicator (shape 'rubric' in indicators.csv), with its levels."""
    scale = value_function(data, indicator)
    assert isinstance(scale, RubricScale), f"{indicator} is not scored on a rubric"
    return scale
