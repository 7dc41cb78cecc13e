"""A made-up third venue, complete in every column, for tests that add a venue."""

TESTVILLE = {
    "venue_id": "testville", "name": "Testville", "country": "VNM", "centre_lat": "10.8", "centre_lon": "106.7",
    "airport_iata": "TST", "airport_icao": "VVTS", "airport_lat": "10.82", "airport_lon": "106.65",
    "longest_runway_m": "3048", "airport_to_centre_km": "7", "main_hall_seats": "5000",
    "media_centre_reporters": "5000", "hotels_3_to_5_star": "400", "international_arrivals_2018": "9000000",
    "grdp_per_capita_usd": "9000", "embassies_of_both_sides": "1", "meeting_capacity_seats": "8000",
    "airport_widebody_level": "1", "venue_sealability_level": "0", "summit_security_level": "1",
    "beach_destination_level": "1", "host_capital_level": "0",
}


def sources_row_for_testville():
    """A provenance row covering every sourced column of the fixture venue."""
    fields = [c for c in TESTVILLE if c not in ("venue_id", "name", "country")]
    return {"source_id": "testville-all", "table": "venues", "record_id": "testville", "fields": " ; ".join(fields),
            "source_url": "", "as_of": "2019", "grade": "estimate", "note": "test fixture, not a real city"}
