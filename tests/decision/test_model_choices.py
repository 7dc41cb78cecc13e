"""Model choices as data (summit_venues.decision.choices): each kind applied, and the margins they give, by hand."""
import itertools
import math

import pandas as pd
import pytest

import summit_venues as sv
from summit_venues.decision import choices

CHOICE_COLUMNS = ["choice_id", "name", "kind", "target", "value", "reason"]


def route_km(data, venue):
    return data.venue_table.loc[venue, "safe_route_km_from_FNJ"]


def with_choices(data_copy, *rows):
    """Replace model_choices.csv of a data copy by `rows` (choice_id, kind, target, value)."""
    data_copy.write("model_choices.csv", [dict(zip(CHOICE_COLUMNS, (r[0], r[0], *r[1:], "test"))) for r in rows],
                    CHOICE_COLUMNS)
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
    # Hanoi's rooms are not known at the analysis date (scored at 57,906, the middle of the range); a choice
    # may put a figure there instead.
    data = with_choices(data_copy, ("hanoi_rooms", "value", "venues/hanoi/accommodation_rooms", "40000"))
    changed, _ = choices.apply(data, ["hanoi_rooms"])
    hotels = sv.indicator_scores(changed)["hotel_rooms"]
    assert hotels["hanoi"] == pytest.approx(math.log10(40) / 2, abs=1e-12)  # log(40,000 / 1,000) / log(100)
    assert sv.indicator_scores(data)["hotel_rooms"]["hanoi"] == pytest.approx(math.log10(57.906) / 2, abs=1e-12)


def test_a_choice_naming_something_that_does_not_exist(data_copy):
    data_copy.write("model_choices.csv", [dict(zip(CHOICE_COLUMNS, r)) for r in (
        ("bad_anchor", "a bad anchor", "anchor", "kim_flight_distance/middle", "7000", "test"),
        ("bad_value", "a bad value", "value", "venues/hue/main_hall_seats", "many", "test"))], CHOICE_COLUMNS)
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
    assert list(table.columns) == ["kind", "family", "margin", "change", "reason"]
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
    # The anchor is the article's; the extension and the value it alone scores are the extensions' family.
    assert [choices.family_of(data, c) for c in ("embassies", "range_7000", "media_2000")] == [
        "extensions", "article", "extensions"]
    article = choices.family_combinations(data, weights, "article")
    assert list(article.table.choices) == ["(the article's model)", "range_7000"] and article.exact
    figure = choices.family_combinations(data, weights, "extensions")
    ids = ["embassies", "media_2000"]
    subsets = [[c for c, on in zip(ids, bits) if on] for bits in itertools.product([False, True], repeat=2)]
    assert (figure.combinations, figure.evaluated, figure.exact) == (4, 4, True)
    assert list(figure.table.choices) == [", ".join(s) or "(the article's model)" for s in subsets]
    assert list(figure.table["count"]) == [len(s) for s in subsets]
    # The choices move different criteria (or nothing), and the overall score is a weighted sum: each combination's
    # margin is the baseline's plus the single changes of its members.
    single = choices.single_switches(data, weights).change
    base = figure.table.margin[0]
    for subset, margin in zip(subsets, figure.table.margin):
        assert margin == pytest.approx(base + sum(single[c] for c in subset), abs=1e-12)
    pair = choices.baseline_pair(data, weights)
    assert list(figure.table.leader) == [pair[0] if m > 0 else pair[1] for m in figure.table.margin]
    assert figure.first == sum(m > 0 for m in figure.table.margin)


def test_alternatives_to_one_judgement_never_combine(data_copy):
    data = with_choices(data_copy, ("half", "weight", "beach_destination", "0.5"),
                        ("third", "weight", "beach_destination", "0.333"),
                        ("range_7000", "anchor", "kim_flight_distance/worst", "7000"),
                        ("decade", "anchor", "main_hall/worst ; kim_flight_distance/worst", "1000 ; 8000"))
    # 'decade' sets the flight anchor too, so it is an alternative to 'range_7000' as well: two groups.
    assert choices.alternative_groups(data, ["half", "third", "range_7000", "decade"]) == [
        ["half", "third"], ["range_7000", "decade"]]
    figure = choices.family_combinations(data, sv.default_weights(data), "article")
    assert figure.combinations == 3 * 3 and len(figure.table) == 9
    assert "half, third" not in set(figure.table.choices)
    with pytest.raises(ValueError, match="'half' and 'third' both set beach_destination"):
        choices.apply(data, ["half", "third"])


def test_more_combinations_than_the_limit_are_a_seeded_sample():
    groups = [["a"], ["b", "c"], ["d"]]  # 2 x 3 x 2 = 12 combinations
    every, total, exact = choices.enumerate_combinations(groups, limit=12)
    assert total == 12 and exact and len(set(every)) == 12
    assert every[:3] == [(), ("d",), ("b",)]  # the last group varies fastest, as itertools.product
    sample, total, exact = choices.enumerate_combinations(groups, limit=5, seed=1)
    assert (total, exact, len(sample), len(set(sample))) == (12, False, 5, 5)
    assert set(sample) <= set(every)
    assert sample == choices.enumerate_combinations(groups, limit=5, seed=1)[0]  # same seed, same sample
    assert any(choices.enumerate_combinations(groups, limit=5, seed=s)[0] != sample for s in (2, 3, 4))


def test_the_real_choices_are_counted_whole(data, weights):
    figures = choices.choice_figures(data, weights)
    # The article's family: route_length_only, kim_range_7000, facilities_linear, facilities_one_decade (2 each),
    # the beach's weight (equal, half, a third), Da Nang's beach level (2, 1, 3), Hanoi's (0, 1): 2^4 x 3 x 3 x 2.
    assert figures["article"].combinations == 2 ** 4 * 3 * 3 * 2 == 288
    # The extensions' family: six extensions, Da Nang's media and runway, Hanoi's wide-body level (2 each),
    # Hanoi's sealability (1, 0, 2) and Da Nang's (2, 1): 2^9 x 3 x 2.
    assert figures["extensions"].combinations == 2 ** 9 * 3 * 2 == 3072
    for figure in figures.values():
        assert figure.exact and figure.evaluated == figure.combinations == len(figure.table)
        assert figure.table.choices.is_unique
        assert figure.share == pytest.approx(figure.table.leader_first.mean(), abs=1e-15)
    # Every combination without an extension keeps the extensions' family at the article's model.
    assert figures["extensions"].table.margin[0] == pytest.approx(figures["article"].table.margin[0], abs=1e-15)


def test_the_fast_scorer_gives_what_applying_the_choices_gives(data):
    """The figures score thousands of choice sets with a shortcut: it must agree with apply() + criterion_scores."""
    import numpy as np

    from summit_venues.decision.scoring import default_weights

    ids = list(data.model_choices.choice_id)
    every, _, _ = choices.enumerate_combinations(choices.alternative_groups(data, ids), limit=10**9)
    rng = np.random.default_rng(7)
    picked = [every[0], every[-1], *(every[i] for i in rng.choice(len(every), size=20, replace=False))]
    for profile in ("neutral", "usa"):
        weights = default_weights(data, profile)
        fast = choices._Scorer(data, weights)
        for chosen in picked:
            assert fast.overall(chosen).to_numpy() == pytest.approx(
                choices.overall_with(data, weights, chosen).to_numpy(), abs=1e-12), chosen


def test_a_weight_choice_reweights_inside_the_criterion(data):
    changed, _ = choices.apply(data, ["beach_half"])
    assert changed.indicators.loc["beach_destination", "weight"] == 0.5
    economic = sv.criterion_scores(changed)["economic_model"]
    # Reforms (level 2 of 0-2: 1) with weight 1, the beach with 0.5: Da Nang's level 2 of 0-3 scores 0.667.
    assert economic["danang"] == pytest.approx((1 + 0.5 * 0.667) / 1.5, abs=1e-12)
    assert economic["hanoi"] == pytest.approx(1 / 1.5, abs=1e-12)


def test_a_scale_choice_changes_the_shape_of_every_target(data):
    changed, _ = choices.apply(data, ["facilities_linear"])
    assert set(changed.indicators.loc[["main_hall", "meeting_capacity", "hotel_rooms"], "shape"]) == {"linear"}
    scores = sv.indicator_scores(changed)
    assert scores.loc["hanoi", "main_hall"] == pytest.approx((3800 - 100) / (10000 - 100), abs=1e-12)
    assert scores.loc["danang", "hotel_rooms"] == pytest.approx((34633 - 1000) / 99000, abs=1e-12)


def test_an_anchor_choice_may_move_several_anchors(data):
    changed, _ = choices.apply(data, ["facilities_one_decade"])
    assert changed.indicators.loc[["main_hall", "meeting_capacity", "hotel_rooms"], "worst"].tolist() == [
        1000, 2000, 10000]
    scores = sv.indicator_scores(changed)
    assert scores.loc["danang", "main_hall"] == pytest.approx(math.log10(2500 / 1000), abs=1e-12)
    assert scores.loc["danang", "hotel_rooms"] == pytest.approx(math.log10(34633 / 10000), abs=1e-12)


def test_a_level_choice_moves_a_rubric_level(data):
    changed, _ = choices.apply(data, ["danang_beach_1"])
    assert changed.venue_table.loc["danang", "beach_destination_level"] == 1
    assert sv.indicator_scores(changed).loc["danang", "beach_destination"] == pytest.approx(0.333)


@pytest.mark.parametrize("row, message", [
    (("up2", "level", "venues/hanoi/beach_destination_level", "2"),
     "a level choice moves one step either way from the cell's level 0, not to 2"),
    (("graded_a", "level", "venues/danang/airport_widebody_level", "1"),
     "the evidence for this level is graded A (danang-widebody): only a level graded B or worse is a judgement"),
    (("no_level", "level", "venues/danang/beach_destination_level", "4"),
     "4 is not a level of rubric 'beach_destination' (levels 0, 1, 2, 3)"),
    (("not_rubric", "level", "venues/danang/main_hall_seats", "2000"), "is not something a 'level' choice can change"),
    (("rubric_shape", "scale", "beach_destination", "linear"), "is not something a 'scale' choice can change"),
    (("bad_shape", "scale", "main_hall", "square"), "'square' is not a scale shape (linear or log)"),
    (("negative", "weight", "beach_destination", "-1"), "a weight inside a criterion must be 0 or more, not -1"),
    (("two_for_three", "anchor", "main_hall/worst ; meeting_capacity/worst ; hotel_rooms/worst", "1 ; 2"),
     "2 values for 3 targets: give one value, or one per target"),
    (("log_at_zero", "anchor", "main_hall/worst", "0"), "log"),
])
def test_a_choice_that_cannot_be_applied(data_copy, row, message):
    data_copy.write("model_choices.csv", [dict(zip(CHOICE_COLUMNS, (row[0], row[0], *row[1:], "test")))],
                    CHOICE_COLUMNS)
    with pytest.raises(sv.DataError) as caught:
        sv.load_dataset(data_copy.folder)
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) == 1 and problems[0].startswith(f"data/model_choices.csv, row '{row[0]}', column ")
    assert message in problems[0]
