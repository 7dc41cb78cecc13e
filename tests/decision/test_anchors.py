"""No anchor is simply a candidate's own value: a scale set by one city's figure would score the others against it.

An anchor may equal a candidate's raw value only when the anchors are the quantity's own limits (`scale_limits`, a
share from 0 to 1, a count from 0 to 2) or come from a cited outside reference (`outside` with `anchor_sources`).
Rubric anchors are the rubric's end levels, which a city may well be on: they are exempt.
"""
import numpy as np
import pytest

import summit_venues as sv
from summit_venues.decision import uncertainty
from summit_venues.inputs.schemas import ANCHOR_BASES


def anchor_matches(data) -> list[tuple[str, str, str, float, bool]]:
    """(indicator, worst/best, venue, value, allowed) for every non-rubric anchor equal to a candidate's value.

    The candidate's value is the raw value as the data hold it, or, for a cell left empty, the value scored
    in its place (the middle of its range).
    """
    raw = uncertainty.raw_values(data)
    scored = uncertainty.point_values(data)
    found = []
    for indicator, row in data.indicators.iterrows():
        if row.anchor_basis == "rubric":
            continue
        allowed = row.anchor_basis == "scale_limits" or (row.anchor_basis == "outside" and row.anchor_sources != "")
        for which in ("worst", "best"):
            for venue in raw.index:
                values = {raw.loc[venue, indicator], scored.loc[venue, indicator]}
                if any(np.isclose(row[which], v, rtol=0, atol=1e-9) for v in values if not np.isnan(v)):
                    found.append((indicator, which, venue, float(row[which]), allowed))
    return found


def anchors_taken_from_a_candidate(data) -> list[str]:
    """The anchors that equal a candidate's value without a basis that allows it, as readable lines."""
    return [f"{i}/{which} = {value:g}, {venue}'s own value (anchor_basis {data.indicators.anchor_basis[i]!r})"
            for i, which, venue, value, allowed in anchor_matches(data) if not allowed]


def test_every_indicator_names_a_known_basis():
    data = sv.load_dataset()
    assert set(data.indicators.anchor_basis) <= set(ANCHOR_BASES)
    # A rubric's anchors are its end levels, and only a rubric's.
    assert (data.indicators.anchor_basis == "rubric").tolist() == (data.indicators["shape"] == "rubric").tolist()


def test_no_anchor_is_a_candidates_own_value_in_the_real_data():
    data = sv.load_dataset()
    assert anchors_taken_from_a_candidate(data) == []
    # The anchors that do equal a city's value are all the ends of the quantity's own scale, worked out by hand:
    # Vietnam has relations with both delegations (2 of 2); Hanoi has both embassies (2 of 2), Da Nang neither (0).
    # (Vietnam's terrorism score in the 2018 edition, 0.663, is no longer the index's best, 0.)
    assert sorted(m[:4] for m in anchor_matches(data)) == [
        ("embassies_in_city", "best", "hanoi", 2.0), ("embassies_in_city", "worst", "danang", 0.0),
        ("relations_with_both", "best", "danang", 2.0), ("relations_with_both", "best", "hanoi", 2.0)]
    assert all(m[4] for m in anchor_matches(data))


def test_an_anchor_set_to_a_candidates_value_by_judgement_is_found(data_copy):
    data_copy.set("indicators.csv", "main_hall", "best", "2500")  # Da Nang's hall
    data = sv.load_dataset(data_copy.folder)  # the loader itself does not object
    assert anchors_taken_from_a_candidate(data) == [
        "main_hall/best = 2500, danang's own value (anchor_basis 'judgement')"]


def test_an_anchor_equal_to_the_middle_of_an_empty_cells_range_is_found(data_copy):
    # Hanoi's accommodation is not known at the analysis date: 57,906 rooms, the middle of 55,000..60,812, is scored.
    data_copy.set("indicators.csv", "hotel_rooms", "best", "57906")
    assert anchors_taken_from_a_candidate(sv.load_dataset(data_copy.folder)) == [
        "hotel_rooms/best = 57906, hanoi's own value (anchor_basis 'judgement')"]


@pytest.mark.parametrize("basis, sources, allowed", [
    ("outside", "fact-singapore-media-2018", True),  # an outside reference that happens to match
    ("outside", "", False),  # 'outside' with nothing cited is a judgement by another name
    ("scale_limits", "", True),
    ("judgement", "fact-singapore-media-2018", False),
])
def test_which_bases_allow_an_anchor_at_a_candidates_value(data_copy, basis, sources, allowed):
    data_copy.set("indicators.csv", "main_hall", "best", "2500")
    data_copy.set("indicators.csv", "main_hall", "anchor_basis", basis)
    data_copy.set("indicators.csv", "main_hall", "anchor_sources", sources)
    data = sv.load_dataset(data_copy.folder)
    assert [m for m in anchor_matches(data) if m[0] == "main_hall"] == [
        ("main_hall", "best", "danang", 2500.0, allowed)]
    assert (anchors_taken_from_a_candidate(data) == []) is allowed


def test_rubric_anchors_are_exempt():
    data = sv.load_dataset()
    # Da Nang is on the top level of the sealability rubric, and that is no fault.
    assert data.venue_table.loc["danang", "venue_sealability_level"] == data.indicators.loc["venue_sealability",
                                                                                            "best"]
    assert not [m for m in anchor_matches(data) if m[0] == "venue_sealability"]
