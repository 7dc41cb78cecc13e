"""`tables.rows` and `tables.records`: pandas' itertuples() and to_dict("records"), faster, value for value."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import summit_venues as sv
from summit_venues.inputs.tables import records, rows

MIXED = pd.DataFrame({
    "venue_id": pd.array(["hanoi", "danang", None], dtype="string"),
    "seats": [3500, 2500, 0],
    "share": [0.5, np.nan, 1.0],
    "level": pd.array([1, pd.NA, 3], dtype="Int64"),
    "sealed": [True, False, True],
    "note": ["a", None, "c"],
}, index=pd.Index(["x", "y", "z"], name="key"))


def _same(ours, pandas_) -> bool:
    """Equal in type and value (NaN equal to NaN, pd.NA to pd.NA); where pandas gives numpy's integer (a nullable
    integer column), a Python int of the same value, which reads the same in every message."""
    if isinstance(pandas_, np.integer) and type(ours) is int:
        return ours == pandas_ and str(ours) == str(pandas_)
    if type(ours) is not type(pandas_):
        return False
    if ours is pd.NA or pandas_ is pd.NA:
        return ours is pandas_
    return ours == pandas_ or (ours != ours and pandas_ != pandas_)


@pytest.mark.parametrize("frame", [MIXED, MIXED.reset_index(drop=True), MIXED.iloc[:0], MIXED[["seats"]]],
                         ids=["mixed", "default index", "no rows", "one column"])
def test_rows_and_records_are_what_pandas_gives(frame):
    ours, theirs = rows(frame), list(frame.itertuples())
    assert len(ours) == len(theirs)
    for mine, reference in zip(ours, theirs):
        assert mine._fields == reference._fields
        assert all(_same(a, b) for a, b in zip(mine, reference)), (mine, reference)
    as_records = records(frame)
    assert [list(r) for r in as_records] == [list(r) for r in frame.to_dict("records")]
    assert all(_same(a, b) for mine, reference in zip(as_records, frame.to_dict("records"))
               for a, b in zip(mine.values(), reference.values()))


def test_every_table_of_the_data_reads_the_same_either_way(data):
    tables = {name: getattr(data, name) for name in ("venues", "countries", "sources", "value_ranges", "indicators",
                                                      "model_choices", "overland_legs", "history")}
    for name, frame in tables.items():
        assert all(_same(a, b) for mine, reference in zip(rows(frame), frame.itertuples())
                   for a, b in zip(mine, reference)), name


# --- tables read once per content: a copy of the data folder is read from memory, file by file ---------------------

def test_a_table_read_again_is_the_same_and_a_copy_of_its_own(tmp_path, monkeypatch):
    from summit_venues.inputs import schemas, tables

    first_file, second_file = tmp_path / "a" / "criteria.csv", tmp_path / "b" / "criteria.csv"
    for path in (first_file, second_file):
        path.parent.mkdir()
        path.write_bytes((sv.data_dir() / "criteria.csv").read_bytes())
    first = tables.read_table(first_file, schemas.CRITERIA)
    first.loc[0, "name"] = "changed by its caller"
    monkeypatch.setattr(tables, "_convert_rows", lambda *a: pytest.fail("the same bytes were checked again"))
    second = tables.read_table(second_file, schemas.CRITERIA)  # the same bytes elsewhere: from memory
    pd.testing.assert_frame_equal(second, pd.read_csv(second_file, dtype=str, keep_default_na=False)[second.columns])
    assert "changed by its caller" not in set(second.name)


def test_a_changed_file_is_read_afresh_and_a_bad_one_names_itself_every_time(tmp_path):
    from summit_venues.inputs import schemas, tables

    path = tmp_path / "criteria.csv"
    text = (sv.data_dir() / "criteria.csv").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    tables.read_table(path, schemas.CRITERIA)
    path.write_text(text.replace("\nflight_path,", "\nflight_path_renamed,", 1), encoding="utf-8")
    assert "flight_path_renamed" in set(tables.read_table(path, schemas.CRITERIA).criterion_id)
    path.write_text(text.splitlines()[0] + "\n", encoding="utf-8")  # its header only
    for label in ("first/criteria.csv", "second/criteria.csv"):
        with pytest.raises(sv.DataError, match=f"{label}: has no rows"):
            tables.read_table(path, schemas.CRITERIA, label, needs_rows=True)
