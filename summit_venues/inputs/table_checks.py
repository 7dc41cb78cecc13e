"""The data tables checked against each other: every reference resolves, every sourced cell has its source.

Each check returns the problems it finds (file, row, column, what is wrong) and raises nothing, so that
`dataset.read_dataset` can list every problem of the data in one error. A check that needs to know what
the measures layer knows (the state codes of the borders) is handed it as an argument: this layer never
imports the layers above it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from . import schemas
from .errors import Label, Problem
from .extra_venues import Origins, extra_file
from .tables import TableSchema, has_value, records, rows


def check_countries(venues: pd.DataFrame, countries: pd.DataFrame, file: str,
                    origins: Origins | None = None) -> list[Problem]:
    known = set(countries.country)
    origins = origins or {}

    def where(venue_id: str) -> str:
        extra = origins.get(("venues", venue_id))
        return "countries.csv" + (f" or {extra_file(extra, 'countries').name}" if extra is not None else "")

    return [Problem(file, v.venue_id, "country", f"'{v.country}' is not a country in {where(v.venue_id)}")
            for v in rows(venues) if v.country not in known]


def check_venue_names(venues: pd.DataFrame, file: str, origins: Origins | None = None) -> list[Problem]:
    """Each venue has a name of its own: tables and charts show venues by name, so two alike would be confused."""
    origins = origins or {}
    first: dict[str, str] = {}
    problems: list[Problem] = []
    for v in rows(venues):
        key = name_key(v.name)
        if key in first:
            other = first[key]
            extra = origins.get(("venues", other))
            where = extra.name if extra is not None else "venues.csv"
            problems.append(Problem(file, v.venue_id, "name",
                                    f"'{v.name}' is already the name of venue '{other}' in {where}: "
                                    "give each venue a name of its own"))
        else:
            first[key] = v.venue_id
    return problems


def check_relations(relations: pd.DataFrame, file: str, known: set[str]) -> list[Problem]:
    """Every state must be `known` to the borders (their state codes), and a delegation's own state has no
    relation to itself."""
    problems = [Problem(file, r.country, "country",
                        f"'{r.country}' is not a state code of the Natural Earth borders (ADM0_A3, e.g. CHN, KOR, USA)")
                for r in rows(relations) if r.country not in known]
    for delegation, own in schemas.DELEGATION_STATES.items():
        column = schemas.relation_column(delegation)
        for r in records(relations[relations.country == own]):
            if has_value(r[column]):
                problems.append(Problem(file, own, column, f"the {delegation}'s own state: leave this cell empty"))
    return problems


def check_parameters(parameters: pd.DataFrame, file: str) -> list[Problem]:
    """The parameters the travel path reads must be present."""
    needed = ("territorial_sea_nm", "flight_time_allowance_min")
    return [Problem(file, p, "parameter_id", "required parameter is missing")
            for p in needed if p not in set(parameters.parameter_id)]


def check_legs(legs: pd.DataFrame, crossings: pd.DataFrame, venues: pd.DataFrame, file: str) -> list[Problem]:
    """Each leg joins places the data knows (border crossings or venues), or states that none reaches a venue."""
    places = set(crossings.crossing_id) | set(venues.venue_id)
    problems: list[Problem] = []
    for leg in records(legs):
        if has_value(leg["from_place"]) != has_value(leg["km"]):
            problems.append(Problem(file, leg["leg_id"], "from_place, km",
                                    "a leg has both a start and its km; a row stating that no route of its mode "
                                    "reaches a venue has neither"))
        ends = ("from_place", "to_place") if has_value(leg["from_place"]) else ("to_place",)
        problems += [Problem(file, leg["leg_id"], end, f"'{leg[end]}' is neither a crossing_id of "
                                                       "border_crossings.csv nor a venue_id")
                     for end in ends if leg[end] not in places]
    return problems


def check_events(events: pd.DataFrame, kinds: pd.DataFrame, venues: pd.DataFrame, file: str) -> list[Problem]:
    """Each event is in a known venue, of a known kind, on a full date (the record's window needs the day)."""
    problems = [Problem(file, e.event_id, "venue_id", f"'{e.venue_id}' is not a venue_id of venues.csv")
                for e in rows(events) if e.venue_id not in set(venues.venue_id)]
    problems += [Problem(file, e.event_id, "kind", f"'{e.kind}' is not a kind of event_kinds.csv "
                                                   f"({', '.join(kinds.kind)})")
                 for e in rows(events) if e.kind not in set(kinds.kind)]
    problems += [Problem(file, e.event_id, "start_date", f"'{e.start_date}' is not a full date (YYYY-MM-DD)")
                 for e in rows(events) if len(e.start_date) != 10]
    return problems


def check_context(context: pd.DataFrame, criteria: pd.DataFrame, file: str) -> list[Problem]:
    return [Problem(file, f.fact_id, "criterion_id", f"'{f.criterion_id}' is not a criterion in criteria.csv")
            for f in rows(context) if f.criterion_id not in set(criteria.criterion_id)]


def check_history_places(tables: dict[str, pd.DataFrame], file: str) -> list[Problem]:
    """A history `place` is a venue_id, a country code, a crossing_id or another place by name, but never a venue's
    display name: the reality check finds the venue chosen by its id, which stays when the name is edited.

    (A context fact's place is only shown, never read by the code: "Singapore", the host of 2018, is another
    place in the 2019 analysis, and may stay a name there even when the wider field makes it a venue.)"""
    venues = tables["venues"]
    ids = set(venues.venue_id) | set(tables["countries"].country) | set(tables["border_crossings"].crossing_id)
    by_name = {name_key(v.name): v.venue_id for v in rows(venues)}
    return [Problem(file, row["event_id"], "place",
                    f"'{row['place']}' is the name of venue '{by_name[name_key(row['place'])]}': refer to a venue "
                    f"by its venue_id ('{by_name[name_key(row['place'])]}'), which stays when its name changes")
            for row in records(tables["history"])
            if row["place"] not in ids and name_key(row["place"]) in by_name]


def check_decision(history: pd.DataFrame, venues: pd.DataFrame, analysis: pd.DataFrame, label: Label) -> list[Problem]:
    """The reality check reads the venue chosen from history.csv: one row on the decision date names it by its id."""
    if len(analysis) != 1:
        return []  # said by check_analysis
    decision = analysis.decision_date.iloc[0]
    chosen = history[(history.date == decision) & history.place.isin(set(venues.venue_id))]
    if len(chosen) == 1:
        return []
    found = f"rows {', '.join(chosen.event_id)} name venues" if len(chosen) else "no row names a venue"
    return [Problem(label("history.csv"), None, "place",
                    f"{found} on the decision date {decision} (analysis.csv): the reality check needs exactly one, "
                    "the venue announced that day, by its venue_id")]


def check_provenance(tables: dict[str, pd.DataFrame], table_schemas: dict[str, TableSchema], sources: pd.DataFrame,
                     label: Label, rubric_columns: frozenset[str] | set[str] = frozenset(),
                     origins: Origins | None = None) -> list[Problem]:
    """Every sourced, non-empty cell needs a provenance row, and every provenance row a cell.

    For a rubric level the provenance row is its evidence: what puts the venue on that level.
    A row from an extra venue file gets its provenance in the `<name>.sources.csv` beside it.
    """
    src_file = label("sources.csv")
    problems = [p for s in rows(sources) for p in _source_row_problems(s, src_file, tables, table_schemas)]
    covered = {(s.table, s.record_id, f) for s in rows(sources) for f in _fields(s.fields)}
    for name, table in tables.items():
        schema = table_schemas[name]
        sourced = [c.name for c in schema.columns if c.sourced] + list(schema.extra_numeric_columns)
        problems += [_unsourced(name, record[schema.id_column], column, label(schema.file), rubric_columns,
                                (origins or {}).get((name, record[schema.id_column])))
                     for record in records(table) for column in sourced
                     if has_value(record[column]) and (name, record[schema.id_column], column) not in covered]
    return problems


def _fields(fields: str) -> list[str]:
    """The columns a provenance row covers: its `fields`, separated by ';'."""
    return [f.strip() for f in fields.split(";") if f.strip()]


def _source_row_problems(s: Any, src_file: str, tables: dict[str, pd.DataFrame],
                         table_schemas: dict[str, TableSchema]) -> list[Problem]:
    """One provenance row names a row and columns of its table, and has a URL or, as an estimate, its reasoning."""
    problems = []
    if s.record_id not in set(tables[s.table][table_schemas[s.table].id_column]):
        problems.append(Problem(src_file, s.source_id, "record_id", f"'{s.record_id}' is not a row of {s.table}.csv"))
    problems += [Problem(src_file, s.source_id, "fields", f"'{f}' is not a column of {s.table}.csv")
                 for f in _fields(s.fields) if f not in table_schemas[s.table].column_names()]
    if s.grade == "estimate" and not s.note:
        problems.append(Problem(src_file, s.source_id, "note", "an estimate needs its reasoning in 'note'"))
    if s.grade != "estimate" and not s.source_url:
        problems.append(Problem(src_file, s.source_id, "source_url",
                                f"grade {s.grade} needs a source URL (only an estimate may have none)"))
    return problems


def _unsourced(name: str, row_id: str, column: str, file: str, rubric_columns: frozenset[str] | set[str],
               extra: Path | None) -> Problem:
    """A cell with no provenance row, and where to add one: sources.csv, or the extra venue file's own."""
    into = "sources.csv" if extra is None else extra_file(extra, "sources").name
    what = (f"rubric level has no evidence: add a row to {into} saying what puts it on this level"
            if column in rubric_columns else f"value has no provenance: add a row to {into}")
    return Problem(file, row_id, column, f"{what} (table '{name}', record_id '{row_id}', fields '{column}')")


def name_key(name: object) -> str:
    """A name as two names are compared: spaces collapsed, case ignored."""
    return " ".join(str(name).split()).casefold()
