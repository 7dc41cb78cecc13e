"""Scoring on fixed scales and the weighted-sum aggregation.

The steps are explicit and in this order: raw value -> value function (direction and
fixed anchors) -> indicator score in [0, 1] -> weighted mean within a criterion ->
weighted sum across criteria. Nothing depends on which other venues are compared.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from . import settings, uncertainty
from .dataset import Dataset
from .errors import DataError, Problem, WeightError
from .profiles import profile_weights


#: Pass as `extensions` to score every extension the data define.
ALL_EXTENSIONS = "all"


def active_indicators(data: Dataset, extensions=()) -> pd.DataFrame:
    """The rows of indicators.csv in use: the article's model plus the extensions named.

    `extensions` is a collection of extension_ids (extensions.csv), or ALL_EXTENSIONS.
    """
    known = list(data.extensions.index)
    if isinstance(extensions, str):  # one id, or ALL_EXTENSIONS; never its letters
        extensions = known if extensions == ALL_EXTENSIONS else [extensions]
    chosen = list(extensions)
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        raise ValueError(f"unknown extension {', '.join(map(repr, unknown))}; the extensions are {', '.join(known)}")
    indicators = data.indicators
    return indicators[(indicators.extension == "") | indicators.extension.isin(chosen)]


def indicator_scores(data: Dataset, extensions=()) -> pd.DataFrame:
    """Venue x indicator table of scores in [0, 1], for the article's model plus `extensions`.

    A value not found at the analysis date is scored at the middle of its plausible range
    (uncertainty.point_values). A missing raw value with no range is an error, never a silent
    zero: it can only come from a derived column whose inputs are incomplete (say, a venue
    with no overland leg to a border).
    """
    members = active_indicators(data, extensions).index
    values = uncertainty.point_values(data, members)
    scores = {indicator_id: data.value_function(indicator_id)(values[indicator_id].to_numpy())
              for indicator_id in members}
    table = pd.DataFrame(scores, index=data.venue_table.index).rename_axis(index="venue_id", columns="indicator_id")
    missing = [Problem("data (derived columns)", venue, data.indicators.column[indicator],
                       f"no value to score indicator '{indicator}': the inputs it is computed from are "
                       "incomplete for this venue (see the derived values in data/README.md)")
               for indicator in table.columns for venue in table.index[table[indicator].isna()]]
    if missing:
        raise DataError(missing)
    return table


def criterion_scores(data: Dataset, extensions=()) -> pd.DataFrame:
    """Venue x criterion table: the weighted mean of each criterion's indicator scores.

    By default the article's model; `extensions` adds the team's extensions (or ALL_EXTENSIONS).
    """
    scores = indicator_scores(data, extensions)
    active = active_indicators(data, extensions)
    result = {}
    for criterion_id in data.criteria.index:
        members = active[active.criterion_id == criterion_id]
        weights = members.weight / members.weight.sum()
        result[criterion_id] = scores[members.index] @ weights
    return pd.DataFrame(result, index=scores.index).rename_axis(columns="criterion_id")


def normalised_weights(weights: Mapping[str, float] | pd.Series, criteria: list[str]) -> pd.Series:
    """Check a weight per criterion and rescale them to sum to 1.

    Weights are relative: {flight: 2, facilities: 1} means flight counts twice as much.
    """
    weights = pd.Series(weights, dtype=float)
    unknown = sorted(set(weights.index) - set(criteria))
    missing = [c for c in criteria if c not in weights.index]
    if unknown:
        raise WeightError(f"unknown criterion {', '.join(map(repr, unknown))}; the criteria are {', '.join(criteria)}")
    if missing:
        raise WeightError(f"no weight given for {', '.join(map(repr, missing))} (use 0 to leave a criterion out)")
    bad = weights[~np.isfinite(weights)]
    if not bad.empty:
        raise WeightError(f"weight of '{bad.index[0]}' is not a number")
    negative = weights[weights < 0]
    if not negative.empty:
        raise WeightError(f"weight of '{negative.index[0]}' is negative ({negative.iloc[0]:g}); weights must be >= 0")
    if weights.sum() <= 0:
        raise WeightError("weights do not sum to a positive number")
    return (weights / weights.sum())[criteria]


def default_weights(data: Dataset, profile: str | None = None) -> pd.Series:
    """The weights of `profile` (else SUMMIT_PROFILE's), or the neutral weights of criteria.csv; summing to 1."""
    profile = profile or settings.profile_id()
    if profile is not None:
        return profile_weights(data, profile)
    return normalised_weights(data.criteria.default_weight, list(data.criteria.index))


def contributions(criterion_table: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Venue x criterion: weight times score, so that each row sums to the venue's overall score."""
    w = normalised_weights(weights, list(criterion_table.columns))
    return criterion_table * w


def overall_scores(criterion_table: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> pd.Series:
    """Weighted sum of criterion scores, in [0, 1]."""
    return contributions(criterion_table, weights).sum(axis=1).rename("overall")


def ranking(criterion_table: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Venues ordered best first, with score and rank (ties share the better rank)."""
    overall = overall_scores(criterion_table, weights)
    table = overall.to_frame()
    table["rank"] = overall.rank(ascending=False, method="min").astype(int)
    return table.sort_values(["rank", "overall"], ascending=[True, False])


def default_weights_label() -> str:
    """How to name the weights `default_weights` returns: neutral, or the profile SUMMIT_PROFILE picks."""
    profile = settings.profile_id()
    return "the neutral weights" if profile is None else f"the weights of profile '{profile}'"


def verdict(ranked: pd.DataFrame, names: Mapping[str, str], weights_label: str | None = None) -> str:
    """One sentence stating the winner and every venue's score, for the top of a notebook.

    Without `weights_label`, the weights are taken to be `default_weights`' and named accordingly.
    """
    weights_label = weights_label or default_weights_label()
    scores = ", ".join(f"{names[v]} {row.overall:.2f}" for v, row in ranked.iterrows())
    leaders = ranked.index[ranked["rank"] == 1]
    if len(leaders) > 1:
        return f"Under {weights_label}, the venues tie at the top: {scores} (out of 1)."
    return f"Under {weights_label}, {names[leaders[0]]} ranks first: {scores} (out of 1)."
