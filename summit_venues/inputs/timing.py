"""Known then, not now: dates of sources and reasons against the analysis date.

The analysis stands on one date (data/analysis.csv). A figure dated after it may be
scored only for a stated reason (sources.csv `knowable`), and no anchor or weight reason
may rest on a later source or name a later date.
"""
from __future__ import annotations

import calendar
import re
from datetime import date

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH = r"(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_FULL_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r",? (\d{4})\b", re.IGNORECASE)
_US_DATE = re.compile(r"\b" + _MONTH + r" (\d{1,2}),? (\d{4})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r" (\d{4})\b", re.IGNORECASE)
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
    """Whether a figure dated `as_of` may describe a time after the analysis date (no date, no figure: False)."""
    return bool(as_of) and period_end(as_of) > date.fromisoformat(analysis_date)


def later_dates_in(text: str, analysis_date: str) -> list[str]:
    """Dates a reason names that lie after the analysis date ('26 February 2019', 'March 2019', '2020').

    A bare year or a month counts from its first day, so '2019' or 'February 2019' alone is not
    flagged; a full date after the analysis date is.
    """
    limit = date.fromisoformat(analysis_date)
    found = []

    def flag(match, when: date) -> str:
        if when > limit:
            found.append(match.group(0))
        return ""

    # Most specific forms first; each found date is removed so that its year is not counted again.
    text = _ISO_DATE.sub(lambda m: flag(m, date(int(m[1]), int(m[2]), int(m[3] or 1))), text)
    text = _FULL_DATE.sub(lambda m: flag(m, date(int(m[3]), MONTHS[m[2].lower()], int(m[1]))), text)
    text = _US_DATE.sub(lambda m: flag(m, date(int(m[3]), MONTHS[m[1].lower()], int(m[2]))), text)
    rest = _MONTH_YEAR.sub(lambda m: flag(m, date(int(m[2]), MONTHS[m[1].lower()], 1)), text)
    found += [year for year in _YEAR.findall(rest) if date(int(year), 1, 1) > limit]
    return found
