"""Weight profiles: rescaled as data says, and refused with a clear error when malformed or unknown."""
import pandas as pd
import pytest
from data_problems import assert_problem, problems_of

import summit_venues as sv
from summit_venues.decision.profiles import ProfileError, profile_weights, weight_table


def test_profiles_are_rescaled_to_sum_to_one(data):
    dprk = profile_weights(data, "dprk")
    # 3, 1, 2, 1, 2 in criteria order: flight path, facilities, security, economic model, diplomacy; sum 9.
    assert dprk.tolist() == pytest.approx([3 / 9, 1 / 9, 2 / 9, 1 / 9, 2 / 9])
    assert list(dprk.index) == list(data.criteria.index)
    assert profile_weights(data, "neutral").tolist() == pytest.approx([0.2] * 5)
    table = weight_table(data)
    assert list(table.index) == ["neutral", "dprk", "usa", "vietnam"]
    assert table.sum(axis=1).tolist() == pytest.approx([1.0] * 4)


def test_every_profile_weight_has_a_reason(data):
    assert (data.profile_weights.reason.str.len() > 20).all()


def test_unknown_profile(data):
    with pytest.raises(ProfileError, match="unknown profile 'kremlin'; the profiles are neutral, dprk, usa, vietnam"):
        profile_weights(data, "kremlin")


def test_profile_missing_a_criterion(data_copy):
    rows = [r for r in data_copy.rows("profile_weights.csv")
            if (r["profile_id"], r["criterion_id"]) != ("usa", "security")]
    data_copy.write("profile_weights.csv", rows)
    assert_problem(problems_of(data_copy.folder), "profile_weights.csv", "usa", "criterion_id",
                   "no weight for criterion 'security'")


def test_negative_profile_weight(data_copy):
    rows = data_copy.rows("profile_weights.csv")
    rows[1]["weight"] = "-2"
    data_copy.write("profile_weights.csv", rows)
    assert_problem(problems_of(data_copy.folder), "profile_weights.csv", "neutral:facilities", "weight",
                   "weight -2 is negative")


def test_weight_for_an_unknown_criterion_or_profile(data_copy):
    data_copy.append("profile_weights.csv", {"profile_id": "usa", "criterion_id": "weather", "weight": "1",
                                             "reason": "x"})
    data_copy.append("profile_weights.csv", {"profile_id": "china", "criterion_id": "security", "weight": "1",
                                             "reason": "x"})
    problems = problems_of(data_copy.folder)
    assert_problem(problems, "profile_weights.csv", "usa:weather", "criterion_id", "'weather' is not a criterion")
    assert_problem(problems, "profile_weights.csv", "china:security", "profile_id", "'china' is not a profile")


def test_duplicate_profile_weight(data_copy):
    rows = data_copy.rows("profile_weights.csv")
    data_copy.write("profile_weights.csv", rows + [rows[0]])
    assert_problem(problems_of(data_copy.folder), "profile_weights.csv", "neutral:flight_path", "profile_id",
                   "duplicate id")


def test_profile_whose_weights_are_all_zero(data_copy):
    rows = data_copy.rows("profile_weights.csv")
    for row in rows:
        if row["profile_id"] == "vietnam":
            row["weight"] = "0"
    data_copy.write("profile_weights.csv", rows)
    assert_problem(problems_of(data_copy.folder), "profile_weights.csv", "vietnam", "weight",
                   "weights do not sum to a positive number")


def test_the_neutral_profile_is_required(data_copy):
    data_copy.write("profiles.csv", [r for r in data_copy.rows("profiles.csv") if r["profile_id"] != "neutral"])
    data_copy.write("profile_weights.csv",
                    [r for r in data_copy.rows("profile_weights.csv") if r["profile_id"] != "neutral"])
    assert_problem(problems_of(data_copy.folder), "profiles.csv", None, "profile_id",
                   "no profile 'neutral': its weights are the default weights")


def test_the_default_weights_are_stored_once_in_the_neutral_profile(data_copy):
    """criteria.csv has no weight column: editing the neutral rows of profile_weights.csv changes the defaults."""
    assert "default_weight" not in data_copy.rows("criteria.csv")[0]
    rows = data_copy.rows("profile_weights.csv")
    for row in rows:
        if (row["profile_id"], row["criterion_id"]) == ("neutral", "facilities"):
            row["weight"] = "6"
    data_copy.write("profile_weights.csv", rows)
    weights = sv.default_weights(sv.load_dataset(data_copy.folder))
    assert weights.to_dict() == pytest.approx({"flight_path": 0.1, "facilities": 0.6, "security": 0.1,
                                               "economic_model": 0.1, "diplomatic_relations": 0.1})


def test_profile_weights_are_normalised_by_the_shared_function(data):
    """One normalisation: a profile's weights are aggregation.normalised_weights of its rows."""
    from summit_venues.decision.aggregation import normalised_weights

    rows = data.profile_weights[data.profile_weights.profile_id == "usa"].set_index("criterion_id").weight
    expected = normalised_weights(rows, list(data.criteria.index)).rename("usa")
    pd.testing.assert_series_equal(profile_weights(data, "usa"), expected)
