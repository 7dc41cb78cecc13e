"""The route maps: country shapes from the same Natural Earth data, routes coloured by airspace class.

Each map is a `charts.Chart`, which a notebook shows as a PNG wherever it is read (JupyterLab, GitHub,
nbviewer, the report), whether or not the notebook turned inline plotting on: a bare matplotlib Figure
would show only as its text, `<Figure size 900x640 with 1 Axes>`.

Kim's routes are drawn as scored: the safe route, the shortest that keeps the stated margin outside
hostile airspace (`flight_path.safe_route`). Where it leaves the great circle, the close-up shows
the great circle as well, with the hostile state's 12-nm sea and the keep-out line the route rounds.
"""
from __future__ import annotations

from functools import cache
from typing import Any, TypedDict

import numpy as np
import pyproj
import shapely
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..inputs.dataset import Dataset
from ..measures import airspace, flight_path
from ..measures import safe_route as safe
from ..measures.airspace import INTERNATIONAL, LAND, TERRITORIAL_SEA, Approach, RouteAirspace
from ..measures.borders import ATTRIBUTION, load_borders
from .charts import SMALLEST_TEXT, Chart, venue_colours

# Airspace classes in muted colours of their own (Paul Tol), none of them a venue's (charts.VENUE_COLOURS).
AIRSPACE_COLOURS = {LAND: "#999933", TERRITORIAL_SEA: "#AA4499", INTERNATIONAL: "#88CCEE"}
HOSTILE_FILL, OTHER_FILL, EDGE = "#F4C7C3", "#E8E8E8", "#9A9A9A"


class LineStyle(TypedDict):
    """How a line is drawn (keywords of matplotlib's `plot` and `Line2D`)."""

    color: str
    linewidth: float
    linestyle: tuple[float, tuple[float, float]]  # (offset, (dash, gap)) in points


GREAT_CIRCLE_STYLE: LineStyle = {"color": "#444444", "linewidth": 1.0, "linestyle": (0, (4, 2))}
#: A map's frame: west, south, east and north (degrees of longitude and latitude).
Rect = tuple[float, float, float, float]
#: Kim's panel: longitude and latitude limits around the Korea-Vietnam corridor.
EAST_ASIA: Rect = (100.0, 10.0, 132.0, 43.0)


class Outlines(TypedDict):
    """The countries' outlines a map draws, as JSON keeps them: each outline's x and y, and whether it is hostile."""

    xy: list[list[list[float]]]
    hostile: list[bool]


#: The US panel's view: azimuthal equidistant, centred on the North Pole.
POLAR = "+proj=aeqd +lat_0=90 +lon_0=100 +datum=WGS84 +units=m"


@cache
def _transformer(projection: str) -> pyproj.Transformer:
    """Longitude and latitude to the map's projection (made once per process; making one opens PROJ's database)."""
    return pyproj.Transformer.from_crs("EPSG:4326", projection, always_xy=True)


def _draw_shapes(ax: Axes, rect: Rect, hostile: set[str], projection: str | None = None, tolerance: float = 0.01,
                 min_area: float = 0.0) -> None:
    """Fill every country inside `rect` (lon/lat), hostile states in red; optionally re-projected.

    `tolerance` (degrees) simplifies outlines and `min_area` (square degrees) drops islets,
    both only for drawing: the classing uses the full shapes.
    """
    outlines = _outlines(rect, frozenset(hostile), projection, tolerance, min_area)
    fills = [HOSTILE_FILL if is_hostile else OTHER_FILL for is_hostile in outlines["hostile"]]
    shapes = [np.column_stack(xy) for xy in outlines["xy"]]
    # One collection for hundreds of outlines: drawn alike, but far faster than a patch each.
    ax.add_collection(PolyCollection(shapes, facecolors=fills, edgecolors=EDGE, linewidths=0.3), autolim=True)
    ax.autoscale_view()


def _outlines(rect: Rect, hostile: frozenset[str], projection: str | None, tolerance: float,
              min_area: float) -> Outlines:
    """The countries' outlines inside `rect`, clipped, simplified and projected, and which are hostile: kept in
    the disk cache (`inputs.cache`), keyed by the borders, the arguments, the code and the libraries, since
    clipping and simplifying every country costs about half a second a map."""
    from ..inputs import cache
    from ..measures.border_data import border_file

    key = cache.digest({"format": cache.FORMAT, "borders": cache.file_digest(border_file()), "rect": list(rect),
                        "hostile": sorted(hostile), "projection": projection, "tolerance": tolerance,
                        "min_area": min_area, "code": cache.source_digest([__name__.split(".", 1)[1]]),
                        "libraries": cache.library_versions(["numpy", "shapely", "pyproj"])})
    return cache.cached_value("map-outlines", key, lambda: _outlines_of(rect, hostile, projection, tolerance,
                                                                        min_area))


def _outlines_of(rect: Rect, hostile: frozenset[str], projection: str | None, tolerance: float,
                 min_area: float) -> Outlines:
    borders = load_borders()
    xy: list[list[list[float]]] = []
    hostile_flags: list[bool] = []
    for index in sorted(borders.tree.query(shapely.box(*rect))):
        part = shapely.simplify(shapely.clip_by_rect(borders.geometry[index], *rect), tolerance)
        polygons = [p for p in getattr(part, "geoms", [part])
                    if isinstance(p, shapely.Polygon) and not p.is_empty and p.area >= min_area]
        for polygon in polygons:
            x, y = np.asarray(polygon.exterior.xy)
            if projection is not None:
                x, y = _transformer(projection).transform(x, y)
            xy.append([np.asarray(x).tolist(), np.asarray(y).tolist()])
            hostile_flags.append(bool(borders.code[index] in hostile))
    return {"xy": xy, "hostile": hostile_flags}


def _draw_route(ax: Axes, classed: RouteAirspace, project: pyproj.Transformer | None = None) -> None:
    """One route as runs of colour, one run per stretch of the same airspace class."""
    x, y = classed.route.lon, classed.route.lat
    if project is not None:
        x, y = project.transform(x, y)
    kinds = classed.kind
    starts = [0] + [i for i in range(1, len(kinds)) if kinds[i] != kinds[i - 1]] + [len(kinds)]
    for a, b in zip(starts[:-1], starts[1:]):
        ax.plot(x[a:b + 1], y[a:b + 1], color=AIRSPACE_COLOURS[kinds[a]], linewidth=2.2, solid_capstyle="butt")


def _kim_panel(ax: Axes, data: Dataset) -> None:
    """Kim's flights from Pyongyang, his overland way in, and the closest approach to hostile airspace."""
    origin = data.origins[data.origins.delegation == "DPRK"].iloc[0]
    hostile = set(flight_path.hostile_states(data.travel.relations, "DPRK"))
    _draw_shapes(ax, EAST_ASIA, hostile)
    for venue in _in_frame(data, EAST_ASIA):  # the others are on 08-the-wider-field's map
        if not flight_path.reached_by_road(venue, origin.delegation):
            _draw_route(ax, _kim_route(data, origin, venue))
        ax.plot(venue.airport_lon, venue.airport_lat, "o", color="black", markersize=5)
        ax.annotate(f"{venue.name} ({venue.airport_iata})", (venue.airport_lon, venue.airport_lat),
                    xytext=(6, -3), textcoords="offset points", fontsize=SMALLEST_TEXT)
        near = _nearest_hostile_safe(data, origin, venue)
        if near is not None:
            ax.plot(near.lon, near.lat, "x", color="#CC0000", markersize=6)
    for leg in data.overland_legs[data.overland_legs.km.notna()].itertuples():  # not the rows saying "none"
        ends = [_place(data, p) for p in (leg.from_place, leg.to_place)]
        ax.plot([e[1] for e in ends], [e[0] for e in ends], linestyle=(0, (2, 2)) if leg.mode == "rail" else ":",
                color="#555555", linewidth=1)
    for crossing in data.border_crossings.itertuples():
        ax.plot(crossing.lon, crossing.lat, "s", color="#555555", markersize=4)
        ax.annotate(crossing.name.split(" (")[0], (crossing.lon, crossing.lat), xytext=(5, 3),
                    textcoords="offset points", fontsize=SMALLEST_TEXT)
    ax.plot(origin.lon, origin.lat, "^", color="black", markersize=7)
    ax.annotate(origin["name"].split(" International")[0], (origin.lon, origin.lat), xytext=(5, 4),
                textcoords="offset points", fontsize=SMALLEST_TEXT)
    ax.set_xlim(EAST_ASIA[0], EAST_ASIA[2])
    ax.set_ylim(EAST_ASIA[1], EAST_ASIA[3])
    ax.set_aspect(1 / np.cos(np.radians(27)))
    ax.set_title("Kim: Pyongyang to each venue, and the way in overland", fontsize=SMALLEST_TEXT)
    ax.set_xlabel("longitude (°E)", fontsize=SMALLEST_TEXT)
    ax.set_ylabel("latitude (°N)", fontsize=SMALLEST_TEXT)
    ax.tick_params(labelsize=SMALLEST_TEXT)


def _in_frame(data: Dataset, rect: Rect) -> list[Any]:
    """The venues whose airport lies inside `rect` (lon/lat): a panel drawn for the corridor leaves the rest out."""
    return [v for v in data.venue_table.itertuples()
            if rect[0] <= v.airport_lon <= rect[2] and rect[1] <= v.airport_lat <= rect[3]]


def _place(data: Dataset, place: str) -> tuple[float, float]:
    """(lat, lon) of a crossing or a venue's centre."""
    if place in data.border_crossings.index:
        row = data.border_crossings.loc[place]
        return row.lat, row.lon
    row = data.venue_table.loc[place]
    return row.centre_lat, row.centre_lon


def _nearest_hostile(data: Dataset, origin: Any, venue: Any) -> Approach:
    """The closest approach of one route to any state hostile to its traveller."""
    hostile = flight_path.hostile_states(data.travel.relations, origin.delegation)
    return min((flight_path.approach(origin, venue, s, data.travel.sea_m) for s in hostile),
               key=lambda a: a.land_km)


def _kim_route(data: Dataset, origin: Any, venue: Any) -> RouteAirspace:
    """The route scored for Kim, classed: the safe route, or the great circle where no safe route reaches."""
    way = flight_path.safe_route(origin, venue, data.travel)
    if not way.reachable:
        return flight_path.route(origin, venue, data.travel.sea_m)
    return safe.classed(way, data.travel.sea_m)


def _nearest_hostile_safe(data: Dataset, origin: Any, venue: Any) -> Approach | None:
    """The safe route's closest approach to any state hostile to its traveller (None if none, or unreachable)."""
    if flight_path.reached_by_road(venue, origin.delegation):
        return None
    way = flight_path.safe_route(origin, venue, data.travel)
    if not way.reachable or not way.avoid_states:
        return None
    return min((airspace.closest_approach(way.route, s) for s in way.avoid_states), key=lambda a: a.land_km)


def _sea_outline(state: str, rect: Rect, sea_m: float) -> Any:  # a shapely geometry
    """A state's land inside `rect` grown by the territorial sea, in degrees (for drawing only)."""
    land = shapely.clip_by_rect(load_borders().state_geometry(state), *rect)
    lon0, lat0 = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    local = pyproj.Transformer.from_crs("EPSG:4326", f"+proj=aeqd +lat_0={lat0} +lon_0={lon0} +datum=WGS84",
                                        always_xy=True)
    grown = shapely.transform(land, lambda xy: np.column_stack(local.transform(xy[:, 0], xy[:, 1]))).buffer(sea_m)
    back = lambda xy: np.column_stack(local.transform(xy[:, 0], xy[:, 1], direction="INVERSE"))  # noqa: E731
    return shapely.transform(grown, back)


def _zoom_panel(ax: Axes, data: Dataset) -> None:
    """Close-up of Kim's closest approach to a hostile state: its 12-nm sea, the keep-out line the safe route
    rounds, each great circle (dashed) and each safe route (coloured)."""
    origin = data.origins[data.origins.delegation == "DPRK"].iloc[0]
    hostile = set(flight_path.hostile_states(data.travel.relations, "DPRK"))
    # The corridor's venues, flown to, not on hostile soil: the close-up is where their routes pass a hostile coast.
    venues = [v for v in _in_frame(data, EAST_ASIA)
              if not flight_path.reached_by_road(v, origin.delegation) and v.country not in hostile]
    nearest = [_nearest_hostile(data, origin, v) for v in venues]
    lat0 = float(np.mean([n.lat for n in nearest]))
    lon0 = float(np.mean([n.lon for n in nearest]))
    rect = (lon0 - 1.4, lat0 - 1.0, lon0 + 1.4, lat0 + 1.0)
    _draw_shapes(ax, rect, hostile, tolerance=0.0)
    for state in {n.state for n in nearest}:
        for grown, style in ((data.travel.sea_m, "--"), (data.travel.keep_out_m, ":")):
            for polygon in getattr(_sea_outline(state, rect, grown), "geoms", []):
                ax.plot(*polygon.exterior.xy, color="#CC0000", linewidth=0.8, linestyle=style)
    for i, (venue, gc_near) in enumerate(zip(venues, nearest)):
        great_circle = flight_path.route(origin, venue, data.travel.sea_m).route
        ax.plot(great_circle.lon, great_circle.lat, **GREAT_CIRCLE_STYLE)
        _draw_route(ax, _kim_route(data, origin, venue))
        near = _nearest_hostile_safe(data, origin, venue) or gc_near
        ax.plot(near.lon, near.lat, "x", color="#CC0000", markersize=7)
        outside = near.airspace_km(data.travel.sea_m)
        # Labels alternate above and below their marks, which lie close together, and stack further out with more.
        rise = 6 + 24 * (i // 2)
        state = data.state_relations.name.get(near.state, near.state)
        ax.annotate(f"to {venue.name}: {outside:.0f} km\noutside {state}'s airspace",
                    (near.lon, near.lat), xytext=(-8, rise if i % 2 == 0 else -rise), textcoords="offset points",
                    fontsize=SMALLEST_TEXT, color="#CC0000", ha="right", va="bottom" if i % 2 == 0 else "top")
    ax.set_xlim(rect[0], rect[2])
    ax.set_ylim(rect[1], rect[3])
    ax.set_aspect(1 / np.cos(np.radians(lat0)))
    margin_km = data.travel.parameter("hostile_airspace_margin_km")
    ax.set_title(f"Close-up: the Yellow Sea off the Korean coast;\nred dashed: 12-nm sea, dotted: {margin_km:g} km "
                 "beyond it", fontsize=SMALLEST_TEXT)
    ax.tick_params(labelsize=SMALLEST_TEXT)


def _us_panel(ax: Axes, data: Dataset) -> None:
    """The US routes over the pole, in an azimuthal-equidistant view centred on the North Pole."""
    origin = data.origins[data.origins.delegation == "USA"].iloc[0]
    hostile = set(flight_path.hostile_states(data.travel.relations, "USA"))
    _draw_shapes(ax, (-180.0, 5.0, 180.0, 90.0), hostile, POLAR, tolerance=0.1, min_area=0.5)
    xs, ys = [], []
    for venue in data.venue_table.itertuples():
        classed = flight_path.route(origin, venue, data.travel.sea_m)
        _draw_route(ax, classed, _transformer(POLAR))
        x, y = _transformer(POLAR).transform(classed.route.lon, classed.route.lat)
        xs += [min(x), max(x)]
        ys += [min(y), max(y)]
        ax.plot(*_transformer(POLAR).transform(venue.airport_lon, venue.airport_lat), "o", color="black", markersize=4)
    x, y = _transformer(POLAR).transform(origin.lon, origin.lat)
    ax.plot(x, y, "^", color="black", markersize=6)
    ax.annotate("Washington (ADW)", (x, y), xytext=(6, 0), textcoords="offset points", fontsize=SMALLEST_TEXT)
    # A near-square window around the routes, wide enough to show the hostile state beside them.
    half = (max(ys) - min(ys)) / 2 + 0.8e6
    middle_x, middle_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    ax.set_xlim(middle_x - 0.75 * half, middle_x + 0.75 * half)
    ax.set_ylim(middle_y - half, middle_y + half)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title("Trump: Washington to each venue,\nover the pole", fontsize=SMALLEST_TEXT)


def detour_map(data: Dataset, venue_id: str, half_width_deg: float = 0.7) -> Chart:
    """Close-up of where Kim's safe route to one venue leaves the great circle, as a Chart.

    The hostile state nearest the great circle is drawn with its 12-nm sea (dashed) and the keep-out
    line (dotted: 12 nm plus the margin of parameters.csv); the great circle is dashed, its stretch
    inside hostile airspace solid red; the safe route is coloured by airspace class, with its bends.
    """
    origin = data.origins[data.origins.delegation == "DPRK"].iloc[0]
    venue = data.venue_table.loc[venue_id]
    sea_m = data.travel.sea_m
    hostile = set(flight_path.hostile_states(data.travel.relations, "DPRK"))
    way = flight_path.safe_route(origin, venue, data.travel)
    great_circle = flight_path.route(origin, venue, sea_m)
    near_gc = _nearest_hostile(data, origin, venue)
    near_safe = _nearest_hostile_safe(data, origin, venue)
    lat0, lon0 = near_gc.lat, near_gc.lon
    aspect = 1 / np.cos(np.radians(lat0))
    rect = (lon0 - half_width_deg, lat0 - 0.55 * half_width_deg, lon0 + half_width_deg,
            lat0 + 0.65 * half_width_deg)
    fig = Figure(figsize=(8, 6))
    ax = fig.subplots()
    _draw_shapes(ax, (rect[0] - 1, rect[1] - 1, rect[2] + 1, rect[3] + 1), hostile, tolerance=0.0)
    for grown, style in ((sea_m, "--"), (data.travel.keep_out_m, ":")):
        outline = _sea_outline(near_gc.state, (rect[0] - 1, rect[1] - 1, rect[2] + 1, rect[3] + 1), grown)
        for polygon in getattr(outline, "geoms", [outline]):
            ax.plot(*polygon.exterior.xy, color="#CC0000", linewidth=0.9, linestyle=style)
    ax.plot(great_circle.route.lon, great_circle.route.lat, **GREAT_CIRCLE_STYLE)
    inside = np.isin(great_circle.state, list(hostile))
    ax.plot(np.where(inside, great_circle.route.lon, np.nan), np.where(inside, great_circle.route.lat, np.nan),
            color="#CC0000", linewidth=3.0, solid_capstyle="butt")
    hostile_km = great_circle.sovereign_km(hostile)
    relations = data.state_relations
    state_name = (relations.name[near_gc.state] if near_gc.state in relations.index
                  else load_borders().state_names().get(near_gc.state, near_gc.state))
    ax.plot(near_gc.lon, near_gc.lat, "x", color="#CC0000", markersize=8)
    ax.annotate(f"great circle: {near_gc.land_km:.1f} km from {state_name}'s land,\n"
                f"{hostile_km:.0f} km inside its airspace", (near_gc.lon, near_gc.lat), xytext=(10, -14),
                textcoords="offset points", fontsize=SMALLEST_TEXT, color="#CC0000")
    if way.reachable:
        _draw_route(ax, safe.classed(way, sea_m))
        bends = np.array(way.waypoints[1:-1])
        if bends.size:
            ax.plot(bends[:, 1], bends[:, 0], "o", color="black", markersize=3)
        if near_safe is not None:
            ax.plot(near_safe.lon, near_safe.lat, "x", color="#CC0000", markersize=8)
            ax.annotate(f"safe route: {near_safe.airspace_km(sea_m):.1f} km outside its airspace,\n"
                        f"{way.detour_km:.1f} km longer than the great circle", (near_safe.lon, near_safe.lat),
                        xytext=(-10, 6), textcoords="offset points", fontsize=SMALLEST_TEXT, ha="right")
    ax.set_xlim(rect[0], rect[2])
    ax.set_ylim(rect[1], rect[3])
    ax.set_aspect(aspect)
    title = f"Kim's route to {venue['name']} where it passes nearest to {state_name}"
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("longitude (°E)", fontsize=SMALLEST_TEXT)
    ax.set_ylabel("latitude (°N)", fontsize=SMALLEST_TEXT)
    ax.tick_params(labelsize=SMALLEST_TEXT)
    handles: list[Artist] = [Line2D([], [], label="great circle", **GREAT_CIRCLE_STYLE),
               Line2D([], [], color="#CC0000", linewidth=3.0, label="great circle inside hostile airspace")]
    handles += [Line2D([], [], color=c, linewidth=2.2, label=f"safe route over {k}")
                for k, c in AIRSPACE_COLOURS.items()]
    handles += [Line2D([], [], color="black", marker="o", markersize=3, linestyle="", label="bends of the safe route"),
                Line2D([], [], color="#CC0000", linestyle="--", label="12-nm territorial sea (sovereign airspace)"),
                Line2D([], [], color="#CC0000", linestyle=":", label="keep-out line: 12 nm plus the margin"),
                Patch(facecolor=HOSTILE_FILL, edgecolor=EDGE, label="state hostile to the DPRK")]
    ax.legend(handles=handles, loc="lower right", fontsize=SMALLEST_TEXT, framealpha=0.9)
    fig.text(0.99, 0.005, ATTRIBUTION, ha="right", fontsize=SMALLEST_TEXT, color="#666666")
    fig.tight_layout(rect=(0, 0.02, 1, 1))
    return Chart(title, fig)


def route_map(data: Dataset) -> Chart:
    """Three panels (Kim's routes, a close-up, the US routes) with one legend, as a Chart.

    The Figure is made without pyplot, so a notebook shows it once, as the cell's value.
    """
    # Kim's map across the page, the close-up and the US routes below it: at a page's width every label stays at
    # least 10 pt (three panels side by side would shrink them to half that).
    fig = Figure(figsize=(8, 13))
    grid = fig.add_gridspec(2, 2, height_ratios=[1.3, 1])
    kim, zoom, us = fig.add_subplot(grid[0, :]), fig.add_subplot(grid[1, 0]), fig.add_subplot(grid[1, 1])
    _kim_panel(kim, data)
    _zoom_panel(zoom, data)
    _us_panel(us, data)
    handles: list[Artist] = [Line2D([], [], color=c, linewidth=2.2, label=f"over {k}")
                             for k, c in AIRSPACE_COLOURS.items()]
    handles += [Line2D([], [], label="great circle, where Kim's safe route leaves it", **GREAT_CIRCLE_STYLE)]
    handles += [Patch(facecolor=HOSTILE_FILL, edgecolor=EDGE, label="state hostile to the traveller"),
                Line2D([], [], color="#555555", linestyle=(0, (2, 2)),
                       label="rail leg, overland extension (schematic)"),
                Line2D([], [], color="#555555", linestyle=":", label="road leg, overland extension (schematic)"),
                Line2D([], [], color="#CC0000", marker="x", linestyle="", label="closest approach to hostile land")]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.015), ncol=2, frameon=False,
               fontsize=SMALLEST_TEXT)
    fig.text(0.99, 0.003, ATTRIBUTION, ha="right", fontsize=SMALLEST_TEXT, color="#666666")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return Chart("Routes of both delegations, by airspace class", fig)


def _label_offsets(points: np.ndarray, near: float) -> list[tuple[int, int]]:
    """Label offsets (points) that keep the names of venues close together from overprinting each other.

    A label goes to the right of its marker, or to the left when another venue lies just to its right
    at about its height; venues are taken from north to south, and one within `near` (map units) of
    a venue already labelled on the same side has its label moved below that one's.
    """
    offsets: list[tuple[int, int]] = [(0, 0)] * len(points)
    placed: list[int] = []
    for i in np.argsort(-points[:, 1], kind="stable"):
        dx, dy = (points - points[i]).T
        side = -1 if np.any((dx > 0) & (dx < 4 * near) & (np.abs(dy) < near)) else 1
        crowd = [j for j in placed if np.hypot(*(points[i] - points[j])) < near and offsets[j][0] * side > 0]
        offsets[i] = (7 * side, 4 - 11 * len(crowd))
        placed.append(i)
    return offsets


def field_map(data: Dataset, title: str) -> Chart:
    """Kim's routes from Pyongyang to every venue, however far, on one azimuthal map, as a Chart.

    The map is centred on Pyongyang, so every route is drawn at its true length from there and a
    route across the date line (to Honolulu) stays whole. Routes are coloured by airspace class as
    scored; a venue Kim reaches by road has no flight and a ring instead of a route. Each venue's
    marker has its colour of `venue_colours`.
    """
    origin = data.origins[data.origins.delegation == "DPRK"].iloc[0]
    projection = f"+proj=aeqd +lat_0={origin.lat} +lon_0={origin.lon} +datum=WGS84 +units=m"
    project = _transformer(projection)
    hostile = set(flight_path.hostile_states(data.travel.relations, "DPRK"))
    fig = Figure(figsize=(9, 6.4))
    ax = fig.subplots()
    _draw_shapes(ax, (-180.0, -15.0, 180.0, 75.0), hostile, projection, tolerance=0.05, min_area=0.05)
    venues = list(data.venue_table.itertuples())
    colours = venue_colours(data.venue_table.index)
    by_road = [flight_path.reached_by_road(v, origin.delegation) for v in venues]
    # A venue reached by road is marked where it is, not at the airport its other guests fly to.
    points = np.array([project.transform(v.centre_lon, v.centre_lat) if road else
                       project.transform(v.airport_lon, v.airport_lat) for v, road in zip(venues, by_road)])
    for venue, (x, y) in zip(venues, points):
        if flight_path.reached_by_road(venue, origin.delegation):
            ax.plot(x, y, "o", markersize=9, markerfacecolor="none", markeredgecolor="black")
        else:
            _draw_route(ax, _kim_route(data, origin, venue), project)
        ax.plot(x, y, "o", color=colours[venue.Index], markeredgecolor="black", markersize=7, zorder=5)
    xs = np.append(points[:, 0], 0.0)
    ys = np.append(points[:, 1], 0.0)
    pad = 0.12 * max(np.ptp(xs), np.ptp(ys), 1.5e6)
    for venue, (x, y), offset in zip(venues, points, _label_offsets(points, near=0.08 * (np.ptp(ys) + pad))):
        road = " (by road)" if flight_path.reached_by_road(venue, origin.delegation) else ""
        ax.annotate(f"{venue.name}{road}", (x, y), xytext=offset, textcoords="offset points", fontsize=SMALLEST_TEXT,
                    va="top" if offset[1] < 0 else "bottom", ha="left" if offset[0] > 0 else "right", zorder=6)
    ax.plot(0, 0, "^", color="black", markersize=8, zorder=5)
    ax.annotate("Pyongyang", (0, 0), xytext=(-7, 4), textcoords="offset points", fontsize=SMALLEST_TEXT, ha="right")
    ax.set_xlim(xs.min() - pad, xs.max() + pad)
    ax.set_ylim(ys.min() - pad, ys.max() + pad)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title, fontsize=10)
    handles: list[Artist] = [Line2D([], [], color=c, linewidth=2.2, label=f"over {k}")
                             for k, c in AIRSPACE_COLOURS.items()]
    handles += [Patch(facecolor=HOSTILE_FILL, edgecolor=EDGE, label="state hostile to the DPRK")]
    handles += [Line2D([], [], marker="o", markersize=9, markerfacecolor="none", markeredgecolor="black",
                       linestyle="", label="reached by road: no flight")]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.02), ncol=5, frameon=False,
               fontsize=SMALLEST_TEXT)  # below the map: never over a venue
    fig.text(0.99, 0.005, ATTRIBUTION + " Azimuthal equidistant projection centred on Pyongyang.", ha="right",
             fontsize=SMALLEST_TEXT, color="#666666")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    return Chart(title, fig)
