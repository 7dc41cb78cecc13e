"""A new venue is a new row plus its sources, and it leaves the others' scores alone."""
import pandas as pd
import pytest
from venue_fixture import (
    TESTVILLE,
    TESTVILLE_LEGS,
    add_testville,
    sources_row_for_testville,
    sources_rows_for_testville_legs,
)

import summit_venues as sv


@pytest.mark.parametrize("extensions", [(), "all"])
def test_third_venue_row_needs_no_code_and_changes_nothing_for_the_others(data_copy, extensions):
    original = sv.load_dataset(data_copy.folder)
    before = sv.criterion_scores(original, extensions)
    before_ranked = sv.ranking(before, sv.default_weights(original))
    add_testville(data_copy)
    data = sv.load_dataset(data_copy.folder)
    after = sv.criterion_scores(data, extensions)
    assert list(after.index) == ["hanoi", "danang", "testville"]
    pd.testing.assert_frame_equal(after.loc[["hanoi", "danang"]], before)
    # The two cities keep their order (whichever it is under these extensions), and their overall scores.
    ranked = sv.ranking(after, sv.default_weights(data))
    assert (ranked.loc["hanoi", "rank"] < ranked.loc["danang", "rank"]) == (
        before_ranked.loc["hanoi", "rank"] < before_ranked.loc["danang", "rank"])
    pd.testing.assert_series_equal(ranked.loc[["hanoi", "danang"], "overall"],
                                   before_ranked.loc[["hanoi", "danang"], "overall"])


def test_extra_venues_file_with_its_own_sources_and_legs(data_copy, tmp_path):
    extra = tmp_path / "extra.csv"
    pd.DataFrame([TESTVILLE]).to_csv(extra, index=False)
    pd.DataFrame([sources_row_for_testville(), *sources_rows_for_testville_legs()]).reindex(
        columns=data_copy.rows("sources.csv")[0].keys()).to_csv(tmp_path / "extra.sources.csv", index=False)
    pd.DataFrame(TESTVILLE_LEGS).to_csv(tmp_path / "extra.legs.csv", index=False)
    data = sv.load_dataset(data_copy.folder, extra_venues=[extra])
    assert data.venue_ids == ["hanoi", "danang", "testville"]
    assert data.venue_table.loc["testville", "rail_km_from_border"] == 167 + 791 + 935
    assert sv.criterion_scores(data).loc["testville"].notna().all()
    # With every extension, the legs are scored too: rail 1 - 1893 / 1000 is clipped at 0.
    assert sv.criterion_scores(data, "all").loc["testville"].notna().all()
    assert sv.indicator_scores(data, ["overland"]).loc["testville", "kim_rail_from_border"] == 0.0


def test_a_venue_whose_travel_path_cannot_be_computed_is_an_error_not_a_zero(data_copy):
    data_copy.append("venues.csv", TESTVILLE)  # no overland leg reaches it
    data_copy.append("sources.csv", sources_row_for_testville())
    data = sv.load_dataset(data_copy.folder)
    # The article's model does not score the ground route (an extension), so it scores Testville ...
    assert sv.criterion_scores(data).loc["testville"].notna().all()
    # ... but with the overland extension on, the missing route is an error.
    with pytest.raises(sv.DataError) as caught:
        sv.criterion_scores(data, ["overland"])
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == ("testville", "rail_km_from_border")
    assert "no value to score indicator 'kim_rail_from_border'" in problem.message
