"""Airspace classing on constructed cases whose answers are known by construction or by hand."""
from __future__ import annotations

import math

import numpy as np
import pytest
import shapely
from geographiclib.geodesic import Geodesic

from summit_venues.measures import airspace
from summit_venues.measures.airspace import INTERNATIONAL, LAND, TERRITORIAL_SEA
from summit_venues.measures.borders import Borders, load_borders

SEA_M = 12 * 1852.0  # 22,224 m
WGS84 = Geodesic.WGS84


def synthetic_borders(**squares) -> Borders:
    """Borders made of axis-aligned boxes: code=(west, south, east, north) in degrees."""
    codes = tuple(squares)
    geometry = np.array([shapely.MultiPolygon([shapely.box(*b)]) for b in squares.values()], dtype=object)
    return Borders(code=codes, feature_code=codes, name=codes, kind=("Sovereign country",) * len(codes),
                   geometry=geometry, tree=shapely.STRtree(geometry))


def classed(lat1, lon1, lat2, lon2, borders, spacing_km=1.0):
    route = airspace.sample_route(lat1, lon1, lat2, lon2, spacing_km)
    state, kind = airspace.class_points(route.lat, route.lon, SEA_M, borders)
    return airspace.RouteAirspace(route, state, kind)


def km_east_of(lon_deg: float, km: float, lat: float = 0.5) -> float:
    """Longitude `km` east of `lon_deg` at `lat`, by solving the geodesic (independent of the package)."""
    return WGS84.Direct(lat, lon_deg, 90.0, km * 1000.0)["lon2"]


def test_segment_wholly_over_one_country_is_all_its_land():
    borders = synthetic_borders(AAA=(0.0, 0.0, 2.0, 2.0))
    result = classed(0.5, 0.5, 1.5, 1.5, borders)
    assert set(result.kind) == {LAND}
    assert result.states_entered() == ["AAA"]
    expected_km = WGS84.Inverse(0.5, 0.5, 1.5, 1.5)["s12"] / 1000.0
    assert result.sovereign_km(["AAA"]) == pytest.approx(expected_km, abs=1e-6)


def test_segment_over_open_ocean_is_all_international():
    # Real shapes: the North Pacific between Hawaii and California, far from any island.
    result = airspace.route_airspace(30.0, -150.0, 35.0, -140.0, SEA_M)
    assert result.states_entered() == []
    assert result.international_km == pytest.approx(result.route.total_km)


@pytest.mark.parametrize("offset_km, inside", [(15.0, True), (21.0, True), (23.5, False)])
def test_segment_grazing_a_territorial_sea(offset_km, inside):
    """A meridian `offset_km` east of a 1-degree square: inside the 12-nm sea only if closer than 22.224 km."""
    borders = synthetic_borders(AAA=(0.0, 0.0, 1.0, 1.0))
    lon = km_east_of(1.0, offset_km)
    result = classed(-1.0, lon, 2.0, lon, borders)
    assert LAND not in set(result.kind)
    sea_km = result.sovereign_km(["AAA"])
    if not inside:
        assert sea_km == 0.0
        return
    # By hand: the edge's 1 degree of latitude, plus a chord of the rounded corner at each end.
    edge_km = WGS84.Inverse(0.0, 1.0, 1.0, 1.0)["s12"] / 1000.0
    corner_km = math.sqrt((SEA_M / 1000.0) ** 2 - offset_km ** 2)
    assert sea_km == pytest.approx(edge_km + 2 * corner_km, abs=1.5)
    assert result.states_entered() == ["AAA"]
    assert set(result.kind) == {TERRITORIAL_SEA, INTERNATIONAL}


def test_segment_crossing_a_land_border_splits_at_the_border():
    borders = synthetic_borders(AAA=(0.0, 0.0, 1.0, 1.0), BBB=(1.0, 0.0, 2.0, 1.0))
    result = classed(0.5, 0.2, 0.5, 1.8, borders)
    stretches = result.stretches()
    assert list(stretches.state) == ["AAA", "BBB"]
    assert list(stretches.airspace) == [LAND, LAND]
    west_km = WGS84.Inverse(0.5, 0.2, 0.5, 1.0)["s12"] / 1000.0
    east_km = WGS84.Inverse(0.5, 1.0, 0.5, 1.8)["s12"] / 1000.0
    assert stretches.km.iloc[0] == pytest.approx(west_km, abs=1.0)
    assert stretches.km.iloc[1] == pytest.approx(east_km, abs=1.0)


def test_closest_approach_is_the_constructed_offset():
    borders = synthetic_borders(AAA=(0.0, 0.0, 1.0, 1.0))
    lon = km_east_of(1.0, 40.0)
    route = airspace.sample_route(-1.0, lon, 2.0, lon, 1.0)
    near = airspace.closest_approach(route, "AAA", borders)
    # 40 km east of the edge at latitude 0.5; anywhere along the edge the offset varies by metres only.
    assert near.land_km == pytest.approx(40.0, abs=0.02)
    assert near.airspace_km(SEA_M) == pytest.approx(40.0 - 22.224, abs=0.02)
    assert 0.0 <= near.lat <= 1.0


def test_closest_approach_is_zero_when_the_route_crosses_land():
    borders = synthetic_borders(AAA=(0.0, 0.0, 1.0, 1.0))
    route = airspace.sample_route(0.5, -1.0, 0.5, 2.0, 1.0)
    assert airspace.closest_approach(route, "AAA", borders).land_km == 0.0


def test_sample_points_lie_on_the_geodesic():
    """Midpoints of the steps agree with geographiclib's own line to the millimetre."""
    route = airspace.sample_route(39.22389, 125.67, 16.0439, 108.2003, 1.0)
    line = WGS84.InverseLine(39.22389, 125.67, 16.0439, 108.2003)
    for i in (0, len(route.lat) // 3, len(route.lat) - 1):
        point = line.Position(route.along_km[i] * 1000.0)
        assert WGS84.Inverse(point["lat2"], point["lon2"], route.lat[i], route.lon[i])["s12"] < 0.001
    assert route.total_km * 1000.0 == pytest.approx(line.s13, abs=0.001)


def test_hong_kong_counts_as_chinese_airspace():
    borders = load_borders()
    assert borders.code[borders.feature_code.index("HKG")] == "CHN"
    assert borders.code[borders.feature_code.index("USA")] == "USA"


def test_antimeridian_does_not_break_the_search():
    """A route across 180 degrees still finds Alaska at one end and Russia at the other."""
    result = airspace.route_airspace(64.8, -147.7, 62.0, 129.7, SEA_M)  # Fairbanks to Yakutsk
    assert result.states_entered()[0] == "USA"
    assert result.states_entered()[-1] == "RUS"


# --- the disk cache: a route classed against the Natural Earth borders is kept, and read back as it was --------

KIM_TO_DANANG = (39.224, 125.670, 16.044, 108.199)  # Pyongyang Sunan to Da Nang airports (degrees)


def test_runs_give_back_the_classes_they_were_made_of():
    state = np.array(["", "", "KOR", "KOR", "", "CHN"], dtype=object)
    kind = np.array([INTERNATIONAL, INTERNATIONAL, TERRITORIAL_SEA, LAND, INTERNATIONAL, LAND], dtype=object)
    runs = airspace._runs(state, kind)
    assert runs == [["", INTERNATIONAL, 2], ["KOR", TERRITORIAL_SEA, 1], ["KOR", LAND, 1],
                    ["", INTERNATIONAL, 1], ["CHN", LAND, 1]]
    back = airspace._from_runs(runs)
    assert back[0].tolist() == state.tolist() and back[1].tolist() == kind.tolist()
    assert [a.tolist() for a in airspace._from_runs([])] == [[], []]


def test_a_classed_route_and_its_closest_approach_are_read_back_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_CACHE_DIR", str(tmp_path))
    route = airspace.sample_route(*KIM_TO_DANANG)
    first = airspace.class_points(route.lat, route.lon, SEA_M)
    near = airspace.closest_approach(route, "KOR")
    assert sorted(p.name.split("-")[1] for p in tmp_path.glob("route-*.json")) == ["approach", "classes"]
    # Read back without computing: the same classes, point for point, as computing them gives.
    monkeypatch.setattr(airspace, "_class_points", lambda *a: pytest.fail("classed again"))
    monkeypatch.setattr(airspace, "_closest_approach", lambda *a: pytest.fail("measured again"))
    again = airspace.class_points(route.lat, route.lon, SEA_M)
    assert [a.tolist() for a in again] == [a.tolist() for a in first]
    assert airspace.closest_approach(route, "KOR") == near
    monkeypatch.undo()
    computed = airspace._class_points(route.lat, route.lon, SEA_M, load_borders(), 100)
    assert [a.tolist() for a in computed] == [a.tolist() for a in first]
    assert {"KOR", ""} <= set(first[0]) and near.land_km > 0
    assert airspace._closest_approach(route, "KOR", load_borders()) == near


def test_another_route_or_sea_breadth_is_another_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMIT_CACHE_DIR", str(tmp_path))
    route = airspace.sample_route(*KIM_TO_DANANG)
    airspace.class_points(route.lat, route.lon, SEA_M)
    airspace.class_points(route.lat, route.lon, 2 * SEA_M)
    shifted = route.lat.copy()
    shifted[100] += 1e-9
    airspace.class_points(shifted, route.lon, SEA_M)
    assert len(list(tmp_path.glob("route-classes-*.json"))) == 3
