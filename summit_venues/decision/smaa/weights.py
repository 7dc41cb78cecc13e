"""SMAA-2 over the weights alone: how often each venue ranks first, second, ... when nobody can say what the
weights should be (sampled uniformly on the simplex, or respecting an ordinal ranking of the criteria)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...inputs.errors import WeightError
from .. import aggregation
from .tally import CHUNK, count_ranks, ranks_by_venue


@dataclass(frozen=True)
class Acceptability:
    """The results of one SMAA run; every table is indexed by venue."""

    rank_acceptability: pd.DataFrame  # venue x rank (1 = first): share of samples
    central_weights: pd.DataFrame  # venue x criterion: mean weights among samples where the venue wins
    confidence: pd.Series  # 1 if the venue wins at its own central weights, 0 if not, NaN if it never wins
    samples: int

    @property
    def first_rank(self) -> pd.Series:
        return self.rank_acceptability[1]


def sample_weights(n_criteria: int, n_samples: int, rng: np.random.Generator,
                   ranked: Sequence[int] = (), dtype: type = np.float64) -> np.ndarray:
    """Weight vectors uniform on the simplex, optionally with an ordinal ranking imposed.

    `ranked` lists criterion positions from most to least important; they get the largest
    weights in that order, and every unlisted criterion a smaller weight than the last
    listed one (unlisted ones in random order). Sorting a uniform sample and handing out its
    values this way is uniform over the constrained region, by symmetry.
    """
    weights = rng.standard_exponential((n_samples, n_criteria), dtype=dtype)
    weights *= (1 / weights.sum(axis=1))[:, None]  # normalised exponentials: Dirichlet(1, ..., 1)
    if not ranked:
        return weights
    ranked = list(ranked)
    rest = [c for c in range(n_criteria) if c not in ranked]
    ordered = -np.sort(-weights, axis=1)
    result = np.empty_like(weights)
    result[:, ranked] = ordered[:, :len(ranked)]
    if rest:
        result[:, rest] = rng.permuted(ordered[:, len(ranked):], axis=1)
    return result


def acceptability(scores: pd.DataFrame, n_samples: int = 100_000, seed: int = 2019,
                  most_important: Sequence[str] = (), method: str = "weighted_sum") -> Acceptability:
    """Rank acceptability, central weights and confidence for venues x criteria `scores`.

    Seeded, so that the same call gives the same numbers (and notebooks stay stable).
    """
    unknown = [c for c in most_important if c not in scores.columns]
    if unknown:
        raise WeightError(f"unknown criterion {unknown[0]!r} in the ranking; the criteria are "
                          f"{', '.join(scores.columns)}")
    if len(set(most_important)) != len(most_important):
        raise WeightError("a criterion appears twice in the ranking")
    if method not in aggregation.METHODS:
        raise ValueError(f"unknown method {method!r}; use one of {', '.join(aggregation.METHODS)}")
    matrix = scores.to_numpy(dtype=float)
    ranked = [scores.columns.get_loc(c) for c in most_important]
    n_venues, n_criteria = matrix.shape
    rank_counts = np.zeros((n_venues, n_venues), dtype=np.int64)
    weight_sums = np.zeros((n_venues, n_criteria))
    rng = np.random.default_rng(seed)
    # Single precision halves the memory traffic; a rank changes only where two venues' scores
    # agree to about 1e-7, far below anything the data can tell apart.
    fast = matrix.astype(np.float32)
    for start in range(0, n_samples, CHUNK):
        weights = sample_weights(n_criteria, min(CHUNK, n_samples - start), rng, ranked, np.float32)
        totals = np.ascontiguousarray(aggregation.METHODS[method](fast, weights).T)  # venue x sample
        ranks = ranks_by_venue(totals)
        count_ranks(ranks, rank_counts)
        weight_sums += (ranks == 1).astype(np.float32) @ weights
    wins = rank_counts[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = weight_sums / wins[:, None]
    venues, criteria = scores.index, scores.columns
    central_weights = pd.DataFrame(central, index=venues, columns=criteria)
    return Acceptability(
        rank_acceptability=pd.DataFrame(rank_counts / n_samples, index=venues,
                                         columns=pd.RangeIndex(1, n_venues + 1, name="rank")),
        central_weights=central_weights,
        confidence=_confidence(matrix, central, wins, venues, method),
        samples=n_samples,
    )


def _confidence(matrix: np.ndarray, central: np.ndarray, wins: np.ndarray, venues: Sequence[str],
                method: str) -> pd.Series:
    """Whether each venue ranks first at its own central weight vector."""
    values = []
    for position, weights in enumerate(central):
        if wins[position] == 0:
            values.append(np.nan)
            continue
        ranks = aggregation.ranks(aggregation.METHODS[method](matrix, weights))
        values.append(float(ranks[position] == 1))
    return pd.Series(values, index=venues, name="confidence")
