"""The in-process memo of loaded data sets: a hit only while every file a load can read is unchanged, a copy of
its own for each caller, and never a failed load remembered."""
from __future__ import annotations

import pandas as pd
import pytest

from summit_venues import DataError, load_dataset
from summit_venues.inputs import dataset, memo


@pytest.fixture
def loads(monkeypatch) -> list[tuple]:
    """The loads that read the files (memo misses), each as (folder name, extra venue names, analysis)."""
    memo.forget()
    calls = []
    real = dataset.read_dataset

    def counted(folder, extra_venues, analysis, measures):
        calls.append((folder.name, tuple(p.name for p in extra_venues), analysis))
        return real(folder, extra_venues, analysis, measures)

    monkeypatch.setattr(dataset, "read_dataset", counted)
    yield calls
    memo.forget()


def _same(first, second) -> None:
    for name in ("venues", "sources", "venue_table", "indicators", "value_ranges"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name), check_exact=True)


def test_an_unchanged_folder_is_read_once_and_each_load_gets_the_same_content(data_copy, loads):
    first = load_dataset(data_copy.folder)
    second = load_dataset(data_copy.folder)
    assert loads == [("data", (), None)]
    assert second is not first and second.venue_table is not first.venue_table
    _same(first, second)
    assert second.venue_table.loc["danang", "main_hall_seats"] == 2500


@pytest.mark.parametrize("file, row, column, value", [
    ("venues.csv", "danang", "main_hall_seats", "2400"),  # a table of the data folder
    ("indicators.csv", "main_hall", "best", "9000"),  # a model file
])
def test_a_changed_file_is_read_again(data_copy, loads, file, row, column, value):
    before = load_dataset(data_copy.folder)
    data_copy.set(file, row, column, value)
    after = load_dataset(data_copy.folder)
    assert len(loads) == 2
    table = {"venues.csv": after.venues, "indicators.csv": after.indicators}[file]
    assert str(table.loc[row, column]) != str({"venues.csv": before.venues,
                                               "indicators.csv": before.indicators}[file].loc[row, column])
    assert float(table.loc[row, column]) == float(value)


def test_a_changed_file_beside_an_extra_venue_file_is_read_again(data_copy, loads):
    field = data_copy.folder / "more-venues" / "field-2019.csv"
    load_dataset(data_copy.folder, [field])
    load_dataset(data_copy.folder, [field])
    assert len(loads) == 1
    sources = field.with_suffix(".sources.csv")
    sources.write_text(sources.read_text(encoding="utf-8").replace(",estimate,", ",guessed,", 1), encoding="utf-8")
    with pytest.raises(DataError, match="guessed"):  # the file is read again, and its new content checked
        load_dataset(data_copy.folder, [field])
    assert len(loads) == 2


def test_an_analysis_folder_and_the_extra_venues_are_part_of_the_key(data_copy, loads):
    field = data_copy.folder / "more-venues" / "field-2019.csv"
    own, backtest, wider = (load_dataset(data_copy.folder), load_dataset(data_copy.folder, analysis="backtest-2018"),
                            load_dataset(data_copy.folder, [field]))
    assert loads == [("data", (), None), ("data", (), "backtest-2018"), ("data", ("field-2019.csv",), None)]
    assert own.analysis_date != backtest.analysis_date
    assert len(wider.venue_ids) > len(own.venue_ids)
    (data_copy.folder / "backtest-2018" / "history.csv").write_text(
        (data_copy.folder / "backtest-2018" / "history.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_dataset(data_copy.folder, analysis="backtest-2018")
    load_dataset(data_copy.folder)
    assert len(loads) == 4  # the analysis's own file changed: that load only is read again


def test_changing_what_a_load_returned_changes_nothing_the_next_load_returns(data_copy, loads):
    first = load_dataset(data_copy.folder)
    first.venue_table.loc["danang", "main_hall_seats"] = 1
    del first.venues["name"]
    first.indicators["weight"] = 0.0
    second = load_dataset(data_copy.folder)
    assert len(loads) == 1
    assert second.venue_table.loc["danang", "main_hall_seats"] == 2500
    assert second.venues.loc["hanoi", "name"] == "Hanoi"
    assert (second.indicators.weight > 0).any()


def test_a_failed_load_is_not_remembered(data_copy, loads):
    data_copy.set("venues.csv", "danang", "main_hall_seats", "many")
    for _ in range(2):
        with pytest.raises(DataError, match="main_hall_seats"):
            load_dataset(data_copy.folder)
    assert len(loads) == 2
    data_copy.set("venues.csv", "danang", "main_hall_seats", "2500")
    assert load_dataset(data_copy.folder).venue_table.loc["danang", "main_hall_seats"] == 2500


def test_files_read_lists_the_folders_files_and_those_beside_each_extra_file(data_copy):
    field = data_copy.folder / "more-venues" / "field-2019.csv"
    files = memo.files_read(data_copy.folder, "backtest-2018", [field])
    assert {name: path.relative_to(data_copy.folder).as_posix() for name, path in files.items()} == {
        **{p.name: p.name for p in data_copy.folder.glob("*.csv")}, "datapackage.json": "datapackage.json",
        **{name: name for name in (p.relative_to(data_copy.folder).as_posix()
                                   for p in (data_copy.folder / "backtest-2018").glob("*"))},
        **{f"extra0/{name}": f"more-venues/{name}" for name in (
            "field-2019.csv", "field-2019.sources.csv", "field-2019.countries.csv", "field-2019.legs.csv",
            "field-2019.crossings.csv", "field-2019.events.csv", "field-2019.ranges.csv", "sources.csv")}}
    assert not files["extra0/sources.csv"].exists()  # counted all the same: adding it changes the key


def test_a_copy_of_the_data_folder_is_the_same_data_set(data_copy, loads, tmp_path):
    """Where the folder is does not count; what its files hold does, and so does a file added beside them."""
    load_dataset(data_copy.folder)
    load_dataset()
    assert len(loads) == 1
    (data_copy.folder / "notes.csv").write_text("a\n1\n", encoding="utf-8")
    load_dataset(data_copy.folder)
    assert len(loads) == 2


def test_the_memo_keeps_only_the_most_recent_data_sets(data_copy, loads, monkeypatch):
    monkeypatch.setattr(memo, "SIZE", 1)
    load_dataset(data_copy.folder)
    load_dataset(data_copy.folder, analysis="backtest-2018")
    load_dataset(data_copy.folder)
    assert len(loads) == 3


def test_warm_up_loads_every_reading_so_that_a_forked_kernel_reads_no_file(loads):
    """The kernel server's warm-up (warm_kernels.PRELOAD): each data set a notebook loads is then in memory."""
    from summit_venues.measures import readings

    readings.warm_up()
    read_in_warm_up = list(loads)
    assert read_in_warm_up == [("data", (), None), ("data", ("field-2019.csv",), None),
                               ("data", (), "backtest-2018")]
    for reading in readings.readings():
        reading.load(None)
    assert loads == read_in_warm_up, "a load after the warm-up read the files again"


def test_warm_up_leaves_a_problem_to_whoever_loads_the_data(data_copy, monkeypatch, loads):
    data_copy.set("venues.csv", "hanoi", "airport_lat", "north")
    monkeypatch.setenv("SUMMIT_DATA_DIR", str(data_copy.folder))
    from summit_venues.measures import readings

    readings.warm_up()  # no exception
    with pytest.raises(DataError, match="airport_lat"):
        load_dataset()
