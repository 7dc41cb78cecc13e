"""The tables and charts a criterion notebook shows: every indicator and value accounted for."""
import math

import pytest

import summit_venues as sv
from summit_venues.sharing import charts, evidence

CRITERIA = ["facilities", "security", "economic_model", "diplomatic_relations"]


@pytest.mark.parametrize("criterion", CRITERIA)
def test_indicator_table_has_every_indicator_and_shares_sum_to_one(data, criterion):
    table = evidence.criterion_indicators(data, criterion)
    members = data.indicators[data.indicators.criterion_id == criterion]
    assert list(table.index) == list(members.index)
    # Each share within its own model: the article's indicators among themselves, and all of them together.
    article = members.extension == ""
    assert table["share (all extensions)"].sum() == pytest.approx(1, abs=0.002)
    assert table["share (article's model)"][article].sum() == pytest.approx(1, abs=0.002)
    assert table["share (article's model)"][~article].isna().all()
    assert table.model[article].eq("article").all()
    assert table.model[~article].str.startswith("extension: ").all()
    # An indicator's score does not depend on which others are switched on: every extension on scores them all.
    scores = sv.indicator_scores(data, "all")
    assert table["Da Nang score"].tolist() == scores.loc["danang", members.index].round(3).tolist()


@pytest.mark.parametrize("criterion", CRITERIA)
def test_every_indicator_has_evidence_for_every_venue_or_once_nationally(data, criterion):
    table = evidence.indicator_evidence(data, criterion)
    members = data.indicators[data.indicators.criterion_id == criterion]
    assert set(table.indicator) == set(members.name)
    assert table.grade.isin(["A", "B", "C", "estimate"]).all()
    national = members[members.level == "country"]
    for name in national.name:
        assert (table.indicator == name).sum() == 1, f"{name}: a national value is shown once"


def test_a_value_not_found_shows_its_range(data):
    table = evidence.criterion_indicators(data, "facilities")
    assert table.loc["hotel_rooms", "Hanoi"] == "not found: 55,000 to 60,812"
    assert table.loc["hotel_rooms", "Da Nang"] == "34,633"  # worked out for December 2018: shown as it is
    # Scored at the middle, 57,906 rooms: log(57.906) / log(100).
    assert table.loc["hotel_rooms", "Hanoi score"] == round(math.log10(57.906) / 2, 3)


def test_weak_evidence_lists_the_c_and_estimate_values(data):
    weak = evidence.weak_evidence(data, "facilities")
    assert sorted(zip(weak.indicator, weak.place, weak.grade)) == [
        ("Longest runway at the main airport", "Da Nang", "C"),
        ("Rooms in hotels and other accommodation", "Da Nang", "estimate"),  # worked out for December 2018
        ("Total meeting capacity of the main convention venue", "Hanoi", "estimate"),
    ]


def test_rubric_levels_place_each_venue_once(data):
    levels = evidence.rubric_levels(data, "venue_sealability")
    assert levels.level.tolist() == [0, 1, 2]
    assert levels["venues on it"].tolist() == ["", "Hanoi", "Da Nang"]
    assert levels.score.tolist() == [0.0, 0.5, 1.0]


def test_summit_events_show_what_counts(data):
    table = evidence.summit_events(data)
    assert table.groupby("city")["counts"].sum().to_dict() == {"Da Nang": 1.0, "Hanoi": 4.5}
    assert table.start.is_monotonic_increasing and table.grade.notna().all()


@pytest.mark.parametrize("criterion", CRITERIA)
def test_context_facts_carry_their_source(data, criterion):
    table = evidence.context(data, criterion)
    assert not table.empty and table.grade.notna().all()
    assert (table.source.ne("") | table.grade.eq("estimate")).all()


def test_national_economic_facts_are_named_once(data):
    table = evidence.context(data, "economic_model")
    assert (table.place == "Vietnam").sum() == 6 and "Wonsan-Kalma" in set(table.place)


@pytest.mark.parametrize("criterion", CRITERIA)
def test_value_function_chart_has_a_panel_per_indicator(data, criterion):
    chart = charts.value_function_chart(data, criterion, "title")
    visible = [ax for ax in chart.figure.axes if ax.get_visible()]
    members = data.indicators[data.indicators.criterion_id == criterion]
    assert len(visible) == len(members)
    # Every extension's panel says so; the article's do not.
    marked = [ax.get_title().startswith("[extension: ") for ax in visible]
    assert marked == (members.extension != "").tolist()
    assert chart.png().startswith(b"\x89PNG")


def test_computed_and_extension_indicators_show_the_sources_they_read(data):
    """The evidence follows the one lineage function: a route's coordinates, parameters and relations, the overland
    legs of the extension, and every summit once, each with its grade."""
    from summit_venues.measures.lineage import sourced_cells

    table = evidence.indicator_evidence(data, "flight_path")
    distance = table[table.indicator == data.indicators.name["kim_flight_distance"]]
    cells = {c for v in data.venue_ids for c in sourced_cells(data, "kim_flight_distance", v)}
    assert len(distance) == len(cells) and distance.grade.isin(["A", "B", "C", "estimate"]).all()
    assert "China" in set(distance.place) and "treaty ally (to the DPRK)" in set(distance.value)
    assert "hostile airspace margin: 10 km" in set(distance.value)
    rail = table[table.indicator == data.indicators.name["kim_rail_km"]] if "kim_rail_km" in data.indicators.index \
        else table[table.model == "extension: " + data.extensions.name["overland"]]
    assert {"Dong Dang railway station → Hanoi (rail)", "Hanoi → Da Nang (road)"} <= set(rail.place)
    record = evidence.indicator_evidence(data, "facilities")
    events = record[record.indicator == data.indicators.name["summit_record"]]
    assert len(events) == len(data.summits_hosted) and not events.value.str.contains("_").any()
