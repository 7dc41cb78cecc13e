"""Qualitative judgements as rubrics: levels with written meanings, scored, and backed by evidence."""
import math

import pytest
from data_problems import assert_problem, problems_of

import summit_venues as sv
from summit_venues.decision.value_functions import RubricScale

LEVELS = [
    {"rubric_id": "host_seat", "level": "0", "score": "0", "label": "elsewhere",
     "meaning": "the host's leaders are elsewhere"},
    {"rubric_id": "host_seat", "level": "1", "score": "0.4", "label": "visited",
     "meaning": "the host's leaders can come"},
    {"rubric_id": "host_seat", "level": "2", "score": "1", "label": "seat",
     "meaning": "the host's leaders are on the spot"},
]


def add_rubric(data_copy, hanoi="2", danang="0", evidence=("hanoi", "danang")):
    """Add a three-level rubric indicator to the diplomatic criterion of a data copy."""
    data_copy.append("indicators.csv", {
        "indicator_id": "host_seat", "criterion_id": "diplomatic_relations", "name": "Seat of the host's leaders",
        "short_name": "the seat of the host's leaders",
        "column": "host_seat_level", "level": "city", "unit": "level", "direction": "benefit", "worst": "0",
        "best": "2", "shape": "rubric", "weight": "1", "extension": "", "anchor_basis": "rubric",
        "anchor_rationale": "test rubric"})
    data_copy.write("rubrics.csv", data_copy.rows("rubrics.csv") + LEVELS)
    rows = data_copy.rows("venues.csv")
    for row in rows:
        row["host_seat_level"] = {"hanoi": hanoi, "danang": danang}[row["venue_id"]]
    data_copy.write("venues.csv", rows)
    for venue in evidence:
        data_copy.append("sources.csv", {
            "source_id": f"{venue}-host-seat", "table": "venues", "record_id": venue, "fields": "host_seat_level",
            "source_url": "https://example.org/evidence", "as_of": "2018", "published": "2018", "grade": "B",
            "note": "test evidence"})


def test_rubric_levels_score_as_written():
    scale = RubricScale("r", ((2, 1.0), (0, 0.0), (1, 0.4)))
    assert scale.levels == [0, 1, 2] and (scale.worst, scale.best) == (0, 2)
    assert scale([0, 1, 2]).tolist() == [0.0, 0.4, 1.0]
    assert math.isnan(scale(float("nan")))
    with pytest.raises(ValueError, match="level 3 is not a level of rubric 'r' \\(levels 0, 1, 2\\)"):
        scale(3)


@pytest.mark.parametrize("scores, message", [
    (((0, 0.0),), "needs at least two levels"),
    (((0, 0.2), (1, 1.0)), "the lowest level must score 0 and the highest 1"),
    (((0, 0.0), (1, 0.8), (2, 0.5), (3, 1.0)), "scores must rise with the level"),
])
def test_bad_rubrics_are_refused(scores, message):
    with pytest.raises(ValueError, match=message):
        RubricScale("r", scores)


def test_rubric_indicator_scores_through_the_criterion(data_copy):
    add_rubric(data_copy, hanoi="2", danang="1")
    data = sv.load_dataset(data_copy.folder)
    indicator = sv.indicator_scores(data)["host_seat"]
    assert indicator.to_dict() == {"hanoi": 1.0, "danang": 0.4}
    criterion = sv.criterion_scores(data)["diplomatic_relations"]
    # The article's model, plus the test rubric (no extension): two equally weighted indicators, relations with
    # both sides (1, 1) and the test rubric (1, 0.4).
    assert criterion["hanoi"] == pytest.approx(1.0)
    assert criterion["danang"] == pytest.approx((1 + 0.4) / 2)
    # With the embassies extension as well (2 of 2 in Hanoi, 0 in Da Nang): three indicators.
    extended = sv.criterion_scores(data, ["city_diplomacy"])["diplomatic_relations"]
    assert extended["hanoi"] == pytest.approx(1.0)
    assert extended["danang"] == pytest.approx((1 + 0 + 0.4) / 3)


def test_a_rubric_level_without_evidence_is_an_error_not_a_zero(data_copy):
    add_rubric(data_copy, evidence=("hanoi",))
    assert_problem(problems_of(data_copy.folder), "venues.csv", "danang", "host_seat_level",
                   "rubric level has no evidence")


def test_a_level_the_rubric_does_not_define(data_copy):
    add_rubric(data_copy, hanoi="3")
    assert_problem(problems_of(data_copy.folder), "venues.csv", "hanoi", "host_seat_level",
                   "level 3 is not a level of rubric 'host_seat' (levels 0, 1, 2)")


def test_an_empty_level_is_an_error(data_copy):
    add_rubric(data_copy, danang="")
    # An indicator cell may be left empty only with a plausible range (value_ranges.csv); this one has none.
    assert_problem(problems_of(data_copy.folder), "venues.csv", "danang", "host_seat_level",
                   "no value: give it, or say what is known as a plausible range in value_ranges.csv")


def test_a_rubric_indicator_without_levels(data_copy):
    add_rubric(data_copy)
    (data_copy.folder / "rubrics.csv").unlink()
    assert_problem(problems_of(data_copy.folder), "indicators.csv", "host_seat", "shape",
                   "rubric 'host_seat' has no levels in rubrics.csv")


def test_levels_of_a_rubric_nobody_uses(data_copy):
    add_rubric(data_copy)
    data_copy.append("rubrics.csv", {"rubric_id": "ghost", "level": "0", "score": "0", "label": "x", "meaning": "y"})
    assert_problem(problems_of(data_copy.folder), "rubrics.csv", "ghost", "rubric_id",
                   "'ghost' is not an indicator with shape 'rubric'")


def test_rubric_scores_that_do_not_rise_with_the_level(data_copy):
    add_rubric(data_copy)
    rows = data_copy.rows("rubrics.csv")
    level_1 = next(r for r in rows if (r["rubric_id"], r["level"]) == ("host_seat", "1"))
    level_1["score"] = "1"  # level 1 now scores as much as level 2
    data_copy.write("rubrics.csv", rows)
    assert_problem(problems_of(data_copy.folder), "rubrics.csv", "host_seat", "score", "scores must rise")


def test_duplicate_rubric_level(data_copy):
    add_rubric(data_copy)
    data_copy.write("rubrics.csv", data_copy.rows("rubrics.csv") + [LEVELS[1]])
    assert_problem(problems_of(data_copy.folder), "rubrics.csv", "host_seat:1", "rubric_id", "duplicate id")


def test_rubric_anchors_must_be_its_end_levels(data_copy):
    add_rubric(data_copy)
    data_copy.set("indicators.csv", "host_seat", "best", "1")
    assert_problem(problems_of(data_copy.folder), "indicators.csv", "host_seat", "worst, best",
                   "from level 0 (worst) to level 2 (best)")


def test_the_real_rubrics_score_as_written():
    data = sv.load_dataset()
    beach = sv.value_function(data, "beach_destination")
    assert beach.levels == [0, 1, 2, 3] and beach([0, 2, 3]).tolist() == [0.0, 0.667, 1.0]
    for rubric in ("airport_widebody", "venue_sealability", "reform_model"):
        assert sv.value_function(data, rubric)([0, 1, 2]).tolist() == [0.0, 0.5, 1.0]
    levels = data.venue_table[["venue_sealability_level", "beach_destination_level", "reform_model_level"]]
    # Vietnam's reform model is a national level (countries.csv): the same for both cities.
    assert levels.loc["hanoi"].tolist() == [1, 0, 2] and levels.loc["danang"].tolist() == [2, 2, 2]
