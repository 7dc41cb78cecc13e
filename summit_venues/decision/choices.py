"""Robustness to model choices: the verdict under every defensible alternative (model_choices.csv).

A choice switches an extension on, leaves an indicator out, moves an anchor or replaces a
raw value. Each is data with its reason; this module applies any set of them to a copy of
the data set and reports the margin between the two venues the baseline ranks first.
"""
from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pandas as pd

from ..inputs.dataset import Dataset
from .aggregation import normalised_weights
from .scoring import ALL_EXTENSIONS, criterion_scores, indicator_scores, overall_scores
from .uncertainty import point_values
from .value_functions import ValueFunction, value_function


def apply(data: Dataset, choice_ids) -> tuple[Dataset, list[str]]:
    """A copy of `data` with the choices applied, and the extensions they switch on."""
    choices = data.model_choices.set_index("choice_id").loc[list(choice_ids)]
    indicators, table, extensions = data.indicators.copy(), data.venue_table.copy(), []
    for choice in choices.itertuples():
        if choice.kind == "extension":
            extensions.append(choice.target)
        elif choice.kind == "indicator_off":
            indicators = indicators.drop(index=choice.target)
        elif choice.kind == "anchor":
            indicator, which = choice.target.split("/")
            if indicator in indicators.index:  # an indicator left out by another choice keeps no anchor
                indicators.loc[indicator, which] = float(choice.value)
        else:
            source_table, record, field = choice.target.split("/")
            rows = table.index == record if source_table == "venues" else table.country == record
            table.loc[rows, field] = float(choice.value)
    return dataclasses.replace(data, indicators=indicators, venue_table=table), extensions


def overall_with(data: Dataset, weights: pd.Series, choice_ids=()) -> pd.Series:
    """Each venue's overall score with the choices applied."""
    changed, extensions = apply(data, choice_ids)
    return overall_scores(criterion_scores(changed, extensions), weights)


class _Scorer:
    """Overall scores under any set of choices, fast: what no choice touches is scored once.

    Gives exactly what `overall_with` gives (a test compares them), without copying the data
    set and rescoring every indicator for each of hundreds of combinations.
    """

    def __init__(self, data: Dataset, weights: pd.Series):
        self.data = data
        self.choices = data.model_choices.set_index("choice_id")
        self.weights = normalised_weights(weights, list(data.criteria.index))
        self.raw = point_values(data)  # venue x indicator, every indicator
        self.scores = indicator_scores(data, ALL_EXTENSIONS)

    def _scores_of(self, indicator: str, anchors: dict, values: dict) -> np.ndarray:
        if not anchors and not values:
            return self.scores[indicator].to_numpy()
        raw = self.raw[indicator].to_numpy(copy=True)
        for (table, record), value in values.items():
            rows = (self.raw.index == record) if table == "venues" else \
                (self.data.venue_table.country == record).to_numpy()
            raw[rows] = value
        row = self.data.indicators.loc[indicator]
        if row["shape"] == "rubric":
            return value_function(self.data, indicator)(raw)
        ends = {"worst": row.worst, "best": row.best, **anchors}
        return ValueFunction(ends["worst"], ends["best"], row["shape"], row.direction)(raw)

    def overall(self, choice_ids) -> pd.Series:
        chosen = self.choices.loc[list(choice_ids)]
        extensions = set(chosen.target[chosen.kind == "extension"])
        off = set(chosen.target[chosen.kind == "indicator_off"])
        anchors: dict[str, dict] = {}
        values: dict[str, dict] = {}
        for c in chosen[chosen.kind.isin(["anchor", "value"])].itertuples():
            if c.kind == "anchor":
                indicator, which = c.target.split("/")
                anchors.setdefault(indicator, {})[which] = float(c.value)
            else:
                table, record, field = c.target.split("/")
                for indicator in self.data.indicators.index[self.data.indicators.column == field]:
                    values.setdefault(indicator, {})[(table, record)] = float(c.value)
        indicators = self.data.indicators
        active = indicators[((indicators.extension == "") | indicators.extension.isin(extensions))
                            & ~indicators.index.isin(off)]
        total = np.zeros(len(self.raw.index))
        for criterion, weight in self.weights.items():
            members = active[active.criterion_id == criterion]
            shares = members.weight.to_numpy() / members.weight.sum()
            for indicator, share in zip(members.index, shares):
                total += weight * share * self._scores_of(indicator, anchors.get(indicator, {}),
                                                          values.get(indicator, {}))
        return pd.Series(total, index=self.raw.index, name="overall")


def _margin(overall: pd.Series, pair: tuple[str, str]) -> float:
    return float(overall[pair[0]] - overall[pair[1]])


def baseline_pair(data: Dataset, weights: pd.Series) -> tuple[str, str]:
    """The two venues the article's model ranks first and second: the margin is measured between them."""
    ranked = overall_with(data, weights).sort_values(ascending=False)
    return ranked.index[0], ranked.index[1]


def single_switches(data: Dataset, weights: pd.Series) -> pd.DataFrame:
    """One row per choice: the margin with that choice alone, and how far it moves the baseline's, largest first."""
    pair = baseline_pair(data, weights)
    base = _margin(overall_with(data, weights), pair)
    rows = []
    for choice in data.model_choices.itertuples():
        margin = _margin(overall_with(data, weights, [choice.choice_id]), pair)
        rows.append({"choice": choice.choice_id, "kind": choice.kind, "margin": margin, "change": margin - base,
                     "reason": choice.reason})
    table = pd.DataFrame(rows).set_index("choice")
    return table.reindex(table.change.abs().sort_values(ascending=False).index)


def combinations(data: Dataset, weights: pd.Series, limit: int = 256, seed: int = 2019) -> pd.DataFrame:
    """The margin under every combination of choices, or a seeded sample of `limit` of them if there are more.

    One row per combination: the choices in it, the margin and the leader.
    """
    ids = list(data.model_choices.choice_id)
    pair = baseline_pair(data, weights)
    every = 2 ** len(ids)
    if every <= limit:
        masks = [np.array(bits, dtype=bool) for bits in itertools.product([False, True], repeat=len(ids))]
    else:  # a seeded sample of distinct combinations
        picked = np.random.default_rng(seed).choice(every, size=limit, replace=False)
        masks = [np.array([(int(n) >> bit) & 1 for bit in range(len(ids))], dtype=bool) for n in sorted(picked)]
    scorer, rows = _Scorer(data, weights), []
    for mask in masks:
        chosen = [c for c, on in zip(ids, mask) if on]
        overall = scorer.overall(chosen)
        rows.append({"choices": ", ".join(chosen) or "(the article's model)", "count": len(chosen),
                     "margin": _margin(overall, pair), "leader": overall.idxmax()})
    return pd.DataFrame(rows)
