"""Kuala Lumpur, a venue in a new country (Malaysia), filled in the way the README tells a user to.

TEST VALUES, NOT FACTS. Every value below was made up for the tests: round figures of a plausible size, so
that the README's story (`summit-venues new-venue kuala_lumpur`, fill in the files, validate, rank, report)
runs end to end through the real notebooks. None was researched, none has a source, and each source row
says so in its note; never copy them into data/ or quote them. (The coordinates are near the real city and
airport only so that the routes drawn are of a sensible length.)
"""
from __future__ import annotations

import csv
from pathlib import Path

VENUE_ID = "kuala_lumpur"
NAME = "Kuala Lumpur"
TEST_NOTE = ("TEST VALUE, made up for the end-to-end test of the README's new-venue story: not researched, "
             "not a fact")

#: The venue's row (the template's columns of venues.csv), every value a test value.
VENUE = {
    "country": "MYS", "centre_lat": "3.15", "centre_lon": "101.70", "airport_iata": "KUL", "airport_icao": "WMKK",
    "airport_lat": "2.75", "airport_lon": "101.71", "longest_runway_m": "4000", "airport_to_centre_km": "55",
    "reached_by_road": "", "airport_to_meeting_site_km": "60", "main_hall_seats": "3000",
    "media_centre_reporters": "3000", "accommodation_rooms": "60000", "international_arrivals": "12000000",
    "grdp_per_capita_usd": "25000", "embassies_of_both_sides": "2", "meeting_capacity_seats": "10000",
    "airport_widebody_level": "2", "venue_sealability_level": "1", "beach_destination_level": "0",
}
#: Its country, new to the data (the columns of countries.csv), every value a test value.
COUNTRY = {"country": "MYS", "name": "Malaysia", "dprk_relations_established": "1973-06-30",
           "us_relations_established": "1957-08-31", "gpi_rank": "25", "gti_score": "3", "reform_model_level": "1"}
#: Its overland way in: a crossing of its own on the Chinese border, a road of a test length, no railway.
CROSSING = {"crossing_id": "kuala_lumpur_test_crossing", "name": "Test crossing on the Chinese border (test value)",
            "country": "LAO", "neighbour": "CHN", "lat": "21.2", "lon": "101.7"}
LEGS = [{"leg_id": "road_test_crossing_kuala_lumpur", "mode": "road", "from_place": CROSSING["crossing_id"],
         "to_place": VENUE_ID, "km": "2700"},
        {"leg_id": "no_rail_kuala_lumpur", "mode": "rail", "from_place": "", "to_place": VENUE_ID, "km": ""}]


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: row.get(c, "") for c in columns} for row in rows)


def _test_source(**row: str) -> dict[str, str]:
    return {"source_url": "", "as_of": "2018", "grade": "estimate", "note": TEST_NOTE, **row}


def fill_in(folder: Path) -> Path:
    """Fill in the template files `new-venue kuala_lumpur` wrote in `folder`, as a user would; return the venue file.

    The venue row and the source rows the template lists are completed (a source row for a cell left empty is
    deleted); the country, crossing and legs go in their files, each with its source rows; the files not needed
    (events, ranges) are deleted, as the template's guide says.
    """
    venue_file = folder / f"{VENUE_ID}.csv"
    columns, (row,) = _rows(venue_file)
    assert row["venue_id"] == VENUE_ID and row["name"] == NAME, "the template names the venue"
    _write(venue_file, columns, [{**row, **VENUE}])
    source_columns, template_sources = _rows(folder / f"{VENUE_ID}.sources.csv")
    sources = [{**s, **_test_source()} for s in template_sources
               if any(VENUE[f.strip()] for f in s["fields"].split(";"))]
    sources.append(_test_source(source_id="malaysia-test-values", table="countries", record_id="MYS",
                                fields=" ; ".join(c for c in COUNTRY if c not in ("country", "name"))))
    sources.append(_test_source(source_id="kuala-lumpur-test-crossing", table="border_crossings",
                                record_id=CROSSING["crossing_id"], fields="lat ; lon"))
    sources.append(_test_source(source_id="kuala-lumpur-test-road", table="overland_legs",
                                record_id=LEGS[0]["leg_id"], fields="km"))
    _write(folder / f"{VENUE_ID}.sources.csv", source_columns, sources)
    for suffix, rows in ((".countries.csv", [COUNTRY]), (".crossings.csv", [CROSSING]), (".legs.csv", LEGS)):
        file = folder / f"{VENUE_ID}{suffix}"
        _write(file, _rows(file)[0], rows)
    for suffix in (".events.csv", ".ranges.csv"):
        (folder / f"{VENUE_ID}{suffix}").unlink()
    return venue_file
