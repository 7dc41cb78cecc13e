"""Plausible ranges of the raw values (summit_venues.decision.uncertainty), against ranges worked out by hand."""
import math

import numpy as np
import pandas as pd
import pytest

import summit_venues as sv
from summit_venues.decision import uncertainty

#: The cells the data leave empty at the analysis date, each scored at the middle of its range (value_ranges.csv).
EMPTY = {("hanoi", "hotel_rooms"): (55000, 60812), ("hanoi", "income_per_head"): (4565, 5250),
         ("danang", "income_per_head"): (3614, 4156), ("danang", "motorcade_distance"): (13.2, 25.7),
         ("danang", "meeting_capacity"): (2500, 5000)}


@pytest.fixture(scope="module")
def ranges(data):
    return uncertainty.bounds(data)


def range_of(ranges, venue, indicator):
    low, high = ranges
    return low.loc[venue, indicator], high.loc[venue, indicator]


@pytest.mark.parametrize("venue, indicator, expected", [
    # Written in value_ranges.csv, whether the cell is empty (Hanoi's rooms) or not (Da Nang's rooms, halls).
    ("hanoi", "hotel_rooms", (55000, 60812)),
    ("danang", "hotel_rooms", (29730, 36031)),
    ("danang", "meeting_capacity", (2500, 5000)),  # its ballroom alone .. with the Furama's centre
    # Vietnam's peace rank: the two ranks published for the 2018 edition.
    ("hanoi", "peace_index", (59, 60)),
    ("hanoi", "main_hall", (3500, 3800)),
    ("danang", "media_centre", (2000, 3000)),
    ("danang", "motorcade_distance", (13.2, 25.7)),
    ("hanoi", "embassies_in_city", (2, 2)),
])
def test_ranges_written_in_value_ranges(ranges, venue, indicator, expected):
    assert range_of(ranges, venue, indicator) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("venue, indicator, expected", [
    # Grade B, a tenth either way: Hanoi's foreign visitors, 5.74 million estimated in December 2018.
    ("hanoi", "international_arrivals", (5.166e6, 6.314e6)),
    # Grade A, a fiftieth either way: Da Nang's hall 2,500 -> 2,450..2,550; Hanoi's runway 3,800 -> 3,724..3,876.
    ("danang", "main_hall", (2450, 2550)),
    ("hanoi", "runway", (3724, 3876)),
    # Grade B: Vietnam's terrorism score 0.663 (2018 edition) -> 0.5967..0.7293.
    ("hanoi", "terrorism_index", (0.5967, 0.7293)),
    # A share of nothing is nothing: Singapore's 0 would have no width (the field's; see test_other_venues).
])
def test_ranges_from_the_grade_of_the_source(ranges, venue, indicator, expected):
    assert range_of(ranges, venue, indicator) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("venue, indicator, level", [
    ("danang", "airport_widebody", 2), ("hanoi", "reform_model", 2),  # A: a level stands
])
def test_a_rubric_level_of_grade_a_has_no_width(ranges, venue, indicator, level):
    assert range_of(ranges, venue, indicator) == (level, level)
    assert (venue, indicator) not in uncertainty.level_probabilities(sv.load_dataset())


# Grade B (grade_ranges.csv): one step either way, off one time in five, a tenth each way. A level at a rubric's
# end keeps the tenth that would fall beyond it: 0.9 where it stands, 0.1 for its one neighbour.
@pytest.mark.parametrize("venue, indicator, expected_range, odds", [
    ("hanoi", "venue_sealability", (0, 2), (0.1, 0.8, 0.1)),  # level 1 of 0-2: both neighbours
    ("danang", "venue_sealability", (1, 2), (0.1, 0.9)),  # level 2, the top
    ("danang", "beach_destination", (1, 3), (0.1, 0.8, 0.1)),  # level 2 of 0-3
    ("hanoi", "beach_destination", (0, 1), (0.9, 0.1)),  # level 0, the bottom
    ("hanoi", "airport_widebody", (1, 2), (0.1, 0.9)),
])
def test_a_rubric_level_of_grade_b_moves_one_step_one_time_in_five(data, ranges, venue, indicator, expected_range,
                                                                   odds):
    assert range_of(ranges, venue, indicator) == expected_range
    assert uncertainty.level_probabilities(data)[(venue, indicator)] == pytest.approx(odds, abs=1e-12)


def test_drawn_levels_follow_their_probabilities(data):
    """The sampler draws each level as often as its probability says: Da Nang's beach at 1, 2, 3 (0.1, 0.8, 0.1)."""
    from summit_venues.decision import smaa
    uncertain = uncertainty.uncertain_scores(data)
    sampler = smaa.ValueSampler(uncertain, capacity=200_000)
    column = list(sampler.columns).index(uncertain.indicators.index("beach_destination"))
    drawn = sampler.fill(np.random.default_rng(1), 200_000)[uncertain.venues.index("danang"), column]
    shares = [np.mean(np.isclose(drawn, score)) for score in (0.333, 0.667, 1.0)]
    assert shares == pytest.approx([0.1, 0.8, 0.1], abs=0.004)  # 200,000 draws: standard error below 0.001


def test_computed_values_are_exact(data, ranges):
    raw = uncertainty.raw_values(data)
    for indicator in ("kim_flight_distance", "kim_route_sovereign_share", "kim_rail_from_border",
                      "kim_road_from_border", "summit_record", "relations_with_both"):
        for venue in ("hanoi", "danang"):
            assert range_of(ranges, venue, indicator) == (raw.loc[venue, indicator],) * 2
    assert range_of(ranges, "hanoi", "summit_record") == (4.5, 4.5)
    assert range_of(ranges, "danang", "kim_rail_from_border") == (167 + 791, 167 + 791)


def test_a_weak_rubric_level_moves_one_level_either_way_within_the_rubric(data_copy):
    # No real rubric level rests on a C or an estimate: make three.
    data_copy.set("sources.csv", "hanoi-sealability", "grade", "C")  # level 1 of 0..2 -> 0..2
    data_copy.set("sources.csv", "danang-sealability", "grade", "estimate")  # level 2 of 0..2 -> 1..2
    data_copy.set("sources.csv", "hanoi-beach", "grade", "C")  # level 0 of 0..3 -> 0..1
    data_copy.set("sources.csv", "danang-beach", "grade", "C")  # level 2 of 0..3 -> 1..3
    bounds = uncertainty.bounds(sv.load_dataset(data_copy.folder))
    assert range_of(bounds, "hanoi", "venue_sealability") == (0, 2)
    assert range_of(bounds, "danang", "venue_sealability") == (1, 2)
    assert range_of(bounds, "hanoi", "beach_destination") == (0, 1)
    assert range_of(bounds, "danang", "beach_destination") == (1, 3)


def test_a_weak_number_moves_a_quarter_either_way(data_copy):
    data_copy.set("sources.csv", "danang-hall", "grade", "C")
    bounds = uncertainty.bounds(sv.load_dataset(data_copy.folder))
    assert range_of(bounds, "danang", "main_hall") == pytest.approx((1875, 3125))  # 2,500 -/+ 625


def test_an_empty_cell_is_scored_at_the_middle_of_its_range(data):
    points = uncertainty.point_values(data)
    raw = uncertainty.raw_values(data)
    for (venue, indicator), (low, high) in EMPTY.items():
        assert math.isnan(raw.loc[venue, indicator])
        assert points.loc[venue, indicator] == pytest.approx((low + high) / 2)
    assert points.loc["hanoi", "hotel_rooms"] == 57906
    assert points.loc["danang", "motorcade_distance"] == pytest.approx(19.45)
    # A value that was found is scored as it is, not at the middle of its range (Da Nang's rooms: 34,633, not
    # 32,880.5; its media centre: 3,000, not 2,500).
    assert points.loc["danang", "hotel_rooms"] == 34633
    assert points.loc["danang", "media_centre"] == 3000
    known = raw.notna()
    pd.testing.assert_frame_equal(points[known], raw[known])


def test_the_middle_is_what_the_score_reads(data):
    scores = sv.indicator_scores(data, "all")
    # Log from 1,000 to 100,000 rooms: log(57,906 / 1,000) / log(100).
    assert scores.loc["hanoi", "hotel_rooms"] == pytest.approx(math.log(57.906) / math.log(100), abs=1e-12)
    # Linear cost from 50 km to 0: (50 - 19.45) / 50.
    assert scores.loc["danang", "motorcade_distance"] == pytest.approx((50 - 19.45) / 50, abs=1e-12)


def test_scored_as_range_flags_exactly_the_empty_cells(data):
    flags = uncertainty.scored_as_range(data)
    assert flags.shape == (2, len(data.indicators))
    assert {(v, i) for v in flags.index for i in flags.columns if flags.loc[v, i]} == set(EMPTY)


def test_scored_as_range_of_a_cell_emptied_in_a_copy(data_copy):
    data_copy.set("venues.csv", "danang", "main_hall_seats", "")
    data_copy.append("value_ranges.csv", {"table": "venues", "record_id": "danang", "field": "main_hall_seats",
                                          "low": "2000", "high": "3000", "reason": "test"})
    data = sv.load_dataset(data_copy.folder)
    flags = uncertainty.scored_as_range(data, ["main_hall", "hotel_rooms"])
    assert flags.to_dict() == {"main_hall": {"hanoi": False, "danang": True},
                               "hotel_rooms": {"hanoi": True, "danang": False}}
    assert uncertainty.point_values(data, ["main_hall"]).loc["danang", "main_hall"] == 2500


def test_draw_groups_move_a_national_value_together(data):
    groups = uncertainty.draw_groups(data)
    for national in ("peace_index", "terrorism_index", "reform_model"):  # one cell of countries.csv
        assert groups.loc["hanoi", national] == groups.loc["danang", national]
    for city in ("main_hall", "hotel_rooms", "income_per_head", "venue_sealability", "beach_destination",
                 "motorcade_distance", "kim_flight_distance"):
        assert groups.loc["hanoi", city] != groups.loc["danang", city]
    # 21 indicators x 2 cities = 42 cells, of which the three national ones share: 39 distinct groups.
    assert groups.shape == (2, 21)
    assert groups.stack().nunique() == 42 - 3
