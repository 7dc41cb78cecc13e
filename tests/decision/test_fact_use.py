"""Each fact counted once: which scored indicators every source row and every event feeds (decision.facts)."""
import pytest

import summit_venues as sv
from summit_venues.decision import facts

FLIGHT = ["kim_flight_distance", "kim_route_sovereign_share"]
#: The source rows both flight indicators read, listed by hand: each venue's airport, Pyongyang's airport, every
#: state's relation to the DPRK (the states to keep clear of) and the two parameters of the route.
ROUTE_SOURCES = ["danang-airport", "fnj", "hanoi-airport", "param-hostile-margin", "param-territorial-sea",
                 "rel-can-dprk", "rel-chn-dprk", "rel-jpn-dprk", "rel-kor-dprk", "rel-mng-dprk", "rel-rus-dprk",
                 "rel-usa-dprk", "rel-vnm-dprk"]


def keep_exceptions(data_copy, keep):
    """Keep only the rows of fact_exceptions.csv whose indicators include `keep` (none if None)."""
    rows = data_copy.rows("fact_exceptions.csv")
    kept = [r for r in rows if keep is not None and keep in r["indicators"]]
    data_copy.write("fact_exceptions.csv", kept, columns=list(rows[0]))


def flagged(data) -> dict[str, list[str]]:
    twice = facts.counted_twice(data)
    return dict(zip(twice.fact, twice.indicators))


def test_no_fact_is_counted_twice_in_the_real_data(data):
    twice = facts.counted_twice(data)
    assert list(twice.columns) == ["fact", "indicators"] and len(twice) == 0


def test_an_event_scored_only_in_the_record(data):
    use = facts.fact_use(data)
    assert use.loc["event-apec-2017", "indicators"] == ["summit_record"]
    assert use.loc["event-apec-2017", "count"] == 1


def test_hand_checked_fact_use(data):
    use = facts.fact_use(data)
    # One national cell, read by both cities: one indicator, one fact.
    assert use.loc["vnm-gpi", "indicators"] == ["peace_index"]
    # A leg of the railway feeds the rail distance (Da Nang's goes through Hanoi), not the road.
    assert use.loc["leg-rail-hanoi-danang", "indicators"] == ["kim_rail_from_border"]
    # Da Nang's media centre figure comes from APEC 2017 (rests_on) but feeds only its own indicator.
    assert use.loc["danang-media", "indicators"] == ["media_centre"] and use.loc["danang-media", "rests_on"] == \
        "apec-2017"
    # Shown, not scored: the city centre (no indicator reads it), a context fact, the US delegation's airport.
    for source in ("hanoi-centre", "fact-singapore-sentosa", "adw", "history-af1"):
        assert use.loc[source, "indicators"] == [] and use.loc[source, "count"] == 0
    # The route's inputs feed both flight indicators, and nothing else feeds two.
    assert sorted(use.index[use["count"] == 2]) == ROUTE_SOURCES
    assert all(use.loc[s, "indicators"] == FLIGHT for s in ROUTE_SOURCES)
    assert use["count"].max() == 2


def test_event_use_gathers_the_evidence_resting_on_an_event(data):
    events = facts.event_use(data)
    # APEC 2017 in Da Nang: the record, and the media centre, wide-body and sealability evidence from it.
    assert events.loc["apec-2017", "sources"] == ["danang-media", "danang-sealability", "danang-widebody",
                                                  "event-apec-2017"]
    assert events.loc["apec-2017", "indicators"] == ["airport_widebody", "media_centre", "summit_record",
                                                     "venue_sealability"]
    assert events.loc["apec-2017", "count"] == 4
    # Obama's visit to Hanoi in 2016: the record and the wide-body level (Air Force One landed).
    assert events.loc["obama-2016", "indicators"] == ["airport_widebody", "summit_record"]
    # ASEAN 16 of 2010: nothing rests on it beyond its own row.
    assert events.loc["asean-16", "sources"] == ["event-asean-16"]
    assert events.loc["asean-16", "indicators"] == ["summit_record"]


def test_without_any_exception_the_shared_facts_are_flagged(data_copy):
    keep_exceptions(data_copy, None)
    found = flagged(sv.load_dataset(data_copy.folder))
    expected = {f"source {s}": FLIGHT for s in ROUTE_SOURCES}
    expected["event apec-2006"] = ["media_centre", "summit_record", "venue_sealability"]
    expected["event obama-2016"] = ["airport_widebody", "summit_record"]
    expected["event apec-2017"] = ["airport_widebody", "media_centre", "summit_record", "venue_sealability"]
    assert found == expected


def test_without_the_route_exception_only_the_route_inputs_are_flagged(data_copy):
    keep_exceptions(data_copy, "summit_record")
    found = flagged(sv.load_dataset(data_copy.folder))
    assert found == {f"source {s}": FLIGHT for s in ROUTE_SOURCES}
    assert found["source hanoi-airport"] == ["kim_flight_distance", "kim_route_sovereign_share"]


def test_without_the_event_exception_only_the_events_are_flagged(data_copy):
    keep_exceptions(data_copy, "kim_flight_distance")
    assert sorted(flagged(sv.load_dataset(data_copy.folder))) == ["event apec-2006", "event apec-2017",
                                                                  "event obama-2016"]


def test_an_exception_covers_only_the_indicators_it_lists(data_copy):
    # Say Da Nang's room count were taken from the APEC 2017 reports: the event now feeds hotel_rooms as well,
    # which the listed set does not include.
    data_copy.set("sources.csv", "danang-hotels", "rests_on", "apec-2017")
    found = flagged(sv.load_dataset(data_copy.folder))
    assert found == {"event apec-2017": ["airport_widebody", "hotel_rooms", "media_centre", "summit_record",
                                         "venue_sealability"]}


def test_an_exception_naming_an_unknown_indicator(data_copy):
    rows = data_copy.rows("fact_exceptions.csv")
    rows[0]["indicators"] = "kim_flight_distance ; kim_route_share"
    data_copy.write("fact_exceptions.csv", rows)
    with pytest.raises(sv.DataError) as caught:
        sv.load_dataset(data_copy.folder)
    assert [str(p) for p in caught.value.problems] == [
        "data/fact_exceptions.csv, row 'kim_flight_distance ; kim_route_share', column 'indicators': "
        "'kim_route_share' is not an indicator_id of indicators.csv"]
