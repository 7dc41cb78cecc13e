"""The safe route: the shortest flight path that keeps a margin outside hostile airspace.

Checked against answers found without the package: a circular island whose detour has a
closed form on the sphere, geographiclib for lengths, and for the real Pyongyang-Da Nang case
an independent search and an independent measure of clearance.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely
from geographiclib.geodesic import Geodesic

from summit_venues.measures import airspace, flight_path, geo
from summit_venues.measures import safe_route as safe
from summit_venues.measures.borders import Borders, load_borders

WGS84 = Geodesic.WGS84
SEA_M = 12 * 1852.0  # 22,224 m
KEEP_OUT_M = SEA_M + 10_000.0  # territorial sea plus the 10 km margin of data/parameters.csv
FNJ, DAD, HAN = (39.22389, 125.67), (16.0439, 108.2003), (21.2217, 105.8056)
AVOID = ("KOR", "JPN")


def island_borders(lat: float, lon: float, radius_m: float, code: str = "AAA") -> Borders:
    """Borders holding one round island: a geodesic circle drawn with 720 vertices (chords dip < 1 m)."""
    rim = [WGS84.Direct(lat, lon, az, radius_m) for az in np.linspace(0.0, 360.0, 720, endpoint=False)]
    island = shapely.Polygon([(p["lon2"], p["lat2"]) for p in rim])
    geometry = np.array([shapely.MultiPolygon([island])], dtype=object)
    return Borders(code=(code,), feature_code=(code,), name=(code,), kind=("Sovereign country",),
                   geometry=geometry, tree=shapely.STRtree(geometry))


def east_of_origin(km: float) -> tuple[float, float]:
    """A point on the equator `km` east (negative: west) of (0, 0), by geographiclib."""
    return 0.0, WGS84.Direct(0.0, 0.0, 90.0 if km >= 0 else 270.0, abs(km) * 1000.0)["lon2"]


def tangents_and_arc_km(d1_m: float, d2_m: float, rho_m: float, radius_m: float) -> float:
    """Shortest path between two points d1, d2 from a cap's centre, on opposite sides, around a cap of radius rho.

    On a sphere of radius R: each tangent has cos(t/R) = cos(d/R) / cos(rho/R), it touches
    the cap at an angle beta from the centre line with cos(beta) = tan(rho/R) / tan(d/R),
    and the path follows the cap's rim, a small circle of radius R sin(rho/R), for the
    remaining pi - beta1 - beta2.
    """
    rho = rho_m / radius_m
    tangents = sum(radius_m * math.acos(math.cos(d / radius_m) / math.cos(rho)) for d in (d1_m, d2_m))
    betas = sum(math.acos(math.tan(rho) / math.tan(d / radius_m)) for d in (d1_m, d2_m))
    return (tangents + radius_m * math.sin(rho) * (math.pi - betas)) / 1000.0


def test_detour_round_an_island_is_two_tangents_and_an_arc():
    """An island of 20 km radius on the equator, keep-out 30 km: the route from 300 km west to
    150 km east must round a circle of 50 km radius.

    The method approximates the exact shortest path, two tangents plus an arc (not a single
    waypoint where the tangents meet): its waypoints are corners of the buffered polygon some
    60 m outside keep-out, which lengthens the path by about 60 m times the arc's angle
    (0.51 rad), some 30 m. The sphere's radius is the ellipsoid's Gaussian radius at the
    equator; taking the meridian or the equatorial radius instead moves the answer < 0.1 m.
    So the route may be at most 50 m longer than the closed form, and not shorter by over 2 m.
    """
    island_m, keep_out_m = 20_000.0, 30_000.0
    borders = island_borders(0.0, 0.0, island_m)
    start, end = east_of_origin(-300.0), east_of_origin(150.0)
    result = safe.safe_route(*start, *end, ["AAA"], keep_out_m, borders=borders)

    e2 = WGS84.f * (2 - WGS84.f)
    gaussian_radius = math.sqrt(WGS84.a * (1 - e2) * WGS84.a)
    expected = tangents_and_arc_km(300e3, 150e3, island_m + keep_out_m, gaussian_radius)
    assert expected == pytest.approx(462.585, abs=0.001)
    assert -0.002 <= result.length_km - expected <= 0.050
    assert result.great_circle_km == pytest.approx(450.0, abs=1e-6)  # the equator is a geodesic
    assert result.detour_km == pytest.approx(result.length_km - 450.0, abs=1e-9)
    assert result.reachable and result.detoured
    # The route keeps out, and hugs the keep-out circle: closest approach just beyond 30 km.
    assert keep_out_m / 1000.0 <= result.min_clearance_km <= keep_out_m / 1000.0 + 0.1
    # Every waypoint between the ends lies on the circle of 50 km (+ the ~60 m margin).
    for lat, lon in result.waypoints[1:-1]:
        assert 50_000.0 < WGS84.Inverse(0.0, 0.0, lat, lon)["s12"] < 50_100.0


def test_detour_round_a_wide_island_turns_at_both_corners():
    """A box island across the route (0.5 degree along it, 1.1 across, its north side nearer):
    the route rounds the two northern corners, with a straight stretch along the north side
    between them, which a single waypoint cannot do.

    Planar closed form: from each end a tangent to the keep-out circle round the near corner,
    the arc up to the side, then the side itself. At this scale the plane differs from the
    ellipsoid by about 5 m (the round island: 4.8 m); the method's ~60 m margin over a total
    turn of 0.84 rad adds some 50 m. So the route must be within -10 m..+60 m of it.
    """
    geometry = np.array([shapely.MultiPolygon([shapely.box(-0.25, -0.6, 0.25, 0.5)])], dtype=object)
    borders = Borders(code=("AAA",), feature_code=("AAA",), name=("AAA",), kind=("Sovereign country",),
                      geometry=geometry, tree=shapely.STRtree(geometry))
    keep_out_km = 20.0
    start, end = east_of_origin(-200.0), east_of_origin(200.0)
    result = safe.safe_route(*start, *end, ["AAA"], keep_out_km * 1000.0, borders=borders)

    half_side = WGS84.Inverse(0.0, 0.0, 0.0, 0.25)["s12"] / 1000.0  # corner east of the centre, km
    corner_north = WGS84.Inverse(0.0, 0.25, 0.5, 0.25)["s12"] / 1000.0  # and north of the route
    to_corner = math.hypot(200.0 - half_side, corner_north)
    climb = math.atan2(corner_north, 200.0 - half_side) + math.asin(keep_out_km / to_corner)
    expected = 2 * (math.sqrt(to_corner ** 2 - keep_out_km ** 2) + keep_out_km * climb) + 2 * half_side
    assert -0.010 <= result.length_km - expected <= 0.060
    inner = result.waypoints[1:-1]
    assert all(lat > 0.5 for lat, _ in inner)  # round the nearer, northern side
    assert min(lon for _, lon in inner) < -0.25 and max(lon for _, lon in inner) > 0.25  # both corners
    assert keep_out_km <= result.min_clearance_km <= keep_out_km + 0.1


def test_a_route_that_keeps_out_has_no_detour():
    """The same island 100 km north of the route: nothing to go round."""
    borders = island_borders(WGS84.Direct(0.0, 0.0, 0.0, 100e3)["lat2"], 0.0, 20_000.0)
    start, end = east_of_origin(-300.0), east_of_origin(150.0)
    result = safe.safe_route(*start, *end, ["AAA"], 30_000.0, borders=borders)
    assert result.waypoints == (start, end)
    assert result.detour_km == 0.0
    assert result.length_km == pytest.approx(WGS84.Inverse(*start, *end)["s12"] / 1000.0, abs=1e-6)
    assert not result.detoured
    # The equator passes 100 km from the centre, 80 km from the island's shore.
    assert result.min_clearance_km == pytest.approx(80.0, abs=0.05)


def islands_borders(*islands: tuple[float, float, float]) -> Borders:
    """Borders of one state holding round islands, each (lat, lon, radius in m), drawn as in `island_borders`."""
    parts = [island_borders(lat, lon, radius_m).geometry[0].geoms[0] for lat, lon, radius_m in islands]
    geometry = np.array([shapely.MultiPolygon(parts)], dtype=object)
    return Borders(code=("AAA",), feature_code=("AAA",), name=("AAA",), kind=("Sovereign country",),
                   geometry=geometry, tree=shapely.STRtree(geometry))


def test_a_detour_that_still_comes_too_close_is_looked_for_in_a_wider_disc():
    """The round island of the first test, and a second small one beside the first detour's first leg, outside
    the disc the detour is looked for in (radius: half the offending stretch, 4 keep-outs and 100 km, 270 km here)
    but within keep-out of the leg inside that disc. The first detour, blind to it, still comes too close, so
    the disc is doubled: the detour found keeps out of both islands on every leg."""
    keep_out_m, spacing_km = 30_000.0, 1.0
    start, end = east_of_origin(-300.0), east_of_origin(150.0)
    first = safe._avoided(island_borders(0.0, 0.0, 20_000.0), ("AAA",))
    sampled, clearance = safe._measured([start, end], first, keep_out_m, spacing_km)
    _, bad_lat, bad_lon = safe._offences([start, end], sampled, clearance, keep_out_m)
    blind = safe._detour(start, end, bad_lat, bad_lon, first, keep_out_m, spacing_km)
    # The second island: 2 km across, 26 km north of the first leg where it is 275 km from the centre.
    leg = WGS84.InverseLine(*start, *blind[0])
    along = min(np.linspace(0.0, leg.s13, 3001), key=lambda s: abs(
        WGS84.Inverse(0.0, 0.0, leg.Position(s)["lat2"], leg.Position(s)["lon2"])["s12"] - 275e3))
    at = leg.Position(along)
    second = WGS84.Direct(at["lat2"], at["lon2"], at["azi2"] - 90.0, 26_000.0)
    centre_km = WGS84.Inverse(0.0, 0.0, second["lat2"], second["lon2"])["s12"] / 1000.0
    assert 272.0 < centre_km < 300.0 - 2.0  # its land outside the first disc, within keep-out of it
    both = safe._avoided(islands_borders((0.0, 0.0, 20_000.0), (second["lat2"], second["lon2"], 2_000.0)),
                         ("AAA",))
    path = [start, *blind, end]
    assert min(safe._measured(path, both, keep_out_m, spacing_km)[1]) < keep_out_m - 5_000.0  # the blind detour

    inner = safe._detour(start, end, bad_lat, bad_lon, both, keep_out_m, spacing_km)
    assert min(safe._measured([start, *inner, end], both, keep_out_m, spacing_km)[1]) >= keep_out_m
    result = safe.safe_route(*start, *end, ["AAA"], keep_out_m,
                             borders=islands_borders((0.0, 0.0, 20_000.0), (second["lat2"], second["lon2"], 2_000.0)))
    assert result.reachable and keep_out_m / 1000.0 <= result.min_clearance_km <= keep_out_m / 1000.0 + 0.1


@pytest.mark.parametrize("end_km", [40.0, 0.0])  # in the keep-out ring, on the island itself
def test_an_end_inside_the_forbidden_zone_is_unreachable(end_km):
    borders = island_borders(0.0, 0.0, 20_000.0)
    start, end = east_of_origin(-300.0), east_of_origin(end_km)
    result = safe.safe_route(*start, *end, ["AAA"], 30_000.0, borders=borders)
    assert not result.reachable
    assert math.isnan(result.length_km) and math.isnan(result.detour_km)
    assert result.waypoints == ()
    assert result.great_circle_km == pytest.approx(300.0 + end_km, abs=1e-6)
    assert result.min_clearance_km == pytest.approx(max(0.0, end_km - 20.0), abs=0.05)
    split = safe.airspace_split(result, SEA_M, borders)
    assert math.isnan(split.sovereign_share) and math.isnan(split.international_km)


def test_unknown_state_to_avoid_is_an_error():
    with pytest.raises(KeyError, match="XXX"):
        safe.safe_route(*FNJ, *HAN, ["XXX"], KEEP_OUT_M)


@pytest.fixture(scope="module")
def danang():
    return safe.safe_route(*FNJ, *DAD, AVOID, KEEP_OUT_M)


def _independent_clearance_km(waypoints, land, centre) -> float:
    """Closest approach of the waypoint legs to `land` within 300 km of `centre`, without the package.

    Points every 250 m from geographiclib, measured in pyproj's azimuthal-equidistant frame
    centred on `centre` (within 100 km of it a 32 km distance is true to a metre).
    """
    frame = pyproj.Transformer.from_pipeline(
        "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
        f"+step +proj=aeqd +lat_0={centre[0]} +lon_0={centre[1]} +ellps=WGS84")
    projected = shapely.transform(land, lambda xy: np.column_stack(frame.transform(xy[:, 0], xy[:, 1])))
    nearest = math.inf
    for a, b in zip(waypoints[:-1], waypoints[1:]):
        line = WGS84.InverseLine(*a, *b)
        points = [line.Position(s) for s in np.arange(0.0, line.s13, 250.0)]
        x, y = frame.transform(np.array([p["lon2"] for p in points]), np.array([p["lat2"] for p in points]))
        near = np.hypot(x, y) < 300_000.0
        if near.any():
            nearest = min(nearest, float(shapely.distance(projected, shapely.points(x[near], y[near])).min()))
    return nearest / 1000.0


def test_pyongyang_to_da_nang_goes_round_the_island_for_a_small_detour(danang):
    """The great circle clips South Korea's sea off Baengnyeong; the safe route passes west of it.

    Reference: an independent search for the best single waypoint (a grid refined down to 2 m
    in a local frame, legs sampled every 250 m with geographiclib, clearance measured with
    shapely) found a detour of 1.1367 km at 38.1709 N 124.3459 E. The method here follows
    the rim of the keep-out zone some 60 m outside it, which may differ by a few metres.
    """
    assert danang.great_circle_km == pytest.approx(WGS84.Inverse(*FNJ, *DAD)["s12"] / 1000.0, abs=1e-6)
    assert danang.great_circle_km == pytest.approx(3081.0, abs=0.5)
    assert danang.detour_km == pytest.approx(1.1367, abs=0.010)  # measured: 1.140 km
    assert danang.length_km == pytest.approx(
        sum(geo.geodesic_km(*a, *b) for a, b in zip(danang.waypoints[:-1], danang.waypoints[1:])), abs=1e-6)
    assert danang.min_clearance_km >= KEEP_OUT_M / 1000.0
    assert danang.min_clearance_km == pytest.approx(KEEP_OUT_M / 1000.0, abs=0.1)  # it hugs the zone
    for lat, lon in danang.waypoints[1:-1]:
        assert 37.5 < lat < 38.5 and 124.0 < lon < 125.0  # the Baengnyeong area
    kor = shapely.clip_by_rect(load_borders().state_geometry("KOR"), 122.0, 35.0, 128.0, 40.0)
    assert _independent_clearance_km(danang.waypoints, kor, (37.95, 124.67)) >= KEEP_OUT_M / 1000.0


def test_pyongyang_to_hanoi_needs_no_detour():
    result = safe.safe_route(*FNJ, *HAN, AVOID, KEEP_OUT_M)
    assert result.waypoints == (FNJ, HAN)
    assert result.detour_km == 0.0
    assert result.length_km == pytest.approx(WGS84.Inverse(*FNJ, *HAN)["s12"] / 1000.0, abs=1e-6)
    # 44.27 km from Baengnyeong's shore (22.04 km outside its sea, as test_flight_path measures).
    assert result.min_clearance_km == pytest.approx(44.27, abs=0.05)


def test_da_nang_route_agrees_between_1_km_and_250_m_sampling(danang):
    """Length and detour agree within 1 m (measured: 2 mm, the same waypoints to a micro-degree);
    the closest approach within 5 m (measured: 0.4 m, the finer steps finding it nearer); each
    airspace class within 1.5 km (measured: 1.0 km), the bound of the great-circle classing."""
    fine = safe.safe_route(*FNJ, *DAD, AVOID, KEEP_OUT_M, spacing_km=0.25)
    assert fine.length_km == pytest.approx(danang.length_km, abs=0.001)
    assert fine.detour_km == pytest.approx(danang.detour_km, abs=0.001)
    assert fine.min_clearance_km == pytest.approx(danang.min_clearance_km, abs=0.005)
    coarse_split, fine_split = safe.airspace_split(danang, SEA_M), safe.airspace_split(fine, SEA_M)
    assert fine_split.international_km == pytest.approx(coarse_split.international_km, abs=1.5)
    assert fine_split.sovereign_km == pytest.approx(coarse_split.sovereign_km, abs=1.5)


def test_da_nang_route_airspace_split(danang):
    split = safe.airspace_split(danang, SEA_M)
    assert split.avoided_km == 0.0  # 10 km outside South Korea's sea, so in none of it
    assert split.international_km + split.sovereign_km == pytest.approx(danang.length_km, abs=1e-6)
    classed = safe.classed(danang, SEA_M)
    stretches = classed.stretches()
    assert set(stretches.state) - {""} == {"PRK", "CHN", "VNM"}
    assert split.sovereign_km == pytest.approx(stretches.loc[stretches.state != "", "km"].sum(), abs=1e-6)
    # Leaving the great circle westward, the route leaves North Korea's sea 30 km earlier
    # and misses South Korea's 23 km: more open sea than the great circle's 900 km.
    great_circle = airspace.route_airspace(*FNJ, *DAD, SEA_M)
    assert split.international_km - great_circle.international_km == pytest.approx(37.0, abs=3.0)
    assert split.sovereign_share == pytest.approx(0.696, abs=0.002)


def test_sample_path_cuts_the_whole_route_into_equal_steps(danang):
    two = safe.sample_path([FNJ, DAD], 1.0)
    same = airspace.sample_route(*FNJ, *DAD, 1.0)
    assert np.array_equal(two.lat, same.lat) and np.array_equal(two.lon, same.lon)
    many = safe.sample_path(danang.waypoints, 1.0)
    assert many.total_km == pytest.approx(danang.length_km, abs=1e-9)
    assert len(many.lat) * many.step_km == pytest.approx(danang.length_km, abs=1e-9)
    assert many.step_km <= 1.0
    # Consecutive midpoints are one step apart (legs bend by under a degree, so chords match).
    gaps = [WGS84.Inverse(many.lat[i], many.lon[i], many.lat[i + 1], many.lon[i + 1])["s12"] for i in range(0, 400)]
    assert np.allclose(gaps, many.step_km * 1000.0, atol=0.5)


# --- the derived columns ------------------------------------------------------------------

def test_keep_out_comes_from_the_parameters(data):
    assert data.travel.keep_out_m == pytest.approx(KEEP_OUT_M, abs=1e-9)


def test_safe_route_columns(data):
    table = data.venue_table
    names = flight_path.derived_column_names(["FNJ"])
    for column in (flight_path.safe_route_column("FNJ"), flight_path.safe_detour_column("FNJ"),
                   flight_path.safe_sovereign_share_column("FNJ")):
        assert column in names and column in table.columns
    assert table.loc["hanoi", "safe_route_detour_km_from_FNJ"] == 0.0
    assert table.loc["hanoi", "safe_route_km_from_FNJ"] == table.loc["hanoi", "flight_km_from_FNJ"]
    # The DPRK's hostile states include the USA (Guam, far away), which changes nothing here.
    danang = safe.safe_route(*FNJ, *DAD, ("JPN", "KOR", "USA"), KEEP_OUT_M)
    assert table.loc["danang", "safe_route_km_from_FNJ"] == pytest.approx(danang.length_km, abs=1e-9)
    assert table.loc["danang", "safe_route_detour_km_from_FNJ"] == pytest.approx(1.137, abs=0.010)
    share = safe.airspace_split(danang, SEA_M).sovereign_share
    assert table.loc["danang", "safe_route_sovereign_share_from_FNJ"] == pytest.approx(share, abs=1e-12)
    assert table.loc["hanoi", "safe_route_sovereign_share_from_FNJ"] == pytest.approx(
        1 - table.loc["hanoi", "open_sea_km_from_FNJ"] / table.loc["hanoi", "flight_km_from_FNJ"], abs=1e-9)
    # The US routes pass over 1,000 km from North Korea: no detour.
    assert (table["safe_route_detour_km_from_ADW"] == 0.0).all()
    # The great circle's columns are still there, unchanged in meaning.
    assert table.loc["danang", "hostile_airspace_clearance_km_from_FNJ"] == 0.0


def test_a_venue_on_hostile_soil_has_no_safe_route(data):
    """A venue whose airport is Incheon, on South Korean land: NaN in the safe-route columns."""
    venues = pd.DataFrame({"venue_id": ["incheon"], "airport_lat": [37.4602], "airport_lon": [126.4407]},
                          index=pd.Index(["incheon"], name="venue_id"))
    table = flight_path.flight_columns(venues, data.origins, data.travel)
    for column in ("safe_route_km_from_FNJ", "safe_route_detour_km_from_FNJ", "safe_route_sovereign_share_from_FNJ"):
        assert math.isnan(table.loc["incheon", column])
    assert table.loc["incheon", "hostile_airspace_clearance_km_from_FNJ"] == 0.0


def test_a_safe_route_is_kept_on_disk_exactly_and_found_again_without_the_geometry(data, monkeypatch):
    """A kernel that draws a route finds it in the disk cache: every field, each float to the last bit."""
    import dataclasses
    import json

    origin = data.origins.loc[data.origins.delegation == "DPRK"].iloc[0]
    venue = data.venue_table.loc["danang"]
    first = flight_path.safe_route(origin, venue, data.travel)
    back = flight_path._route_from(json.loads(json.dumps(flight_path._route_payload(first))))
    for field in dataclasses.fields(first):
        kept, read = getattr(first, field.name), getattr(back, field.name)
        if field.name == "route":
            assert np.array_equal(kept.lat, read.lat) and np.array_equal(kept.lon, read.lon)
            assert (kept.total_km, kept.step_km) == (read.total_km, read.step_km)
        else:
            assert kept == read or (kept != kept and read != read), field.name  # NaN stays NaN
    # A fresh process (here: the memory cache emptied) reads it from disk and finds nothing afresh.
    flight_path._safe_route.cache_clear()
    monkeypatch.setattr(safe, "safe_route", lambda *args, **kwargs: pytest.fail("computed again"))
    again = flight_path.safe_route(origin, venue, data.travel)
    assert again.waypoints == first.waypoints and np.array_equal(again.route.lat, first.route.lat)
