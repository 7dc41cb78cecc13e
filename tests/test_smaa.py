"""SMAA against values that can be worked out exactly (two venues, two or three criteria)."""
import numpy as np
import pandas as pd
import pytest

from summit_venues import WeightError
from summit_venues.smaa import acceptability, sample_weights

N = 200_000
TOLERANCE = 0.005  # about four standard errors of a share near 0.5 with N samples


def scores(rows, criteria=None):
    criteria = criteria or [f"c{j}" for j in range(len(rows[0]))]
    return pd.DataFrame(rows, index=["a", "b"][:len(rows)], columns=criteria)


def test_two_criteria_exact_share_and_central_weights():
    # a - b = (0.5, -0.4): a wins where 0.5 w - 0.4 (1 - w) > 0, i.e. w > 4/9, and w is uniform on [0, 1].
    result = acceptability(scores([[0.8, 0.2], [0.3, 0.6]]), N)
    assert result.first_rank["a"] == pytest.approx(5 / 9, abs=TOLERANCE)
    assert result.first_rank["b"] == pytest.approx(4 / 9, abs=TOLERANCE)
    # Central weight of c0 for a: the mean of w over (4/9, 1); for b over (0, 4/9).
    assert result.central_weights.loc["a", "c0"] == pytest.approx((4 / 9 + 1) / 2, abs=TOLERANCE)
    assert result.central_weights.loc["b", "c0"] == pytest.approx(2 / 9, abs=TOLERANCE)
    assert result.confidence.tolist() == [1.0, 1.0]
    pd.testing.assert_series_equal(result.rank_acceptability.sum(axis=1), pd.Series(1.0, index=["a", "b"]))


def test_three_criteria_exact_share():
    # a - b = (1, 1, -1): a wins where w3 < 1/2; w3 is Beta(1, 2), so P = 1 - (1/2)^2 = 3/4.
    result = acceptability(scores([[1, 1, 0], [0, 0, 1]]), N)
    assert result.first_rank["a"] == pytest.approx(0.75, abs=TOLERANCE)
    assert result.rank_acceptability.loc["a", 2] == pytest.approx(0.25, abs=TOLERANCE)


def test_ordinal_ranking_of_criteria():
    two = scores([[0.8, 0.2], [0.3, 0.6]])
    # With c0 at least as important as c1, w >= 1/2 > 4/9: a always wins.
    assert acceptability(two, N, most_important=["c0"]).first_rank["a"] == 1.0
    # c2 most important and a needs w3 < 1/2: P(max < 1/2) = 1 - 3/4 = 1/4 for any coordinate being the max.
    three = scores([[1, 1, 0], [0, 0, 1]])
    assert acceptability(three, N, most_important=["c2"]).first_rank["a"] == pytest.approx(0.25, abs=TOLERANCE)


def test_sampled_weights_are_uniform_on_the_simplex_and_respect_a_ranking():
    rng = np.random.default_rng(3)
    weights = sample_weights(3, N, rng)
    assert weights.sum(axis=1) == pytest.approx(np.ones(N))
    assert (weights >= 0).all()
    assert weights.mean(axis=0) == pytest.approx([1 / 3] * 3, abs=0.003)
    ordered = sample_weights(3, N, rng, ranked=[2, 0, 1])
    assert (ordered[:, 2] >= ordered[:, 0]).all() and (ordered[:, 0] >= ordered[:, 1]).all()
    # Means of the largest, middle and smallest of three uniform spacings: 11/18, 5/18, 1/9.
    assert ordered[:, [2, 0, 1]].mean(axis=0) == pytest.approx([11 / 18, 5 / 18, 1 / 9], abs=0.003)
    partial = sample_weights(4, N, rng, ranked=[3])
    assert (partial[:, 3] >= partial[:, :3].max(axis=1)).all()
    # The unlisted criteria stay exchangeable: equal means.
    assert partial[:, :3].mean(axis=0) == pytest.approx([partial[:, :3].mean()] * 3, abs=0.003)


def test_seeded_runs_repeat_and_other_seeds_differ():
    table = scores([[0.8, 0.2], [0.3, 0.6]])
    first, again = acceptability(table, 10_000, seed=1), acceptability(table, 10_000, seed=1)
    pd.testing.assert_frame_equal(first.rank_acceptability, again.rank_acceptability)
    assert acceptability(table, 10_000, seed=2).first_rank["a"] != first.first_rank["a"]


def test_a_venue_that_never_wins():
    result = acceptability(scores([[0.9, 0.9], [0.1, 0.2]]), 10_000)
    assert result.first_rank.tolist() == [1.0, 0.0]
    assert np.isnan(result.confidence["b"]) and result.central_weights.loc["b"].isna().all()


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(most_important=["c9"]), WeightError, "unknown criterion 'c9'"),
    (dict(most_important=["c0", "c0"]), WeightError, "appears twice"),
    (dict(method="borda"), ValueError, "unknown method 'borda'"),
])
def test_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        acceptability(scores([[0.8, 0.2], [0.3, 0.6]]), 100, **kwargs)
