"""Facts to check first: which uncertain values, pinned down, would most settle who ranks first.

Every sourced value is drawn within its plausible range (`uncertainty`), the weights held fixed,
as in the data-robustness figure. Knowing one value exactly would remove, on average, part of the
uncertainty about which venue ranks first: the mutual information between that value's draw and
the venue ranked first (the expected fall in the entropy of the first-rank distribution), here as
a share of that entropy. A rubric level is known level by level; a number within its range is
binned into twenty equal parts. A journalist checks the values at the top of this list first.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..inputs.dataset import Dataset
from ..measures import lineage
from . import uncertainty, wording
from .aggregation import Weights
from .extensions import Extensions
from .smaa import UncertainScores, first_ranked_draws
from .value_functions import RubricScale

BINS = 20  # parts of a number's range, each as likely as the others


def facts_to_check(data: Dataset, weights: Weights, extensions: Extensions = (), samples: int = 100_000,
                   seed: int = 2019) -> pd.DataFrame:
    """One row per uncertain sourced value, the most informative first.

    Columns: value (in words), table, record, field, today, low, high, grade, information (bits),
    share (of the first-rank entropy), first_low and first_high (how often the venue first at
    today's values ranks first when this value is at the low or the high end of its range), sentence.
    """
    uncertain = uncertainty.uncertain_scores(data, extensions)
    first, draws, rows = first_ranked_draws(uncertain, weights, samples, seed)
    point = uncertainty.point_values(data, list(uncertain.indicators))
    low, high = uncertainty.bounds(data, list(uncertain.indicators))
    leader = int(np.argmax(np.bincount(first, minlength=len(uncertain.venues))))
    entropy = _entropy(np.bincount(first, minlength=len(uncertain.venues)))
    grades = uncertainty.source_grades(data)
    found_then = uncertainty.raw_values(data, list(uncertain.indicators)).notna()
    found = []
    for group, row in rows.items():
        v, i = np.argwhere(uncertain.group == group)[0]
        venue, indicator = uncertain.venues[v], uncertain.indicators[i]
        bins = _bins(uncertain, v, i, draws[row])
        information = entropy - _conditional_entropy(bins, first, len(uncertain.venues))
        cell = lineage.direct_cell(data, indicator, venue)
        assert cell is not None, f"{indicator} of {venue} is drawn, so read as it stands"
        first_by_bin = [np.mean(first[bins == b] == leader) for b in np.unique(bins)]
        found.append({
            "value": _label(data, cell, indicator), "table": cell[0], "record": cell[1], "field": cell[2],
            "today": point.loc[venue, indicator], "low": low.loc[venue, indicator],
            "high": high.loc[venue, indicator], "grade": grades.get(cell, "range"),
            "information": max(information, 0.0), "share": max(information, 0.0) / entropy if entropy else 0.0,
            "first_low": first_by_bin[0], "first_high": first_by_bin[-1],
            "rubric": isinstance(uncertain.scales[i], RubricScale), "found": bool(found_then.loc[venue, indicator])})
    table = pd.DataFrame(found).sort_values(["information", "value"], ascending=[False, True], kind="stable")
    names = data.venues.name
    table["sentence"] = [_sentence(r, names[uncertain.venues[leader]]) for r in table.itertuples()]
    return table.drop(columns=["rubric", "found"]).reset_index(drop=True)


def _bins(uncertain: UncertainScores, v: int, i: int, u: np.ndarray) -> np.ndarray:
    """Which part of its range each draw falls in: the level drawn for a rubric, else one of BINS equal parts."""
    scale = uncertain.scales[i]
    if not isinstance(scale, RubricScale):
        return np.minimum((u * BINS).astype(np.intp), BINS - 1)
    levels = np.array(scale.levels, dtype=float)
    inside = int(((levels >= uncertain.low[v, i]) & (levels <= uncertain.high[v, i])).sum())
    odds = (uncertain.level_probabilities or {}).get((v, i), tuple(np.full(inside, 1 / inside)))
    starts = np.cumsum(odds)[:-1].astype(np.float32)
    return (u[:, None] >= starts[None, :]).sum(axis=1)


def _entropy(counts: np.ndarray) -> float:
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log2(p)).sum())


def _conditional_entropy(bins: np.ndarray, first: np.ndarray, n_venues: int) -> float:
    joint = np.zeros((bins.max() + 1, n_venues))
    np.add.at(joint, (bins, first), 1)
    return sum(row.sum() / len(first) * _entropy(row) for row in joint if row.sum())


def _label(data: Dataset, cell: tuple[str, str, str], indicator: str) -> str:
    table, record, _ = cell
    place = data.venues.name[record] if table == "venues" else data.countries.name[record]
    return wording.of(place, data.indicators.short_name[indicator])


def _sentence(row: Any, leader: str) -> str:
    value = row.value[0].upper() + row.value[1:]
    if row.information <= 0:
        return f"{value} (graded {row.grade}): pinning it down would not change who ranks first."
    if row.rubric:
        known = f"level {row.today:g}, graded {row.grade}, plausibly level {row.low:g} to {row.high:g}"
    elif row.found:
        known = (f"{wording.number(row.today)}, graded {row.grade}, plausibly {wording.number(row.low)} to "
                 f"{wording.number(row.high)}")
    else:
        known = (f"not found for the analysis date, scored at {wording.number(row.today)}, the middle of "
                 f"{wording.number(row.low)} to {wording.number(row.high)}")
    removes = f"{row.share:.0%}" if row.share >= 0.005 else "less than 1%"
    return (f"{value} ({known}): pinning it down would remove {removes} of the uncertainty about which venue "
            f"ranks first; {leader} ranks first in {row.first_low:.0%} of draws at the low end and "
            f"{row.first_high:.0%} at the high end.")
