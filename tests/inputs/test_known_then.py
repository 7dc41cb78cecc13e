"""Known then, not now: the loader refuses a scored figure, an anchor reason or a weight reason resting on what was
learned after the analysis date, each problem naming file, row and column."""
import csv

import pytest
from data_problems import problems_of

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
    # Worked out for December 2018 from the April 2018 count and the year's growth, both published in time.
    assert venues.loc["danang", "accommodation_rooms"] == 29730 + round(7355 * 8 / 12)


def test_a_scored_source_dated_after_the_analysis_date(data_copy):
    data_copy.set("sources.csv", "hanoi-hall", "as_of", "2019-03")
    assert messages(data_copy.folder) == [
        f"data/sources.csv, row 'hanoi-hall', column 'as_of': dated 2019-03, {LATER}"]


def test_a_month_that_contains_the_analysis_date_is_after_it(data_copy):
    data_copy.set("sources.csv", "danang-hall", "as_of", "2019-02")  # may mean 28 February
    assert messages(data_copy.folder) == [
        f"data/sources.csv, row 'danang-hall', column 'as_of': dated 2019-02, {LATER}"]


@pytest.mark.parametrize("knowable", ["time_invariant", "state_held"])
def test_a_later_source_with_a_stated_reason_and_earlier_evidence_loads(data_copy, knowable):
    data_copy.set("sources.csv", "hanoi-hall", "as_of", "2019-03")
    data_copy.set("sources.csv", "hanoi-hall", "knowable", knowable)
    data_copy.set("sources.csv", "hanoi-hall", "held_since", "hanoi-media")  # the centre's APEC 2006 press centre
    assert sv.load_dataset(data_copy.folder).venues.loc["hanoi", "main_hall_seats"] == 3800


@pytest.mark.parametrize("knowable", ["time_invariant", "state_held"])
def test_a_later_source_relabelled_as_holding_without_earlier_evidence(data_copy, knowable):
    """The planted case: a later figure marked state_held (or time_invariant, for a hall's seats) with nothing
    dated by the analysis date to show the state held."""
    data_copy.set("sources.csv", "hanoi-hall", "as_of", "2019-03")
    data_copy.set("sources.csv", "hanoi-hall", "knowable", knowable)
    assert messages(data_copy.folder) == [
        f"data/sources.csv, row 'hanoi-hall', column 'held_since': {knowable}, dated 2019-03, after the analysis "
        "date 2019-02-06: name in 'held_since' a source dated by then that shows the state already held"]


def test_earlier_evidence_must_be_earlier(data_copy):
    data_copy.set("sources.csv", "hanoi-hall", "as_of", "2019-03")
    data_copy.set("sources.csv", "hanoi-hall", "knowable", "state_held")
    data_copy.set("sources.csv", "hanoi-hall", "held_since", "hanoi-media ; history-af1")  # 2019-02-26
    assert messages(data_copy.folder) == [
        "data/sources.csv, row 'hanoi-hall', column 'held_since': 'history-af1' is dated 2019-02-26, after the "
        "analysis date 2019-02-06: the evidence that the state held must be from then"]


def test_a_later_position_stands_alone_as_time_invariant(data_copy):
    # A position is true then as now: the centre's coordinates (a 2022 page) need no earlier evidence.
    assert data_copy.rows("sources.csv")[0]["source_id"] == "hanoi-centre"
    sv.load_dataset(data_copy.folder)


def test_a_backdated_figure_is_caught_by_its_publication_date(data_copy):
    """A figure for 2018 published a week after the analysis date (as Singapore's 2018 arrivals were)."""
    data_copy.set("sources.csv", "hanoi-arrivals", "published", "2019-02-13")
    assert messages(data_copy.folder) == [
        "data/sources.csv, row 'hanoi-arrivals', column 'published': published 2019-02-13, after the analysis "
        "date 2019-02-06: a scored value may rest only on what was public then. Leave the value empty and give its "
        "plausible range in value_ranges.csv (knowable bound_only)"]


@pytest.mark.parametrize("wording, flagged", [
    ("as the hotels reported in spring 2019", "spring 2019"),
    ("the stock in Q3 2019", "Q3 2019"),
    ("in the third quarter of 2019", "third quarter of 2019"),
    ("more rooms opened later that year", "later that year"),
    ("as seen after the summit", "after the summit"),
    ("end-2019 figures", "end-2019"),
])
def test_a_range_reason_naming_a_later_time(data_copy, wording, flagged):
    """The planted case: a season, quarter or relative wording after the date in a range's reason."""
    rows = data_copy.rows("value_ranges.csv")
    row = next(r for r in rows if (r["record_id"], r["field"]) == ("danang", "meeting_capacity_seats"))
    row["reason"] += f" Consistent with the figures {wording}."
    data_copy.write("value_ranges.csv", rows)
    assert messages(data_copy.folder) == [
        f"data/value_ranges.csv, row 'venues:danang:meeting_capacity_seats', column 'reason': names {flagged}, "
        "after the analysis date 2019-02-06: later facts belong to the reality check, not to a reason"]


def test_a_range_bounded_by_a_later_figure_may_name_it():
    reason = sv.load_dataset().value_ranges.set_index(["record_id", "field"]).reason[("hanoi", "accommodation_rooms")]
    assert "July 2019" in reason and "February 2020" in reason  # knowable bound_only: allowed


@pytest.mark.parametrize("file, key, column, text, flagged", [
    ("rubrics.csv", ("rubric_id", "level", "beach_destination", "2"), "meaning", "as Da Nang became in 2020",
     "beach_destination:2', column 'meaning': names 2020"),
    ("extensions.csv", ("extension_id", None, "overland", None), "reason", "Kim took the train in late 2019.",
     "overland', column 'reason': names late 2019"),
    ("model_choices.csv", ("choice_id", None, "beach_half", None), "reason", "As the summit later showed.",
     "beach_half', column 'reason': names later showed"),
    ("criteria.csv", ("criterion_id", None, "security", None), "rationale", "Hanoi was sealed on 26 Feb 2019.",
     "security', column 'rationale': names 26 Feb 2019"),
    ("event_kinds.csv", ("kind", None, "leaders_summit", None), "meaning", "As in Hanoi, after the summit.",
     "leaders_summit', column 'meaning': names after the summit"),
])
def test_every_model_text_is_date_checked(data_copy, file, key, column, text, flagged):
    id_column, second, first_id, second_id = key
    rows = data_copy.rows(file)
    row = next(r for r in rows if r[id_column] == first_id and (second is None or str(r[second]) == second_id))
    row[column] = row[column] + " " + text
    data_copy.write(file, rows)
    assert [m for m in messages(data_copy.folder) if flagged in m] != [], flagged


def test_rubric_evidence_is_date_checked(data_copy):
    rows = data_copy.rows("sources.csv")
    row = next(r for r in rows if r["source_id"] == "danang-beach")
    row["note"] += " By summer 2019 it drew more foreign visitors still."
    data_copy.write("sources.csv", rows)
    assert messages(data_copy.folder) == [
        "data/sources.csv, row 'danang-beach', column 'note': names summer 2019, after the analysis date "
        "2019-02-06: later facts belong to the reality check, not to a reason"]


def test_an_unscored_table_may_be_dated_later(data_copy):
    # Context facts are shown, never scored: a later date there is no problem.
    data_copy.set("sources.csv", "fact-vnm-doi-moi", "as_of", "2020")
    sv.load_dataset(data_copy.folder)


def test_an_anchor_may_cite_a_later_source_of_a_time_invariant_fact(data_copy):
    data_copy.set("indicators.csv", "main_hall", "anchor_sources", "hanoi-centre")  # 2022, time_invariant
    sv.load_dataset(data_copy.folder)


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


def test_a_backtest_checks_the_models_reasons_against_its_own_date(data_copy):
    """The planted case: a model reason naming a time after 1 May 2018 (fine for the 2019 analysis) is an error in
    the backtest unless its known_later.csv lists it with a reason."""
    rows = data_copy.rows("indicators.csv")
    rationale = next(r for r in rows if r["indicator_id"] == "main_hall")["anchor_rationale"]
    data_copy.set("indicators.csv", "main_hall", "anchor_rationale", rationale + " Singapore used one in June 2018.")
    sv.load_dataset(data_copy.folder)  # the model's own analysis, 6 February 2019: June 2018 is before it
    problems = [str(p) for p in problems_of(data_copy.folder, analysis="backtest-2018")]
    assert problems == [
        "data/indicators.csv, row 'main_hall', column 'anchor_rationale': names June 2018, after the analysis date "
        "2018-05-01: later facts belong to the reality check, not to a reason"]
    data_copy.append("backtest-2018/known_later.csv", {
        "file": "indicators.csv", "row": "main_hall", "column": "anchor_rationale", "reason": "test: allowed"})
    sv.load_dataset(data_copy.folder, analysis="backtest-2018", extra_venues=[])


def test_a_known_later_row_that_excuses_nothing_is_stale(data_copy):
    data_copy.append("backtest-2018/known_later.csv", {
        "file": "indicators.csv", "row": "main_hall", "column": "anchor_rationale", "reason": "test: nothing later"})
    assert [str(p) for p in problems_of(data_copy.folder, analysis="backtest-2018")] == [
        "backtest-2018/known_later.csv, row 'indicators.csv:main_hall:anchor_rationale', column 'row': nothing of "
        "the model names a later time or cites a later source there: remove this row"]


def test_the_backtest_lists_what_the_model_knew_later():
    backtest = sv.load_dataset(analysis="backtest-2018", extra_venues=[])
    known = backtest.known_later
    assert len(known) == 16 and known.reason.str.len().min() > 40  # each with a real reason
    assert ("indicators.csv", "beach_destination", "anchor_sources") in set(zip(known.file, known.row, known.column))
    assert sv.load_dataset().known_later.empty  # the model's own analysis needs none


#: One cell set, and the one problem the loader names for it: (the case, file, row, column, value, message).
ONE_CELL_CASES = [
    # hanoi-arrivals is a figure of 11 December 2018
    ("a_figure_of_the_months_before_the_date_says_when_it_was_published",
     "sources.csv", "hanoi-arrivals", "published", "",
     "data/sources.csv, row 'hanoi-arrivals', column 'published': dated 2018-12-11, less than 90 days before "
     "the analysis date 2019-02-06: say when the figure was published (a year's statistics often come out "
     "weeks into the next)"),
    # fact-wonsan-scale is dated 2020-03
    ("an_anchor_citing_a_later_source",
     "indicators.csv", "main_hall", "anchor_sources", "fact-wonsan-scale",
     "data/indicators.csv, row 'main_hall', column 'anchor_sources': cites 'fact-wonsan-scale', dated "
     "2020-03, after the analysis date 2019-02-06: a reason may rest only on what was knowable then"),
    # A bound_only figure may bound a range, never carry a reason.
    ("an_anchor_citing_a_bound_only_source",
     "indicators.csv", "hotel_rooms", "anchor_sources", "fact-singapore-media-2018 ; hanoi-hotels",
     "data/indicators.csv, row 'hotel_rooms', column 'anchor_sources': cites 'hanoi-hotels', dated 2019-07, "
     "after the analysis date 2019-02-06: a reason may rest only on what was knowable then"),
    ("an_anchor_citing_a_source_that_does_not_exist",
     "indicators.csv", "main_hall", "anchor_sources", "hanoi-hall ; hanoi-hal",
     "data/indicators.csv, row 'main_hall', column 'anchor_sources': 'hanoi-hal' is not a source_id of "
     "sources.csv"),
    ("an_anchor_rationale_naming_a_later_date",
     "indicators.csv", "main_hall", "anchor_rationale",
     "Judgement: the talks of 26 February 2019 used a hall of this size.",
     "data/indicators.csv, row 'main_hall', column 'anchor_rationale': names 26 February 2019, after the "
     "analysis date 2019-02-06: later facts belong to the reality check, not to a reason"),
    ("a_bound_only_source_whose_cell_still_holds_a_value",
     "venues.csv", "hanoi", "accommodation_rooms", "60812",
     "data/venues.csv, row 'hanoi', column 'accommodation_rooms': holds a value, but its source "
     "'hanoi-hotels' is bound_only (dated 2019-07, after the analysis date): leave the cell empty, the range "
     "in value_ranges.csv is scored"),
    ("an_empty_indicator_cell_without_a_range",
     "venues.csv", "danang", "main_hall_seats", "",
     "data/venues.csv, row 'danang', column 'main_hall_seats': no value: give it, or say what is known as a "
     "plausible range in value_ranges.csv (the value is then scored as that range, flagged)"),
]


@pytest.mark.parametrize("file, row, column, value, message", [case[1:] for case in ONE_CELL_CASES],
                         ids=[case[0] for case in ONE_CELL_CASES])
def test_one_cell_and_the_one_problem_it_makes(data_copy, file, row, column, value, message):
    data_copy.set(file, row, column, value)
    assert messages(data_copy.folder) == [message]
