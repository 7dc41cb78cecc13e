"""A new venue is a new row plus its sources, and it leaves the others' scores alone."""
import pandas as pd
import pytest
from venue_fixture import (
    MONGOLIA,
    TESTVILLE,
    TESTVILLE_LEGS,
    ULAANBAATAR,
    add_testville,
    sources_row_for_testville,
    sources_rows_for_testville_legs,
    sources_rows_for_ulaanbaatar,
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


def write_extra(folder, data_copy, venue, sources=(), countries=(), name="my_venue"):
    """An extra venue file `<name>.csv` in `folder`, with the sources and countries files beside it if given."""
    extra = folder / f"{name}.csv"
    pd.DataFrame([venue]).to_csv(extra, index=False)
    if sources:
        pd.DataFrame(list(sources)).reindex(columns=data_copy.rows("sources.csv")[0].keys()).to_csv(
            folder / f"{name}.sources.csv", index=False)
    if countries:
        pd.DataFrame(list(countries)).to_csv(folder / f"{name}.countries.csv", index=False)
    return extra


def problems_loading(data_copy, extra):
    with pytest.raises(sv.DataError) as caught:
        sv.load_dataset(data_copy.folder, extra_venues=[extra])
    return [(p.file, p.row, p.column, p.message) for p in caught.value.problems]


def test_an_extra_venue_can_bring_its_country(data_copy, tmp_path):
    extra = write_extra(tmp_path, data_copy, ULAANBAATAR, sources_rows_for_ulaanbaatar(), [MONGOLIA])
    data = sv.load_dataset(data_copy.folder, extra_venues=[extra])
    assert data.venue_ids == ["hanoi", "danang", "ulaanbaatar"]
    assert data.venue_table.loc["ulaanbaatar", "gpi_rank"] == 45
    assert sv.criterion_scores(data).loc["ulaanbaatar"].notna().all()


def test_an_extra_country_needs_its_sources_and_may_not_repeat_one(data_copy, tmp_path):
    extra = write_extra(tmp_path, data_copy, ULAANBAATAR, sources_rows_for_ulaanbaatar()[:1], [MONGOLIA])
    problems = problems_loading(data_copy, extra)
    assert problems and all(p[:2] == ("my_venue.countries.csv", "MNG") for p in problems)
    assert "add a row to my_venue.sources.csv" in problems[0][3]
    extra = write_extra(tmp_path, data_copy, ULAANBAATAR, sources_rows_for_ulaanbaatar(),
                        [MONGOLIA, {**MONGOLIA, "country": "VNM", "name": "Vietnam"}])
    assert problems_loading(data_copy, extra) == [
        ("my_venue.countries.csv", "VNM", "country", "id already used in countries.csv")]


def test_an_unknown_country_of_an_extra_venue_points_to_the_countries_file_beside_it(data_copy, tmp_path):
    extra = write_extra(tmp_path, data_copy, ULAANBAATAR, sources_rows_for_ulaanbaatar()[:1])
    assert problems_loading(data_copy, extra) == [
        ("my_venue.csv", "ulaanbaatar", "country",
         "'MNG' is not a country in countries.csv or my_venue.countries.csv")]


def test_problems_in_rows_of_extra_files_name_those_files(data_copy, tmp_path):
    bad_source = {**sources_row_for_testville(), "source_id": "stray", "record_id": "nowhere"}
    extra = write_extra(tmp_path, data_copy, {**TESTVILLE, "main_hall_seats": "many"}, [bad_source])
    # A value the reader rejects: named in my_venue.csv.
    assert problems_loading(data_copy, extra) == [
        ("my_venue.csv", "testville", "main_hall_seats", "'many' is not a number")]
    extra = write_extra(tmp_path, data_copy, TESTVILLE, [bad_source])
    problems = problems_loading(data_copy, extra)
    assert ("my_venue.sources.csv", "stray", "record_id", "'nowhere' is not a row of venues.csv") in problems
    unsourced = [p for p in problems if p[:2] == ("my_venue.csv", "testville")]
    assert unsourced and all("add a row to my_venue.sources.csv" in p[3] for p in unsourced)
    assert not [p for p in problems if p[0].startswith("data/")], problems


def test_a_second_venue_of_the_same_name_is_an_error(data_copy, tmp_path):
    extra = write_extra(tmp_path, data_copy, {**TESTVILLE, "name": "Hanoi"}, [sources_row_for_testville()])
    assert problems_loading(data_copy, extra) == [
        ("my_venue.csv", "testville", "name",
         "'Hanoi' is already the name of venue 'hanoi' in venues.csv: give each venue a name of its own")]
