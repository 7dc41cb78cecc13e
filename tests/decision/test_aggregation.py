"""Aggregation methods against published worked examples, a second library, and hand calculations."""
import numpy as np
import pytest

from summit_venues.decision.aggregation import ranks, topsis, weighted_product, weighted_sum


def test_weighted_sum_matches_the_published_example():
    """Triantaphyllou's example as given in Wikipedia's 'Weighted sum model' article:
    scores 21.50, 22.00, 22.00, so A2 and A3 tie first."""
    matrix = np.array([[25, 20, 15, 30], [10, 30, 20, 30], [30, 10, 30, 10]])
    weights = np.array([0.20, 0.15, 0.40, 0.25])
    assert weighted_sum(matrix, weights) == pytest.approx([21.50, 22.00, 22.00])
    assert ranks(weighted_sum(matrix, weights)).tolist() == [3, 1, 1]


def test_topsis_matches_opricovic_and_tzeng_2004():
    """Opricovic & Tzeng (2004), EJOR 156(2) 445-455, numerical example as reproduced in pymcdm's test
    suite: criterion 1 a cost (1, 2, 5), criterion 2 a benefit (3000, 3750, 4500), equal weights,
    linear (min-max) normalisation; closeness 0.500, 0.617, 0.500, so A2 ranks first and A1, A3 tie."""
    raw = np.array([[1, 3000], [2, 3750], [5, 4500]], dtype=float)
    low, high = raw.min(axis=0), raw.max(axis=0)
    normalised = np.column_stack([(high[0] - raw[:, 0]) / (high[0] - low[0]),  # cost: less is better
                                  (raw[:, 1] - low[1]) / (high[1] - low[1])])
    closeness = topsis(normalised, np.array([0.5, 0.5]))  # anchors 1 and 0 = the best and worst seen
    assert np.round(closeness, 3).tolist() == [0.500, 0.617, 0.500]
    assert ranks(closeness).tolist() == [2, 1, 2]


def test_topsis_with_explicit_ideal_points():
    """Vector normalisation with the ideal taken from the alternatives, worked by hand for the same data:
    A1 is nearest the best cost and farthest from the worst, closeness 0.3651 / (0.1140 + 0.3651)."""
    raw = np.array([[1, 3000], [2, 3750], [5, 4500]], dtype=float)
    normalised = raw / np.sqrt((raw ** 2).sum(axis=0))
    ideal = np.array([normalised[:, 0].min(), normalised[:, 1].max()])
    anti_ideal = np.array([normalised[:, 0].max(), normalised[:, 1].min()])
    closeness = topsis(normalised, np.array([0.5, 0.5]), ideal, anti_ideal)
    assert closeness[0] == pytest.approx(0.3651 / (0.1140 + 0.3651), abs=2e-4)
    assert ranks(closeness).tolist() == [1, 2, 3]


@pytest.mark.filterwarnings("ignore:Alternatives with indices:UserWarning")  # the anchor rows dominate, by design
def test_topsis_with_fixed_anchors_agrees_with_pymcdm():
    """pymcdm's TOPSIS with min-max scaling computes the same thing once the anchors (all 0 and all 1)
    are added as two extra rows: min-max then leaves the 0-1 scores as they are."""
    import pymcdm  # here, not at the top: it imports matplotlib's pyplot, a second in every worker that collects

    rng = np.random.default_rng(7)
    for _ in range(50):
        scores = rng.uniform(size=(8, 8))
        weights = rng.dirichlet(np.ones(8))
        ours = topsis(scores, weights)
        with_anchors = np.vstack([scores, np.zeros(8), np.ones(8)])
        theirs = pymcdm.methods.TOPSIS()(with_anchors, weights, np.ones(8))[:8]
        assert ours == pytest.approx(theirs, abs=1e-12)
        assert ranks(ours).tolist() == ranks(theirs).tolist()


def test_topsis_anchor_points_score_one_and_zero_and_handle_a_constant_criterion():
    scores = np.array([[1.0, 1.0, 0.5], [0.0, 0.0, 0.5]])  # the third criterion is equal for both
    closeness = topsis(scores, np.array([0.4, 0.4, 0.2]))
    # Hand calculation: d+ = 0.2*0.5 = 0.1 and d- = sqrt(0.16+0.16+0.01) for the first row.
    assert closeness[0] == pytest.approx(np.sqrt(0.33) / (0.1 + np.sqrt(0.33)))
    assert closeness[1] == pytest.approx(0.1 / (np.sqrt(0.33) + 0.1))


def test_weighted_product_by_hand():
    scores = np.array([[0.25, 1.0], [0.5, 0.5], [0.0, 1.0]])
    values = weighted_product(scores, np.array([0.5, 0.5]))
    assert values == pytest.approx([0.5, 0.5, 0.0])  # sqrt(0.25*1), sqrt(0.25), and a zero kills
    assert weighted_product(scores, np.array([0.0, 1.0]))[2] == 1.0  # a zero with no weight does not


def test_methods_vectorise_over_weight_samples():
    rng = np.random.default_rng(1)
    scores = rng.uniform(size=(5, 4))
    samples = rng.dirichlet(np.ones(4), size=20)
    for method in (weighted_sum, topsis, weighted_product):
        together = method(scores, samples)
        assert together.shape == (20, 5)
        one_by_one = np.array([method(scores, w) for w in samples])
        assert together == pytest.approx(one_by_one, abs=1e-12)


def test_ranks_share_ties_and_work_on_rows():
    assert ranks(np.array([0.2, 0.9, 0.9, 0.1])).tolist() == [3, 1, 1, 4]
    assert ranks(np.array([[1, 2], [2, 1]])).tolist() == [[2, 1], [1, 2]]


def test_normalised_weights_are_checked_rescaled_and_in_criterion_order():
    from summit_venues.decision.aggregation import normalised_weights
    from summit_venues.inputs.errors import WeightError

    weights = normalised_weights({"b": 3, "a": 1}, ["a", "b"])
    assert list(weights.index) == ["a", "b"] and weights.tolist() == [0.25, 0.75]
    with pytest.raises(WeightError, match="no weight given for 'b'"):
        normalised_weights({"a": 1}, ["a", "b"])
