"""Words for readers: names of indicators inside sentences, and raw values with their units.

The decision layer writes sentences (hinges, facts to check, the lede); these helpers keep them
in one voice: 'Da Nang's largest conference hall', '29,730 rooms', 'level 2', '69.6%'.
"""
from __future__ import annotations

import re


def reading(name: str) -> str:
    """An indicator's name inside a sentence: what follows a label ('Politically safe: ...'), without the
    bracketed tags tables carry, lower case first."""
    return lower(re.sub(r"\s*\((?:country|rubric|country, rubric)\)$", "", name.split(": ")[-1]))


def of(venue: str, name: str) -> str:
    """'Da Nang's largest hall', or 'Kim's flight ... for Da Nang' where the name is already possessive."""
    words = reading(name)
    return f"{words} for {venue}" if words.split(" ")[0].endswith("'s") else f"{venue}'s {words}"


def lower(name: str) -> str:
    """A name for use inside a sentence: lower case first letter, unless it starts a proper name
    (one of PROPER_WORDS, an acronym, or words that are all capitalised: 'Global Peace Index')."""
    words = name.split(" ")
    proper = words[0] in PROPER_WORDS or words[0].isupper() or (len(words) > 1 and words[1][:1].isupper())
    return name if proper else name[0].lower() + name[1:]


#: First words of names that keep their capital inside a sentence.
PROPER_WORDS = {"Kim's", "Kim", "Vietnam's", "Hanoi", "Da"}


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
