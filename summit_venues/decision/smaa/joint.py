"""Joint SMAA: uncertain indicator values and uncertain weights, sampled together."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...inputs.errors import WeightError
from .. import aggregation
from ..aggregation import Weights
from .sampler import ValueSampler
from .tally import CHUNK, count_ranks, ranks_by_venue
from .values import UncertainScores
from .weights import sample_weights


@dataclass(frozen=True)
class JointAcceptability:
    """The results of one joint SMAA run (values and weights sampled together)."""

    rank_acceptability: pd.DataFrame  # venue x rank (1 = first): share of samples; ties share the better rank
    pairwise_winning: pd.DataFrame  # row venue x column venue: share of samples with row strictly above column
    central_weights: pd.DataFrame  # venue x criterion: mean weights among samples where the venue ranks first
    confidence: pd.Series  # share of value samples in which the venue ranks first at its central weights
    samples: int

    @property
    def first_rank(self) -> pd.Series:
        return self.rank_acceptability[1]


def _fixed_weights(weights: Weights, criteria: tuple[str, ...]) -> np.ndarray:
    if isinstance(weights, (pd.Series, dict)):
        weights = pd.Series(weights, dtype=float)
        unknown = [c for c in weights.index if c not in criteria]
        if unknown:
            raise WeightError(f"unknown criterion {unknown[0]!r} in the weights; the criteria are "
                              f"{', '.join(criteria)}")
        weights = weights.reindex(list(criteria), fill_value=0.0).to_numpy()
    weights = np.array(weights, dtype=float)
    if weights.shape != (len(criteria),):
        raise WeightError(f"{weights.size} weights for {len(criteria)} criteria")
    if not np.isfinite(weights).all() or (weights < 0).any():
        raise WeightError("weights must be finite and not negative")
    if weights.sum() <= 0:
        raise WeightError("the weights sum to zero")
    return weights / weights.sum()


def _check_arguments(criteria: Sequence[str], most_important: Sequence[str], weights: Weights | None, n_samples: int,
                     confidence_samples: int | None) -> None:
    unknown = [c for c in most_important if c not in criteria]
    if unknown:
        raise WeightError(f"unknown criterion {unknown[0]!r} in the ranking; the criteria are {', '.join(criteria)}")
    if len(set(most_important)) != len(most_important):
        raise WeightError("a criterion appears twice in the ranking")
    if weights is not None and most_important:
        raise WeightError("give either fixed weights or a ranking of the criteria, not both")
    for name, value in (("n_samples", n_samples), ("confidence_samples", confidence_samples)):
        if value is not None and (not isinstance(value, (int, np.integer)) or value < 1):
            raise ValueError(f"{name} must be a positive whole number, not {value!r}")


def joint_acceptability(uncertain: UncertainScores, n_samples: int = 100_000, seed: int = 2019,
                        most_important: Sequence[str] = (), weights: Weights | None = None,
                        confidence_samples: int | None = None) -> JointAcceptability:
    """SMAA-2 with uncertain indicator values and uncertain weights, sampled together.

    Each sample draws every uncertain raw value (uniform within its bounds, one draw per
    group) and a weight vector (uniform on the simplex, or respecting the `most_important`
    ranking, exactly as `acceptability` draws them), scores the values on their scales and
    aggregates by weighted sum. With `weights` given (an array in criterion order, or a
    mapping criterion -> weight; normalised to sum 1) the weights stay fixed and only the
    values are sampled: the effect of data uncertainty alone.

    The weights come from the same stream as `acceptability(..., seed=seed)`, so with every
    value certain the rank acceptability and central weights are identical to it. The values
    come from streams of their own (one for the main pass, one for the confidence pass), the
    same whether the weights are sampled or fixed. Seeded: the same call gives the same numbers.

    The confidence factor is computed in a second pass of `confidence_samples` (default
    `n_samples`) value samples: the share in which the venue ranks first when the weights are
    fixed at its own central weight vector; NaN for a venue that never ranks first.
    """
    venues, criteria = uncertain.venues, uncertain.criteria
    _check_arguments(criteria, most_important, weights, n_samples, confidence_samples)
    fixed = None if weights is None else _fixed_weights(weights, criteria)
    ranked = [criteria.index(c) for c in most_important]
    n_venues, _, n_criteria = uncertain.shape

    confidence_samples = confidence_samples or n_samples
    sampler = ValueSampler(uncertain, capacity=min(CHUNK, max(n_samples, confidence_samples)))
    sampled = len(sampler.columns) > 0  # False: every value certain
    membership = uncertain.membership
    # Certain cells aggregate to fixed criterion scores; float32 as in `acceptability`, which
    # makes the all-certain case compute exactly what `acceptability` computes.
    base = (sampler.base @ membership).astype(np.float32)
    by_indicator = np.ascontiguousarray(membership[sampler.columns], dtype=np.float32)  # uncertain x criteria
    weight_rng = np.random.default_rng(seed)
    value_rng, confidence_rng = (np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(2))

    rank_counts = np.zeros((n_venues, n_venues), dtype=np.int64)
    pairwise = np.zeros((n_venues, n_venues), dtype=np.int64)
    weight_sums = np.zeros((n_venues, n_criteria))
    for start in range(0, n_samples, CHUNK):
        n = min(CHUNK, n_samples - start)
        if fixed is None:
            w = sample_weights(n_criteria, n, weight_rng, ranked, np.float32)
        else:
            w = np.broadcast_to(fixed.astype(np.float32), (n, n_criteria))
        fixed_part = aggregation.weighted_sum(base, w)  # sample x venue, exactly as `acceptability` computes it
        if not sampled:
            totals = np.ascontiguousarray(fixed_part.T)  # venue x sample
        else:
            # Weights of the uncertain indicators per sample; then sum indicator score x weight
            # over the indicators, in the same order for every venue (so identical venues tie).
            indicator_weights = by_indicator @ w.T
            totals = np.einsum("vis,is->vs", sampler.fill(value_rng, n), indicator_weights)
            totals += fixed_part.T
        ranks = ranks_by_venue(totals, pairwise)
        count_ranks(ranks, rank_counts)
        weight_sums += (ranks == 1).astype(np.float32) @ w
    wins = rank_counts[:, 0]
    with np.errstate(invalid="ignore", divide="ignore"):
        central = weight_sums / wins[:, None]

    confidence = _joint_confidence(sampler, membership, base, by_indicator, central, wins, confidence_rng,
                                   confidence_samples)
    return JointAcceptability(
        rank_acceptability=pd.DataFrame(rank_counts / n_samples, index=pd.Index(venues, name="venue"),
                                         columns=pd.RangeIndex(1, n_venues + 1, name="rank")),
        pairwise_winning=pd.DataFrame(pairwise / n_samples, index=pd.Index(venues, name="venue"),
                                      columns=pd.Index(venues, name="versus")),
        central_weights=pd.DataFrame(central, index=pd.Index(venues, name="venue"),
                                     columns=pd.Index(criteria, name="criterion")),
        confidence=pd.Series(confidence, index=pd.Index(venues, name="venue"), name="confidence"),
        samples=n_samples,
    )


def first_ranked_draws(uncertain: UncertainScores, weights: Weights, n_samples: int = 100_000,
                       seed: int = 2019) -> tuple[np.ndarray, np.ndarray, dict[int, int]]:
    """Values drawn at fixed weights: the venue ranked first in each sample, and each uncertain group's draws.

    Returns (first, draws, rows): `first` the position of the top venue per sample (the first listed
    where several tie), `draws` the uniform draw u of every uncertain group per sample (group row x
    sample; a value is low + u (high - low), a level the one whose share of [0, 1) holds u), and
    `rows` each group id's row. The values come from the stream `joint_acceptability` uses, so its
    first-rank shares at these weights are the shares of `first` (ties aside).
    """
    fixed = _fixed_weights(weights, uncertain.criteria)
    sampler = ValueSampler(uncertain, capacity=min(CHUNK, n_samples))
    value_rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(2)[0])
    base = (sampler.base @ uncertain.membership) @ fixed  # venue
    by_indicator = (uncertain.membership[sampler.columns] @ fixed).astype(np.float32)  # uncertain indicator
    first = np.empty(n_samples, dtype=np.intp)
    draws = np.empty((sampler.n_groups, n_samples), dtype=np.float32)
    for start in range(0, n_samples, CHUNK):
        n = min(CHUNK, n_samples - start)
        totals = np.einsum("vis,i->vs", sampler.fill(value_rng, n), by_indicator) + base[:, None]
        first[start:start + n] = totals.argmax(axis=0)
        draws[:, start:start + n] = sampler.uniform_draws(n)
    return first, draws, dict(sampler.group_row)


def _joint_confidence(sampler: ValueSampler, membership: np.ndarray, base: np.ndarray, by_indicator: np.ndarray,
                      central: np.ndarray,
                      wins: np.ndarray, rng: np.random.Generator, n_samples: int) -> np.ndarray:
    """Share of value samples in which each venue ranks first at its own central weights."""
    n_venues = len(wins)
    result = np.full(n_venues, np.nan)
    winners = np.flatnonzero(wins > 0)
    if not len(sampler.columns):  # every value certain: first or not, exactly as `acceptability` decides it
        criterion_scores = sampler.base @ membership
        for k in winners:
            result[k] = float(aggregation.ranks(aggregation.weighted_sum(criterion_scores, central[k]))[k] == 1)
        return result
    weights = central[winners].astype(np.float32)  # winners x criteria
    fixed_totals = aggregation.weighted_sum(base, weights).T[:, :, None]  # venue x winner x 1
    indicator_weights = np.ascontiguousarray((by_indicator @ weights.T).T)  # winner x uncertain indicators
    first = np.zeros(len(winners), dtype=np.int64)
    for start in range(0, n_samples, CHUNK):
        n = min(CHUNK, n_samples - start)
        # venue x winner x sample: one matrix product per venue, the same for every venue.
        totals = np.matmul(indicator_weights, sampler.fill(rng, n))
        totals += fixed_totals
        for position, k in enumerate(winners):
            at_k = totals[:, position]
            first[position] += np.count_nonzero(at_k[k] >= at_k.max(axis=0))
    result[winners] = first / n_samples
    return result


def sample_criterion_scores(uncertain: UncertainScores, n_samples: int,
                            seed: int | np.random.SeedSequence = 2019) -> np.ndarray:
    """Criterion scores with every uncertain value drawn within its range: samples x venues x criteria.

    The values are drawn as `joint_acceptability` draws them (uniform within each range, one draw
    per group, so that a national value moves for all of its country's cities at once) and scored
    on the indicators' scales; no weights are drawn. Seeded: the same call gives the same draws.
    """
    if not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive whole number, not {n_samples!r}")
    sampler = ValueSampler(uncertain, capacity=min(CHUNK, n_samples))
    base = sampler.base @ uncertain.membership  # venues x criteria, from the certain indicators
    by_indicator = uncertain.membership[sampler.columns]  # uncertain indicators x criteria
    rng = np.random.default_rng(seed)
    result = np.empty((n_samples, *base.shape))
    for start in range(0, n_samples, CHUNK):
        n = min(CHUNK, n_samples - start)
        drawn = sampler.fill(rng, n) if len(sampler.columns) else np.zeros((base.shape[0], 0, n))
        result[start:start + n] = base + np.einsum("vis,ic->svc", drawn, by_indicator)
    return result
