"""Exact weight sensitivity of the weighted sum: how far weights can move before the winner changes.

For an additive model the score gap between two venues is linear in the weights, so
both questions below have closed forms; no sampling is needed.

1. Stability interval of one criterion's weight: change it while the other weights
   keep their proportions (they share 1 - t). The winner stays the winner for every t
   in the interval.
2. Smallest change of the whole weight vector that lets another venue draw level,
   measured as the total weight moved (half the L1 distance between the two weight
   vectors, in shares of the total: 0.10 means ten percentage points change hands).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .aggregation import Weights
from .scoring import normalised_weights, overall_scores


@dataclass(frozen=True)
class WeightShift:
    """The least weight that must move for `challenger` to draw level with `winner`."""

    winner: str
    challenger: str
    moved: float  # total weight moved, a share of 1 (half the L1 distance)
    weights: pd.Series  # the new weights at which the two tie
    to: str  # the criterion that receives the weight
    from_: tuple[str, ...]  # the criteria that give it, in order

    def describe(self, names: Mapping[str, str] | None = None, labels: Mapping[str, str] | None = None) -> str:
        names = names if names is not None else {}
        labels = labels if labels is not None else {}
        donors = ", ".join(labels.get(c, c) for c in self.from_)
        return (f"{self.moved:.1%} of the total weight moving from {donors} to {labels.get(self.to, self.to)} "
                f"lets {names.get(self.challenger, self.challenger)} draw level with "
                f"{names.get(self.winner, self.winner)}.")


def winner(scores: pd.DataFrame, weights: Weights) -> str:
    """The venue with the highest weighted sum (the first listed, if several tie)."""
    return overall_scores(scores, weights).idxmax()


def stability_intervals(scores: pd.DataFrame, weights: Weights) -> pd.DataFrame:
    """For each criterion: the range of its weight, others rescaled in proportion, that keeps the winner.

    Columns: weight (now), low, high (the interval), and who_below / who_above: the venue
    that draws level at each end (empty where the end is 0 or 1 and nobody does).
    """
    w = normalised_weights(weights, list(scores.columns))
    best = winner(scores, w)
    rows = []
    for criterion in scores.columns:
        low, high, who_low, who_high = 0.0, 1.0, "", ""
        for other in scores.index.drop(best):
            gap = scores.loc[best] - scores.loc[other]
            flip = flip_point(gap, w, criterion)
            if flip is None:
                continue
            point, side = flip
            if side == "below" and point > low:
                low, who_low = point, other
            if side == "above" and point < high:
                high, who_high = point, other
        rows.append({"criterion": criterion, "weight": w[criterion], "low": low, "high": high,
                     "who_below": who_low, "who_above": who_high})
    return pd.DataFrame(rows).set_index("criterion")


def flip_point(gap: pd.Series, w: pd.Series, criterion: str) -> tuple[float, str] | None:
    """Where the winner's lead `gap . w(t)` reaches zero as criterion's weight t moves from w.

    With the others rescaled, lead(t) = t * gap[c] + (1 - t) * rest, a straight line in t.
    Returns (t, 'below' or 'above' the current weight), or None if the lead stays positive on [0, 1].
    """
    share = w[criterion]
    others = w.drop(criterion)
    if share >= 1:
        return None  # the others have no proportions to keep
    rest = float(gap.drop(criterion) @ others) / (1 - share)
    own = float(gap[criterion])
    if own == rest:
        return None  # the lead does not depend on t
    point = rest / (rest - own)
    if not 0 <= point <= 1:
        return None
    return point, "below" if point < share else "above"


def smallest_shift(scores: pd.DataFrame, weights: Weights, challenger: str | None = None) -> WeightShift | None:
    """The least total weight that must move for a challenger (default: whichever needs least) to draw level.

    Exact, by a greedy argument: moving weight from criterion i to criterion j changes the
    challenger's deficit by (d_j - d_i) per unit, with d = challenger's scores minus the
    winner's. The best receiver is the criterion with the largest d, and donors are taken in
    order of smallest d, each up to the weight it has. Returns None if no weights would do.
    """
    w = normalised_weights(weights, list(scores.columns))
    best = winner(scores, w)
    candidates = [challenger] if challenger else list(scores.index.drop(best))
    shifts = [s for s in (_shift_for(scores, w, best, c) for c in candidates) if s is not None]
    return min(shifts, key=lambda s: s.moved) if shifts else None


def _shift_for(scores: pd.DataFrame, w: pd.Series, best: str, challenger: str) -> WeightShift | None:
    advantage = scores.loc[challenger] - scores.loc[best]  # d: what each unit of weight gives the challenger
    deficit = -float(advantage @ w)
    receiver = advantage.idxmax()
    if deficit <= 0:
        return WeightShift(best, challenger, 0.0, w.copy(), receiver, ())
    new = w.copy()
    moved, donors = 0.0, []
    for donor in advantage.drop(receiver).sort_values().index:
        gain = advantage[receiver] - advantage[donor]
        if gain <= 0 or new[donor] <= 0:
            continue
        amount = min(new[donor], deficit / gain)
        new[donor] -= amount
        new[receiver] += amount
        moved += amount
        deficit -= amount * gain
        donors.append(donor)
        if deficit <= 1e-15:
            return WeightShift(best, challenger, moved, new, receiver, tuple(donors))
    return None
