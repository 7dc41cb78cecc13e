"""Aggregation methods on criterion scores that already lie on fixed 0-1 scales.

Every method takes a score matrix (alternatives x criteria) and either one weight
vector (criteria,) or many at once (samples x criteria), and returns one value per
alternative, or per sample and alternative. Vectorising over weight samples is what
makes the Monte Carlo analysis fast.

This module is the one place where weights are checked and rescaled (`normalised_weights`)
and where the weighted sum is computed (`weighted_sum`): scoring, profiles, sensitivity,
SMAA and the decision tables all call these two.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ..inputs.errors import WeightError

#: Weights by criterion (or by indicator): a mapping or a Series, not necessarily summing to 1.
Weights = Mapping[str, float] | pd.Series



def normalised_weights(weights: Mapping[str, float] | pd.Series, criteria: list[str]) -> pd.Series:
    """Check a weight per criterion and rescale them to sum to 1, in the order of `criteria`.

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


def weighted_sum(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Sum of weight times score; weights are used as given (normalise them first).

    The one weighted sum of the package. Keeps float32 inputs in float32, which the Monte
    Carlo analysis uses for speed.
    """
    return np.asarray(weights) @ np.asarray(scores).T


def topsis(scores: np.ndarray, weights: np.ndarray, ideal: np.ndarray | None = None,
           anti_ideal: np.ndarray | None = None) -> np.ndarray:
    """TOPSIS closeness d- / (d+ + d-), with Euclidean distances in the weighted space.

    By default the ideal and anti-ideal points are the value-function anchors (every
    criterion at 1, and at 0), not the best and worst of the alternatives compared:
    with only two venues the relative version would just restate which one is ahead.
    An alternative on the ideal point scores 1, on the anti-ideal 0.
    """
    scores = np.asarray(scores, dtype=float)
    squared = np.asarray(weights, dtype=float) ** 2
    ideal = np.ones(scores.shape[1]) if ideal is None else np.asarray(ideal, dtype=float)
    anti_ideal = np.zeros(scores.shape[1]) if anti_ideal is None else np.asarray(anti_ideal, dtype=float)
    # (w_j (a_j - s_ij))^2 summed over j is a matrix product of squared weights and squared gaps.
    to_ideal = np.sqrt(squared @ ((ideal - scores) ** 2).T)
    to_anti = np.sqrt(squared @ ((scores - anti_ideal) ** 2).T)
    with np.errstate(invalid="ignore"):
        return to_anti / (to_ideal + to_anti)


def weighted_product(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Product of score to the power of weight: a zero on any weighted criterion gives zero.

    Unlike the weighted sum it does not let strength on one criterion make up fully
    for a zero on another.
    """
    scores = np.asarray(scores, dtype=float)
    weights = np.asarray(weights, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(scores)
        # 0 ** 0 is 1: a criterion with no weight must not zero the product through -inf * 0.
        terms = np.where(weights[..., None, :] == 0, 0.0, weights[..., None, :] * logs)
    return np.exp(terms.sum(axis=-1))


METHODS = {"weighted_sum": weighted_sum, "topsis": topsis, "weighted_product": weighted_product}


def ranks(values: np.ndarray) -> np.ndarray:
    """Rank 1 for the highest value along the last axis; ties share the better rank."""
    values = np.asarray(values)
    n = values.shape[-1]
    result = np.ones(values.shape, dtype=np.int8 if n < 127 else np.int32)
    # One pass per competitor: cheaper in memory than the n x n comparison cube.
    for j in range(n):
        result += values[..., j:j + 1] > values
    return result
