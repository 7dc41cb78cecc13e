"""Loading the whole data set: every file validated on its own, then against the others.

`load_dataset()` is the one entry point. It raises `DataError` listing every problem
found, each with file, row and column, and otherwise returns a `Dataset`.

This module reads and validates; the columns computed from the data (distances, routes,
the summit record) are `derived`'s, which keeps the costly route geometry in a disk cache.
The travel analysis (flight_path and the geometry below it) is imported only where needed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import integrity, memo, schemas, settings
from .errors import DataError, Problem
from .profile_tables import load_profiles
from .scale_rules import anchor_problem, rubric_pairs, rubric_problem
from .tables import TableSchema, has_value, read_table

if TYPE_CHECKING:
    from ..measures.flight_path import TravelTables

#: The project's data folder; SUMMIT_DATA_DIR points the package at another copy.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def data_dir() -> Path:
    return Path(os.environ.get("SUMMIT_DATA_DIR", DEFAULT_DATA_DIR))


@dataclass
class Dataset:
    """All tables, validated; `venue_table` adds country facts and derived columns to each venue."""

    venues: pd.DataFrame
    countries: pd.DataFrame
    origins: pd.DataFrame
    aircraft: pd.DataFrame
    sources: pd.DataFrame
    criteria: pd.DataFrame
    indicators: pd.DataFrame
    rubrics: pd.DataFrame
    profiles: pd.DataFrame
    profile_weights: pd.DataFrame
    venue_table: pd.DataFrame = field(repr=False)
    state_relations: pd.DataFrame
    parameters: pd.DataFrame
    border_crossings: pd.DataFrame
    overland_legs: pd.DataFrame
    summits_hosted: pd.DataFrame
    event_kinds: pd.DataFrame
    context_facts: pd.DataFrame
    history: pd.DataFrame
    analysis: pd.DataFrame
    extensions: pd.DataFrame
    grade_ranges: pd.DataFrame
    value_ranges: pd.DataFrame
    fact_exceptions: pd.DataFrame
    model_choices: pd.DataFrame
    known_later: pd.DataFrame

    @property
    def analysis_date(self) -> str:
        """The date the scores stand at (analysis.csv): nothing learned later is scored."""
        return self.analysis.analysis_date.iloc[0]

    @property
    def venue_ids(self) -> list[str]:
        return list(self.venue_table.index)

    @property
    def travel(self) -> TravelTables:
        """The tables of the travel-path analysis, bundled for flight_path."""
        from ..measures.flight_path import TravelTables  # the geometry libraries load only for the travel analysis

        return TravelTables(self.state_relations.reset_index(drop=True), self.parameters.reset_index(drop=True),
                            self.border_crossings.reset_index(drop=True), self.overland_legs.reset_index(drop=True))


def _label(folder: Path, name: str) -> str:
    """How a file is named in messages: relative to the data folder's parent, never absolute."""
    return f"{folder.name}/{name}"


def _extra_columns(indicators: pd.DataFrame, level: str, core: TableSchema) -> tuple[str, ...]:
    names = indicators.loc[indicators.level == level, "column"]
    return tuple(dict.fromkeys(n for n in names if n not in core.column_names()))


def load_dataset(folder: Path | str | None = None, extra_venues: list[Path | str] | None = None,
                 analysis: str | None = None) -> Dataset:
    """Read, validate and join every data file in `folder` (default: the project's data/).

    `analysis` names a subfolder of `folder` that holds another analysis on the same model, such
    as the 2018 backtest (`backtest-2018`): its own files of `schemas.ANALYSIS_FILES` (date,
    venues, countries, sources, ranges, ...), and the model and the shared tables from `folder`.
    It may not bring a model file of its own: the model is fixed before it is run.

    `extra_venues` are further CSV files with the columns of venues.csv; their rows
    are added to the candidates (provenance rows for them go in the same folder's
    sources.csv, or in a `<name>.sources.csv` file beside each extra file; a new country in
    `<name>.countries.csv`, overland legs in `<name>.legs.csv`). Left out, they are the files
    named by SUMMIT_EXTRA_VENUES, so a report variant can add them. A problem in a row from
    one of these files names that file.
    """
    model_folder = Path(folder) if folder is not None else data_dir()
    extras = [Path(extra) for extra in (settings.extra_venue_files() if extra_venues is None else extra_venues)]
    # A repeated load of unchanged files is answered from memory (`memo`), with a copy of its own.
    return memo.remembered(memo.key(model_folder, analysis, extras),
                           lambda: _load_dataset(model_folder, extras, analysis))


def _load_dataset(model_folder: Path, extra_venues: list[Path], analysis: str | None) -> Dataset:
    if analysis is not None:
        _check_analysis_name(analysis, model_folder)
    folder = model_folder / analysis if analysis else model_folder
    if analysis:
        _check_analysis_folder(folder, model_folder)

    def where(name: str) -> Path:
        """The folder a file is read from: the analysis's own, or the model's."""
        return folder if name in schemas.ANALYSIS_FILES else model_folder

    label = lambda name: _label(where(name), name)  # noqa: E731 - a one-line namer

    criteria = read_table(model_folder / "criteria.csv", schemas.CRITERIA, label("criteria.csv"))
    indicators = read_table(model_folder / "indicators.csv", schemas.INDICATORS, label("indicators.csv"))
    rubrics = _read_optional(model_folder / "rubrics.csv", schemas.RUBRICS, label("rubrics.csv"))
    event_kinds = read_table(model_folder / "event_kinds.csv", schemas.EVENT_KINDS, label("event_kinds.csv"))
    model = {name: read_table(where(schema.file) / schema.file, schema, label(schema.file))
             for name, schema in schemas.MODEL_TABLES.items()}
    model.update({name: _read_optional(where(schema.file) / schema.file, schema, label(schema.file))
                  for name, schema in schemas.OPTIONAL_MODEL_TABLES.items()})
    for name in ("analysis", "extensions", "grade_ranges", "model_choices"):
        model[name] = model[name].set_index(schemas.MODEL_SCHEMAS[name].id_column, drop=False)
    # venues.csv and countries.csv also hold the indicator columns that indicators.csv declares.
    table_schemas = {**schemas.DATA_TABLES,
                     "venues": _with_extras(schemas.VENUES, _extra_columns(indicators, "city", schemas.VENUES)),
                     "countries": _with_extras(schemas.COUNTRIES,
                                               _extra_columns(indicators, "country", schemas.COUNTRIES))}
    tables = {name: read_table(where(schema.file) / schema.file, schema, label(schema.file),
                               needs_rows=name in NEEDS_ROWS)
              for name, schema in table_schemas.items()}
    sources = read_table(folder / "sources.csv", schemas.SOURCES, label("sources.csv"))
    citable = sources  # what the model's reasons may cite: for another analysis, the model's own sources too
    if analysis:
        model_sources = read_table(model_folder / "sources.csv", schemas.SOURCES, _label(model_folder, "sources.csv"))
        sources = pd.concat([sources, _shared_sources(model_folder)], ignore_index=True)
        citable = pd.concat([sources, model_sources[~model_sources.source_id.isin(sources.source_id)]],
                            ignore_index=True)
    origins: dict[tuple[str, str], Path] = {}
    tables["value_ranges"] = model["value_ranges"]  # extra files may bring ranges: added with the rest
    sources = _add_extra_venues(tables, sources, extra_venues, table_schemas, origins)
    model["value_ranges"] = tables.pop("value_ranges")

    profiles, weights_by_profile = load_profiles(model_folder, list(criteria.criterion_id), label)
    problems = (
        _check_countries(tables["venues"], tables["countries"], label("venues.csv"), origins)
        + _check_venue_names(tables["venues"], label("venues.csv"), origins)
        + _check_relations(tables["state_relations"], label("state_relations.csv"))
        + _check_parameters(tables["parameters"], label("parameters.csv"))
        + _check_legs(tables["overland_legs"], tables["border_crossings"], tables["venues"],
                      label("overland_legs.csv"))
        + _check_events(tables["summits_hosted"], event_kinds, tables["venues"], label("summits_hosted.csv"))
        + _check_context(tables["context_facts"], criteria, label("context_facts.csv"))
        + _check_history_places(tables, label("history.csv"))
        + _check_decision(tables["history"], tables["venues"], model["analysis"], label)
        + _check_criteria(criteria, indicators, label)
        + _check_indicator_columns(indicators, table_schemas["venues"], table_schemas["countries"],
                                   tables["origins"], label("indicators.csv"))
        + _check_rubrics(rubrics, indicators, tables, table_schemas, label)
        + _check_provenance(tables, table_schemas, sources, label, _rubric_columns(indicators), origins)
        + _check_model(model, tables, table_schemas, sources, criteria, indicators, label,
                       own_model=not analysis, rubrics=rubrics, event_kinds=event_kinds, citable=citable,
                       weights=weights_by_profile, model_label=lambda name: _label(model_folder, name))
    )
    if problems:
        raise DataError(_name_extra_files(problems, origins, label))
    venue_table = _venue_table(tables, event_kinds, model["analysis"].analysis_date.iloc[0])
    indexed = {name: table.set_index(table_schemas[name].id_column, drop=False) for name, table in tables.items()}
    return Dataset(
        **indexed,
        sources=sources,
        criteria=criteria.set_index("criterion_id", drop=False),
        indicators=indicators.set_index("indicator_id", drop=False),
        rubrics=rubrics,
        profiles=profiles,
        profile_weights=weights_by_profile,
        event_kinds=event_kinds.set_index("kind", drop=False),
        venue_table=venue_table,
        **model,
    )


def _check_model(model, tables, table_schemas, sources, criteria, indicators, label, own_model: bool = True,
                 rubrics=None, event_kinds=None, citable=None, weights=None, model_label=None) -> list[Problem]:
    """The model's own tables: one analysis date, declared extensions, knowable sources, ranges, choices.

    Every reason and piece of evidence is checked against the analysis date, the model's as well as the
    analysis's own. The model was fixed for the analysis in data/; another analysis on it (a backtest on an
    earlier date) lists in its known_later.csv, with a reason each, the model's reasons that name or cite
    what its date could not know (`citable`: every source those reasons may cite).
    """
    problems = integrity.check_analysis(model["analysis"], label("analysis.csv"))
    if problems:
        return problems
    analysis_date = model["analysis"].analysis_date.iloc[0]
    texts = integrity.model_texts({"criteria": criteria, "indicators": indicators, "rubrics": rubrics,
                                   "event_kinds": event_kinds, **model}, sources, label)
    citable = citable if citable is not None else sources
    later = (integrity.check_texts(texts, analysis_date)
             + integrity.check_anchor_reasons(indicators, citable, analysis_date, label)
             + (integrity.check_weight_reasons(weights, citable, analysis_date, label) if weights is not None else []))
    return (integrity.check_extensions(indicators, model["extensions"], criteria, label)
            + _knowable(sources, analysis_date, model, label, table_schemas, own_model, model_label or label)
            + integrity.check_bound_only_cells_empty(sources, tables, table_schemas, label)
            + (later if own_model else _allowed_later(later, model["known_later"], label))
            + integrity.check_value_ranges(model["value_ranges"], tables, table_schemas, indicators, label)
            + integrity.check_rubric_cells(indicators, tables, table_schemas, label)
            + integrity.check_rests_on(sources, tables["summits_hosted"], label)
            + integrity.check_fact_exceptions(model["fact_exceptions"], indicators, label)
            + integrity.check_model_choices(model["model_choices"], indicators, model["extensions"], tables,
                                            table_schemas, label, rubrics, sources))


def _knowable(sources, analysis_date, model, label, table_schemas, own_model: bool, model_label) -> list[Problem]:
    """Every source knowable on the analysis date. Another analysis also reads the model folder's rows of the
    tables it shares (origins, aircraft, relations, parameters): those are named as the model's, and may be
    excused in known_later.csv like the model's reasons."""
    if own_model:
        return integrity.check_knowable(sources, analysis_date, model["value_ranges"], label, table_schemas)
    shared = sources.table.isin(schemas.SHARED_DATA_TABLES)
    own = integrity.check_knowable(sources[~shared], analysis_date, model["value_ranges"], label, table_schemas,
                                   everything=sources)
    theirs = integrity.check_knowable(sources[shared], analysis_date, model["value_ranges"],
                                      model_label, table_schemas, everything=sources)
    known_later = model["known_later"]
    return own + integrity.allow_known_later(theirs, known_later[known_later.file == "sources.csv"], label)


def _allowed_later(problems: list[Problem], known_later: pd.DataFrame, label) -> list[Problem]:
    """An analysis's own files must know nothing later; the model's may, where known_later.csv says why."""
    own = [p for p in problems if p.file.rsplit("/", 1)[-1] in schemas.ANALYSIS_FILES]
    return own + integrity.allow_known_later([p for p in problems if p not in own],
                                             known_later[known_later.file != "sources.csv"], label)


#: The data folder's tables that must have rows: without them every reference to them would be a problem.
NEEDS_ROWS = ("venues", "countries", "origins")

#: The files that may stand beside an extra venue file `<name>.csv`: table -> suffix of `<name>`.
EXTRA_FILES = {"venues": ".csv", "sources": ".sources.csv", "countries": ".countries.csv",
               "overland_legs": ".legs.csv", "border_crossings": ".crossings.csv", "summits_hosted": ".events.csv",
               "value_ranges": ".ranges.csv"}


def extra_file(extra: Path, table: str) -> Path:
    """The file beside the extra venue file `extra` that holds rows of `table`, e.g. `my_venue.sources.csv`."""
    return extra if table == "venues" else extra.with_suffix(EXTRA_FILES[table])


def _add_extra_venues(tables, sources, extra_venues, table_schemas, origins) -> pd.DataFrame:
    """Append the rows of extra venue files to `tables`, and return sources.csv with theirs added.

    Beside each extra file `<name>.csv` may stand `<name>.sources.csv` (its provenance rows),
    `<name>.countries.csv` (a country not yet in countries.csv, with its columns), `<name>.legs.csv`
    and `<name>.crossings.csv` (overland legs that reach it and the border crossings they start
    from), `<name>.events.csv` (leaders' events it hosted) and `<name>.ranges.csv` (the plausible
    ranges of its values): each with the columns of the data folder's file of that name.
    `origins` gets, for each row added, (table, row id) -> the extra venue file it came with.
    """
    tables["sources"] = sources  # for the loop's sake; popped below
    for extra in map(Path, extra_venues):
        for table in EXTRA_FILES:
            schema = table_schemas.get(table) or schemas.MODEL_SCHEMAS.get(table) or schemas.SOURCES
            file = extra_file(extra, table)
            if table != "venues" and not file.is_file():
                continue
            more = read_table(file, schema, file.name, needs_rows=table == "venues")
            _check_no_clash(_row_keys(tables[table], schema), _row_keys(more, schema), schema.id_column, file.name,
                            origins, table)
            origins.update({(table, row_id): extra for row_id in _row_keys(more, schema)})
            tables[table] = pd.concat([tables[table], more], ignore_index=True)
    return tables.pop("sources")


def _name_extra_files(problems: list[Problem], origins: dict[tuple[str, str], Path], label) -> list[Problem]:
    """Each problem about a row that came from an extra venue file names that file, not the data folder's."""
    tables_by_label = {label(f"{table}.csv"): table for table in EXTRA_FILES}
    named = []
    for p in problems:
        table = tables_by_label.get(p.file)
        extra = origins.get((table, p.row)) if table is not None else None
        named.append(p if extra is None else Problem(extra_file(extra, table).name, p.row, p.column, p.message))
    return named


def _check_analysis_name(analysis: str, model_folder: Path) -> None:
    """An analysis is named by a subfolder of the data folder: a plain name, never a path that leads out of it."""
    name = str(analysis)
    if name.strip() and name not in (".", "..") and "/" not in name and "\\" not in name and name == name.strip():
        return
    found = ", ".join(sorted(p.parent.name for p in model_folder.glob("*/analysis.csv"))) or "none"
    shown = f"'{name}'" if name else "an empty name"
    raise DataError([Problem(_label(model_folder, ""), None, None,
                             f"{shown} is not an analysis: name a subfolder of the data folder that holds an "
                             f"analysis.csv (here: {found}), not a path")])


def _check_analysis_folder(folder: Path, model_folder: Path) -> None:
    """An analysis folder exists, has its own date and venues, and brings no model file."""
    if not folder.is_dir():
        raise DataError([Problem(_label(model_folder, folder.name), None, None,
                                 "no such analysis folder in the data folder")])
    problems = [Problem(_label(folder, path.name), None, None,
                        f"an analysis folder brings only its own facts ({', '.join(schemas.ANALYSIS_FILES)}); "
                        f"the model is read from {model_folder.name}/ and may not change for one analysis: "
                        "remove this file")
                for path in sorted(folder.glob("*.csv")) if path.name not in schemas.ANALYSIS_FILES]
    problems += [Problem(_label(folder, name), None, None, "missing: an analysis needs its own")
                 for name in ("analysis.csv", "venues.csv", "countries.csv", "sources.csv")
                 if not (folder / name).is_file()]
    if problems:
        raise DataError(problems)


def _shared_sources(model_folder: Path) -> pd.DataFrame:
    """The data folder's sources of the tables an analysis folder shares (origins, relations, ...)."""
    shared = read_table(model_folder / "sources.csv", schemas.SOURCES, _label(model_folder, "sources.csv"))
    return shared[shared["table"].isin(schemas.SHARED_DATA_TABLES)]


def _read_optional(path: Path, schema: TableSchema, label: str) -> pd.DataFrame:
    """A file the data may do without: absent means no rows."""
    if not path.is_file():
        return pd.DataFrame(columns=schema.column_names())
    return read_table(path, schema, label)


def _rubric_columns(indicators: pd.DataFrame) -> set[str]:
    return set(indicators.loc[indicators["shape"] == "rubric", "column"])


def _check_rubrics(rubrics, indicators, tables, table_schemas, label) -> list[Problem]:
    """Each rubric indicator has a valid rubric, its anchors are the rubric's end levels, and
    every venue (or country) sits on a level the rubric defines."""
    problems = []
    rub_file, ind_file = label("rubrics.csv"), label("indicators.csv")
    rubric_indicators = indicators[indicators["shape"] == "rubric"]
    for orphan in sorted(set(rubrics.rubric_id) - set(rubric_indicators.indicator_id)):
        problems.append(Problem(rub_file, orphan, "rubric_id",
                                f"'{orphan}' is not an indicator with shape 'rubric' in indicators.csv"))
    for i in rubric_indicators.itertuples():
        if i.indicator_id not in set(rubrics.rubric_id):
            problems.append(Problem(ind_file, i.indicator_id, "shape",
                                    f"rubric '{i.indicator_id}' has no levels in rubrics.csv"))
            continue
        pairs = rubric_pairs(rubrics, i.indicator_id)
        problem = rubric_problem(i.indicator_id, pairs)
        if problem:
            problems.append(Problem(rub_file, i.indicator_id, "score", problem))
            continue
        levels = [level for level, _ in pairs]
        if (i.worst, i.best) != (levels[0], levels[-1]) or i.direction != "benefit":
            problems.append(Problem(ind_file, i.indicator_id, "worst, best",
                                    f"a rubric indicator is a benefit from level {levels[0]} (worst) "
                                    f"to level {levels[-1]} (best), as its rubric defines"))
        table_name = {"city": "venues", "country": "countries"}.get(i.level)
        if table_name is None:
            continue
        schema = table_schemas[table_name]
        for record in tables[table_name].to_dict("records"):
            level = record[i.column]
            if has_value(level) and level not in levels:
                problems.append(Problem(label(schema.file), record[schema.id_column], i.column,
                                        f"level {level:g} is not a level of rubric '{i.indicator_id}' "
                                        f"(levels {', '.join(map(str, levels))})"))
    return problems


def _with_extras(schema: TableSchema, extras: tuple[str, ...]) -> TableSchema:
    return TableSchema(schema.file, schema.id_column, schema.columns, extras, schema.key_columns)


def _row_keys(rows: pd.DataFrame, schema: TableSchema) -> list[str]:
    """Each row's key as messages name it: its id, or its key columns joined (value_ranges.csv)."""
    return [schema.row_key(record) for record in rows.to_dict("records")]


def _check_no_clash(keys: list[str], more: list[str], id_column: str, file: str, origins, table) -> None:
    """An extra file may not reuse an id of the data folder's table, or of an earlier extra file."""
    clashes = sorted(set(keys) & set(more))
    if clashes:
        where = lambda row_id: (extra_file(origins[table, row_id], table).name  # noqa: E731
                                if (table, row_id) in origins else f"{table}.csv")
        raise DataError([Problem(file, v, id_column, f"id already used in {where(v)}") for v in clashes])


def _check_countries(venues: pd.DataFrame, countries: pd.DataFrame, file: str, origins=None) -> list[Problem]:
    known = set(countries.country)
    origins = origins or {}

    def where(venue_id):
        extra = origins.get(("venues", venue_id))
        return "countries.csv" + (f" or {extra_file(extra, 'countries').name}" if extra is not None else "")

    return [Problem(file, v.venue_id, "country", f"'{v.country}' is not a country in {where(v.venue_id)}")
            for v in venues.itertuples() if v.country not in known]


def _check_venue_names(venues: pd.DataFrame, file: str, origins=None) -> list[Problem]:
    """Each venue has a name of its own: tables and charts show venues by name, so two alike would be confused."""
    origins = origins or {}
    first: dict[str, str] = {}
    problems = []
    for v in venues.itertuples():
        key = _name_key(v.name)
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


def _check_relations(relations: pd.DataFrame, file: str) -> list[Problem]:
    """Every state must be known to the borders, and a delegation's own state has no relation to itself."""
    from ..measures import derived  # the one place the borders are known; cached on disk, no shapely import

    known = derived.border_state_codes()
    problems = [Problem(file, r.country, "country",
                        f"'{r.country}' is not a state code of the Natural Earth borders (ADM0_A3, e.g. CHN, KOR, USA)")
                for r in relations.itertuples() if r.country not in known]
    for delegation, own in schemas.DELEGATION_STATES.items():
        column = schemas.relation_column(delegation)
        for r in relations[relations.country == own].to_dict("records"):
            if has_value(r[column]):
                problems.append(Problem(file, own, column, f"the {delegation}'s own state: leave this cell empty"))
    return problems


def _check_parameters(parameters: pd.DataFrame, file: str) -> list[Problem]:
    """The parameters the travel path reads must be present."""
    needed = ("territorial_sea_nm", "flight_time_allowance_min")
    return [Problem(file, p, "parameter_id", "required parameter is missing")
            for p in needed if p not in set(parameters.parameter_id)]


def _check_legs(legs: pd.DataFrame, crossings: pd.DataFrame, venues: pd.DataFrame, file: str) -> list[Problem]:
    """Each leg joins places the data knows (border crossings or venues), or states that none reaches a venue."""
    places = set(crossings.crossing_id) | set(venues.venue_id)
    problems = []
    for leg in legs.to_dict("records"):
        if has_value(leg["from_place"]) != has_value(leg["km"]):
            problems.append(Problem(file, leg["leg_id"], "from_place, km",
                                    "a leg has both a start and its km; a row stating that no route of its mode "
                                    "reaches a venue has neither"))
        ends = ("from_place", "to_place") if has_value(leg["from_place"]) else ("to_place",)
        problems += [Problem(file, leg["leg_id"], end, f"'{leg[end]}' is neither a crossing_id of "
                                                       "border_crossings.csv nor a venue_id")
                     for end in ends if leg[end] not in places]
    return problems


def _check_events(events, kinds, venues, file: str) -> list[Problem]:
    """Each event is in a known venue, of a known kind, on a full date (the record's window needs the day)."""
    problems = [Problem(file, e.event_id, "venue_id", f"'{e.venue_id}' is not a venue_id of venues.csv")
                for e in events.itertuples() if e.venue_id not in set(venues.venue_id)]
    problems += [Problem(file, e.event_id, "kind", f"'{e.kind}' is not a kind of event_kinds.csv "
                                                   f"({', '.join(kinds.kind)})")
                 for e in events.itertuples() if e.kind not in set(kinds.kind)]
    problems += [Problem(file, e.event_id, "start_date", f"'{e.start_date}' is not a full date (YYYY-MM-DD)")
                 for e in events.itertuples() if len(e.start_date) != 10]
    return problems


def _check_context(context, criteria, file: str) -> list[Problem]:
    return [Problem(file, f.fact_id, "criterion_id", f"'{f.criterion_id}' is not a criterion in criteria.csv")
            for f in context.itertuples() if f.criterion_id not in set(criteria.criterion_id)]


def _check_history_places(tables, file: str) -> list[Problem]:
    """A history `place` is a venue_id, a country code, a crossing_id or another place by name, but never a venue's
    display name: the reality check finds the venue chosen by its id, which stays when the name is edited.

    (A context fact's place is only shown, never read by the code: "Singapore", the host of 2018, is another
    place in the 2019 analysis, and may stay a name there even when the wider field makes it a venue.)"""
    venues = tables["venues"]
    ids = set(venues.venue_id) | set(tables["countries"].country) | set(tables["border_crossings"].crossing_id)
    by_name = {_name_key(v.name): v.venue_id for v in venues.itertuples()}
    return [Problem(file, row["event_id"], "place",
                    f"'{row['place']}' is the name of venue '{by_name[_name_key(row['place'])]}': refer to a venue "
                    f"by its venue_id ('{by_name[_name_key(row['place'])]}'), which stays when its name changes")
            for row in tables["history"].to_dict("records")
            if row["place"] not in ids and _name_key(row["place"]) in by_name]


def _check_decision(history: pd.DataFrame, venues: pd.DataFrame, analysis: pd.DataFrame, label) -> list[Problem]:
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


def _name_key(name) -> str:
    """A name as two names are compared: spaces collapsed, case ignored."""
    return " ".join(str(name).split()).casefold()


def _check_criteria(criteria: pd.DataFrame, indicators: pd.DataFrame, label) -> list[Problem]:
    """Every indicator belongs to a known criterion, with a usable weight and scale; every criterion has indicators.

    Criteria carry no weight of their own: the default weights are the `neutral` profile's
    (profile_weights.csv, checked by `profile_tables.load_profiles`).
    """
    problems = []
    crit_file, ind_file = label("criteria.csv"), label("indicators.csv")
    known = set(criteria.criterion_id)
    for i in indicators.itertuples():
        if i.criterion_id not in known:
            problems.append(Problem(ind_file, i.indicator_id, "criterion_id",
                                    f"'{i.criterion_id}' is not a criterion in criteria.csv"))
        if i.weight < 0:
            problems.append(Problem(ind_file, i.indicator_id, "weight", f"weight {i.weight:g} is negative"))
        problem = anchor_problem(i.worst, i.best, i.shape, i.direction) if i.shape != "rubric" else None
        if problem:
            problems.append(Problem(ind_file, i.indicator_id, "worst, best", problem))
    for c in criteria.criterion_id:
        weights = indicators.loc[indicators.criterion_id == c, "weight"]
        if weights.empty:
            problems.append(Problem(crit_file, c, None, "criterion has no indicator in indicators.csv"))
        elif weights.sum() <= 0:
            problems.append(Problem(ind_file, None, "weight",
                                    f"indicator weights of criterion '{c}' do not sum to a positive number"))
    return problems


def _check_indicator_columns(indicators, venue_schema, country_schema, origins, file) -> list[Problem]:
    from ..measures import derived  # names only: nothing is computed here

    available = {
        "city": set(venue_schema.column_names()),
        "country": set(country_schema.column_names()),
        "derived": set(derived.column_names(origins.origin_id)),
    }
    where = {"city": "venues.csv", "country": "countries.csv", "derived": "the derived columns"}
    return [Problem(file, i.indicator_id, "column", f"'{i.column}' is not a column of {where[i.level]}")
            for i in indicators.itertuples() if i.column not in available[i.level]]


def _check_provenance(tables, table_schemas, sources, label, rubric_columns=frozenset(),
                      origins=None) -> list[Problem]:
    """Every sourced, non-empty cell needs a provenance row, and every provenance row a cell.

    For a rubric level the provenance row is its evidence: what puts the venue on that level.
    A row from an extra venue file gets its provenance in the `<name>.sources.csv` beside it.
    """
    origins = origins or {}
    problems = []
    src_file = label("sources.csv")
    covered: set[tuple[str, str, str]] = set()
    for s in sources.itertuples():
        fields = [f.strip() for f in s.fields.split(";") if f.strip()]
        table = tables[s.table]
        id_column = table_schemas[s.table].id_column
        if s.record_id not in set(table[id_column]):
            problems.append(Problem(src_file, s.source_id, "record_id",
                                    f"'{s.record_id}' is not a row of {s.table}.csv"))
        for f in fields:
            if f not in table_schemas[s.table].column_names():
                problems.append(Problem(src_file, s.source_id, "fields", f"'{f}' is not a column of {s.table}.csv"))
            covered.add((s.table, s.record_id, f))
        if s.grade == "estimate" and not s.note:
            problems.append(Problem(src_file, s.source_id, "note", "an estimate needs its reasoning in 'note'"))
        if s.grade != "estimate" and not s.source_url:
            problems.append(Problem(src_file, s.source_id, "source_url",
                                    f"grade {s.grade} needs a source URL (only an estimate may have none)"))
    for name, table in tables.items():
        schema = table_schemas[name]
        sourced = [c.name for c in schema.columns if c.sourced] + list(schema.extra_numeric_columns)
        for record in table.to_dict("records"):
            row_id = record[schema.id_column]
            for column in sourced:
                if has_value(record[column]) and (name, row_id, column) not in covered:
                    extra = origins.get((name, row_id))
                    into = "sources.csv" if extra is None else extra_file(extra, "sources").name
                    what = (f"rubric level has no evidence: add a row to {into} saying what puts it "
                            "on this level" if column in rubric_columns else
                            f"value has no provenance: add a row to {into}")
                    problems.append(Problem(label(schema.file), row_id, column,
                                            f"{what} (table '{name}', record_id '{row_id}', fields '{column}')"))
    return problems


def _venue_table(tables: dict[str, pd.DataFrame], event_kinds: pd.DataFrame, analysis_date: str) -> pd.DataFrame:
    """One row per venue: its own columns, its country's columns, and the derived ones (`derived`)."""
    from ..measures import derived  # the measures layer, called when the venue table is first asked for

    country_facts = tables["countries"].drop(columns="name")
    table = tables["venues"].merge(country_facts, on="country", how="left", validate="many_to_one")
    table = table.set_index("venue_id", drop=False)
    return pd.concat([table, derived.venue_columns(
        table, tables["origins"], tables["state_relations"], tables["parameters"], tables["border_crossings"],
        tables["overland_legs"], tables["summits_hosted"], event_kinds, analysis_date)], axis=1)
