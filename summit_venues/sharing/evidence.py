"""The evidence behind one criterion, as the tables its notebook shows.

Indicators with each venue's raw value and score, the source of every value (grade, date,
what the source says), the levels of each rubric with the venues placed on them, the
events of the summit record, and the context facts shown but not scored.
"""
from __future__ import annotations

from typing import Any

import pandas as pd

from ..decision import uncertainty
from ..decision.scoring import ALL_EXTENSIONS, indicator_scores
from ..inputs.dataset import Dataset
from ..inputs.provenance import sourced_values
from ..inputs.tables import has_value
from ..measures import summit_record
from ..measures.lineage import sourced_cells
from .display import leg_name, parameter_name, place_names

LEVEL_LABELS = {"city": "city", "country": "national (equal for cities of one country)", "derived": "computed"}


def model_label(data: Dataset, indicator_id: str) -> str:
    """'article' for the article's model, else 'extension: <name>': every table and chart marks additions."""
    extension = data.indicators.extension[indicator_id]
    return f"extension: {data.extensions.name[extension]}" if extension else "article"


def criterion_indicators(data: Dataset, criterion_id: str) -> pd.DataFrame:
    """One row per indicator: article or extension, where it is measured, its share, each venue's value and score.

    The share is within the article's model for its indicators, and within the full model (every
    extension on) for the extensions'. A value not found at the analysis date shows its plausible
    range and is scored at its middle.
    """
    members = data.indicators[data.indicators.criterion_id == criterion_id]
    article = members[members.extension == ""]
    scores = indicator_scores(data, ALL_EXTENSIONS)
    ranged = uncertainty.scored_as_range(data, members.index)
    low, high = uncertainty.bounds(data, members.index)
    table = pd.DataFrame({
        "indicator": members.name,
        "model": [model_label(data, i) for i in members.index],
        "measured at": members.level.map(LEVEL_LABELS),
        "unit": members.unit,
        "share (article's model)": (article.weight / article.weight.sum()).reindex(members.index).round(3),
        "share (all extensions)": (members.weight / members.weight.sum()).round(3),
    })
    for venue, name in data.venue_table.name.items():
        table[name] = [f"not found: {_reading(data, i, low.loc[venue, i])} to {_reading(data, i, high.loc[venue, i])}"
                       if ranged.loc[venue, i] else _reading(data, i, data.venue_table.loc[venue, members.column[i]])
                       for i in members.index]
        table[f"{name} score"] = scores.loc[venue, members.index].round(3).to_numpy()
    return table.rename_axis(index=None)


def _reading(data: Dataset, indicator_id: str, value: float) -> str:
    """A raw value as a reader wants it: a number with thousands separators, or a rubric level with its label."""
    if data.indicators.loc[indicator_id, "shape"] == "rubric":
        levels = data.rubrics[data.rubrics.rubric_id == indicator_id].set_index("level").label
        return f"{value:g}: {levels[int(value)]}"
    if float(value).is_integer():
        return f"{value:,.0f}"
    if abs(value) < 10:  # a share keeps up to three decimals; a weighted count reads 4.5, not 4.500
        return f"{value:.3f}".rstrip("0")
    return f"{value:,.1f}"


def indicator_evidence(data: Dataset, criterion_id: str) -> pd.DataFrame:
    """One row per indicator, venue and sourced value behind it: grade, date, what the source says, and the source.

    The cells are the indicator's lineage (`measures.lineage.sourced_cells`): a city's or a country's value, or what
    a computed indicator reads (a route's coordinates, parameters and relations; a summit's date and kind; overland
    legs). A cell shared by several venues (a national value, a route's origin) appears once; an event once.
    """
    values = sourced_values(data).set_index(["table", "record_id", "field"])
    rows: list[dict | None] = []
    seen: set[tuple[str, ...]] = set()  # cells (an event by its table and id) and (indicator, place) shown already
    for indicator_id in data.indicators.index[data.indicators.criterion_id == criterion_id]:
        for venue_id in data.venue_ids:
            cells = sourced_cells(data, indicator_id, venue_id)
            if not cells:  # every cell it would read is empty (no relations at all, say): said, not left out
                rows.append(_nothing_sourced(data, indicator_id, venue_id, seen))
                continue
            for key in cells:
                shown = key[:2] if key[0] == "summits_hosted" else key  # an event once, not once per field
                if shown in seen:
                    continue
                seen.add(shown)
                row = {"indicator": data.indicators.name[indicator_id], "model": model_label(data, indicator_id),
                       "place": _place(data, key, venue_id)}
                if key in values.index:
                    source = values.loc[key]
                    row.update({"value": _describe_value(data, indicator_id, key, source.value),
                                "grade": source.grade, "as of": source.as_of,
                                "what the source says": source.note, "source": source.source_url})
                else:  # not found, so no source: its plausible range and the reason for it stand in
                    row.update({"value": _describe_value(data, indicator_id, key, None), "grade": "", "as of": "",
                                "what the source says": _range_reason(data, key), "source": ""})
                rows.append(row)
    return pd.DataFrame([row for row in rows if row is not None])


def _nothing_sourced(data: Dataset, indicator_id: str, venue_id: str, seen: set[tuple[str, ...]]) -> dict | None:
    """The row of a venue whose value reads no sourced cell: the cells are empty, which is itself the fact."""
    level = data.indicators.level[indicator_id]
    country = data.venue_table.loc[venue_id, "country"]
    place = data.venues.name[venue_id] if level == "city" else data.countries.name[country]
    if (indicator_id, place) in seen:
        return None
    seen.add((indicator_id, place))
    return {"indicator": data.indicators.name[indicator_id], "model": model_label(data, indicator_id), "place": place,
            "value": "none: every cell it reads is empty", "grade": "", "as of": "",
            "what the source says": "", "source": ""}


#: What a computed indicator's input cell is, in words, by its table and field.
_FIELD_WORDS = {
    ("venues", "airport_lat"): "airport latitude", ("venues", "airport_lon"): "airport longitude",
    ("origins", "lat"): "latitude", ("origins", "lon"): "longitude",
    ("overland_legs", "km"): "km", ("countries", "dprk_relations_established"): "relations with the DPRK since",
    ("countries", "us_relations_established"): "relations with the USA since",
}


def _place(data: Dataset, key: tuple[str, str, str], venue_id: str) -> str:
    """Where a cell's value belongs: its country, state, origin, leg or event city; a parameter, every route's."""
    table, record, _ = key
    if table == "countries":
        return data.countries.name[record]
    if table == "state_relations":
        return data.state_relations.name[record]
    if table == "origins":
        return data.origins.name[record]
    if table == "parameters":
        return "every route"
    if table == "overland_legs":
        leg = data.overland_legs.loc[record]
        return leg_name(leg.from_place, leg.to_place, leg["mode"], place_names(data))
    if table == "summits_hosted":
        return data.venues.name[data.summits_hosted.venue_id[record]]
    return data.venues.name[record] if table == "venues" and record in data.venues.index else data.venues.name[venue_id]


def _range_reason(data: Dataset, key: tuple[str, str, str]) -> str:
    ranges = data.value_ranges.set_index(["table", "record_id", "field"])
    return ranges.loc[key, "reason"] if key in ranges.index else ""


def _describe_value(data: Dataset, indicator_id: str, key: tuple[str, str, str], value: Any) -> str:
    """A value as a reader sees it: an event by its name, a rubric level with its label, a number plainly.
    `value` is the cell as the file gives it (words, a number, or nothing)."""
    table, record, _ = key
    if table == "summits_hosted":
        event = data.summits_hosted.loc[record]
        return f"{event['name']} ({event.start_date}): {event.kind.replace('_', ' ')}"
    if not has_value(value) or str(value) == "nan":
        ranges = data.value_ranges.set_index(["table", "record_id", "field"])
        if key not in ranges.index:  # an empty cell that is a fact, not a gap: no relations, say
            return "none"
        low, high = ranges.loc[key, ["low", "high"]]
        return (f"not found at the analysis date: scored as its range, {_reading(data, indicator_id, low)} "
                f"to {_reading(data, indicator_id, high)}")
    words = _FIELD_WORDS.get(key[::2])
    if key[0] == "parameters":
        return f"{parameter_name(record)}: {float(value):g} {data.parameters.unit[record]}"
    if key[0] == "state_relations":
        return f"{str(value).replace('_', ' ')} ({key[2].replace('relation_to_', 'to the ')})"
    if words:
        return f"{words}: {value:g}" if isinstance(value, float) else f"{words}: {value}"
    if isinstance(value, float):
        return _reading(data, indicator_id, value)
    return str(value)


def weak_evidence(data: Dataset, criterion_id: str) -> pd.DataFrame:
    """The criterion's values graded C or estimated: each needs a caveat where it is used."""
    evidence = indicator_evidence(data, criterion_id)
    return evidence[evidence.grade.isin(["C", "estimate"])].reset_index(drop=True)


def rubric_levels(data: Dataset, indicator_id: str) -> pd.DataFrame:
    """The levels of one rubric, with what each means, its score, and the venues placed on it."""
    column = data.indicators.loc[indicator_id, "column"]
    levels = data.rubrics[data.rubrics.rubric_id == indicator_id].sort_values("level")
    placed = data.venue_table.groupby(column)["name"].agg(", ".join)
    return pd.DataFrame({
        "level": levels.level.astype(int).to_numpy(),
        "label": levels.label.to_numpy(),
        "score": levels.score.astype(float).to_numpy(),
        "what a venue must show": levels.meaning.to_numpy(),
        "venues on it": [placed.get(float(level), "") for level in levels.level],
    })


def summit_events(data: Dataset) -> pd.DataFrame:
    """Every listed event, with its kind's weight, whether it counts, and its source."""
    counted = summit_record.counted_events(data.summits_hosted, data.event_kinds, data.analysis_date)
    values = sourced_values(data)
    kinds = values[(values.table == "summits_hosted") & (values.field == "kind")].set_index("record_id")
    events = data.summits_hosted.sort_values("start_date")
    return pd.DataFrame({
        "city": events.venue_id.map(data.venues.name).to_numpy(),
        "event": events.name.to_numpy(),
        "start": events.start_date.to_numpy(),
        "kind": events.kind.to_numpy(),
        "counts": [counted.weight.get(e, 0.0) for e in events.index],
        "grade": kinds.grade.reindex(events.index).to_numpy(),
        "source": kinds.source_url.reindex(events.index).to_numpy(),
    })


def history(data: Dataset) -> pd.DataFrame:
    """What happened (history.csv, never scored), each place by its name: history.csv names a venue by its id."""
    places = place_names(data)
    return data.history[["date", "place", "what"]].assign(place=data.history.place.map(lambda p: places.get(p, p)))


def context(data: Dataset, criterion_id: str) -> pd.DataFrame:
    """The facts a criterion's notebook shows without scoring them, with grade, date and source."""
    facts = data.context_facts[data.context_facts.criterion_id == criterion_id]
    values = sourced_values(data)
    sources = values[values.table == "context_facts"].set_index("record_id")
    places = place_names(data)
    return pd.DataFrame({
        "place": facts.place.map(lambda p: places.get(p, p)).to_numpy(),
        "fact": facts.fact.to_numpy(),
        "value": (facts.value + (" " + facts.unit).where(facts.unit != "", "")).to_numpy(),
        "grade": sources.grade.reindex(facts.index).to_numpy(),
        "as of": sources.as_of.reindex(facts.index).to_numpy(),
        "what the source says": sources.note.reindex(facts.index).to_numpy(),
        "source": sources.source_url.reindex(facts.index).to_numpy(),
    })


def with_timing(data: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    """`table` (with an "as of" column) and whether each row's date may lie after the analysis date ("yes"/"no"):
    such a row is never a reason for a score."""
    from ..inputs import timing

    after = table["as of"].map(lambda as_of: "yes" if has_value(as_of) and timing.is_after(as_of, data.analysis_date)
                               else "no")
    return table.assign(**{"after the analysis date": after})
