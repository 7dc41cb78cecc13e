"""A new venue is a new row plus its sources, and it leaves the others' scores alone."""
import pandas as pd

import summit_venues as sv

from venue_fixture import TESTVILLE, sources_row_for_testville

def test_third_venue_row_needs_no_code_and_changes_nothing_for_the_others(data_copy):
    before = sv.criterion_scores(sv.load_dataset(data_copy.folder))
    data_copy.append("venues.csv", TESTVILLE)
    data_copy.append("sources.csv", sources_row_for_testville())
    data = sv.load_dataset(data_copy.folder)
    after = sv.criterion_scores(data)
    assert list(after.index) == ["hanoi", "danang", "testville"]
    pd.testing.assert_frame_equal(after.loc[["hanoi", "danang"]], before)
    ranked = sv.ranking(after, sv.default_weights(data))
    assert ranked.loc["hanoi", "rank"] < ranked.loc["danang", "rank"]


def test_extra_venues_file_with_its_own_sources(data_copy, tmp_path):
    extra = tmp_path / "extra.csv"
    pd.DataFrame([TESTVILLE]).to_csv(extra, index=False)
    pd.DataFrame([sources_row_for_testville()]).reindex(
        columns=data_copy.rows("sources.csv")[0].keys()).to_csv(tmp_path / "extra.sources.csv", index=False)
    data = sv.load_dataset(data_copy.folder, extra_venues=[extra])
    assert data.venue_ids == ["hanoi", "danang", "testville"]
    assert data.venue_table.loc["testville", "airport_to_centre_geodesic_km"] > 0
