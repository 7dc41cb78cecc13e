"""Exact weight sensitivity against hand calculations and brute-force search."""

import numpy as np
import pandas as pd
import pytest

from summit_venues.decision.sensitivity import smallest_shift, stability_intervals, winner


def frame(matrix, venues=None, criteria=None):
    matrix = np.asarray(matrix, dtype=float)
    venues = venues or [f"v{i}" for i in range(matrix.shape[0])]
    criteria = criteria or [f"c{j}" for j in range(matrix.shape[1])]
    return pd.DataFrame(matrix, index=venues, columns=criteria)


def test_two_by_two_by_hand():
    scores = frame([[1, 0], [0, 1]], ["a", "b"], ["x", "y"])
    weights = {"x": 0.6, "y": 0.4}
    intervals = stability_intervals(scores, weights)
    # a's lead is t - (1 - t) = 2t - 1 when x has weight t: a wins for t above 1/2.
    assert intervals.loc["x", ["low", "high"]].tolist() == pytest.approx([0.5, 1.0])
    assert intervals.loc["x", "who_below"] == "b" and intervals.loc["x", "who_above"] == ""
    assert intervals.loc["y", ["low", "high"]].tolist() == pytest.approx([0.0, 0.5])
    shift = smallest_shift(scores, weights)
    assert shift.moved == pytest.approx(0.1)  # a leads by 0.2; each unit moved from x to y gains b 2
    assert shift.weights.tolist() == pytest.approx([0.5, 0.5])
    assert (shift.to, shift.from_) == ("y", ("x",))


def test_no_shift_when_the_challenger_is_dominated():
    scores = frame([[0.9, 0.8], [0.5, 0.7]], ["a", "b"])  # b is worse on every criterion
    assert smallest_shift(scores, {"c0": 1, "c1": 1}) is None
    intervals = stability_intervals(scores, {"c0": 1, "c1": 1})
    assert intervals[["low", "high"]].values.tolist() == [[0.0, 1.0], [0.0, 1.0]]


def brute_force_interval(scores, weights, criterion, steps=20001):
    """Scan the criterion's weight on a fine grid, others rescaled, and find the run around the current weight."""
    w = pd.Series(weights, dtype=float)
    w = w / w.sum()
    best = scores.index.get_loc(winner(scores, w))
    position = scores.columns.get_loc(criterion)
    others = w.to_numpy().copy()
    others[position] = 0
    others /= others.sum()
    grid = np.linspace(0, 1, steps)
    trials = (1 - grid)[:, None] * others[None, :]
    trials[:, position] = grid
    values = trials @ scores.to_numpy().T
    keeps = values[:, best] >= np.delete(values, best, axis=1).max(axis=1)
    here = int(round(w[criterion] * (steps - 1)))
    low = here
    while low > 0 and keeps[low - 1]:
        low -= 1
    high = here
    while high < steps - 1 and keeps[high + 1]:
        high += 1
    return grid[low], grid[high]


def test_stability_intervals_match_brute_force():
    rng = np.random.default_rng(11)
    for _ in range(12):
        scores = frame(rng.uniform(size=(3, 4)))
        weights = dict(zip(scores.columns, rng.dirichlet(np.ones(4))))
        exact = stability_intervals(scores, weights)
        for criterion in scores.columns:
            low, high = brute_force_interval(scores, weights, criterion)
            assert exact.loc[criterion, "low"] == pytest.approx(low, abs=1e-4)
            assert exact.loc[criterion, "high"] == pytest.approx(high, abs=1e-4)


def simplex_grid(step):
    """Every 3-criterion weight vector whose entries are multiples of 1/step."""
    a, b = np.meshgrid(np.arange(step + 1), np.arange(step + 1), indexing="ij")
    keep = a + b <= step
    return np.column_stack([a[keep], b[keep], step - a[keep] - b[keep]]) / step


def test_smallest_shift_matches_brute_force_over_the_simplex():
    rng = np.random.default_rng(5)
    checked = 0
    for _ in range(40):
        scores = frame(rng.uniform(size=(2, 3)))
        weights = pd.Series(rng.dirichlet(np.ones(3)), index=scores.columns)
        shift = smallest_shift(scores, weights)
        best = winner(scores, weights)
        other = scores.index.drop(best)[0]
        gap = (scores.loc[other] - scores.loc[best]).to_numpy()
        grid = simplex_grid(400)
        flips = grid[grid @ gap >= 0]
        if shift is None:
            assert len(flips) == 0
            continue
        brute = 0.5 * np.abs(flips - weights.to_numpy()).sum(axis=1).min()
        # The grid's points lie up to half a step from the exact optimum on each coordinate.
        assert shift.moved == pytest.approx(brute, abs=2 / 400)
        assert shift.moved <= brute + 1e-12  # and never above the best point the grid finds
        tied = scores @ shift.weights
        assert tied[other] == pytest.approx(tied[best], abs=1e-12)
        checked += 1
    assert checked > 20


def test_smallest_shift_picks_the_nearest_of_several_challengers():
    scores = frame([[0.9, 0.1, 0.5], [0.2, 0.9, 0.5], [0.6, 0.5, 0.4]], ["a", "b", "c"])
    weights = {"c0": 0.5, "c1": 0.3, "c2": 0.2}
    best = smallest_shift(scores, weights)
    each = [smallest_shift(scores, weights, challenger=c) for c in ("b", "c")]
    assert best.moved == min(s.moved for s in each)
    assert best.winner == "a"


def test_winner_is_the_shared_weighted_sum_of_any_relative_weights():
    import summit_venues as sv

    scores = frame([[1, 0], [0, 1]], ["a", "b"], ["x", "y"])
    assert winner(scores, {"x": 2, "y": 1}) == "a" and winner(scores, {"x": 1, "y": 3}) == "b"
    assert winner(scores, {"x": 1, "y": 3}) == sv.overall_scores(scores, {"x": 1, "y": 3}).idxmax()
