"""Words for readers: names inside sentences, and raw values with their units.

The decision layer writes sentences (hinges, facts to check, the lede) from the data's short names
(criteria.csv and indicators.csv `short_name`); these helpers keep them in one voice: 'Da Nang's
largest conference hall', '29,730 rooms', 'level 2', '69.6%'.
"""
from __future__ import annotations


def of(owner: str, short_name: str) -> str:
    """A short name (indicators.csv `short_name`) owned by a venue or a country: 'Da Nang's largest conference hall'
    from 'the largest conference hall', or 'Kim's flight distance for Da Nang' where the name is already possessive."""
    if short_name.split(" ")[0].endswith("'s"):
        return f"{short_name} for {owner}"
    return f"{owner}'s {bare(short_name)}"


def bare(short_name: str) -> str:
    """A short name without its leading article: 'hotel rooms' from 'the hotel rooms'."""
    return short_name[4:] if short_name.startswith("the ") else short_name


def amount(value: float, unit: str) -> str:
    """A raw value with its unit, rounded for reading."""
    if unit == "share":
        return f"{value:.1%}"
    if unit == "level":
        return f"level {value:g}"
    if unit.startswith("rank"):
        return f"rank {value:.0f}"
    if unit.startswith("score"):
        return f"a score of {value:.2f}"
    digits = 0 if abs(value) >= 100 else (1 if abs(value) >= 10 else 2)
    return f"{value:,.{digits}f} {unit}"


def number(value: float) -> str:
    """A number for reading: whole with thousands separators from 100 up, else three significant digits."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.3g}"
