"""How long the travel-path geometry takes: border loading, route classing, closest approaches, safe routes.

    python benchmarks/bench_flight_path.py [repeats]

Not a timed test: timings depend on the machine. Each figure is the best of `repeats` runs,
with every cache cleared before each run, so it measures work, not cache hits.
"""
from __future__ import annotations

import sys
import time

from summit_venues import load_dataset
from summit_venues.measures import airspace, borders, flight_path, safe_route

#: What the safe routes of every origin-venue pair should take, borders loaded: "a few seconds".
SAFE_ROUTES_GOAL_S = 3.0


def _clear_caches() -> None:
    borders.load_borders.cache_clear()
    borders.state_codes.cache_clear()
    airspace.route_airspace.cache_clear()
    airspace._coast.cache_clear()
    flight_path._approach.cache_clear()
    flight_path._safe_route.cache_clear()
    flight_path._sovereign_share.cache_clear()
    safe_route._avoided.cache_clear()


def _timed(step) -> float:
    _clear_caches()
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def _load_and_class_all(data) -> None:
    """Borders from the packaged zip, then every origin-venue route classed at 1 km with its approaches."""
    borders.load_borders()
    travel = data.travel
    for origin in data.origins.itertuples():
        for venue in data.venue_table.itertuples():
            flight_path.route(origin, venue, travel.sea_m)
            for state in flight_path.hostile_states(travel.relations, origin.delegation):
                flight_path.approach(origin, venue, state, travel.sea_m)


def _safe_routes(data) -> list[tuple[str, str, safe_route.SafeRoute, float]]:
    """Every origin-venue safe route at 1 km, with its sovereign share."""
    travel = data.travel
    routes = []
    for origin in data.origins.itertuples():
        for venue in data.venue_table.itertuples():
            way = flight_path.safe_route(origin, venue, travel)
            share = safe_route.airspace_split(way, travel.sea_m).sovereign_share
            routes.append((origin.origin_id, venue.Index, way, share))
    return routes


def _timed_safe_routes(data) -> float:
    """The safe routes alone: the borders are loaded before the clock starts."""
    _clear_caches()
    borders.load_borders()
    start = time.perf_counter()
    _safe_routes(data)
    return time.perf_counter() - start


def main(repeats: int = 3) -> None:
    data = load_dataset()
    steps = {
        "load Natural Earth 10m borders": lambda: borders.load_borders(),
        "borders + class all routes + closest approaches": lambda: _load_and_class_all(data),
        "load_dataset() (all tables, all derived columns)": load_dataset,
    }
    routes = len(data.origins) * len(data.venue_table)
    km = sum(data.venue_table[f"flight_km_from_{o}"].sum() for o in data.origins.origin_id)
    print(f"{routes} routes, {km:,.0f} km in all, sampled every {flight_path.SPACING_KM:g} km; best of {repeats}")
    for name, step in steps.items():
        best = min(_timed(step) for _ in range(repeats))
        print(f"  {name:<50} {best:6.2f} s")
    best = min(_timed_safe_routes(data) for _ in range(repeats))
    verdict = "within" if best <= SAFE_ROUTES_GOAL_S else "OVER"
    print(f"  {'safe routes of every venue + sovereign shares':<50} {best:6.2f} s"
          f"  ({verdict} the goal of {SAFE_ROUTES_GOAL_S:g} s, borders already loaded)")
    print(f"  keep-out {data.travel.keep_out_m / 1000:.3f} km from hostile land")
    for origin_id, venue_id, way, share in _safe_routes(data):
        print(f"    {origin_id} -> {venue_id:<10} {way.length_km:10.3f} km, detour {way.detour_km:7.3f} km, "
              f"{len(way.waypoints) - 2} waypoints, closest {way.min_clearance_km:9.3f} km, "
              f"sovereign share {share:.3f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
