"""`validate` is the report's gatekeeper: what a build would reject for data reasons, validate rejects first.

A report build loads more than the analysis: the wider field (more-venues/field-2019.*) with a variant's extra
venues, and the 2018 backtest. Validate loads each of them, and the files refer to venues by id, never by name.
"""
import csv
from pathlib import Path

import pytest
from venue_fixture import TESTVILLE, legs_for, sources_row_for_testville, sources_rows_for_testville_legs

import summit_venues as sv
from summit_venues.decision import robustness
from summit_venues.publishing.cli import main

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def write_csv(path: Path, rows: list[dict], columns: list[str] | None = None) -> Path:
    columns = columns or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in columns} for r in rows)
    return path


def sources_columns() -> list[str]:
    with open(DATA_DIR / "sources.csv", newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def my_venue(folder: Path, crossings: list[dict] = (), source_id: str = "testville-all") -> Path:
    """Testville as an extra venue file with its sources and legs (valid on its own), and crossings if given."""
    venue = write_csv(folder / "my_venue.csv", [TESTVILLE])
    crossing_sources = [{**sources_row_for_testville(), "source_id": f"{c['crossing_id']}-position",
                         "table": "border_crossings", "record_id": c["crossing_id"], "fields": "lat ; lon"}
                        for c in crossings]
    write_csv(folder / "my_venue.sources.csv", [{**sources_row_for_testville(), "source_id": source_id},
                                                *sources_rows_for_testville_legs(), *crossing_sources],
              sources_columns())
    write_csv(folder / "my_venue.legs.csv", legs_for("testville"))
    if crossings:
        write_csv(folder / "my_venue.crossings.csv", list(crossings))
    return venue


BOTEN = {"crossing_id": "boten", "name": "Boten, again", "country": "LAO", "neighbour": "CHN", "lat": "21.18",
         "lon": "101.67"}


def test_a_valid_extra_venue_passes_and_validate_says_what_it_read(tmp_path, capsys):
    assert main(["validate", "--extra-venues", str(my_venue(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The data are valid: 3 venues")
    assert "with more-venues/field-2019.csv (6 venues); for the analysis backtest-2018/ (3 venues)" in out


@pytest.mark.parametrize("extra, problem", [
    ({"crossings": [BOTEN]},
     "my_venue.crossings.csv, row 'boten', column 'crossing_id': id already used in field-2019.crossings.csv"),
    ({"source_id": "bangkok-centre"},
     "my_venue.sources.csv, row 'bangkok-centre', column 'source_id': id already used in field-2019.sources.csv"),
])
def test_an_id_an_extra_venue_shares_with_the_field_is_rejected_by_validate(tmp_path, capsys, extra, problem):
    """Before: validate passed, and the report failed in 00 and 08, which read the field beside the extra venue."""
    extra_file = my_venue(tmp_path, **extra)
    sv.load_dataset(extra_venues=[extra_file])  # valid on its own: only the field's files clash
    assert main(["validate", "--extra-venues", str(extra_file)]) == 1
    assert capsys.readouterr().err == (f"summit-venues validate: 1 problem in the data:\n  {problem} "
                                       "(read with more-venues/field-2019.csv, as a report build does)\n")


def test_a_report_build_refuses_the_same_data_before_any_kernel_starts(tmp_path, monkeypatch):
    from summit_venues.publishing import report

    monkeypatch.setattr(report, "run_notebooks", lambda *a, **k: pytest.fail("a kernel was started"))
    with pytest.raises(sv.DataError, match="id already used in field-2019.crossings.csv"):
        report.build_report(report.Variant(extra_venues=(my_venue(tmp_path, [BOTEN]),)), tmp_path / "report",
                            log=lambda line: None)
    assert not (tmp_path / "report").exists()


def test_the_readings_are_those_of_the_data_folder(tmp_path):
    """Each venue file of more-venues/ (not the files beside it), and each subfolder with an analysis.csv."""
    from summit_venues.measures import readings

    assert [p.name for p in readings.field_files()] == ["field-2019.csv"]
    assert readings.analysis_folders() == ["backtest-2018"]
    extra = tmp_path / "x.csv"
    labels = [(r.label, [p.name for p in r.extra_venues], r.analysis) for r in readings.readings(None, [extra])]
    assert labels == [("", ["x.csv"], None), ("with more-venues/field-2019.csv", ["field-2019.csv", "x.csv"], None),
                      ("for the analysis backtest-2018/", [], "backtest-2018")]


# --- history.csv names venues by id -------------------------------------------------------------------------

def test_renaming_a_venue_keeps_the_reality_check(data_copy):
    """Before: history.csv matched display names, and 07 failed with 'history.csv names 0 venues on the
    decision date 2019-02-08, not one'."""
    data_copy.set("venues.csv", "hanoi", "name", "Ha Noi")
    data = sv.load_dataset(data_copy.folder)
    assert robustness.chosen_venue(data) == "hanoi"
    check = robustness.reality_check(data, sv.criterion_scores(data))
    assert set(check["chosen in 2019"]) == {"Ha Noi"}


def problems_of(folder) -> list[tuple]:
    with pytest.raises(sv.DataError) as caught:
        sv.load_dataset(folder)
    return [(p.file, p.row, p.column, p.message) for p in caught.value.problems]


def test_a_venue_named_by_its_display_name_in_history_is_an_error(data_copy):
    data_copy.set("history.csv", "talks_end_without_deal", "place", "Hanoi")
    assert problems_of(data_copy.folder) == [
        ("data/history.csv", "talks_end_without_deal", "place",
         "'Hanoi' is the name of venue 'hanoi': refer to a venue by its venue_id ('hanoi'), which stays when its "
         "name changes")]


@pytest.mark.parametrize("place, found", [("Pyongyang", "no row names a venue"),
                                          ("danang", "rows hanoi_announced, kim_choice name venues")])
def test_the_decision_date_names_exactly_one_venue(data_copy, place, found):
    if place == "danang":
        data_copy.append("history.csv", {"event_id": "kim_choice", "date": "2019-02-08", "place": "danang",
                                         "what": "A second venue on the same day (test row)."})
        data_copy.append("sources.csv", {"source_id": "history-kim-choice", "table": "history",
                                         "record_id": "kim_choice", "fields": "date ; what", "as_of": "2019-02-08",
                                         "grade": "estimate", "note": "test row, not a fact"})
    else:
        data_copy.set("history.csv", "hanoi_announced", "place", place)
    assert problems_of(data_copy.folder) == [
        ("data/history.csv", None, "place", f"{found} on the decision date 2019-02-08 (analysis.csv): the reality "
                                            "check needs exactly one, the venue announced that day, by its venue_id")]
