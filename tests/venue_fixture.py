"""A made-up third venue, complete in every column, for tests that add a venue."""

TESTVILLE = {
    "venue_id": "testville", "name": "Testville", "country": "VNM", "centre_lat": "10.8", "centre_lon": "106.7",
    "airport_iata": "TST", "airport_icao": "VVTS", "airport_lat": "10.82", "airport_lon": "106.65",
    "longest_runway_m": "3048", "airport_to_centre_km": "7", "airport_to_meeting_site_km": "12",
    "main_hall_seats": "5000", "media_centre_reporters": "5000", "accommodation_rooms": "40000",
    "international_arrivals": "9000000", "grdp_per_capita_usd": "9000", "embassies_of_both_sides": "1",
    "meeting_capacity_seats": "8000", "airport_widebody_level": "1", "venue_sealability_level": "0",
    "beach_destination_level": "1",
}


def sources_row_for_testville():
    """A provenance row covering every sourced column of the fixture venue.

    Dated 2018, before the analysis date (data/analysis.csv), so that it needs no `knowable` reason.
    """
    fields = [c for c in TESTVILLE if c not in ("venue_id", "name", "country")]
    return {"source_id": "testville-all", "table": "venues", "record_id": "testville", "fields": " ; ".join(fields),
            "source_url": "", "as_of": "2018", "grade": "estimate", "note": "test fixture, not a real city"}


#: Testville is reached overland from Da Nang; without legs its travel path could not be scored.
TESTVILLE_LEGS = [
    {"leg_id": "rail_danang_testville", "mode": "rail", "from_place": "danang", "to_place": "testville", "km": "935"},
    {"leg_id": "road_danang_testville", "mode": "road", "from_place": "danang", "to_place": "testville", "km": "960"},
]


def sources_rows_for_testville_legs(venue_id: str = "testville"):
    """Provenance rows for the fixture legs (renamed for another venue id if given)."""
    return [{"source_id": f"{leg['leg_id']}-src".replace("testville", venue_id), "table": "overland_legs",
             "record_id": leg["leg_id"].replace("testville", venue_id), "fields": "km", "source_url": "",
             "as_of": "2018", "grade": "estimate", "note": "test fixture, not a real route"}
            for leg in TESTVILLE_LEGS]


def legs_for(venue_id: str):
    """The fixture legs, leading to `venue_id` instead of testville."""
    return [{k: v.replace("testville", venue_id) for k, v in leg.items()} for leg in TESTVILLE_LEGS]


def add_testville(data_copy) -> None:
    """Add the fixture venue, its legs and all their provenance to a data copy."""
    data_copy.append("venues.csv", TESTVILLE)
    data_copy.append("sources.csv", sources_row_for_testville())
    for leg, source in zip(TESTVILLE_LEGS, sources_rows_for_testville_legs()):
        data_copy.append("overland_legs.csv", leg)
        data_copy.append("sources.csv", source)


#: A made-up venue in a country not in data/countries.csv, brought with its country row (`<name>.countries.csv`).
ULAANBAATAR = {**TESTVILLE, "venue_id": "ulaanbaatar", "name": "Ulaanbaatar", "country": "MNG", "centre_lat": "47.92",
               "centre_lon": "106.92", "airport_iata": "UBN", "airport_icao": "ZMCK", "airport_lat": "47.65",
               "airport_lon": "106.82"}
MONGOLIA = {"country": "MNG", "name": "Mongolia", "dprk_relations_established": "1948-10-15",
            "us_relations_established": "1987-01-27", "gpi_rank": "45", "gti_score": "0",
            "reform_model_level": "1"}


def sources_rows_for_ulaanbaatar():
    """Provenance for the fixture venue and its country, dated before the analysis date."""
    country_fields = [c for c in MONGOLIA if c not in ("country", "name")]
    return [{**sources_row_for_testville(), "source_id": "ulaanbaatar-all", "record_id": "ulaanbaatar"},
            {"source_id": "mongolia-all", "table": "countries", "record_id": "MNG",
             "fields": " ; ".join(country_fields), "source_url": "", "as_of": "2018", "grade": "estimate",
             "note": "test fixture, not checked"}]
