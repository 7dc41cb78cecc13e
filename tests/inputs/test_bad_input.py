"""Every kind of bad input gets a DataError naming file, row, column and what is wrong."""
import pytest
from data_problems import assert_problem, problems_of

import summit_venues as sv
from summit_venues import DataError


def test_the_real_data_loads(data_copy):
    assert sv.load_dataset(data_copy.folder).venue_ids == ["hanoi", "danang"]


def test_missing_file(data_copy):
    (data_copy.folder / "countries.csv").unlink()
    assert_problem(problems_of(data_copy.folder), "countries.csv", None, None, "file not found")


def test_missing_column(data_copy):
    rows = data_copy.rows("venues.csv")
    for r in rows:
        del r["airport_lat"]
    data_copy.write("venues.csv", rows)
    assert_problem(problems_of(data_copy.folder), "venues.csv", None, "airport_lat", "required column is missing")


def test_unknown_column(data_copy):
    rows = data_copy.rows("venues.csv")
    for r in rows:
        r["mayor"] = "someone"
    data_copy.write("venues.csv", rows)
    assert_problem(problems_of(data_copy.folder), "venues.csv", None, "mayor", "unknown column")


def test_duplicate_id(data_copy):
    rows = data_copy.rows("venues.csv")
    data_copy.write("venues.csv", rows + [rows[0]])
    assert_problem(problems_of(data_copy.folder), "venues.csv", "hanoi", "venue_id", "duplicate id (also on line 2)")


def test_value_without_provenance(data_copy):
    data_copy.drop_row("sources.csv", "danang-hall")
    assert_problem(problems_of(data_copy.folder), "venues.csv", "danang", "main_hall_seats", "value has no provenance")


def test_provenance_for_a_row_that_does_not_exist(data_copy):
    data_copy.set("sources.csv", "danang-hall", "record_id", "danag")
    problems = problems_of(data_copy.folder)
    assert_problem(problems, "sources.csv", "danang-hall", "record_id", "'danag' is not a row of venues.csv")
    assert_problem(problems, "venues.csv", "danang", "main_hall_seats", "value has no provenance")


@pytest.mark.parametrize("file, row, column, value, message", [
    ("venues.csv", "hanoi", "airport_iata", "", "required value is empty"),
    ("venues.csv", "danang", "main_hall_seats", "many", "'many' is not a number"),
    ("venues.csv", "hanoi", "airport_lat", "95", "95 is out of range [-90, 90]"),
    ("venues.csv", "hanoi", "centre_lon", "-181.5", "-181.5 is out of range [-180, 180]"),
    ("venues.csv", "hanoi", "airport_to_centre_km", "-3", "-3 is out of range [0, inf]"),
    ("sources.csv", "danang-hall", "fields", "main_hall_seats ; hall_colour",
     "'hall_colour' is not a column of venues.csv"),
    ("sources.csv", "danang-hall", "grade", "D", "'D' is not one of A, B, C, estimate"),
    ("sources.csv", "danang-hall", "as_of", "Feb 2019", "'Feb 2019' is not a date"),
    ("sources.csv", "danang-hall", "source_url", "www.example.org", "'www.example.org' is not a web address"),
    ("sources.csv", "danang-hall", "source_url", "", "grade A needs a source URL"),
    ("sources.csv", "danang-centre", "note", "", "an estimate needs its reasoning in 'note'"),
    ("indicators.csv", "hotel_rooms", "weight", "-0.5", "weight -0.5 is negative"),
    ("indicators.csv", "media_centre", "best", "", "required value is empty"),
    ("indicators.csv", "hotel_rooms", "criterion_id", "facility", "'facility' is not a criterion in criteria.csv"),
    ("venues.csv", "danang", "country", "VNN", "'VNN' is not a country in countries.csv"),
    ("venues.csv", "danang", "name", "HANOI", "'HANOI' is already the name of venue 'hanoi' in venues.csv"),
])
def test_one_bad_cell_is_named_by_its_own_file_row_and_column(data_copy, file, row, column, value, message):
    data_copy.set(file, row, column, value)
    assert_problem(problems_of(data_copy.folder), file, row, column, message)


@pytest.mark.parametrize("row, column, value, named, message", [
    ("media_centre", "best", "0", "worst, best", "anchor pair is empty"),
    ("kim_flight_distance", "column", "flight_km_from_XYZ", "column",
     "'flight_km_from_XYZ' is not a column of the derived columns"),
])
def test_a_bad_indicator_is_named_by_the_columns_at_fault(data_copy, row, column, value, named, message):
    data_copy.set("indicators.csv", row, column, value)
    assert_problem(problems_of(data_copy.folder), "indicators.csv", row, named, message)


def test_indicator_weights_of_a_criterion_that_sum_to_zero(data_copy):
    for indicator in ("relations_with_both", "embassies_in_city"):
        data_copy.set("indicators.csv", indicator, "weight", "0")
    assert_problem(problems_of(data_copy.folder), "indicators.csv", None, "weight",
                   "indicator weights of criterion 'diplomatic_relations' do not sum to a positive number")


def test_reversed_anchors(data_copy):
    data_copy.set("indicators.csv", "motorcade_distance", "worst", "0")
    data_copy.set("indicators.csv", "motorcade_distance", "best", "50")
    assert_problem(problems_of(data_copy.folder), "indicators.csv", "motorcade_distance", "worst, best",
                   "anchors are reversed for a cost indicator")


def test_indicator_on_a_column_that_does_not_exist(data_copy):
    data_copy.set("indicators.csv", "peace_index", "column", "gpi_rank_2017")
    problems = problems_of(data_copy.folder)
    # The column is declared by the indicator, so countries.csv now lacks it and has one too many.
    assert_problem(problems, "countries.csv", None, "gpi_rank_2017", "required column is missing")
    assert_problem(problems, "countries.csv", None, "gpi_rank", "unknown column")


def test_every_problem_is_reported_at_once_without_machine_paths(data_copy):
    data_copy.set("venues.csv", "hanoi", "airport_lat", "north")
    # An indicator cell may now be empty (scored as its range); an airport code may not.
    data_copy.set("venues.csv", "danang", "airport_iata", "")
    with pytest.raises(DataError) as caught:
        sv.load_dataset(data_copy.folder)
    message = str(caught.value)
    assert message.startswith("2 problems in the data:")
    assert "data/venues.csv, row 'hanoi', column 'airport_lat': 'north' is not a number" in message
    assert "data/venues.csv, row 'danang', column 'airport_iata': required value is empty" in message
    assert str(data_copy.folder.parent) not in message


def test_a_file_that_is_not_utf8(data_copy):
    (data_copy.folder / "origins.csv").write_bytes("origin_id,name\nFNJ,P\xe9\n".encode("latin-1"))
    assert_problem(problems_of(data_copy.folder), "origins.csv", None, None, "cannot be read as UTF-8 CSV")
