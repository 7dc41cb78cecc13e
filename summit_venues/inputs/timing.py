"""Known then, not now: dates of sources and reasons against the analysis date.

The analysis stands on one date (data/analysis.csv). A figure dated after it may be
scored only for a stated reason (sources.csv `knowable`), a figure must have been published
by then (sources.csv `published`), and no reason or evidence may rest on a later source or
name a later time: a date, a month, a season, a quarter, or a wording such as 'after the
summit' that points past the date whatever the year.
"""
from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_FULL_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r",? (\d{4})\b", re.IGNORECASE)
_US_DATE = re.compile(r"\b" + _MONTH + r" (\d{1,2}),? (\d{4})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r" (\d{4})\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
#: Parts of a year, each counted from its first day (the earliest it can mean), like a bare year.
_PART_START = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 1,
    "q1": 1, "q2": 4, "q3": 7, "q4": 10, "h1": 1, "h2": 7,
    "first quarter of": 1, "second quarter of": 4, "third quarter of": 7, "fourth quarter of": 10,
    "first half of": 1, "second half of": 7, "early": 1, "mid": 5, "mid-": 5, "late": 9, "end of": 10,
    "end-": 10, "the end of": 10,
}
_PART = re.compile(r"\b(" + "|".join(sorted((re.escape(p) for p in _PART_START), key=len, reverse=True))
                   + r")\s*(\d{4})\b", re.IGNORECASE)
#: Wordings that point past the analysis date whatever year they name: the summit being decided came after it.
LATER_WORDINGS = re.compile(r"\b(later that year|later in the year|the following year|the next year|after the "
                            r"summit|since the summit|at the summit|during the summit|the summit itself|"
                            r"after the (?:venue|city) was (?:chosen|announced)|after (?:it|the city) was chosen|"
                            r"later (?:showed|proved|turned out)|in hindsight|as it turned out)\b",
                            re.IGNORECASE)
#: A figure for a period that ended this shortly before the analysis date may have been published after it
#: (yearly statistics come out weeks into the next year): its source must say when it was published.
PUBLICATION_LAG_DAYS = 90


def period_start(as_of: str) -> date:
    """The first day a date of the form YYYY, YYYY-MM or YYYY-MM-DD can mean."""
    parts = [int(p) for p in as_of.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def period_end(as_of: str) -> date:
    """The last day it can mean: a figure 'as of 2019' may describe December 2019."""
    parts = [int(p) for p in as_of.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    return date(year, month, calendar.monthrange(year, month)[1])


def is_after(as_of: str, analysis_date: str) -> bool:
    """Whether a figure dated `as_of` may describe a time after the analysis date (no date, no figure: False)."""
    return bool(as_of) and period_end(as_of) > date.fromisoformat(analysis_date)


def later_dates_in(text: str, analysis_date: str) -> list[str]:
    """Times a reason names that lie after the analysis date ('26 February 2019', 'March 2019', 'spring 2019',
    'Q3 2019', '2020', 'after the summit').

    A bare year, a month, a season or a quarter counts from its first day, so '2019', 'February 2019' or
    'winter 2019' alone is not flagged; a full date after the analysis date is.
    """
    return list(_later_dates_in(text, analysis_date))


@lru_cache(maxsize=8192)
def _later_dates_in(text: str, analysis_date: str) -> tuple[str, ...]:
    """`later_dates_in`, remembered: every load reads the same few hundred texts again (a test session loads
    hundreds of copies of the data)."""
    limit = date.fromisoformat(analysis_date)
    found = []

    def flag(match: re.Match[str], when: date) -> str:
        if when > limit:
            found.append(match.group(0))
        return ""

    # Most specific forms first; each found date is removed so that its year is not counted again.
    found += [m.group(0) for m in LATER_WORDINGS.finditer(text)]
    text = _ISO_DATE.sub(lambda m: flag(m, date(int(m[1]), int(m[2]), int(m[3] or 1)))
                         if 1 <= int(m[2]) <= 12 else m.group(0), text)  # '2015-19' is a span of years
    text = _FULL_DATE.sub(lambda m: flag(m, date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))), text)
    text = _US_DATE.sub(lambda m: flag(m, date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))), text)
    text = _MONTH_YEAR.sub(lambda m: flag(m, date(int(m[2]), MONTHS[m[1].lower()], 1)), text)
    rest = _PART.sub(lambda m: flag(m, date(int(m[2]), _PART_START[m[1].lower()], 1)), text)
    found += [year for year in _YEAR.findall(rest) if date(int(year), 1, 1) > limit]
    return tuple(found)


def needs_publication_date(as_of: str, analysis_date: str) -> bool:
    """Whether a figure dated `as_of`, not after the analysis date, ends so close before it that it may have
    been published only after it (see PUBLICATION_LAG_DAYS)."""
    if not as_of or is_after(as_of, analysis_date):
        return False
    return (date.fromisoformat(analysis_date) - period_end(as_of)).days < PUBLICATION_LAG_DAYS
