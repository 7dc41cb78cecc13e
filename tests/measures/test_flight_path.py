"""The travel-path criterion on the project's data: distances, airspace, overland legs, bad input."""
from __future__ import annotations

import math

import pandas as pd
import pytest
from geographiclib.geodesic import Geodesic
from venue_fixture import TESTVILLE, sources_row_for_testville

from summit_venues import DataError, criterion_scores, indicator_scores, load_dataset
from summit_venues.measures import flight_path
from summit_venues.measures.airspace import INTERNATIONAL, LAND, TERRITORIAL_SEA
from summit_venues.sharing import route_tables

WGS84 = Geodesic.WGS84


def test_flight_distances_match_geographiclib_to_the_metre(data):
    for origin in data.origins.itertuples():
        for venue in data.venue_table.itertuples():
            metres = WGS84.Inverse(origin.lat, origin.lon, venue.airport_lat, venue.airport_lon)["s12"]
            assert getattr(venue, f"flight_km_from_{origin.origin_id}") * 1000.0 == pytest.approx(metres, abs=1.0)
            classed = flight_path.route(origin, venue, data.travel.sea_m)
            assert classed.route.total_km * 1000.0 == pytest.approx(metres, abs=1.0)


def test_pyongyang_distances_agree_with_published_figures(data):
    # Published: Pyongyang-Hanoi 2,760 km (Hankyoreh), Pyongyang-Danang ~3,070 km (KoreaWorldTimes),
    # both measured from other points in the city, so agreement within 0.5 % is what to expect.
    table = data.venue_table
    assert round(table.loc["hanoi", "flight_km_from_FNJ"]) == 2751
    assert table.loc["hanoi", "flight_km_from_FNJ"] == pytest.approx(2760, rel=0.005)
    assert table.loc["danang", "flight_km_from_FNJ"] == pytest.approx(3070, rel=0.005)


def test_flight_time_is_distance_over_cruise_plus_allowance(data):
    times = route_tables.flight_times(data).set_index(["from", "to", "aircraft"])
    km = WGS84.Inverse(39.22389, 125.67, 21.2217, 105.8056)["s12"] / 1000.0
    row = times.loc[("FNJ", "Hanoi", 'Ilyushin Il-62M "Chammae-1"')]
    assert row.hours == pytest.approx(km / 900.0 + 30 / 60.0, abs=1e-9)  # 3.557 h by hand
    assert row.share_of_range == pytest.approx(km / 10000.0, abs=1e-12)
    vc25 = times.loc[("ADW", "Hanoi", "Boeing VC-25A (Air Force One)")]
    assert vc25.share_of_range > 1.0  # 13,353 km against a 12,553 km range: a stop or a refuel


def test_kim_routes_cross_the_expected_states(data):
    summary = route_tables.route_summary(data).set_index("route")
    assert summary.loc["FNJ → HAN", "states entered"] == "PRK → CHN → VNM"
    assert summary.loc["FNJ → DAD", "states entered"] == "PRK → KOR → CHN → VNM"
    assert summary.loc["FNJ → HAN", "hostile states entered"] == "none"
    assert summary.loc["FNJ → DAD", "hostile states entered"] == "KOR"


def test_danang_route_clips_the_sea_off_baengnyeong(data):
    """tech-notes section 2: the island is 13 km from the Pyongyang-Danang great circle at 10m scale."""
    approaches = route_tables.hostile_approaches(data).set_index(["route", "state"])
    near = approaches.loc[("FNJ → DAD", "KOR")]
    assert near["km to land"] == pytest.approx(13.0, abs=1.0)
    assert near["km to its airspace"] == 0.0
    assert 37.5 < near.lat < 38.5 and 124.0 < near.lon < 125.0  # the Baengnyeong area
    hanoi = approaches.loc[("FNJ → HAN", "KOR")]
    assert hanoi["km to its airspace"] == pytest.approx(hanoi["km to land"] - 22.224, abs=1e-9)


@pytest.mark.parametrize("origin_id", ["FNJ", "ADW"])
@pytest.mark.parametrize("venue_id", ["hanoi", "danang"])
def test_results_are_stable_between_1_km_and_250_m_steps(data, origin_id, venue_id):
    """Each boundary can move by at most half a step in either sampling (0.5 + 0.125 km).

    So a class's total may differ by 0.625 km per boundary it has, plus islets narrower than a
    step. Kim's routes, which the score uses, have few boundaries and must agree within 1.5 km
    (the stability tech-notes section 2 reports); the US routes cross the Canadian Arctic
    archipelago some fifty times and are held to the boundary bound.
    """
    origin, venue = data.origins.loc[origin_id], data.venue_table.loc[venue_id]
    sea_m = data.travel.sea_m
    coarse_route = flight_path.route(origin, venue, sea_m, 1.0)
    coarse = coarse_route.km_by_state().set_index(["state", "airspace"]).km
    fine = flight_path.route(origin, venue, sea_m, 0.25).km_by_state().set_index(["state", "airspace"]).km
    both = pd.concat([coarse, fine], axis=1, keys=["coarse", "fine"]).fillna(0.0)
    boundaries = coarse_route.stretches().groupby(["state", "airspace"]).size() * 2
    bound = (0.625 * boundaries).reindex(both.index).fillna(0.0) + 1.0
    assert ((both.coarse - both.fine).abs() <= bound).all()
    if origin_id == "FNJ":
        assert (both.coarse - both.fine).abs().max() < 1.5
    for state in flight_path.hostile_states(data.travel.relations, origin.delegation):
        near = flight_path.approach(origin, venue, state, sea_m, 1.0).land_km
        finer = flight_path.approach(origin, venue, state, sea_m, 0.25).land_km
        assert near == pytest.approx(finer, abs=0.5)


def test_hostile_states_come_from_the_relations_table(data):
    relations = data.travel.relations
    assert sorted(flight_path.hostile_states(relations, "DPRK")) == ["JPN", "KOR", "USA"]
    assert flight_path.hostile_states(relations, "USA") == ["PRK"]
    assert flight_path.relation_of(relations, "PRK", "DPRK") == "own state"
    assert flight_path.relation_of(relations, "CHN", "DPRK") == "treaty_ally"


def test_every_state_a_route_enters_has_a_relation(data):
    km = route_tables.km_by_state(data)
    assert "not in table" not in set(km.relation)
    assert set(km.airspace) <= {LAND, TERRITORIAL_SEA, INTERNATIONAL}


def test_overland_distances_are_sums_of_published_legs(data):
    table = data.venue_table
    assert table.loc["hanoi", "rail_km_from_border"] == 167
    assert table.loc["danang", "rail_km_from_border"] == 167 + 791
    assert table.loc["hanoi", "road_km_from_border"] == 170
    assert table.loc["danang", "road_km_from_border"] == 170 + 764


def test_travel_path_scores_follow_the_written_anchors(data):
    scores = indicator_scores(data, "all")
    for venue in ("hanoi", "danang"):
        # The safe route's length, linear from 10,000 km (0) to 0 km (1); its sovereign share is its own score.
        route_km = data.venue_table.loc[venue, "safe_route_km_from_FNJ"]
        share = data.venue_table.loc[venue, "safe_route_sovereign_share_from_FNJ"]
        assert scores.loc[venue, "kim_flight_distance"] == pytest.approx(1 - route_km / 10000)
        assert scores.loc[venue, "kim_route_sovereign_share"] == pytest.approx(share)
    assert scores.loc["danang", "kim_rail_from_border"] == pytest.approx(1 - 958 / 1000)
    flight = ["kim_flight_distance", "kim_route_sovereign_share"]
    # The article's model: the flight alone; with the overland extension, rail and road as well.
    assert criterion_scores(data).loc["hanoi", "flight_path"] == pytest.approx(scores.loc["hanoi", flight].mean())
    expected = scores.loc["hanoi", flight + ["kim_rail_from_border", "kim_road_from_border"]].mean()
    assert criterion_scores(data, ["overland"]).loc["hanoi", "flight_path"] == pytest.approx(expected)


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder) -> list:
    with pytest.raises(DataError) as caught:
        load_dataset(folder)
    return caught.value.problems


def test_venue_without_airport_coordinates_is_a_data_error(data_copy):
    _edit(data_copy.folder / "venues.csv", "DAD,VVDN,16.0439,108.2003", "DAD,VVDN,,108.2003")
    problem = next(p for p in _problems(data_copy.folder) if p.column == "airport_lat")
    assert (problem.file, problem.row) == ("data/venues.csv", "danang")
    assert "required value is empty" in problem.message


def test_unknown_country_code_in_relations_is_a_data_error(data_copy):
    _edit(data_copy.folder / "state_relations.csv", "MNG,Mongolia", "MGL,Mongolia")
    problems = [p for p in _problems(data_copy.folder) if p.column == "country"]
    assert len(problems) == 1  # the sources rows still name MNG, which is reported separately
    assert (problems[0].file, problems[0].row) == ("data/state_relations.csv", "MGL")
    assert "'MGL' is not a state code of the Natural Earth borders" in problems[0].message
    assert "data/state_relations.csv, row 'MGL', column 'country'" in str(problems[0])


def test_unknown_relation_word_is_a_data_error(data_copy):
    _edit(data_copy.folder / "state_relations.csv", "CHN,China,treaty_ally", "CHN,China,ally")
    problem = _problems(data_copy.folder)[0]
    assert (problem.file, problem.row, problem.column) == ("data/state_relations.csv", "CHN", "relation_to_DPRK")


def test_relation_without_a_source_is_a_data_error(data_copy):
    sources = data_copy.folder / "sources.csv"
    sources.write_text("\n".join(line for line in sources.read_text(encoding="utf-8").split("\n")
                                 if not line.startswith("rel-jpn-dprk")), encoding="utf-8")  # its evidence too
    problem = _problems(data_copy.folder)[0]
    assert (problem.file, problem.row, problem.column) == ("data/state_relations.csv", "JPN", "relation_to_DPRK")
    assert "no provenance" in problem.message


def test_leg_to_an_unknown_place_is_a_data_error(data_copy):
    _edit(data_copy.folder / "overland_legs.csv", "rail,hanoi,danang", "rail,hanoi,dannang")
    problem = _problems(data_copy.folder)[0]
    assert (problem.row, problem.column) == ("rail_hanoi_danang", "to_place")


def test_a_new_venue_needs_data_only(data_copy):
    """A third venue reachable by one new leg gets every travel-path column without code changes."""
    data_copy.append("venues.csv", TESTVILLE)
    data_copy.append("sources.csv", sources_row_for_testville())
    data_copy.append("overland_legs.csv", {"leg_id": "rail_danang_testville", "mode": "rail", "from_place": "danang",
                                           "to_place": "testville", "km": "935"})
    data_copy.append("sources.csv", {"source_id": "test-leg", "table": "overland_legs",
                                     "record_id": "rail_danang_testville", "fields": "km", "as_of": "2018",
                                     "grade": "estimate", "note": "test row"})
    table = load_dataset(data_copy.folder).venue_table
    assert table.loc["testville", "rail_km_from_border"] == 167 + 791 + 935
    assert math.isnan(table.loc["testville", "road_km_from_border"])  # no road leg given: unknown, not zero
    assert table.loc["testville", "hostile_airspace_clearance_km_from_FNJ"] >= 0
