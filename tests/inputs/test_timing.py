"""Dates of sources and of reasons against the analysis date (summit_venues.inputs.timing), worked out by hand."""
from datetime import date

import pytest

from summit_venues.inputs import timing

ANALYSIS = "2019-02-06"


@pytest.mark.parametrize("as_of, start, end", [
    ("2019", date(2019, 1, 1), date(2019, 12, 31)),  # a bare year may mean any day of it
    ("2019-02", date(2019, 2, 1), date(2019, 2, 28)),  # 2019 is not a leap year
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),  # 2020 is
    ("2000-02", date(2000, 2, 1), date(2000, 2, 29)),  # divisible by 400: a leap year
    ("1900-02", date(1900, 2, 1), date(1900, 2, 28)),  # divisible by 100 only: not one
    ("2018-04", date(2018, 4, 1), date(2018, 4, 30)),
    ("2018-12", date(2018, 12, 1), date(2018, 12, 31)),
    ("2019-02-06", date(2019, 2, 6), date(2019, 2, 6)),  # a full date is one day
    ("2020-02-29", date(2020, 2, 29), date(2020, 2, 29)),
])
def test_the_period_a_date_can_mean(as_of, start, end):
    assert timing.period_start(as_of) == start
    assert timing.period_end(as_of) == end


@pytest.mark.parametrize("as_of, after", [
    ("2019-02-06", False),  # the analysis date itself was knowable on it
    ("2019-02-05", False),
    ("2019-02-07", True),
    ("2019-02", True),  # February 2019 may mean the 28th, after the 6th
    ("2019-01", False),  # January ends on the 31st, before
    ("2019", True),  # may mean December 2019
    ("2018", False),
    ("2018-12-31", False),
    ("2020-02-29", True),
])
def test_is_after_counts_a_period_by_its_last_day(as_of, after):
    assert timing.is_after(as_of, ANALYSIS) is after


def test_is_after_moves_with_the_analysis_date():
    assert timing.is_after("2019-02", "2019-02-27")  # 28 February is still after the 27th
    assert not timing.is_after("2019-02", "2019-02-28")
    assert not timing.is_after("2020-02", "2020-02-29")  # the leap day ends February 2020
    assert timing.is_after("2020-02", "2020-02-28")


@pytest.mark.parametrize("text, later", [
    ("Kim reached Dong Dang on 26 February 2019.", ["26 February 2019"]),
    ("The article of 6 February 2019.", []),  # the analysis date itself
    ("Reported on 7 February 2019.", ["7 February 2019"]),
    ("As of 1 March 2019.", ["1 March 2019"]),  # a one-digit day
    ("Planned for March 2019.", ["March 2019"]),
    ("Reported in February 2019.", []),  # a month counts from its first day: 1 February is before the 6th
    ("Reported in January 2019.", []),
    ("Expected by 2020.", ["2020"]),
    ("Reported in 2019.", []),  # a bare year counts from 1 January
    ("Since 1995, and again in 2018.", []),
    # A full date is flagged once, not again as its month and year.
    ("On 27 February 2020 it ended.", ["27 February 2020"]),
    ("In May 2021, on 26 February 2019 and by 2030; not 1964 or February 2019.",
     ["26 February 2019", "May 2021", "2030"]),
    ("No date here, only 10,000 km and 3 levels.", []),
])
def test_later_dates_in_a_reason(text, later):
    assert timing.later_dates_in(text, ANALYSIS) == later


def test_later_dates_depend_on_the_analysis_date():
    text = "Trump landed on 26 February 2019, in March 2019 Kim was home."
    assert timing.later_dates_in(text, "2019-02-25") == ["26 February 2019", "March 2019"]
    assert timing.later_dates_in(text, "2019-02-26") == ["March 2019"]
    assert timing.later_dates_in(text, "2019-03-01") == []
