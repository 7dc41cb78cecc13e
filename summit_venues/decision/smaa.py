"""Stochastic multicriteria acceptability analysis (SMAA-2) over the weights, and over the data.

When nobody can say what the weights should be, sample them: uniformly over all weight
vectors (the simplex), or over those that respect an ordinal ranking of criteria
("flight path matters most"). For each venue this gives its rank acceptability (how
often it ranks first, second, ...), its central weight vector (the average weights
that make it win) and its confidence factor (whether it wins at those weights; with
fixed criterion scores this is 1 or 0, since only the weights are uncertain in
`acceptability`).

`joint_acceptability` samples the raw indicator values too, each uniformly within a
plausible range (`UncertainScores`), scored on the indicators' fixed scales: then the
confidence factor is a share, and `pairwise_winning` says how often one venue beats another.

Everything is vectorised over samples and processed in chunks, so a million samples
of an 8 x 8 problem take a fraction of a second and little memory.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..inputs.errors import WeightError
from . import aggregation
from .value_functions import RubricScale, ValueFunction

CHUNK = 32_768  # samples per chunk: small enough for the temporary arrays to stay in the CPU cache


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
                   ranked: Sequence[int] = (), dtype=np.float64) -> np.ndarray:
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
        ranks = aggregation.ranks(aggregation.METHODS[method](fast, weights))
        by_venue = np.ascontiguousarray(ranks.T)  # one row per venue: bincount reads it fast
        for venue in range(n_venues):
            rank_counts[venue] += np.bincount(by_venue[venue], minlength=n_venues + 1)[1:]
        weight_sums += (by_venue == 1).astype(np.float32) @ weights
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


def _confidence(matrix, central, wins, venues, method) -> pd.Series:
    """Whether each venue ranks first at its own central weight vector."""
    values = []
    for position, weights in enumerate(central):
        if wins[position] == 0:
            values.append(np.nan)
            continue
        ranks = aggregation.ranks(aggregation.METHODS[method](matrix, weights))
        values.append(float(ranks[position] == 1))
    return pd.Series(values, index=venues, name="confidence")


# --------------------------------------------------------------------------------------------
# Joint SMAA: uncertain indicator values and uncertain weights, sampled together.
# --------------------------------------------------------------------------------------------

Scale = ValueFunction | RubricScale


@dataclass(frozen=True, eq=False)
class UncertainScores:
    """Raw indicator values known only within bounds, with everything needed to score them.

    Array-level on purpose: no Dataset or pandas knowledge is needed (see `from_frames` for
    labelled input). Shapes: `low`, `high`, `group` are venues x indicators, `scales` has one
    entry per indicator, `membership` is indicators x criteria.

    - `low`, `high`: the plausible range of each raw value (equal when the value is certain).
      A value is drawn uniformly in between: low + u (high - low).
    - `group`: cells with the same group id share one uniform draw u per sample, so a
      national figure shared by every city of a country moves for all of them at once and
      never opens a random gap between them. Certain cells may carry any group id.
    - `scales`: per indicator a `ValueFunction` (clipped linear or log scale between its
      anchors) or a `RubricScale` (for a rubric cell with low < high, one of the rubric's
      levels within [low, high] is drawn by the cell's group draw: with the probabilities
      `level_probabilities` gives the cell, lowest level first, else all equally likely).
    - `membership`: within-criterion weights of the indicators; every column sums to 1, and
      criterion scores = indicator scores @ membership.

    The arrays are copied and made read-only; every inconsistency is a ValueError that
    names the venue and indicator (or criterion) concerned.
    """

    low: np.ndarray
    high: np.ndarray
    group: np.ndarray
    scales: tuple[Scale, ...]
    membership: np.ndarray
    venues: tuple[str, ...]
    indicators: tuple[str, ...]
    criteria: tuple[str, ...]
    level_probabilities: Mapping[tuple[int, int], tuple[float, ...]] | None = None  # (venue, indicator) positions

    def __post_init__(self) -> None:
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731 (frozen)
        for name in ("venues", "indicators", "criteria"):
            ids = tuple(str(x) for x in getattr(self, name))
            if len(set(ids)) != len(ids):
                raise ValueError(f"{name}: an id appears twice ({', '.join(ids)})")
            set_(name, ids)
        shape = (len(self.venues), len(self.indicators))
        for name in ("low", "high"):
            array = np.array(getattr(self, name), dtype=float)
            if array.shape != shape:
                raise ValueError(f"{name} has shape {array.shape}, but there are {shape[0]} venues and "
                                 f"{shape[1]} indicators: it must be {shape}")
            bad = ~np.isfinite(array)
            if bad.any():
                v, i = np.argwhere(bad)[0]
                raise ValueError(f"{self._cell(v, i)}: {name} bound is {array[v, i]} (bounds must be finite numbers)")
            array.flags.writeable = False
            set_(name, array)
        reversed_ = self.low > self.high
        if reversed_.any():
            v, i = np.argwhere(reversed_)[0]
            raise ValueError(f"{self._cell(v, i)}: low bound {self.low[v, i]:g} is above high bound "
                             f"{self.high[v, i]:g}")
        group = np.array(self.group)
        if group.shape != shape:
            raise ValueError(f"group has shape {group.shape}; it must be {shape} (venues x indicators)")
        if group.size and not np.issubdtype(group.dtype, np.integer):
            raise ValueError(f"group ids must be integers, not {group.dtype}")
        group = group.astype(np.int64)
        group.flags.writeable = False
        set_("group", group)
        scales = tuple(self.scales)
        if len(scales) != shape[1]:
            raise ValueError(f"{len(scales)} scales for {shape[1]} indicators: give one scale per indicator")
        for indicator, scale in zip(self.indicators, scales):
            if not isinstance(scale, (ValueFunction, RubricScale)):
                raise ValueError(f"indicator '{indicator}': the scale must be a ValueFunction or a RubricScale, "
                                 f"not {type(scale).__name__}")
        set_("scales", scales)
        membership = np.array(self.membership, dtype=float)
        if membership.shape != (shape[1], len(self.criteria)):
            raise ValueError(f"membership has shape {membership.shape}; it must be indicators x criteria = "
                             f"{(shape[1], len(self.criteria))}")
        if not np.isfinite(membership).all() or (membership < 0).any():
            i, c = np.argwhere(~(np.isfinite(membership) & (membership >= 0)))[0]
            raise ValueError(f"membership of indicator '{self.indicators[i]}' in criterion '{self.criteria[c]}' "
                             f"is {membership[i, c]}; it must be a number >= 0")
        sums = membership.sum(axis=0)
        off = np.abs(sums - 1) > 1e-6
        if off.any():
            c = int(np.argmax(off))
            raise ValueError(f"membership column of criterion '{self.criteria[c]}' sums to {sums[c]:g}; the "
                             f"within-criterion weights of each criterion must sum to 1")
        membership.flags.writeable = False
        set_("membership", membership)
        for i, scale in enumerate(scales):  # rubric cells must name (or span) rubric levels
            if isinstance(scale, RubricScale):
                levels = np.array(scale.levels, dtype=float)
                for v in range(shape[0]):
                    low, high = self.low[v, i], self.high[v, i]
                    if low == high and low not in levels:
                        raise ValueError(f"{self._cell(v, i)}: {low:g} is not a level of rubric "
                                         f"'{scale.rubric_id}' (levels {', '.join(map(str, scale.levels))})")
                    if not ((levels >= low) & (levels <= high)).any():
                        raise ValueError(f"{self._cell(v, i)}: no level of rubric '{scale.rubric_id}' lies "
                                         f"within [{low:g}, {high:g}]")
        set_("level_probabilities", self._checked_probabilities())

    def _checked_probabilities(self) -> dict[tuple[int, int], tuple[float, ...]]:
        """Each weighted rubric cell's probabilities: one per level in its range, none negative, summing to 1."""
        checked = {}
        for (v, i), probabilities in (self.level_probabilities or {}).items():
            scale = self.scales[i]
            if not isinstance(scale, RubricScale):
                raise ValueError(f"{self._cell(v, i)}: level probabilities are given, but the indicator has no rubric")
            levels = np.array(scale.levels, dtype=float)
            inside = int(((levels >= self.low[v, i]) & (levels <= self.high[v, i])).sum())
            probabilities = tuple(float(p) for p in probabilities)
            if len(probabilities) != inside:
                raise ValueError(f"{self._cell(v, i)}: {len(probabilities)} level probabilities for {inside} "
                                 f"levels within [{self.low[v, i]:g}, {self.high[v, i]:g}]")
            if min(probabilities) < 0 or abs(sum(probabilities) - 1) > 1e-9:
                raise ValueError(f"{self._cell(v, i)}: level probabilities {probabilities} must be 0 or more "
                                 "and sum to 1")
            checked[(int(v), int(i))] = probabilities
        return checked

    def _cell(self, v: int, i: int) -> str:
        return f"venue '{self.venues[v]}', indicator '{self.indicators[i]}'"

    @property
    def shape(self) -> tuple[int, int, int]:
        """(venues, indicators, criteria)."""
        return len(self.venues), len(self.indicators), len(self.criteria)

    @classmethod
    def from_frames(cls, low: pd.DataFrame, high: pd.DataFrame | None = None, group: pd.DataFrame | None = None,
                    *, scales, membership: pd.DataFrame, level_probabilities=None) -> UncertainScores:
        """Labelled input: venues x indicators frames, `scales` a mapping indicator -> scale.

        `high` defaults to `low` (all values certain); `group` defaults to one group per
        cell (every uncertain value drawn independently). `high`, `group` and `membership`
        are aligned on the labels of `low`; a missing label is an error. `level_probabilities`
        maps (venue, indicator) labels to the probabilities of the levels in the cell's range.
        """
        venues, indicators = list(low.index), list(low.columns)

        def aligned(frame, name):
            missing = [x for x in venues if x not in frame.index] + [x for x in indicators if x not in frame.columns]
            if missing:
                raise ValueError(f"{name} lacks {missing[0]!r}, which `low` has")
            return frame.loc[venues, indicators].to_numpy()

        low_values = low.to_numpy(dtype=float)
        high_values = low_values if high is None else aligned(high, "high").astype(float)
        groups = (np.arange(low_values.size).reshape(low_values.shape) if group is None
                  else aligned(group, "group"))
        missing = [x for x in indicators if x not in membership.index]
        if missing:
            raise ValueError(f"membership lacks indicator {missing[0]!r}")
        missing = [x for x in indicators if x not in scales]
        if missing:
            raise ValueError(f"no scale for indicator {missing[0]!r}")
        weighted = {(venues.index(v), indicators.index(i)): p for (v, i), p in (level_probabilities or {}).items()
                    if v in venues and i in indicators}
        return cls(low_values, high_values, groups, tuple(scales[x] for x in indicators),
                   membership.loc[indicators].to_numpy(dtype=float), tuple(venues), tuple(indicators),
                   tuple(membership.columns), weighted)


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


class _ValueSampler:
    """The uncertain cells of an `UncertainScores`, compiled for fast vectorised sampling.

    Scores go into a venue x uncertain-indicator x sample array (float32). Its indicators are
    ordered by kind of scale (linear, log, rubric), so each kind is one strided block that the
    arithmetic writes in place; certain cells of those indicators are written as constants
    (a zero-width range). Indicators with every value certain go into `base` instead.
    """

    KINDS = ("linear", "log", "rubric")

    def __init__(self, data: UncertainScores, capacity: int):
        n_venues, n_indicators, _ = data.shape
        base = np.zeros((n_venues, n_indicators))  # scores of the certain cells
        uncertain = np.zeros((n_venues, n_indicators), dtype=bool)
        rubric_in_range = {}
        for i, scale in enumerate(data.scales):
            low, high = data.low[:, i], data.high[:, i]
            if isinstance(scale, RubricScale):
                levels = np.array(scale.levels, dtype=float)
                for v in range(n_venues):
                    inside = (levels >= low[v]) & (levels <= high[v])
                    rubric_in_range[v, i] = np.array([s for _, s in scale.scores])[inside]
                    uncertain[v, i] = inside.sum() > 1
                    base[v, i] = rubric_in_range[v, i][0]
            else:
                at_low, at_high = scale(low), scale(high)
                uncertain[:, i] = at_low != at_high  # equal: certain, or a range wholly beyond one anchor
                base[:, i] = at_low

        def kind(i):
            scale = data.scales[i]
            return "rubric" if isinstance(scale, RubricScale) else scale.shape
        columns = [i for k in self.KINDS for i in np.flatnonzero(uncertain.any(axis=0)) if kind(i) == k]
        self.columns = np.array(columns, dtype=np.intp)
        base[:, self.columns] = 0  # these indicators are scored per sample, their certain cells included
        self.base = base
        self.shape = (n_venues, len(columns))
        group_column: dict[int, int] = {}  # group id -> row of the uniform draws, in order of first use
        self.blocks = []
        start = 0
        for k in self.KINDS:
            indicators = [i for i in columns if kind(i) == k]
            if not indicators:
                continue
            cells = [(v, i) for v in range(n_venues) for i in indicators]
            draws = np.array([group_column.setdefault(int(data.group[v, i]), len(group_column))
                              if uncertain[v, i] else -1 for v, i in cells]).reshape(n_venues, len(indicators))
            draws[draws < 0] = draws.max()  # certain cells ignore their draw: reuse any
            if (np.diff(draws.ravel()) == 1).all():  # the common case: a view, not a copy
                draws = slice(int(draws.flat[0]), int(draws.flat[-1]) + 1)
            low = data.low[:, indicators]
            high = np.where(uncertain[:, indicators], data.high[:, indicators], low)

            def per_cell(x, dtype=np.float32, shape=low.shape):  # venue x indicator x 1: broadcasts over samples
                return np.broadcast_to(x, shape).astype(dtype)[..., None]
            anchor = {name: np.array([getattr(data.scales[i], name) for i in indicators], dtype=float)
                      for name in ("worst", "best")}
            if k == "linear":  # score = clip((low + u (high - low) - worst) / (best - worst), 0, 1)
                span = anchor["best"] - anchor["worst"]
                params = (per_cell((low - anchor["worst"]) / span), per_cell((high - low) / span))
            elif k == "log":  # clamp the raw value to the anchors first: the same as clipping the score
                slope = 1 / (np.log(anchor["best"]) - np.log(anchor["worst"]))
                params = (per_cell(low), per_cell(high - low), per_cell(np.minimum(anchor["worst"], anchor["best"])),
                          per_cell(np.maximum(anchor["worst"], anchor["best"])), per_cell(slope),
                          per_cell(-np.log(anchor["worst"]) * slope))
            else:  # a table of the scores of the levels in range, one row per cell, and where each level begins
                in_range = [rubric_in_range[cell] if uncertain[cell] else rubric_in_range[cell][:1] for cell in cells]
                width = max(len(x) for x in in_range)
                table = np.zeros((len(cells), width), dtype=np.float32)
                starts = np.full((len(cells), max(width - 1, 1)), 2.0, dtype=np.float32)  # 2: never reached
                for row, (cell, x) in enumerate(zip(cells, in_range)):
                    table[row, :len(x)] = x
                    weights = data.level_probabilities.get(cell, np.full(len(x), 1 / len(x)))
                    starts[row, :len(x) - 1] = np.cumsum(weights)[:-1]  # level k is drawn when u >= starts[k - 1]
                params = ([np.ascontiguousarray(starts[:, k].reshape(low.shape))[..., None]
                           for k in range(starts.shape[1])],
                          per_cell(np.arange(len(cells)).reshape(low.shape) * width, np.intp), table.ravel())
            self.blocks.append((k, slice(start, start + len(indicators)), draws, params))
            start += len(indicators)
        self.n_groups = len(group_column)
        self.group_row = group_column  # group id -> its row of the uniform draws
        # Work space, allocated once: fresh large arrays in every chunk would cost page faults.
        self.capacity = capacity
        self.scores = np.zeros(self.shape + (capacity,), dtype=np.float32)
        self._uniform = np.empty(self.n_groups * capacity, dtype=np.float32)
        block_sizes = {kind: n_venues * (columns.stop - columns.start) * capacity
                       for kind, columns, _, _ in self.blocks}
        gathered = [block_sizes[kind] for kind, _, draws, _ in self.blocks if not isinstance(draws, slice)]
        self._gathered = np.empty(max(gathered, default=0), dtype=np.float32)
        self._levels = np.empty(block_sizes.get("rubric", 0), dtype=np.float32)
        self._index = np.empty(block_sizes.get("rubric", 0), dtype=np.intp)
        self._reached = np.empty(block_sizes.get("rubric", 0), dtype=bool)

    def fill(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Draw n samples (n <= capacity); returns venue x uncertain indicator x sample scores (a view)."""
        uniform = self._uniform[:self.n_groups * n].reshape(self.n_groups, n)
        rng.random(out=uniform, dtype=np.float32)
        for kind, columns, draws, params in self.blocks:
            out = self.scores[:, columns, :n]
            if isinstance(draws, slice):  # one draw per group, shared by the group's cells
                u = uniform[draws].reshape(out.shape)
            else:
                u = self._gathered[:out.size].reshape(out.shape)
                np.take(uniform, draws, axis=0, out=u, mode="clip")  # valid rows; "clip" avoids a buffer
            if kind == "linear":
                offset, slope = params
                np.multiply(u, slope, out=out)
                out += offset
                np.clip(out, 0, 1, out=out)
            elif kind == "log":
                low, span, smallest, largest, slope, offset = params
                np.multiply(u, span, out=out)
                out += low
                np.clip(out, smallest, largest, out=out)
                np.log(out, out=out)
                out *= slope
                out += offset
                np.clip(out, 0, 1, out=out)
            else:  # rubric: the level whose share of [0, 1) holds u, then its score
                starts, rows, table = params
                levels = self._levels[:out.size].reshape(out.shape)
                index = self._index[:out.size].reshape(out.shape)
                index[...] = rows
                for start in starts:
                    np.greater_equal(u, start, out=self._reached[:out.size].reshape(out.shape))
                    index += self._reached[:out.size].reshape(out.shape)
                # Into contiguous memory first: `take` into a strided view is three times slower.
                np.take(table, index, out=levels, mode="clip")  # valid indices; "clip" avoids a buffer
                out[...] = levels
        return self.scores[..., :n]


def _fixed_weights(weights, criteria: tuple[str, ...]) -> np.ndarray:
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


def joint_acceptability(uncertain: UncertainScores, n_samples: int = 100_000, seed: int = 2019,
                        most_important: Sequence[str] = (), weights=None,
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
    fixed = None if weights is None else _fixed_weights(weights, criteria)
    ranked = [criteria.index(c) for c in most_important]
    n_venues, _, n_criteria = uncertain.shape

    confidence_samples = confidence_samples or n_samples
    sampler = _ValueSampler(uncertain, capacity=min(CHUNK, max(n_samples, confidence_samples)))
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
    rank_dtype = np.int8 if n_venues < 127 else np.int32
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
        ranks = np.ones((n_venues, n), dtype=rank_dtype)
        for j in range(n_venues):
            above = totals[j] > totals  # venue j strictly above each venue
            ranks += above
            pairwise[j] += np.count_nonzero(above, axis=1)
        for venue in range(n_venues):
            rank_counts[venue] += np.bincount(ranks[venue], minlength=n_venues + 1)[1:]
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


def first_ranked_draws(uncertain: UncertainScores, weights, n_samples: int = 100_000,
                       seed: int = 2019) -> tuple[np.ndarray, np.ndarray, dict[int, int]]:
    """Values drawn at fixed weights: the venue ranked first in each sample, and each uncertain group's draws.

    Returns (first, draws, rows): `first` the position of the top venue per sample (the first listed
    where several tie), `draws` the uniform draw u of every uncertain group per sample (group row x
    sample; a value is low + u (high - low), a level the one whose share of [0, 1) holds u), and
    `rows` each group id's row. The values come from the stream `joint_acceptability` uses, so its
    first-rank shares at these weights are the shares of `first` (ties aside).
    """
    fixed = _fixed_weights(weights, uncertain.criteria)
    sampler = _ValueSampler(uncertain, capacity=min(CHUNK, n_samples))
    value_rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(2)[0])
    base = (sampler.base @ uncertain.membership) @ fixed  # venue
    by_indicator = (uncertain.membership[sampler.columns] @ fixed).astype(np.float32)  # uncertain indicator
    first = np.empty(n_samples, dtype=np.intp)
    draws = np.empty((sampler.n_groups, n_samples), dtype=np.float32)
    for start in range(0, n_samples, CHUNK):
        n = min(CHUNK, n_samples - start)
        totals = np.einsum("vis,i->vs", sampler.fill(value_rng, n), by_indicator) + base[:, None]
        first[start:start + n] = totals.argmax(axis=0)
        draws[:, start:start + n] = sampler._uniform[:sampler.n_groups * n].reshape(sampler.n_groups, n)
    return first, draws, dict(sampler.group_row)


def _joint_confidence(sampler, membership, base, by_indicator, central, wins, rng, n_samples) -> np.ndarray:
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
    sampler = _ValueSampler(uncertain, capacity=min(CHUNK, n_samples))
    base = sampler.base @ uncertain.membership  # venues x criteria, from the certain indicators
    by_indicator = uncertain.membership[sampler.columns]  # uncertain indicators x criteria
    rng = np.random.default_rng(seed)
    result = np.empty((n_samples, *base.shape))
    for start in range(0, n_samples, CHUNK):
        n = min(CHUNK, n_samples - start)
        drawn = sampler.fill(rng, n) if len(sampler.columns) else np.zeros((base.shape[0], 0, n))
        result[start:start + n] = base + np.einsum("vis,ic->svc", drawn, by_indicator)
    return result
