"""A new venue is a new row plus its sources, and it leaves the others' scores alone."""
import pandas as pd

import summit_venues as sv

TESTVILLE = {
    "venue_id": "testville", "name": "Testville", "country": "VNM", "centre_lat": "10.8", "centre_lon": "106.7",
    "airport_iata": "TST", "airport_icao": "VVTS", "airport_lat": "10.82", "airport_lon": "106.65",
    "longest_runway_m": "3048", "airport_to_centre_km": "7", "main_hall_seats": "5000",
    "media_centre_reporters": "5000", "hotels_3_to_5_star": "400", "international_arrivals_2018": "9000000",
    "grdp_per_capita_usd": "9000", "embassies_of_both_sides": "1", "meeting_capacity_seats": "8000",
    "airport_widebody_level": "1", "venue_sealability_level": "0", "summit_security_level": "1",
    "beach_destination_level": "1", "host_capital_level": "0",
}


def sources_row_for_testville():
    """A provenance row covering every sourced column of the fixture venue."""
    fields = [c for c in TESTVILLE if c not in ("venue_id", "name", "country")]
    return {"source_id": "testville-all", "table": "venues", "record_id": "testville", "fields": " ; ".join(fields),
            "source_url": "", "as_of": "2019", "grade": "estimate", "note": "test fixture, not a real city"}


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
