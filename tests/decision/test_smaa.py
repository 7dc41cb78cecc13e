"""SMAA against values that can be worked out exactly (two venues, two or three criteria), weights-only and joint."""
import numpy as np
import pandas as pd
import pytest

from summit_venues import WeightError
from summit_venues.decision.smaa import CHUNK, UncertainScores, acceptability, joint_acceptability, sample_weights
from summit_venues.decision.value_functions import RubricScale, ValueFunction

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


# --- Joint SMAA: uncertain values and weights -------------------------------------------------

LINEAR = ValueFunction(0, 1)  # raw value = score


def uncertain(low, high=None, group=None, scales=None, membership=None, venues=None, criteria=None):
    """Venues x indicators bounds; by default linear 0-1 scales, one indicator per criterion."""
    low = np.array(low, dtype=float)
    high = low if high is None else np.array(high, dtype=float)
    n_venues, n_indicators = low.shape
    membership = np.eye(n_indicators) if membership is None else np.array(membership, dtype=float)
    return UncertainScores(
        low, high, np.arange(low.size).reshape(low.shape) if group is None else np.array(group),
        scales or (LINEAR,) * n_indicators, membership,
        venues or ["a", "b", "c", "d", "e", "f"][:n_venues], [f"i{i}" for i in range(n_indicators)],
        criteria or [f"c{j}" for j in range(membership.shape[1])])


@pytest.mark.parametrize("most_important", [(), ("c2",), ("c1", "c0")])
def test_joint_with_certain_values_is_exactly_the_weights_only_analysis(most_important):
    # The weight stream is shared with `acceptability` (same seed, same chunks), and with every
    # value certain the totals are computed the same way: identical numbers, not just close ones.
    table = pd.DataFrame(np.random.default_rng(7).uniform(size=(5, 4)), index=list("abcde"),
                         columns=["c0", "c1", "c2", "c3"])
    data = uncertain(table.to_numpy(), venues=list(table.index), criteria=list(table.columns))
    n = 2 * CHUNK + 1234  # two full chunks and a partial one
    joint = joint_acceptability(data, n, most_important=most_important)
    weights_only = acceptability(table, n, most_important=most_important)
    np.testing.assert_array_equal(joint.rank_acceptability.to_numpy(), weights_only.rank_acceptability.to_numpy())
    np.testing.assert_array_equal(joint.central_weights.to_numpy(), weights_only.central_weights.to_numpy())
    np.testing.assert_array_equal(joint.confidence.to_numpy(), weights_only.confidence.to_numpy())
    assert joint.samples == n


def test_joint_with_certain_values_matches_the_exact_two_criteria_shares():
    result = joint_acceptability(uncertain([[0.8, 0.2], [0.3, 0.6]]), N)
    # a wins where w > 4/9 (see the first test above), b where w < 4/9; no ties.
    assert result.first_rank.tolist() == pytest.approx([5 / 9, 4 / 9], abs=TOLERANCE)
    assert result.pairwise_winning.loc["a", "b"] == pytest.approx(5 / 9, abs=TOLERANCE)
    assert result.pairwise_winning.loc["b", "a"] == pytest.approx(4 / 9, abs=TOLERANCE)
    assert result.pairwise_winning.loc["a", "b"] + result.pairwise_winning.loc["b", "a"] == pytest.approx(1, abs=1e-4)
    assert result.central_weights.loc["a", "c0"] == pytest.approx(13 / 18, abs=TOLERANCE)


def test_a_uniform_value_against_a_fixed_one():
    # One criterion: a ~ U[0, 1], b = 0.3, so a is first with probability 0.7.
    result = joint_acceptability(uncertain([[0.0], [0.3]], [[1.0], [0.3]]), N)
    assert result.first_rank["a"] == pytest.approx(0.7, abs=TOLERANCE)
    assert result.rank_acceptability.loc["a", 2] == pytest.approx(0.3, abs=TOLERANCE)
    assert result.first_rank["b"] == pytest.approx(0.3, abs=TOLERANCE)
    assert result.pairwise_winning.loc["a", "b"] == pytest.approx(0.7, abs=TOLERANCE)
    assert result.pairwise_winning.loc["b", "a"] == pytest.approx(0.3, abs=TOLERANCE)
    assert result.pairwise_winning.loc["a", "a"] == 0
    pd.testing.assert_series_equal(result.rank_acceptability.sum(axis=1), pd.Series(1.0, index=result.first_rank.index),
                                   check_names=False)


def test_cells_sharing_a_group_move_together_and_never_split_two_venues():
    # Two cities of one country share the national values (peace-index rank, a cost indicator on a
    # log scale; relations, a rubric judged between levels 1 and 3) and have equal city values: they
    # must tie in every sample. A third city with the same bounds but its own draws does not.
    peace = ValueFunction(worst=160, best=1, shape="log", direction="cost")
    relations = RubricScale("relations", ((0, 0.0), (1, 0.2), (2, 0.6), (3, 1.0)))
    low = [[5, 1, 0.4], [5, 1, 0.4], [5, 1, 0.4]]
    high = [[60, 3, 0.4], [60, 3, 0.4], [60, 3, 0.4]]
    group = [[10, 11, 0], [20, 21, 1], [10, 11, 2]]  # hanoi and danang share groups 10 and 11
    data = uncertain(low, high, group, scales=(peace, relations, LINEAR), venues=["hanoi", "tokyo", "danang"])
    result = joint_acceptability(data, N)
    pairwise = result.pairwise_winning
    assert pairwise.loc["hanoi", "danang"] == 0 and pairwise.loc["danang", "hanoi"] == 0
    np.testing.assert_array_equal(result.rank_acceptability.loc["hanoi"], result.rank_acceptability.loc["danang"])
    # Against tokyo it is a fair coin, by symmetry; a tie needs equal rubric levels and equal float32
    # peace scores, which happens a few times in a million samples.
    assert pairwise.loc["hanoi", "tokyo"] == pytest.approx(0.5, abs=TOLERANCE)
    assert 0.9999 < pairwise.loc["hanoi", "tokyo"] + pairwise.loc["tokyo", "hanoi"] <= 1
    # Fixed weights too: the data alone never split them.
    fixed = joint_acceptability(data, 20_000, weights=[0.2, 0.3, 0.5]).pairwise_winning
    assert fixed.loc["hanoi", "danang"] == 0 and fixed.loc["danang", "hanoi"] == 0


def test_a_rubric_value_is_one_of_the_levels_in_range_with_equal_chance():
    # Criterion = half a rubric indicator + half a linear one.
    # a: rubric level in {0, 1, 2} (scores 0, 0.5, 1), linear 0; b: rubric 0, linear 0.6 -> b totals 0.3.
    # a is first only at level 2 (0.5 > 0.3; level 1 gives 0.25): probability 1/3.
    rubric = RubricScale("r", ((0, 0.0), (1, 0.5), (2, 1.0)))
    data = uncertain([[0, 0.0], [0, 0.6]], [[2, 0.0], [0, 0.6]], scales=(rubric, LINEAR),
                     membership=[[0.5], [0.5]])
    result = joint_acceptability(data, N)
    assert result.first_rank["a"] == pytest.approx(1 / 3, abs=TOLERANCE)
    assert result.pairwise_winning.loc["b", "a"] == pytest.approx(2 / 3, abs=TOLERANCE)
    # Bounds between levels: [0.5, 3.5] of levels 0..4 means levels 1, 2, 3, each with chance 1/3;
    # b totals 0.5 x 0.15, so a's rubric score must beat 0.15: levels 2 (0.2) and 3 (0.7) win.
    five = RubricScale("five", ((0, 0.0), (1, 0.1), (2, 0.2), (3, 0.7), (4, 1.0)))
    data = uncertain([[0.5, 0.0], [0, 0.15]], [[3.5, 0.0], [0, 0.15]], scales=(five, LINEAR),
                     membership=[[0.5], [0.5]])
    result = joint_acceptability(data, N)
    assert result.first_rank["a"] == pytest.approx(2 / 3, abs=TOLERANCE)
    # Level 1 (0.1 < 0.15) is the only way to lose, and there is no tie.
    assert result.pairwise_winning.loc["b", "a"] == pytest.approx(1 / 3, abs=TOLERANCE)


def test_a_log_scale_with_clipping_at_both_ends():
    # Criterion = half visitors (log, 1 scores 0, 100 scores 1) + half a linear indicator.
    # a: visitors ~ U[-100, 900] (below zero and above 100 clip), linear 0: total log10(x) / 4 on [0, 0.5].
    # b: visitors 1 (score 0), linear 0.8: total 0.4. a first iff log10(x) > 1.6, i.e. x > 10^1.6.
    visitors = ValueFunction(1, 100, "log")
    data = uncertain([[-100, 0.0], [1, 0.8]], [[900, 0.0], [1, 0.8]], scales=(visitors, LINEAR),
                     membership=[[0.5], [0.5]])
    result = joint_acceptability(data, N)
    assert result.first_rank["a"] == pytest.approx((900 - 10 ** 1.6) / 1000, abs=TOLERANCE)
    # On a linear scale 1 -> 100 the same question would need x > 80.2: a clearly different answer.
    assert (900 - 80.2) / 1000 < result.first_rank["a"] - 0.03


def test_a_cost_indicator_scores_low_values_high():
    # Cost, linear: 10 scores 0, 0 scores 1. a ~ U[0, 20] (above 10 clips to 0), b = 7 (score 0.3).
    # a first iff x < 7: 0.35. Ties only where both score 0, which needs x >= 10 for a and never happens for b.
    cost = ValueFunction(worst=10, best=0, direction="cost")
    result = joint_acceptability(uncertain([[0.0], [7.0]], [[20.0], [7.0]], scales=(cost,)), N)
    assert result.first_rank["a"] == pytest.approx(0.35, abs=TOLERANCE)
    assert result.pairwise_winning.loc["b", "a"] == pytest.approx(0.65, abs=TOLERANCE)
    # Cost on a log scale: 100 scores 0, 1 scores 1. a ~ U[1, 100] against b = 10: a first iff x < 10.
    log_cost = ValueFunction(worst=100, best=1, shape="log", direction="cost")
    result = joint_acceptability(uncertain([[1.0], [10.0]], [[100.0], [10.0]], scales=(log_cost,)), N)
    assert result.first_rank["a"] == pytest.approx(9 / 99, abs=TOLERANCE)


def test_confidence_factor_worked_out_by_hand():
    # a = (1, 0) fixed, b = (0, u) with u ~ U[0, 1]; weights (w, 1 - w), w ~ U[0, 1].
    # b wins iff u > w / (1 - w). P(a first) = integral of min(1, w / (1 - w)) = ln 2.
    # Central weight of c0: for a, (ln 2 - 1/4) / ln 2; for b, r = (3/4 - ln 2) / (1 - ln 2).
    # Confidence: a at its central weights beats b for every u (0.64 > 0.36 u), so 1;
    # b wins at (r, 1 - r) iff u > r / (1 - r): 1 - r / (1 - r).
    data = uncertain([[1.0, 0.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]])
    result = joint_acceptability(data, N)
    r = (0.75 - np.log(2)) / (1 - np.log(2))
    assert result.first_rank["a"] == pytest.approx(np.log(2), abs=TOLERANCE)
    assert result.pairwise_winning.loc["a", "b"] == pytest.approx(np.log(2), abs=TOLERANCE)
    assert result.central_weights.loc["a", "c0"] == pytest.approx((np.log(2) - 0.25) / np.log(2), abs=TOLERANCE)
    assert result.central_weights.loc["b", "c0"] == pytest.approx(r, abs=TOLERANCE)
    assert result.central_weights.sum(axis=1).tolist() == pytest.approx([1, 1])
    assert result.confidence["a"] == 1.0
    assert result.confidence["b"] == pytest.approx(1 - r / (1 - r), abs=TOLERANCE)


def test_fixed_weights_sample_the_values_alone():
    # Same venues at weights (1/4, 3/4): a wins iff 1/4 > 3/4 u, i.e. u < 1/3.
    data = uncertain([[1.0, 0.0], [0.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]])
    result = joint_acceptability(data, N, weights={"c0": 1, "c1": 3})
    assert result.first_rank["a"] == pytest.approx(1 / 3, abs=TOLERANCE)
    assert result.central_weights.to_numpy() == pytest.approx(np.array([[0.25, 0.75]] * 2))
    # The confidence pass draws new values at the same (fixed) weights: the same share again.
    assert result.confidence.tolist() == pytest.approx([1 / 3, 2 / 3], abs=TOLERANCE)
    # A venue that never wins has no central weights and no confidence.
    never = joint_acceptability(data, 10_000, weights=[1, 0])
    assert never.first_rank.tolist() == [1.0, 0.0]
    assert never.confidence["a"] == 1.0 and np.isnan(never.confidence["b"])
    assert never.central_weights.loc["b"].isna().all()


def test_joint_runs_repeat_and_other_seeds_differ():
    data = uncertain([[0.1, 0.4], [0.3, 0.2], [0.0, 0.5]], [[0.9, 0.6], [0.5, 0.8], [0.7, 0.5]])
    first, again = joint_acceptability(data, 50_000, seed=1), joint_acceptability(data, 50_000, seed=1)
    for table in ("rank_acceptability", "pairwise_winning", "central_weights"):
        pd.testing.assert_frame_equal(getattr(first, table), getattr(again, table))
    pd.testing.assert_series_equal(first.confidence, again.confidence)
    other = joint_acceptability(data, 50_000, seed=2)
    assert other.first_rank["a"] != first.first_rank["a"]


def test_from_frames_aligns_labels():
    low = pd.DataFrame({"x": [0.0, 0.3], "y": [1.0, 1.0]}, index=["a", "b"])
    high = pd.DataFrame({"y": [1.0, 1.0], "x": [1.0, 0.3]}, index=["a", "b"])  # other column order
    membership = pd.DataFrame({"only": [1.0, 0.0]}, index=["x", "y"])
    data = UncertainScores.from_frames(low, high, scales={"x": LINEAR, "y": LINEAR}, membership=membership)
    assert data.venues == ("a", "b") and data.indicators == ("x", "y") and data.criteria == ("only",)
    assert joint_acceptability(data, N).first_rank["a"] == pytest.approx(0.7, abs=TOLERANCE)
    with pytest.raises(ValueError, match="no scale for indicator 'y'"):
        UncertainScores.from_frames(low, scales={"x": LINEAR}, membership=membership)


@pytest.mark.parametrize("change, message", [
    (dict(low=[[np.nan, 0.0], [0.3, 0.0]]), "venue 'a', indicator 'i0': low bound is nan"),
    (dict(high=[[1.0, 0.0], [0.3, np.inf]]), "venue 'b', indicator 'i1': high bound is inf"),
    (dict(low=[[0.0, 0.5], [0.3, 0.0]]), "venue 'a', indicator 'i1': low bound 0.5 is above high bound 0"),
    (dict(membership=[[0.5, 0.0], [0.4, 1.0]]), "criterion 'c0' sums to 0.9"),
    (dict(membership=[[1.0, 0.0], [-0.5, 1.0]]), "indicator 'i1' in criterion 'c0' is -0.5"),
    (dict(membership=[[1.0], [0.0]]), r"membership has shape \(2, 1\); it must be indicators x criteria = \(2, 2\)"),
    (dict(low=[[0.0, 0.0, 0.0], [0.3, 0.0, 0.0]]), r"low has shape \(2, 3\).*must be \(2, 2\)"),
    (dict(group=[[0, 1]]), r"group has shape \(1, 2\)"),
    (dict(group=[[0.5, 1], [2, 3]]), "group ids must be integers"),
    (dict(scales=(LINEAR,)), "1 scales for 2 indicators"),
    (dict(scales=(LINEAR, "linear")), "indicator 'i1': the scale must be a ValueFunction or a RubricScale"),
    (dict(venues=["a", "a"]), "venues: an id appears twice"),
    (dict(venues=["a", "b", "c"]), r"low has shape \(2, 2\), but there are 3 venues"),
    (dict(scales=(RubricScale("r", ((0, 0.0), (2, 1.0))), LINEAR), low=[[0.0, 0.0], [1.0, 0.0]],
          high=[[2.0, 0.0], [1.0, 0.0]]), "venue 'b', indicator 'i0': 1 is not a level of rubric 'r'"),
    (dict(scales=(RubricScale("r", ((0, 0.0), (2, 1.0))), LINEAR), low=[[0.0, 0.0], [0.5, 0.0]],
          high=[[2.0, 0.0], [1.5, 0.0]]), r"venue 'b', indicator 'i0': no level of rubric 'r' lies within \[0.5, 1.5"),
])
def test_bad_uncertain_scores(change, message):
    arguments = dict(low=[[0.0, 0.0], [0.3, 0.0]], high=[[1.0, 0.0], [0.3, 0.0]], group=[[0, 1], [2, 3]],
                     scales=(LINEAR, LINEAR), membership=np.eye(2), venues=["a", "b"], indicators=["i0", "i1"],
                     criteria=["c0", "c1"])
    arguments.update(change)
    with pytest.raises(ValueError, match=message):
        UncertainScores(**arguments)


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(most_important=["c9"]), WeightError, "unknown criterion 'c9'"),
    (dict(most_important=["c0", "c0"]), WeightError, "appears twice"),
    (dict(weights=[1, 1], most_important=["c0"]), WeightError, "not both"),
    (dict(weights=[1, 1, 1]), WeightError, "3 weights for 2 criteria"),
    (dict(weights=[-1, 2]), WeightError, "not negative"),
    (dict(weights={"c7": 1}), WeightError, "unknown criterion 'c7'"),
    (dict(n_samples=0), ValueError, "n_samples must be a positive whole number"),
])
def test_bad_joint_arguments(kwargs, error, message):
    kwargs = {"n_samples": 100, **kwargs}
    with pytest.raises(error, match=message):
        joint_acceptability(uncertain([[0.8, 0.2], [0.3, 0.6]]), **kwargs)


def test_mixed_scales_agree_with_a_plain_monte_carlo_reference():
    # Linear, cost, log and rubric indicators, certain cells beside uncertain ones of the same indicator,
    # ranges past the anchors and a shared national draw, checked against a slow float64 reference
    # that scores each sampled raw value with the scale objects themselves.
    rubric = RubricScale("r", ((0, 0.0), (1, 0.3), (2, 0.6), (3, 0.85), (4, 1.0)))
    scales = (ValueFunction(0, 100), ValueFunction(160, 1, direction="cost"), ValueFunction(1e3, 1e7, "log"), rubric)
    low = np.array([[20, 30, 5e2, 1], [60, 30, 3e5, 3], [40, 90, 1e5, 0.5]])
    high = np.array([[120, 80, 5e5, 3], [60, 80, 3e5, 3], [70, 200, 3e7, 4]])
    # a and b share the national cost draw; b's certain first value shares a's group, which must not matter.
    group = np.array([[0, 1, 2, 3], [0, 1, 5, 6], [7, 8, 9, 10]])
    membership = np.array([[0.6, 0.0], [0.4, 0.0], [0.0, 0.7], [0.0, 0.3]])
    weights = np.array([0.45, 0.55])
    data = uncertain(low, high, group, scales=scales, membership=membership)
    result = joint_acceptability(data, N, weights=weights)

    rng = np.random.default_rng(123)
    draws = rng.random((N, group.max() + 1))[:, group]  # sample x venue x indicator
    raw = low + draws * (high - low)
    scored = np.empty_like(raw)
    for i, scale in enumerate(scales):
        if isinstance(scale, RubricScale):
            for v in range(3):
                levels = [level for level in scale.levels if low[v, i] <= level <= high[v, i]]
                chosen = np.array(levels)[np.minimum((draws[:, v, i] * len(levels)).astype(int), len(levels) - 1)]
                scored[:, v, i] = scale(chosen)
        else:
            scored[:, :, i] = scale(raw[:, :, i])
    criterion_scores = scored @ membership  # sample x venue x criterion
    totals = criterion_scores @ weights
    reference_first = (totals == totals.max(axis=1, keepdims=True)).mean(axis=0)
    reference_pairwise = (totals[:, :, None] > totals[:, None, :]).mean(axis=0)
    assert result.first_rank.to_numpy() == pytest.approx(reference_first, abs=0.007)
    assert result.pairwise_winning.to_numpy() == pytest.approx(reference_pairwise, abs=0.007)
    assert 0.05 < reference_first.min() and reference_first.max() < 0.9  # not a trivial case

    # Weights sampled too: the reference draws its own, uniform on the simplex.
    result = joint_acceptability(data, N)
    sampled = rng.dirichlet(np.ones(2), N)
    totals = np.einsum("svc,sc->sv", criterion_scores, sampled)
    first = totals == totals.max(axis=1, keepdims=True)
    assert result.first_rank.to_numpy() == pytest.approx(first.mean(axis=0), abs=0.007)
    assert result.pairwise_winning.to_numpy() == pytest.approx((totals[:, :, None] > totals[:, None, :]).mean(axis=0),
                                                               abs=0.007)
    assert result.central_weights.to_numpy() == pytest.approx(first.T @ sampled / first.sum(axis=0)[:, None], abs=0.01)
    # Confidence: the reference's own value samples, at the central weights found.
    for v, central in enumerate(result.central_weights.to_numpy()):
        at_central = criterion_scores @ central
        share = (at_central[:, v] == at_central.max(axis=1)).mean()
        assert result.confidence.iloc[v] == pytest.approx(share, abs=0.007)
