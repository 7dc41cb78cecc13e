"""Known then, not now: the loader refuses a scored figure, an anchor reason or a weight reason resting on what was
learned after the analysis date, each problem naming file, row and column."""
import csv

import pytest
from test_bad_input import problems_of

import summit_venues as sv
from summit_venues.inputs.dataset import DEFAULT_DATA_DIR
from summit_venues.inputs.integrity import split_ids

LATER = ("after the analysis date 2019-02-06: a scored value may not rest on a later source. Set 'knowable' to "
         "time_invariant or state_held (saying why in 'note'), or leave the value empty and give its plausible "
         "range in value_ranges.csv (knowable bound_only)")


def messages(folder) -> list[str]:
    """Every problem the loader reports for a data folder, as the person editing the CSV files reads it."""
    return [str(p) for p in problems_of(folder)]


def csv_rows(file: str) -> list[dict[str, str]]:
    with open(DEFAULT_DATA_DIR / file, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def set_weight_cell(data_copy, profile, criterion, column, value):
    rows = data_copy.rows("profile_weights.csv")
    match = [r for r in rows if (r["profile_id"], r["criterion_id"]) == (profile, criterion)]
    assert len(match) == 1
    match[0][column] = value
    data_copy.write("profile_weights.csv", rows)


def test_the_real_data_load_at_the_analysis_date():
    data = sv.load_dataset()
    assert data.analysis_date == "2019-02-06"
    # The three figures found only after the analysis date that bound a range: their cells are empty.
    bound_only = data.sources[data.sources.knowable == "bound_only"]
    assert sorted(bound_only.source_id) == ["danang-income", "hanoi-hotels", "hanoi-income"]
    venues = data.venues
    assert venues.loc["hanoi", ["accommodation_rooms", "grdp_per_capita_usd"]].isna().all()
    assert venues[["grdp_per_capita_usd"]].isna().loc["danang"].all()
    assert venues.loc["danang", "accommodation_rooms"] == 29730  # found in time (2018-04): scored as it is


def test_a_scored_source_dated_after_the_analysis_date(data_copy):
    data_copy.set("sources.csv", "hanoi-hall", "as_of", "2019-03")
    assert messages(data_copy.folder) == [
        f"data/sources.csv, row 'hanoi-hall', column 'as_of': dated 2019-03, {LATER}"]


def test_a_month_that_contains_the_analysis_date_is_after_it(data_copy):
    data_copy.set("sources.csv", "danang-hall", "as_of", "2019-02")  # may mean 28 February
    assert messages(data_copy.folder) == [
        f"data/sources.csv, row 'danang-hall', column 'as_of': dated 2019-02, {LATER}"]


@pytest.mark.parametrize("knowable", ["time_invariant", "state_held"])
def test_a_later_source_with_a_stated_reason_loads(data_copy, knowable):
    data_copy.set("sources.csv", "hanoi-hall", "as_of", "2019-03")
    data_copy.set("sources.csv", "hanoi-hall", "knowable", knowable)
    assert sv.load_dataset(data_copy.folder).venues.loc["hanoi", "main_hall_seats"] == 3800


def test_an_unscored_table_may_be_dated_later(data_copy):
    # Context facts are shown, never scored: a later date there is no problem.
    data_copy.set("sources.csv", "fact-vnm-doi-moi", "as_of", "2020")
    sv.load_dataset(data_copy.folder)


def test_an_anchor_citing_a_later_source(data_copy):
    data_copy.set("indicators.csv", "main_hall", "anchor_sources", "fact-wonsan-scale")  # dated 2020-03
    assert messages(data_copy.folder) == [
        "data/indicators.csv, row 'main_hall', column 'anchor_sources': cites 'fact-wonsan-scale', dated 2020-03, "
        "after the analysis date 2019-02-06: a reason may rest only on what was knowable then"]


def test_an_anchor_citing_a_bound_only_source(data_copy):
    # A bound_only figure may bound a range, never carry a reason.
    data_copy.set("indicators.csv", "hotel_rooms", "anchor_sources", "fact-singapore-media-2018 ; hanoi-hotels")
    assert messages(data_copy.folder) == [
        "data/indicators.csv, row 'hotel_rooms', column 'anchor_sources': cites 'hanoi-hotels', dated 2019-07, "
        "after the analysis date 2019-02-06: a reason may rest only on what was knowable then"]


def test_an_anchor_may_cite_a_later_source_of_a_time_invariant_fact(data_copy):
    data_copy.set("indicators.csv", "main_hall", "anchor_sources", "hanoi-centre")  # 2022, time_invariant
    sv.load_dataset(data_copy.folder)


def test_an_anchor_citing_a_source_that_does_not_exist(data_copy):
    data_copy.set("indicators.csv", "main_hall", "anchor_sources", "hanoi-hall ; hanoi-hal")
    assert messages(data_copy.folder) == [
        "data/indicators.csv, row 'main_hall', column 'anchor_sources': 'hanoi-hal' is not a source_id of "
        "sources.csv"]


def test_an_anchor_rationale_naming_a_later_date(data_copy):
    data_copy.set("indicators.csv", "main_hall", "anchor_rationale",
                  "Judgement: the talks of 26 February 2019 used a hall of this size.")
    assert messages(data_copy.folder) == [
        "data/indicators.csv, row 'main_hall', column 'anchor_rationale': names 26 February 2019, after the "
        "analysis date 2019-02-06: later facts belong to the reality check, not to a reason"]


def test_a_weight_reason_naming_a_later_date(data_copy):
    set_weight_cell(data_copy, "dprk", "security", "reason", "Kim's train reached Dong Dang on 26 February 2019.")
    assert messages(data_copy.folder) == [
        "data/profile_weights.csv, row 'dprk:security', column 'reason': names 26 February 2019, after the "
        "analysis date 2019-02-06: later facts belong to the reality check, not to a reason"]


def test_a_weight_reason_citing_a_later_source(data_copy):
    set_weight_cell(data_copy, "usa", "security", "sources", "history-af1")  # dated 2019-02-26
    assert messages(data_copy.folder) == [
        "data/profile_weights.csv, row 'usa:security', column 'sources': cites 'history-af1', dated 2019-02-26, "
        "after the analysis date 2019-02-06: a reason may rest only on what was knowable then"]


def test_a_bound_only_source_whose_cell_still_holds_a_value(data_copy):
    data_copy.set("venues.csv", "hanoi", "accommodation_rooms", "60812")
    assert messages(data_copy.folder) == [
        "data/venues.csv, row 'hanoi', column 'accommodation_rooms': holds a value, but its source 'hanoi-hotels' "
        "is bound_only (dated 2019-07, after the analysis date): leave the cell empty, the range in "
        "value_ranges.csv is scored"]


def test_an_empty_indicator_cell_without_a_range(data_copy):
    data_copy.set("venues.csv", "danang", "main_hall_seats", "")
    assert messages(data_copy.folder) == [
        "data/venues.csv, row 'danang', column 'main_hall_seats': no value: give it, or say what is known as a "
        "plausible range in value_ranges.csv (the value is then scored as that range, flagged)"]


def test_a_bound_only_source_whose_range_was_dropped(data_copy):
    rows = data_copy.rows("value_ranges.csv")
    kept = [r for r in rows if (r["record_id"], r["field"]) != ("hanoi", "accommodation_rooms")]
    assert len(kept) == len(rows) - 1
    data_copy.write("value_ranges.csv", kept)
    assert messages(data_copy.folder) == [
        "data/sources.csv, row 'hanoi-hotels', column 'knowable': bound_only, but value_ranges.csv has no range "
        "for venues/hanoi/accommodation_rooms",
        "data/venues.csv, row 'hanoi', column 'accommodation_rooms': no value: give it, or say what is known as a "
        "plausible range in value_ranges.csv (the value is then scored as that range, flagged)"]


def test_every_cited_source_exists():
    """Read from the CSV files directly, so the check does not rest on the loader it checks."""
    source_ids = {r["source_id"] for r in csv_rows("sources.csv")}
    cited = [(f"indicators.csv/{r['indicator_id']}", s)
             for r in csv_rows("indicators.csv") for s in split_ids(r["anchor_sources"])]
    cited += [(f"profile_weights.csv/{r['profile_id']}:{r['criterion_id']}", s)
              for r in csv_rows("profile_weights.csv") for s in split_ids(r["sources"])]
    assert len(cited) >= 10  # the data do cite: this is not a check of nothing
    assert [c for c in cited if c[1] not in source_ids] == []


def test_split_ids():
    assert split_ids(" a ; b;c ;; ") == ["a", "b", "c"]
    assert split_ids("") == [] and split_ids(None) == []
