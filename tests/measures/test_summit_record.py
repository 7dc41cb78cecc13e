"""The summit record and the relations count are derived from sourced rows, and match hand counts."""
import pandas as pd
import pytest
from data_problems import assert_problem, problems_of

import summit_venues as sv
from summit_venues.measures import diplomacy, summit_record

KINDS = pd.DataFrame({"kind": ["leaders_summit", "leaders_forum", "presidential_visit"], "weight": [1, 0.5, 0.5]})
ANALYSIS_DATE = "2019-02-06"  # data/analysis.csv


def events(*rows):
    return pd.DataFrame(rows, columns=["event_id", "venue_id", "name", "start_date", "kind"])


def test_weighted_count_inside_the_window():
    listed = events(
        ("a", "x", "A summit", "2006-11-18", "leaders_summit"),
        ("b", "x", "A forum", "2018-09-11", "leaders_forum"),
        ("c", "x", "A visit", "2016-05-22", "presidential_visit"),
        ("d", "x", "Too early", "1999-12-31", "leaders_summit"),
        ("e", "x", "The outcome itself", "2019-02-27", "leaders_summit"),
        ("f", "y", "Another summit", "2017-11-06", "leaders_summit"),
    )
    record = summit_record.summit_record(["x", "y", "z"], listed, KINDS, ANALYSIS_DATE)
    # x: 1 + 0.5 + 0.5 (d is before 2000, e after the analysis date); y: 1; z lists nothing.
    assert record.to_dict() == {"x": 2.0, "y": 1.0, "z": 0.0}


def test_the_window_edges():
    # From 1 January 2000 up to and including the analysis date; the announcement of 8 February comes after it.
    listed = events(("first", "x", "", "2000-01-01", "leaders_summit"),
                    ("on_the_day", "x", "", "2019-02-06", "leaders_forum"),
                    ("day_after", "x", "", "2019-02-07", "leaders_summit"),
                    ("announcement", "x", "", "2019-02-08", "leaders_summit"))
    assert summit_record.summit_record(["x"], listed, KINDS, ANALYSIS_DATE)["x"] == 1.5
    # The window follows the date it is given.
    assert summit_record.summit_record(["x"], listed, KINDS, "2019-02-08")["x"] == 3.5
    assert summit_record.summit_record(["x"], listed, KINDS, "2019-02-05")["x"] == 1.0


def test_the_real_record_matches_a_hand_count():
    data = sv.load_dataset()
    record = data.venue_table[summit_record.RECORD_COLUMN]
    # Hanoi: APEC 2006 and two ASEAN summits of 2010 (1 each), the Obama and Trump visits and WEF-ASEAN 2018
    # (0.5 each) = 4.5. Da Nang: APEC 2017 = 1.
    assert record.to_dict() == {"hanoi": 4.5, "danang": 1.0}
    # The record is an extension (track_record): not in the article's model.
    assert "summit_record" not in sv.indicator_scores(data).columns
    scores = sv.indicator_scores(data, ["track_record"])["summit_record"]
    assert scores.to_dict() == {"hanoi": 1.0, "danang": 0.5}  # linear from 0 to 2 events


def test_relations_count_needs_a_date_by_the_analysis_date():
    table = pd.DataFrame({"country": ["VNM", "THA", "SGP", "MNG"],
                          "dprk_relations_established": ["1950-01-31", "", "1950-01-31", "1950-01-31"],
                          "us_relations_established": ["1995-07-11", "1995-07-11", "2019-06-01", "2019-02-06"]},
                         index=["both", "us_only", "us_too_late", "us_on_the_day"])
    assert diplomacy.relations_with_delegations(table, ANALYSIS_DATE).to_dict() == {
        "both": 2.0, "us_only": 1.0, "us_too_late": 1.0, "us_on_the_day": 2.0}
    assert diplomacy.relations_with_delegations(table, "2019-02-05")["us_on_the_day"] == 1.0


def test_a_venue_in_a_delegations_own_state_counts_that_delegation():
    """Honolulu: no relations with the DPRK, and none recorded with the United States, its own state: 1."""
    table = pd.DataFrame({"country": ["USA", "PRK", "USA"], "dprk_relations_established": ["", "", "1950-01-31"],
                          "us_relations_established": ["", "", ""]}, index=["honolulu", "pyongyang", "odd"])
    assert diplomacy.relations_with_delegations(table, ANALYSIS_DATE).to_dict() == {
        "honolulu": 1.0, "pyongyang": 1.0, "odd": 2.0}


@pytest.mark.parametrize("file, row, column, value, message", [
    ("summits_hosted.csv", "apec-2017", "venue_id", "hue", "'hue' is not a venue_id of venues.csv"),
    ("summits_hosted.csv", "apec-2017", "kind", "party", "'party' is not a kind of event_kinds.csv"),
    ("summits_hosted.csv", "apec-2017", "start_date", "2017-11", "not a full date"),
    ("context_facts.csv", "wonsan-status", "criterion_id", "tourism", "'tourism' is not a criterion"),
], ids=["an event in an unknown city", "an event of an unknown kind", "an event needs its day",
        "a context fact for an unknown criterion"])
def test_a_bad_event_or_context_cell(data_copy, file, row, column, value, message):
    data_copy.set(file, row, column, value)
    assert_problem(problems_of(data_copy.folder), file, row, column, message)


@pytest.mark.parametrize("source, file, row, column", [
    ("event-apec-2017", "summits_hosted.csv", "apec-2017", "kind"),
    ("fact-wonsan-status", "context_facts.csv", "wonsan-status", "value"),
], ids=["an event", "a context fact"])
def test_without_its_source(data_copy, source, file, row, column):
    data_copy.drop_row("sources.csv", source)
    assert_problem(problems_of(data_copy.folder), file, row, column, "value has no provenance")


@pytest.mark.parametrize("weight", ["-1", "x"])
def test_a_bad_kind_weight(data_copy, weight):
    data_copy.set("event_kinds.csv", "leaders_forum", "weight", weight)
    with pytest.raises(sv.DataError, match="event_kinds.csv, row 'leaders_forum', column 'weight'"):
        sv.load_dataset(data_copy.folder)
