"""An indicator's lineage (measures.lineage): the sourced cells it reads, declared once, beside each measure."""
import dataclasses

import pandas as pd
import pytest

import summit_venues as sv
from summit_venues.decision import facts, uncertainty
from summit_venues.measures import lineage


@pytest.fixture(scope="module", params=["2019", "field", "backtest"])
def data(request):
    return {"2019": lambda: sv.load_dataset(extra_venues=[]),
            "field": lambda: sv.load_dataset(extra_venues=[sv.data_dir() / "more-venues" / "field-2019.csv"]),
            "backtest": lambda: sv.load_dataset(analysis="backtest-2018", extra_venues=[])}[request.param]()


def test_every_indicator_reads_some_sourced_cell_and_every_cell_has_a_source(data):
    """A cell read has a source row, or, left empty because nothing was found for the date, a plausible range."""
    sourced = {(s.table, s.record_id, f.strip()) for s in data.sources.itertuples() for f in s.fields.split(";")}
    ranged = {(r.table, r.record_id, r.field) for r in data.value_ranges.itertuples()}
    assert lineage.without_lineage(data) == []
    for indicator in data.indicators.index:
        cells = lineage.indicator_cells(data, indicator)
        assert cells <= sourced | ranged, f"{indicator}: reads cells without a source: {sorted(cells - sourced)[:3]}"


def test_hand_checked_lineage():
    data = sv.load_dataset(extra_venues=[])
    assert lineage.sourced_cells(data, "main_hall", "hanoi") == [("venues", "hanoi", "main_hall_seats")]
    assert lineage.sourced_cells(data, "peace_index", "danang") == [("countries", "VNM", "gpi_rank")]
    # Da Nang's rail: Dong Dang to Hanoi, then Hanoi to Da Nang; Hanoi's the first leg alone.
    assert lineage.sourced_cells(data, "kim_rail_from_border", "danang") == [
        ("overland_legs", "rail_dong_dang_hanoi", "km"), ("overland_legs", "rail_hanoi_danang", "km")]
    assert lineage.sourced_cells(data, "kim_rail_from_border", "hanoi") == [
        ("overland_legs", "rail_dong_dang_hanoi", "km")]
    route = lineage.sourced_cells(data, "kim_flight_distance", "danang")
    assert route[:4] == [("venues", "danang", "airport_lat"), ("venues", "danang", "airport_lon"),
                         ("origins", "FNJ", "lat"), ("origins", "FNJ", "lon")]
    assert ("parameters", "hostile_airspace_margin_km", "value") in route
    assert ("state_relations", "KOR", "relation_to_DPRK") in route
    assert lineage.sourced_cells(data, "relations_with_both", "hanoi") == [
        ("countries", "VNM", "dprk_relations_established"), ("countries", "VNM", "us_relations_established")]
    record = lineage.sourced_cells(data, "summit_record", "danang")
    assert ("summits_hosted", "apec-2017", "kind") in record and all(c[0] == "summits_hosted" for c in record)


def test_a_venue_the_leader_drives_to_reads_that_statement_not_an_airport():
    backtest = sv.load_dataset(analysis="backtest-2018", extra_venues=[])
    cells = lineage.sourced_cells(backtest, "kim_flight_distance", "panmunjom")
    assert cells[0] == ("venues", "panmunjom", "reached_by_road")
    assert ("venues", "panmunjom", "airport_lat") not in cells


def test_a_stated_absence_of_route_is_the_lineage_of_an_infinite_distance():
    field = sv.load_dataset(extra_venues=[sv.data_dir() / "more-venues" / "field-2019.csv"])
    assert lineage.sourced_cells(field, "kim_rail_from_border", "honolulu") == [
        ("overland_legs", "no_rail_honolulu", "to_place")]


def test_a_new_computed_indicator_needs_one_declaration(monkeypatch):
    """Rooms per seat of the largest hall, computed: declared once, the fact check and the ranges follow it."""
    data = sv.load_dataset(extra_venues=[])
    table = data.venue_table.assign(rooms_per_seat=lambda t: t.main_hall_seats / 10)
    row = data.indicators.loc["main_hall"].copy()
    row.update({"indicator_id": "rooms_per_seat", "column": "rooms_per_seat", "level": "derived", "worst": 0.0,
                "best": 1000.0, "shape": "linear"})
    indicators = pd.concat([data.indicators, row.to_frame("rooms_per_seat").T])
    data = dataclasses.replace(data, venue_table=table, indicators=indicators)
    with pytest.raises(ValueError, match="no measure declares its inputs"):
        lineage.sourced_cells(data, "rooms_per_seat", "hanoi")

    def declared(data, venue_id, column):  # the one declaration a new measure makes
        return [("venues", venue_id, "main_hall_seats")] if column == "rooms_per_seat" else None

    monkeypatch.setattr(lineage, "MEASURES", (*lineage.MEASURES, declared))
    assert lineage.indicator_cells(data, "rooms_per_seat") == {("venues", "hanoi", "main_hall_seats"),
                                                                ("venues", "danang", "main_hall_seats")}
    # Every consumer follows the one declaration: the fact check, the plausible ranges and their draws.
    assert facts.fact_use(data).loc["hanoi-hall", "indicators"] == ["main_hall", "rooms_per_seat"]
    assert lineage.direct_cell(data, "rooms_per_seat", "hanoi") is None  # computed: exact given its inputs
    low, high = uncertainty.bounds(data, ["main_hall", "rooms_per_seat"])
    assert low.loc["hanoi", "rooms_per_seat"] == high.loc["hanoi", "rooms_per_seat"] == 380.0
    assert lineage.without_lineage(data) == []


def test_an_indicator_whose_declaration_reads_nothing_is_found(monkeypatch):
    """A measure that declares its column but no cell for any venue leaves its indicator without a source."""
    data = sv.load_dataset(extra_venues=[])

    def forgetful(data, venue_id, column):  # the summit record's declaration, with its events left out
        return [] if column == "summit_record_points" else None

    monkeypatch.setattr(lineage, "MEASURES", (forgetful, *lineage.MEASURES))
    assert lineage.without_lineage(data) == ["summit_record"]
    assert lineage.indicator_cells(data, "summit_record") == set()


@pytest.mark.parametrize("indicator, venue, cell", [
    ("main_hall", "hanoi", ("venues", "hanoi", "main_hall_seats")),
    ("peace_index", "danang", ("countries", "VNM", "gpi_rank")),
    ("kim_rail_from_border", "danang", None),  # computed from legs: exact given them
    ("summit_record", "hanoi", None),
])
def test_the_direct_cell_is_a_value_read_as_it_stands(indicator, venue, cell):
    assert lineage.direct_cell(sv.load_dataset(extra_venues=[]), indicator, venue) == cell
