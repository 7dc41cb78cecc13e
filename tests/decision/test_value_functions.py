"""Value functions against hand calculations."""
import math

import numpy as np
import pytest

from summit_venues.decision.value_functions import ValueFunction


def test_linear_benefit_interpolates_and_clips():
    media = ValueFunction(worst=0, best=2500)
    assert media(1500) == pytest.approx(0.6)  # 1500 / 2500
    assert media(2000) == pytest.approx(0.8)
    assert media(4000) == 1.0  # beyond the best anchor gains nothing
    assert media(-5) == 0.0


def test_linear_cost_scores_short_distances_high():
    motorcade = ValueFunction(worst=50, best=0, direction="cost")
    assert motorcade(28) == pytest.approx(0.44)  # (50 - 28) / 50
    assert motorcade(3.2) == pytest.approx(0.936)  # (50 - 3.2) / 50
    assert motorcade(80) == 0.0


def test_log_benefit_midpoint_is_the_geometric_mean():
    arrivals = ValueFunction(worst=1e5, best=1e7, shape="log")
    assert arrivals(1e6) == pytest.approx(0.5)
    assert arrivals(6e6) == pytest.approx((math.log10(6e6) - 5) / 2)
    assert arrivals(0) == 0.0  # below any positive anchor


def test_log_cost():
    vf = ValueFunction(worst=100, best=1, shape="log", direction="cost")
    assert vf(10) == pytest.approx(0.5)
    assert vf(0) == 1.0


def test_vectorised_and_missing_values_stay_missing():
    scores = ValueFunction(0, 10)(np.array([0, 5, np.nan, 10]))
    assert scores[[0, 1, 3]].tolist() == [0.0, 0.5, 1.0]
    assert math.isnan(scores[2])
    assert math.isnan(ValueFunction(1, 10, shape="log")(float("nan")))


@pytest.mark.parametrize("kwargs, message", [
    (dict(worst=5, best=5), "anchor pair is empty"),
    (dict(worst=float("nan"), best=5), "anchor 'worst' is empty"),
    (dict(worst=1, best=None), "anchor 'best' is empty"),
    (dict(worst=10, best=0, direction="benefit"), "reversed for a benefit indicator"),
    (dict(worst=0, best=10, direction="cost"), "reversed for a cost indicator"),
    (dict(worst=0, best=10, shape="log"), "log value function needs anchors above zero"),
    (dict(worst=0, best=10, shape="cubic"), "shape 'cubic' is not one of linear, log"),
    (dict(worst=0, best=10, direction="up"), "direction 'up' is not one of benefit, cost"),
])
def test_bad_anchors_are_refused_with_a_reason(kwargs, message):
    with pytest.raises(ValueError, match=message):
        ValueFunction(**kwargs)


def test_terrorism_index_on_its_own_scale():
    gti = ValueFunction(worst=10, best=0, direction="cost")
    assert gti(0) == 1.0  # Vietnam, GTI 2017
    assert gti(2.5) == pytest.approx(0.75)


def test_summit_record_tops_out_at_two_events():
    record = ValueFunction(worst=0, best=2)
    assert record(1) == pytest.approx(0.5)  # Da Nang: APEC 2017
    assert record(4.5) == 1.0  # Hanoi: clipped
