"""Model choices as data (summit_venues.decision.choices): each kind applied, and the margins they give, by hand."""
import itertools
import math

import pandas as pd
import pytest

import summit_venues as sv
from summit_venues.decision import choices

CHOICE_COLUMNS = ["choice_id", "kind", "target", "value", "reason"]


@pytest.fixture(scope="module")
def data():
    return sv.load_dataset()


@pytest.fixture(scope="module")
def weights(data):
    return sv.default_weights(data)


def route_km(data, venue):
    return data.venue_table.loc[venue, "safe_route_km_from_FNJ"]


def with_choices(data_copy, *rows):
    """Replace model_choices.csv of a data copy by `rows` (choice_id, kind, target, value)."""
    data_copy.write("model_choices.csv", [dict(zip(CHOICE_COLUMNS, (*r, "test"))) for r in rows], CHOICE_COLUMNS)
    return sv.load_dataset(data_copy.folder)


def test_an_extension_choice_switches_the_extension_on_and_changes_no_data(data):
    changed, extensions = choices.apply(data, ["overland"])
    assert extensions == ["overland"]
    pd.testing.assert_frame_equal(changed.indicators, data.indicators)
    pd.testing.assert_frame_equal(changed.venue_table, data.venue_table)
    # Rail 167 and road 170 km for Hanoi, 958 and 934 for Da Nang, beside the two flight indicators.
    flight = choices.overall_with(data, pd.Series({c: float(c == "flight_path") for c in data.criteria.index}),
                                  ["overland"])
    for venue, rail, road in (("hanoi", 167, 170), ("danang", 958, 934)):
        share = data.venue_table.loc[venue, "safe_route_sovereign_share_from_FNJ"]
        expected = (1 - route_km(data, venue) / 10000 + share + 1 - rail / 1000 + 1 - road / 1000) / 4
        assert flight[venue] == pytest.approx(expected, abs=1e-12)


def test_an_indicator_off_choice_leaves_the_indicator_out(data):
    changed, extensions = choices.apply(data, ["route_length_only"])
    assert extensions == [] and "kim_route_sovereign_share" not in changed.indicators.index
    assert "kim_route_sovereign_share" in data.indicators.index  # the original is untouched
    flight = sv.criterion_scores(changed)["flight_path"]
    for venue in ("hanoi", "danang"):  # the flight path is its length alone
        assert flight[venue] == pytest.approx(1 - route_km(data, venue) / 10000, abs=1e-12)


def test_an_anchor_choice_moves_the_anchor(data):
    changed, _ = choices.apply(data, ["kim_range_7000"])
    assert changed.indicators.loc["kim_flight_distance", "worst"] == 7000
    assert data.indicators.loc["kim_flight_distance", "worst"] == 10000
    scores = sv.indicator_scores(changed)["kim_flight_distance"]
    for venue in ("hanoi", "danang"):
        assert scores[venue] == pytest.approx(1 - route_km(data, venue) / 7000, abs=1e-12)


def test_a_city_value_choice_changes_that_city_only(data):
    changed, _ = choices.apply(data, ["danang_media_registered"])
    assert changed.venue_table.loc["danang", "media_centre_reporters"] == 2000
    assert changed.venue_table.loc["hanoi", "media_centre_reporters"] == 1500
    assert data.venue_table.loc["danang", "media_centre_reporters"] == 3000  # the original is untouched
    scores = sv.indicator_scores(changed, ["summit_logistics"])["media_centre"]
    assert scores.to_dict() == pytest.approx({"hanoi": 1500 / 2500, "danang": 2000 / 2500})


def test_a_country_value_choice_changes_every_city_of_that_country(data_copy):
    data = with_choices(data_copy, ("gpi_30", "value", "countries/VNM/gpi_rank", "30"))
    changed, _ = choices.apply(data, ["gpi_30"])
    assert changed.venue_table.gpi_rank.to_dict() == {"hanoi": 30, "danang": 30}
    peace = sv.indicator_scores(changed)["peace_index"]
    assert peace.to_dict() == pytest.approx({"hanoi": (163 - 30) / 162, "danang": (163 - 30) / 162})


def test_a_value_choice_fills_a_cell_left_empty(data_copy):
    # Hanoi's rooms are not known at the analysis date (scored at 50,406, the middle of the range); a choice
    # may put a figure there instead.
    data = with_choices(data_copy, ("hanoi_rooms", "value", "venues/hanoi/accommodation_rooms", "40000"))
    changed, _ = choices.apply(data, ["hanoi_rooms"])
    hotels = sv.indicator_scores(changed)["hotel_rooms"]
    assert hotels["hanoi"] == pytest.approx(math.log10(40) / 2, abs=1e-12)  # log(40,000 / 1,000) / log(100)
    assert sv.indicator_scores(data)["hotel_rooms"]["hanoi"] == pytest.approx(math.log10(50.406) / 2, abs=1e-12)


def test_a_choice_naming_something_that_does_not_exist(data_copy):
    data_copy.write("model_choices.csv", [dict(zip(CHOICE_COLUMNS, r)) for r in (
        ("bad_anchor", "anchor", "kim_flight_distance/middle", "7000", "test"),
        ("bad_value", "value", "venues/hue/main_hall_seats", "many", "test"))], CHOICE_COLUMNS)
    with pytest.raises(sv.DataError) as caught:
        sv.load_dataset(data_copy.folder)
    assert [str(p) for p in caught.value.problems] == [
        "data/model_choices.csv, row 'bad_anchor', column 'target': 'kim_flight_distance/middle' is not something "
        "a 'anchor' choice can change",
        "data/model_choices.csv, row 'bad_value', column 'target': 'venues/hue/main_hall_seats' is not something "
        "a 'value' choice can change",
        "data/model_choices.csv, row 'bad_value', column 'value': 'many' is not a number"]


def test_single_switches_margins_by_hand(data, weights):
    table = choices.single_switches(data, weights)
    assert list(table.columns) == ["kind", "margin", "change", "reason"]
    assert sorted(table.index) == sorted(data.model_choices.choice_id)
    pair = choices.baseline_pair(data, weights)
    overall = sv.overall_scores(sv.criterion_scores(data), weights)
    base = overall[pair[0]] - overall[pair[1]]
    # The embassies: diplomatic relations become (1 + 1) / 2 = 1 for Hanoi, (1 + 0) / 2 = 0.5 for Da Nang,
    # from 1 for both; a fifth of the weight: Da Nang loses 0.1 against Hanoi.
    sign = 1 if pair == ("hanoi", "danang") else -1
    assert set(pair) == {"hanoi", "danang"}
    assert table.loc["city_diplomacy", "change"] == pytest.approx(sign * 0.1, abs=1e-12)
    assert table.loc["city_diplomacy", "margin"] == pytest.approx(base + sign * 0.1, abs=1e-12)
    # The 7,000 km anchor: each city's flight score falls by km * (1/7000 - 1/10000), half the criterion, a fifth
    # of the weight.
    fall = {v: route_km(data, v) * (1 / 7000 - 1 / 10000) / 2 / 5 for v in pair}
    assert table.loc["kim_range_7000", "change"] == pytest.approx(-fall[pair[0]] + fall[pair[1]], abs=1e-12)
    # Both runway lengths and both media figures count only with summit_logistics, which is off: no change.
    assert table.loc["danang_runway_3048", "change"] == 0
    assert table.loc["danang_media_registered", "change"] == 0
    # Largest change first.
    assert table.change.abs().is_monotonic_decreasing


def test_combinations_of_three_choices_are_all_enumerated(data_copy):
    data = with_choices(data_copy, ("embassies", "extension", "city_diplomacy", "on"),
                        ("range_7000", "anchor", "kim_flight_distance/worst", "7000"),
                        ("media_2000", "value", "venues/danang/media_centre_reporters", "2000"))
    weights = sv.default_weights(data)
    table = choices.combinations(data, weights)
    ids = ["embassies", "range_7000", "media_2000"]
    subsets = [[c for c, on in zip(ids, bits) if on] for bits in itertools.product([False, True], repeat=3)]
    assert len(table) == 2 ** 3
    assert list(table.choices) == [", ".join(s) or "(the article's model)" for s in subsets]
    assert list(table["count"]) == [len(s) for s in subsets]
    # The three move different criteria (or nothing), and the overall score is a weighted sum: each combination's
    # margin is the baseline's plus the single changes of its members.
    single = choices.single_switches(data, weights).change
    base = table.margin[0]
    for subset, margin in zip(subsets, table.margin):
        assert margin == pytest.approx(base + sum(single[c] for c in subset), abs=1e-12)
    pair = choices.baseline_pair(data, weights)
    assert list(table.leader) == [pair[0] if m > 0 else pair[1] for m in table.margin]


def test_more_combinations_than_the_limit_are_a_seeded_sample(data_copy):
    data = with_choices(data_copy, ("embassies", "extension", "city_diplomacy", "on"),
                        ("range_7000", "anchor", "kim_flight_distance/worst", "7000"),
                        ("media_2000", "value", "venues/danang/media_centre_reporters", "2000"))
    weights = sv.default_weights(data)
    sample = choices.combinations(data, weights, limit=7)  # 8 > 7: sampled
    assert len(sample) == 7
    pd.testing.assert_frame_equal(sample, choices.combinations(data, weights, limit=7))  # same seed, same sample
    others = [choices.combinations(data, weights, limit=7, seed=s) for s in (1, 2, 3)]
    assert any(not o.choices.equals(sample.choices) for o in others)
    for row in sample.itertuples():
        chosen = [] if row.count == 0 else row.choices.split(", ")
        overall = choices.overall_with(data, weights, chosen)
        assert row.margin == pytest.approx(overall[choices.baseline_pair(data, weights)[0]]
                                           - overall[choices.baseline_pair(data, weights)[1]], abs=1e-12)


def test_the_real_choices_are_sampled(data, weights):
    assert len(data.model_choices) == 10  # 2**10 = 1024 combinations, above the default limit of 256
    table = choices.combinations(data, weights, limit=12)
    assert len(table) == 12
    for row in table.itertuples():
        chosen = [] if row.count == 0 else row.choices.split(", ")
        assert len(chosen) == row.count and set(chosen) <= set(data.model_choices.choice_id)


def test_the_fast_scorer_gives_what_applying_the_choices_gives(data):
    """combinations() scores hundreds of choice sets with a shortcut: it must agree with apply() + criterion_scores."""
    import numpy as np

    from summit_venues.decision.scoring import default_weights

    ids = list(data.model_choices.choice_id)
    rng = np.random.default_rng(7)
    for profile in ("neutral", "usa"):
        weights = default_weights(data, profile)
        fast = choices._Scorer(data, weights)
        for chosen in [[], ids, *([c for c in ids if rng.random() < 0.5] for _ in range(20))]:
            assert fast.overall(chosen).to_numpy() == pytest.approx(
                choices.overall_with(data, weights, chosen).to_numpy(), abs=1e-12), chosen
