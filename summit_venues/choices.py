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

from .dataset import Dataset
from .scoring import criterion_scores, overall_scores


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
    rows = []
    for mask in masks:
        chosen = [c for c, on in zip(ids, mask) if on]
        overall = overall_with(data, weights, chosen)
        rows.append({"choices": ", ".join(chosen) or "(the article's model)", "count": len(chosen),
                     "margin": _margin(overall, pair), "leader": overall.idxmax()})
    return pd.DataFrame(rows)
