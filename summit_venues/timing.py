"""Known then, not now: dates of sources and reasons against the analysis date.

The analysis stands on one date (data/analysis.csv). A figure dated after it may be
scored only for a stated reason (sources.csv `knowable`), and no anchor or weight reason
may rest on a later source or name a later date.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
_FULL_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")
_MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r") (\d{4})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


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
    """Whether a figure dated `as_of` may describe a time after the analysis date."""
    return period_end(as_of) > date.fromisoformat(analysis_date)


def later_dates_in(text: str, analysis_date: str) -> list[str]:
    """Dates a reason names that lie after the analysis date ('26 February 2019', 'March 2019', '2020').

    A bare year or a month counts from its first day, so '2019' or 'February 2019' alone is not
    flagged; a full date after the analysis date is.
    """
    limit = date.fromisoformat(analysis_date)
    found = []
    for day, month, year in _FULL_DATE.findall(text):
        if date(int(year), MONTHS[month], int(day)) > limit:
            found.append(f"{day} {month} {year}")
    rest = _FULL_DATE.sub("", text)
    for month, year in _MONTH_YEAR.findall(rest):
        if date(int(year), MONTHS[month], 1) > limit:
            found.append(f"{month} {year}")
    rest = _MONTH_YEAR.sub("", rest)
    found += [year for year in _YEAR.findall(rest) if date(int(year), 1, 1) > limit]
    return found
