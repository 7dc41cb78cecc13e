"""The region of weights under which the model agrees with a decision: answers worked out by hand, a second
library's exact values, brute force and Monte Carlo, the real decisions, and bad input."""
import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import summit_venues as sv
from summit_venues.decision import reveal, sensitivity, smaa, uncertainty, weight_region
from summit_venues.decision.weight_region import CONSISTENT, EMPTY, TIES_ONLY, region
from summit_venues.publishing.cli import main


def gaps(rows, criteria=None):
    criteria = criteria or [f"c{j}" for j in range(len(rows[0]))]
    return pd.DataFrame(rows, index=[f"over r{i}" for i in range(len(rows))], columns=criteria, dtype=float)


def random_weights(k, n, seed=7):
    return smaa.sample_weights(k, n, np.random.default_rng(seed))


# --- Answers worked out by hand --------------------------------------------------------------------------------

def test_two_criteria_an_interval():
    # 0.5 w - 0.4 (1 - w) >= 0 exactly when w >= 4/9: the interval [4/9, 1] of the simplex [0, 1].
    found = region(gaps([[0.5, -0.4]]))
    assert found.status == CONSISTENT and found.consistent and not found.empty
    assert found.share == pytest.approx(5 / 9, abs=1e-12)
    assert found.bounds.to_numpy() == pytest.approx(np.array([[4 / 9, 1], [0, 5 / 9]]), abs=1e-12)
    assert found.centroid.to_numpy() == pytest.approx([13 / 18, 5 / 18], abs=1e-12)
    assert found.lead == pytest.approx(0.5)  # at w = 1: all the weight on the criterion it leads by 0.5
    corners = found.vertices.sort_values("c0").to_numpy()
    assert corners == pytest.approx(np.array([[4 / 9, 5 / 9], [1, 0]]), abs=1e-12)


def test_three_criteria_a_triangle():
    # w0 - w1 - w2 >= 0 is w0 >= 1/2: the triangle (1, 0, 0), (1/2, 1/2, 0), (1/2, 0, 1/2), a quarter of the simplex.
    found = region(gaps([[1, -1, -1]]))
    assert found.share == pytest.approx(0.25, abs=1e-12)
    assert found.centroid.to_numpy() == pytest.approx([2 / 3, 1 / 6, 1 / 6], abs=1e-12)
    assert found.bounds.least.to_numpy() == pytest.approx([0.5, 0, 0], abs=1e-12)
    assert found.bounds.most.to_numpy() == pytest.approx([1, 0.5, 0.5], abs=1e-12)
    assert len(found.vertices) == 3


def test_three_criteria_where_one_weight_is_the_largest():
    # w0 >= w1 and w0 >= w2: a third of the simplex by symmetry; its w0 is the largest of three uniform spacings,
    # whose mean is 11/18, and the other two share the rest equally.
    found = region(gaps([[1, -1, 0], [1, 0, -1]]))
    assert found.share == pytest.approx(1 / 3, abs=1e-12)
    assert found.centroid.to_numpy() == pytest.approx([11 / 18, 7 / 36, 7 / 36], abs=1e-12)
    assert found.bounds.loc["c0"].to_numpy() == pytest.approx([1 / 3, 1], abs=1e-12)


def test_a_quarter_cut_off_the_top():
    # w2 <= 1/2: the simplex less its top triangle, whose area is a quarter (the SMAA tests' 3/4).
    found = region(gaps([[1, 1, -1]]))
    assert found.share == pytest.approx(0.75, abs=1e-12)
    # The whole simplex's centroid (1/3 each) is 3/4 this region's plus 1/4 the cut triangle's (1/6, 1/6, 2/3).
    assert found.centroid.to_numpy() == pytest.approx([7 / 18, 7 / 18, 2 / 9], abs=1e-12)


def test_an_empty_region():
    found = region(gaps([[-1, -0.5, -0.1]]))  # the rival is better on every criterion
    assert found.status == EMPTY and found.empty and found.share == 0
    assert found.bounds.isna().all().all() and found.centroid.isna().all() and found.vertices.empty
    assert found.lead == pytest.approx(-0.1)  # the least the rival can lead by: all the weight on c2
    assert math.isnan(weight_region.least_shift_into(found, [1, 1, 1]))
    assert not weight_region.agrees(found.gaps)


def test_two_leads_that_cannot_hold_together():
    found = region(gaps([[1, -1, 0], [-1, 1, -0.5]]))  # w0 >= w1, and w1 >= w0 + w2 / 2: only w2 = 0, w0 = w1
    assert found.status == TIES_ONLY and found.share == 0
    assert found.centroid.to_numpy() == pytest.approx([0.5, 0.5, 0], abs=1e-12)
    assert not weight_region.agrees(found.gaps)


def test_ties_only_a_segment():
    # w0 >= w1 and w1 >= w0: the segment w0 = w1 from (0, 0, 1) to (1/2, 1/2, 0), of no area; its midpoint.
    found = region(gaps([[1, -1, 0], [-1, 1, 0]]))
    assert found.status == TIES_ONLY and found.share == 0
    assert found.centroid.to_numpy() == pytest.approx([0.25, 0.25, 0.5], abs=1e-12)
    assert found.bounds.loc["c2"].to_numpy() == pytest.approx([0, 1], abs=1e-12)


def test_a_rival_with_the_very_same_scores_is_a_tie_everywhere():
    found = region(gaps([[0.0, 0.0, 0.0], [0.3, 0.1, 0.2]]))
    assert found.status == TIES_ONLY and found.share == 0
    assert found.bounds.to_numpy() == pytest.approx(np.array([[0, 1]] * 3), abs=1e-12)  # the whole simplex ties


def test_a_dominant_venue_agrees_with_the_whole_simplex():
    found = region(gaps([[0.2, 0.0, 0.5], [0.1, 0.3, 0.0]]))  # never behind, and ahead somewhere
    assert found.status == CONSISTENT and found.share == pytest.approx(1, abs=1e-12)
    assert found.centroid.to_numpy() == pytest.approx([1 / 3] * 3, abs=1e-12)
    assert found.bounds.to_numpy() == pytest.approx(np.array([[0, 1]] * 3), abs=1e-12)
    assert region(pd.DataFrame(columns=["a", "b"], dtype=float)).share == pytest.approx(1)  # no rival at all


def test_one_criterion_is_all_or_nothing():
    assert region(gaps([[0.3]])).share == 1 and region(gaps([[0.3]])).centroid.tolist() == [1.0]
    assert region(gaps([[-0.3]])).empty


def test_the_share_of_one_lead_matches_the_closed_form():
    # For weights uniform on the simplex and distinct leads d, P(d . w >= 0) = sum_i max(d_i, 0)^(k-1) /
    # prod_{j != i} (d_i - d_j) (the B-spline with knots d, a classical result on linear forms of spacings).
    d = np.array([0.31, -0.52, 0.07, -0.18, 0.44])
    closed = sum(max(d[i], 0) ** 4 / np.prod([d[i] - d[j] for j in range(5) if j != i]) for i in range(5))
    assert region(gaps([d])).share == pytest.approx(closed, abs=1e-12)


def test_the_2019_region_against_a_hand_calculation(analyses):
    # Hanoi's lead over Da Nang on the facilities, from the values knowable on 6 February 2019 on their log scales
    # (hall 100-10,000 seats, weight 0.5; meeting capacity 100-20,000, weight 0.5; rooms 1,000-100,000, weight 1):
    # Hanoi 3,800 seats, 9,600 seats, 57,906 rooms (the middle of 55,000-60,812); Da Nang 2,500 seats, 3,750 seats
    # (the middle of 2,500-5,000, the convention centre alone) and 34,633 rooms (December 2018).
    def facilities(hall, meeting, rooms):
        return (0.5 * math.log(hall / 100, 100) + 0.5 * math.log(meeting / 100, 200) + math.log(rooms / 1000, 100)) / 2
    flight, facilities_lead, security, economic, relations = reveal.decision(analyses[0]).gaps.iloc[0]
    assert facilities_lead == pytest.approx(facilities(3800, 9600, 57906) - facilities(2500, 3750, 34633), abs=1e-9)
    assert facilities_lead == pytest.approx(0.1229, abs=1e-4)
    # Beach levels 0 and 2 of 3 (rubric scores 0 and 0.667), reforms equal: -(0.667 / 2) on the economic model.
    assert (security, relations, economic) == (0, 0, pytest.approx(-0.3335))
    # One wall: uniform weights on the simplex are independent exponentials over their sum, so the share where
    # a E1 + b E2 >= c E4 is 1 - E[exp(-(a E1 + b E2) / c)] = 1 - 1 / ((1 + a / c)(1 + b / c)).
    hanoi = region(reveal.decision(analyses[0]).gaps)
    c = -economic
    assert hanoi.share == pytest.approx(1 - 1 / ((1 + flight / c) * (1 + facilities_lead / c)), abs=1e-12)
    assert hanoi.bounds.loc["economic_model", "most"] == pytest.approx(facilities_lead / (facilities_lead + c))
    assert round(hanoi.share, 3) == 0.409


def test_the_least_weight_to_move_into_the_region_is_the_exact_flip_threshold():
    # Two venues: the least shift into Hanoi's region from the neutral weights is the weight that must move for
    # Hanoi to draw level with Da Nang, which `sensitivity` finds by a greedy argument.
    data = sv.load_dataset(extra_venues=[])
    scores = sv.criterion_scores(data)
    hanoi = region(reveal.decision(data).gaps)
    shift = sensitivity.smallest_shift(scores, sv.default_weights(data), challenger="hanoi")
    assert weight_region.least_shift_into(hanoi, sv.default_weights(data)) == pytest.approx(shift.moved, abs=1e-9)
    assert hanoi.contains(shift.weights)  # the tying weights lie on its wall
    assert weight_region.least_shift_into(hanoi, shift.weights) == pytest.approx(0, abs=1e-9)


# --- A second library: pysensmcda 2.0.0's exact acceptability -------------------------------------------------
# pysensmcda needs pandas < 3, so it cannot share this project's environment: its exact_acceptability(matrix,
# np.ones(5), scaling="none") was run on these matrices in an environment of its own, and its results are below.
# The matrices are fixed inputs: the criterion scores of the 2019 field (article's model) and of 2018 (every
# extension), rounded to three places, as they stood before the data knowable on each date changed them (issue 16).
# What is compared is the two programs' arithmetic on the same matrices, not today's scores.

FIELD = np.array([[0.773, 0.838, 0.821, 0.5, 1.0], [0.694, 0.728, 0.821, 0.834, 1.0], [0.745, 0.927, 0.324, 0.25, 1.0],
                  [0.181, 0.811, 0.349, 0.584, 0.5], [0.473, 0.946, 0.966, 0.416, 1.0]])
BACKTEST = np.array([[0.237, 0.871, 0.649, 0.708, 1.0], [0.615, 0.637, 0.666, 0.323, 1.0],
                     [0.75, 0.71, 0.615, 0.616, 0.5]])
PYSENSMCDA = {  # venue row: (acceptability, central weights, weight_max); weight_min was 0 everywhere but one
    ("field", 0): (0.2106413384, [0.3881163253, 0.188822116, 0.1550504749, 0.0680110838, 0.2],
                   [1.0, 0.6292083133, 0.6741573034, 0.2370547945, 1.0]),
    ("field", 1): (0.5222616507, [0.1782830079, 0.1407679611, 0.1684628962, 0.3124861348, 0.2],
                   [0.808716707, 0.6572327044, 0.7424511545, 1.0, 1.0]),
    ("field", 2): (0.0138231397, [0.2536067071, 0.4860660065, 0.0194530374, 0.040874249, 0.2],
                   [0.7606837607, 0.9347079038, 0.0972651869, 0.2043712451, 1.0]),
    ("field", 3): (0.0, None, None),  # Honolulu never ranks first: no polytope at all
    ("field", 4): (0.2532738713, [0.0854041467, 0.3158225141, 0.3122680904, 0.0865052488, 0.2],
                   [0.3258426966, 1.0, 1.0, 0.3427672956, 1.0]),
    ("backtest", 0): (0.588494604, [0.0971321397, 0.24204028, 0.2002941717, 0.2390848446, 0.221448564],
                      [0.3537113972, 1.0, 0.9577114428, 1.0, 1.0]),
    ("backtest", 1): (0.1670520932, [0.2832321894, 0.1039582564, 0.2330768198, 0.0698243024, 0.309908432],
                      [0.7874015748, 0.5175473186, 1.0, 0.3472802809, 1.0]),
    ("backtest", 2): (0.2444533028, [0.3907647339, 0.1644246835, 0.1766881021, 0.1948656967, 0.0732567837],
                      [1.0, 0.7611275964, 0.8179145138, 0.8479338843, 0.2990083219]),
}


@pytest.mark.parametrize("case", sorted(PYSENSMCDA), ids=lambda c: f"{c[0]}-venue{c[1]}")
def test_exact_values_agree_with_pysensmcda(case):
    matrix = {"field": FIELD, "backtest": BACKTEST}[case[0]]
    chosen = case[1]
    found = region(gaps(matrix[chosen] - np.delete(matrix, chosen, axis=0)))
    share, centroid, most = PYSENSMCDA[case]
    assert found.share == pytest.approx(share, abs=1e-9)
    if centroid is None:
        assert found.empty
        return
    assert found.centroid.to_numpy() == pytest.approx(centroid, abs=1e-9)
    assert found.bounds.most.to_numpy() == pytest.approx(most, abs=1e-9)
    least = [0.0736544764, 0, 0, 0, 0] if case == ("backtest", 2) else [0] * 5
    assert found.bounds.least.to_numpy() == pytest.approx(least, abs=1e-9)


# --- Brute force and Monte Carlo --------------------------------------------------------------------------------

RANDOM = gaps(np.random.default_rng(19).uniform(-1, 1, size=(3, 5)).round(3))


def test_linear_programme_bounds_against_brute_force_sampling_and_the_vertices():
    found = region(RANDOM)
    assert found.consistent
    weights = random_weights(5, 400_000)
    inside = weights[(weights @ RANDOM.to_numpy().T >= 0).all(axis=1)]
    # No sampled point lies outside the bounds, and the sample comes close to each end (an end is a corner where
    # the region narrows like a cone, so uniform draws reach it only to within a few hundredths).
    assert (inside.min(axis=0) >= found.bounds.least.to_numpy() - 1e-12).all()
    assert (inside.max(axis=0) <= found.bounds.most.to_numpy() + 1e-12).all()
    assert inside.min(axis=0) == pytest.approx(found.bounds.least.to_numpy(), abs=0.06)
    assert inside.max(axis=0) == pytest.approx(found.bounds.most.to_numpy(), abs=0.06)
    # The vertices' extremes give the same bounds as the linear programmes.
    from_vertices = region(RANDOM, programmes=False)
    pd.testing.assert_frame_equal(from_vertices.bounds, found.bounds, atol=1e-9)


def test_exact_share_and_centroid_against_a_million_draws():
    found = region(RANDOM)
    weights = random_weights(5, 1_000_000, seed=8)
    agree = (weights @ RANDOM.to_numpy().T >= 0).all(axis=1)
    error = math.sqrt(found.share * (1 - found.share) / len(weights))
    assert abs(agree.mean() - found.share) < 4 * error
    spread = weights[agree].std(axis=0) / math.sqrt(agree.sum())
    assert (np.abs(weights[agree].mean(axis=0) - found.centroid.to_numpy()) < 4 * spread).all()


def test_the_regions_of_many_draws_are_the_regions_of_each_draw():
    rng = np.random.default_rng(5)
    batch = rng.uniform(-1, 1, size=(40, 2, 4))
    batch[0] = [[-1, -1, -1, -1], [0.1, 0.2, 0.3, 0.4]]  # empty
    batch[1] = [[1, -1, 0, 0], [-1, 1, 0, 0]]  # ties only
    batch[2] = [[0, 0, 0, 0], [0.1, 0.2, 0.3, 0.4]]  # a rival with the same scores
    found = weight_region.draw_regions(batch, list("abcd"))
    for draw in range(len(batch)):
        one = region(gaps(batch[draw], list("abcd")))
        assert found.consistent[draw] == one.consistent, draw
        if one.empty:
            assert found.least.iloc[draw].isna().all()
        else:
            assert found.least.iloc[draw].to_numpy() == pytest.approx(one.bounds.least.to_numpy(), abs=1e-9)
            assert found.most.iloc[draw].to_numpy() == pytest.approx(one.bounds.most.to_numpy(), abs=1e-9)
    assert found.share_consistent == pytest.approx(found.consistent.mean())
    assert list(found.spread().columns.get_level_values(1)) == ["5%", "median", "95%"] * 2
    # The same corners answer whether each matrix agrees, as the linear programme does, one matrix at a time.
    each = [weight_region.agrees(gaps(matrix, list("abcd"))) for matrix in batch]
    assert list(weight_region.agrees_each(batch)) == each and each[:3] == [False] * 3 and any(each)


def test_a_slice_is_the_region_of_three_composite_criteria():
    # Slicing the triangle w0 >= 1/2 of four criteria at x = c0, y = c1, the rest shared equally by c2 and c3.
    four = gaps([[1, -1, -1, -1]])
    cut = region(weight_region.slice_gaps(four, "c0", "c1"))
    assert list(cut.criteria) == ["c0", "c1", "rest"] and cut.share == pytest.approx(0.25)
    assert weight_region.polygon(cut, "c0", "c1").shape == (3, 2)


# --- The real decisions ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def analyses():
    return sv.load_dataset(extra_venues=[]), sv.load_dataset(analysis="backtest-2018", extra_venues=[])


def test_the_decisions_are_read_from_history_and_measured_against_every_other_venue(analyses):
    decided_2019, decided_2018 = analyses
    hanoi, singapore = reveal.decision(decided_2019), reveal.decision(decided_2018)
    assert (hanoi.chosen, hanoi.rivals, hanoi.label) == ("hanoi", ("danang",), "2019")
    assert singapore.describe() == "2018: Singapore chosen over Ulaanbaatar and Panmunjom"
    assert list(singapore.gaps.index) == ["2018: Singapore over Ulaanbaatar", "2018: Singapore over Panmunjom"]
    scores = sv.criterion_scores(decided_2018)
    pd.testing.assert_series_equal(singapore.gaps.iloc[0], (scores.loc["singapore"] - scores.loc["ulaanbaatar"]),
                                   check_names=False)


def test_a_model_choice_reaches_the_region_through_the_choice_machinery(analyses):
    decided_2019, decided_2018 = analyses
    switched = reveal.read([decided_2019, decided_2018], choice_ids=["summit_logistics"])
    extended = reveal.read([decided_2019, decided_2018], extensions=["summit_logistics"])
    pd.testing.assert_frame_equal(switched.region.gaps, extended.region.gaps)
    # A choice that names a 2019 venue only changes 2019's leads.
    media = reveal.read([decided_2019, decided_2018], ["summit_logistics"], ["danang_media_registered"])
    pd.testing.assert_frame_equal(media.region.gaps.iloc[1:], extended.region.gaps.iloc[1:])
    assert media.region.gaps.iloc[0, 1] > extended.region.gaps.iloc[0, 1]  # a smaller Da Nang media centre


def test_the_smallest_additions_are_found_by_size(analyses, monkeypatch):
    both = list(analyses)
    assert reveal.smallest_additions(both) == [()]
    strained, made = ["summit_logistics", "city_security"], ["hanoi_widebody_1"]
    assert reveal.read(both, strained).region.consistent  # a sliver of 0.000063% ...
    assert reveal.read(both, strained, made).region.status == TIES_ONLY  # ... and with Hanoi's airport lower, a tie
    batches, agrees_each = [], weight_region.agrees_each
    monkeypatch.setattr(weight_region, "agrees_each", lambda leads: batches.append(len(leads)) or agrees_each(leads))
    found = reveal.smallest_additions(both, strained, choice_ids=made)
    assert found == [("overland",), ("track_record",), ("city_diplomacy",), ("facilities_linear",),
                     ("facilities_one_decade",)]
    # The model as it is, then each of the 19 choices it can add (22 less the three it has): no pair was built.
    assert batches == [1, 19]
    # Brute force through the ordinary reading (every analysis scored whole, its region by linear programmes).
    for group in reveal.candidate_groups(both, strained, made):
        for choice in group:
            agrees = reveal.read(both, strained, [*made, choice]).region.consistent
            assert agrees == ((choice,) in found), choice
    assert reveal.smallest_additions(both, strained, max_size=0, choice_ids=made) == []
    text = reveal.additions_text(found, both)
    assert "- Kim's overland journey switched on\n" in text and "- facilities on linear scales\n" in text
    assert "overland" not in text.replace("overland journey", "")  # names, not ids
    assert reveal.additions_text([], both) == ("No set of at most 3 of the model choices (model_choices.csv) makes "
                                               "the model agree; larger sets were not tried.")


def test_the_search_never_pairs_alternatives_and_stops_at_the_first_size_that_works(analyses, monkeypatch):
    """Mechanics, with stand-in leads: each of three choices raises the first criterion's lead by 0.6 from -1, so any
    two of them agree. Two of the three, the beach at half and at a third of the reforms, set the same weight."""
    asked = []

    def stand_in(self, added):
        asked.append(set(added))
        lead = -1 + 0.6 * len(set(added) & {"beach_half", "beach_third", "facilities_linear"})
        return np.array([[lead, -1.0, -1.0, -1.0, -1.0]])

    monkeypatch.setattr(reveal.Additions, "matrix", stand_in)
    assert reveal.smallest_additions(list(analyses)) == [("beach_half", "facilities_linear"),
                                                         ("beach_third", "facilities_linear")]
    assert not any({"beach_half", "beach_third"} <= s for s in asked)  # never tried together
    assert max(map(len, asked)) == 2  # stopped at pairs
    # Every pair of the 22 choices but the three pairs of alternatives (two beach weights, Da Nang's two beach levels,
    # Hanoi's two meeting-site levels), each checked once.
    assert sum(len(s) == 2 for s in asked) == math.comb(22, 2) - 3 == 228


def test_the_choices_a_search_can_add(analyses):
    both = list(analyses)
    groups = reveal.candidate_groups(both)
    assert ["beach_half", "beach_third"] in groups and ["danang_beach_1", "danang_beach_3"] in groups
    assert ["singapore_beach_0"] in groups  # defined by the backtest alone
    assert sum(map(len, groups)) == 22 and len(groups) == 19
    later = [c for g in reveal.candidate_groups(both, ["summit_logistics"], ["beach_third"]) for c in g]
    assert "summit_logistics" not in later and "beach_third" not in later and "beach_half" not in later
    assert "city_security" in later
    every = [c for g in reveal.candidate_groups(both, "all") for c in g]
    assert not set(every) & set(analyses[0].extensions.index) and "facilities_linear" in every


@pytest.mark.parametrize("extensions, made, added", [
    (["track_record"], ["hanoi_beach_1"],  # four choices on one criterion, a value with its extension among them
     ("summit_logistics", "danang_media_registered", "facilities_linear", "facilities_one_decade")),
    (["track_record"], ["hanoi_beach_1"], ("city_economy", "beach_third", "danang_beach_1")),
    (["track_record"], ["hanoi_beach_1"], ("city_security", "hanoi_sealability_2", "danang_sealability_1", "overland")),
    # Hanoi's airport without its extension changes nothing; Singapore's beach only the backtest.
    (["track_record"], ["hanoi_beach_1"], ("route_length_only", "kim_range_7000", "singapore_beach_0",
                                           "hanoi_widebody_1")),
    ((), ["summit_logistics"], ("hanoi_widebody_1", "danang_runway_3048")),  # the extension among the choices made
    ("all", [], ("danang_media_registered", "beach_half")),
    ((), ["beach_half", "kim_range_7000"], ("facilities_linear", "danang_beach_1")),  # choices made elsewhere
])
def test_leads_put_together_criterion_by_criterion_are_the_whole_models(analyses, extensions, made, added):
    """The search scores each criterion once per set of the choices that touch it; what it puts together is what
    scoring each analysis whole with every choice gives."""
    additions = reveal.Additions(list(analyses), extensions, choice_ids=made)
    whole = pd.concat([reveal.decision(data, extensions, [c for c in [*made, *added]
                                                          if c in set(data.model_choices.choice_id)]).gaps
                       for data in analyses])
    pd.testing.assert_frame_equal(additions.leads(added), whole, check_exact=False, atol=1e-12)


def test_choices_are_named_for_readers(analyses):
    both = list(analyses)
    assert reveal.choice_label(both, "beach_half") == "the beach at half the weight of the reforms"
    assert reveal.choice_label(both, "overland") == "Kim's overland journey switched on"
    # A choice of the backtest alone is named from it, in the model's name too.
    assert reveal.read(both, choice_ids=["singapore_beach_0"]).model == (
        "the article's model with the model choice 'Singapore's beach one level lower'")
    assert reveal.read(both, ["summit_logistics"], ["hanoi_widebody_1"]).model == (
        "the article's model with the extension 'Airport and media centre', and the model choice 'Hanoi's airport "
        "one level lower'")
    with pytest.raises(ValueError, match="unknown model choice 'nope'"):
        reveal.choice_label(both, "nope")


@pytest.mark.parametrize("share, text", [(0.2374, "23.7%"), (1, "100.0%"), (0.01, "1.0%"), (0.004093, "0.41%"),
                                         (0.000603, "0.060%"), (6.34e-7, "0.000063%"), (0.00999, "1.0%"), (0, "0.0%")])
def test_a_share_with_volume_never_reads_as_nothing(share, text):
    assert reveal.share_text(share) == text


def test_the_draws_of_certain_values_are_the_point_region(analyses, monkeypatch):
    decided_2019, _ = analyses
    certain = uncertainty.uncertain_scores(decided_2019)
    values = uncertainty.point_values(decided_2019, list(certain.indicators)).loc[list(certain.venues)].to_numpy()
    certain = smaa.UncertainScores(values, values, certain.group, certain.scales, certain.membership,
                                   certain.venues, certain.indicators, certain.criteria)
    monkeypatch.setattr(uncertainty, "uncertain_scores", lambda data, extensions=(): certain)
    drawn = reveal.decision_draws(decided_2019, n_draws=3)
    point = region(reveal.decision(decided_2019).gaps)
    found = reveal.region_draws(drawn)
    assert found.consistent.all()
    assert found.most.iloc[0].to_numpy() == pytest.approx(point.bounds.most.to_numpy(), abs=1e-6)


def test_draws_repeat_per_analysis_whether_read_alone_or_together(analyses):
    decided_2019, decided_2018 = analyses
    alone = reveal.decision_draws(decided_2019, n_draws=50, seed=3)
    again = reveal.decision_draws(decided_2019, n_draws=50, seed=3)
    other = reveal.decision_draws(decided_2018, n_draws=50, seed=3)
    np.testing.assert_array_equal(alone.gaps, again.gaps)
    assert reveal.region_draws(alone, other).consistent.shape == (50,)
    assert not np.array_equal(reveal.decision_draws(decided_2019, n_draws=50, seed=4).gaps, alone.gaps)


def test_an_infinite_value_known_for_certain_is_drawn_at_its_scales_end():
    field = sv.load_dataset(extra_venues=[sv.data_dir() / "more-venues" / "field-2019.csv"])
    uncertain = uncertainty.uncertain_scores(field, "all")  # Honolulu: no railway, an infinite distance
    drawn = smaa.sample_criterion_scores(uncertain, 20, seed=1)
    scores = sv.criterion_scores(field, "all")
    rail = list(uncertain.indicators).index("kim_rail_from_border")
    assert np.isfinite(uncertain.low).all() and uncertain.low[list(uncertain.venues).index("honolulu"), rail] == 1000
    # Criterion scores drawn with every value certain would be the scores; here the drawn ones stay near them.
    assert np.abs(drawn.mean(axis=0) - scores.loc[list(uncertain.venues)].to_numpy()).max() < 0.15


def test_the_charts_and_tables_show_empty_and_tied_regions_in_words():
    from summit_venues.sharing import revealed

    names = pd.Series({"c0": "First", "c1": "Second", "c2": "Third"})
    regions = {"leads": region(gaps([[1, -1, -1]])), "empty": region(gaps([[-1, -0.5, -0.1]])),
               "ties": region(gaps([[1, -1, 0], [-1, 1, 0]]))}
    profile_weights = pd.DataFrame([[1 / 3] * 3, [0.5, 0.25, 0.25]], index=["p", "q"], columns=list(names.index))
    bars = revealed.bounds_chart(regions, names, profile_weights, pd.Series({"p": "Even", "q": "Tilted"}), "Bars")
    cut = revealed.slice_chart(regions, "c0", "c1", names, {"even": profile_weights.loc["p"]}, "Slice")
    for chart in (bars, cut):
        assert chart.png().startswith(b"\x89PNG") and repr(chart).startswith("<Chart: ")
    table = revealed.regions_table(regions, names)
    assert table.loc["First", "leads"] == "0.500–1.000 (0.667)" and table.loc["First", "empty"] == "no weights"
    data = sv.load_dataset(extra_venues=[])
    nowhere = region(pd.DataFrame([[-0.1] * 5], columns=data.criteria.index))  # a rival better on everything
    shown = revealed.profiles_table(reveal.profile_table(nowhere, data))
    assert list(shown.index) == list(data.profiles.name)
    assert set(shown.stack()) == {"no", "–"}  # words and dashes, never NaN or False
    assert (revealed.overview_table(reveal.overview({"never": reveal.Reading((), nowhere, "a model")}, data))
            .loc["never"].tolist() == ["empty", "0.0%", "–", "–"])


# --- The command line, against the notebook ----------------------------------------------------------------------

REVEAL_NOTEBOOK = Path(__file__).resolve().parents[2] / "notebooks" / "10-what-the-choices-reveal.ipynb"


@pytest.mark.parametrize("args", [["reveal", "--analysis", "backtest-2018"],
                                  ["reveal", "--with-analysis", "backtest-2018"]])
def test_reveal_prints_what_notebook_10_shows(capsys, args):
    """The notebook prints each region under the command that prints it: the same text, number for number."""
    assert main(args) == 0
    printed = capsys.readouterr().out
    shown = ["".join(output.get("text", "")) for cell in json.loads(REVEAL_NOTEBOOK.read_text())["cells"]
             for output in cell.get("outputs", []) if output["output_type"] == "stream"]
    assert f"$ summit-venues {' '.join(args)}\n{printed}" in shown


def test_reveal_with_every_extension_and_when_only_ties_are_left(capsys, monkeypatch):
    assert main(["reveal", "--analysis", "backtest-2018", "--extensions", "all"]) == 0
    out = capsys.readouterr().out
    assert "on the article's model with every extension" in out and "for 59.5% of all weight vectors" in out
    # A region with volume, however thin, is no tie, and its share shows.
    strained = ["--with-analysis", "backtest-2018", "--extensions", "summit_logistics,city_security"]
    assert main(["reveal", *strained]) == 0
    assert "The model agrees with both choices for 0.000063% of all weight vectors" in capsys.readouterr().out
    # Where the region has no volume (against the wider field), the command searches for the smallest additions
    # (tested above) and lists them.
    monkeypatch.setattr(reveal, "smallest_additions", lambda datasets, extensions: [("overland",), ("track_record",)])
    assert main(["reveal", "--extra-venues", str(sv.data_dir() / "more-venues" / "field-2019.csv"), *strained]) == 0
    out = capsys.readouterr().out
    assert "has no volume (a share of 0)" in out
    assert out.rstrip().endswith("2 sets of 1 model choice, each enough:\n- Kim's overland journey switched on\n"
                                 "- record of hosting leaders' events switched on")


@pytest.mark.parametrize("args, status, message", [
    (["reveal", "--extensions", "nope"], 2, "unknown extension 'nope'; the extensions are overland,"),
    (["reveal", "--with-analysis", "nowhere"], 1, "nowhere"),
])
def test_reveal_refuses_what_it_cannot_read(capsys, args, status, message):
    assert main(args) == status
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_reveal_without_a_decision_on_the_decision_date_says_so(capsys, data_copy):
    data_copy.set("history.csv", "hanoi_announced", "place", "Vietnam")  # a country, not a venue
    assert main(["reveal", "--data", str(data_copy.folder)]) == 1
    assert ("data/history.csv, column 'place': no row names a venue on the decision date 2019-02-08"
            in capsys.readouterr().err)


# --- Bad input -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad, error, message", [
    ([[0.1, 0.2]], TypeError, "must be a DataFrame"),
    (pd.DataFrame(index=["a"]), ValueError, "no criteria"),
    (pd.DataFrame([[0.1, np.nan]], index=["over x"], columns=["a", "b"]), ValueError,
     "row 'over x', criterion 'b': the lead is nan"),
    (pd.DataFrame([[0.1, np.inf]], index=["over x"], columns=["a", "b"]), ValueError, "finite number"),
    (pd.DataFrame([[0.1, 0.2]], columns=["a", "a"]), ValueError, "criterion 'a' appears twice"),
    (pd.DataFrame([["x", 0.2]], columns=["a", "b"]), ValueError, "must hold numbers"),
])
def test_bad_gaps_are_named(bad, error, message):
    with pytest.raises(error, match=message.replace("(", r"\(")):
        region(bad)


def test_bad_weights_slices_and_draws_are_named():
    found = region(gaps([[1, -1]]))
    with pytest.raises(ValueError, match="every criterion"):
        found.contains(pd.Series({"c0": 1}))
    with pytest.raises(ValueError, match="not all of them 0"):
        weight_region.least_shift_into(found, [0, 0])
    with pytest.raises(ValueError, match="two different criteria"):
        weight_region.slice_gaps(RANDOM, "c0", "c0")
    with pytest.raises(ValueError, match="two different criteria"):
        weight_region.slice_gaps(RANDOM, "c0", "nowhere")
    with pytest.raises(ValueError, match="draws x rows x criteria, with 2 criteria"):
        weight_region.draw_regions(np.zeros((3, 2)), ["a", "b"])
    with pytest.raises(ValueError, match=r"matrices x rows x criteria; got the shape \(3, 2\)"):
        weight_region.agrees_each(np.zeros((3, 2)))
    with pytest.raises(ValueError, match="finite"):
        weight_region.draw_regions(np.full((3, 1, 2), np.nan), ["a", "b"])
    with pytest.raises(ValueError, match="positive whole number"):
        smaa.sample_criterion_scores(uncertainty.uncertain_scores(sv.load_dataset(extra_venues=[])), 0)


def test_bad_decisions_are_named(analyses):
    decided_2019, decided_2018 = analyses
    with pytest.raises(ValueError, match="unknown model choice 'nope' .*; its choices are overland"):
        reveal.decision(decided_2019, choice_ids=["nope"])
    with pytest.raises(ValueError, match="rival 'hanoi' is the chosen venue itself"):
        reveal.decision(decided_2019, rivals=["hanoi"])
    with pytest.raises(ValueError, match="rival 'atlantis' is not a venue of the analysis; the rivals can be danang"):
        reveal.decision(decided_2019, rivals=["atlantis"])
    with pytest.raises(ValueError, match="has no rival"):
        reveal.decision(decided_2019, rivals=[])
    with pytest.raises(ValueError, match="unknown extension 'nope'"):
        reveal.decision(decided_2019, ["nope"])
    with pytest.raises(ValueError, match="1 lists of rivals for 2 analyses"):
        reveal.read([decided_2019, decided_2018], rivals=[None])
    with pytest.raises(ValueError, match="no analysis given"):
        reveal.read([])
    for search in (reveal.read, reveal.Additions):  # a choice neither analysis defines is refused, not ignored
        with pytest.raises(ValueError, match="unknown model choice 'nope'; the analyses' choices are overland"):
            search([decided_2019, decided_2018], choice_ids=["nope"])
    with pytest.raises(ValueError, match="no analysis given"):
        reveal.Additions([])
    other = reveal.decision(decided_2018)
    renamed = reveal.Decision(other.label, other.chosen, other.rivals, other.scores.add_prefix("x_"), other.names)
    with pytest.raises(ValueError, match="scored on other criteria .*one region needs one model"):
        reveal.region_of([reveal.decision(decided_2019), renamed])
    with pytest.raises(ValueError, match="no decision given"):
        reveal.region_of([])
