"""The data set: every data file read and validated on its own, then against the others.

`read_dataset()` reads the files of a data folder (and of an analysis subfolder, and of extra venue
files), checks them, and raises `DataError` listing every problem found, each with file, row and
column; otherwise it returns a `Dataset`. The checks are in `table_checks` (the data tables against
each other) and `model_checks` (the model and the analysis); extra venue files are merged by
`extra_venues`.

Imports run downwards only, and the venue table needs the measures layer (distances, routes, the
summit record), as do two checks (the state codes of the borders, the names of the derived
columns). So this module is told what it needs from that layer, as a `Measures` (three functions),
by its caller: `measures.venue_table.load_dataset`, which is the public `summit_venues.load_dataset`
and also remembers what it loaded (`memo`). Nothing here imports a layer above `inputs`.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import model_checks as model_check
from . import schemas
from . import table_checks as table_check
from .errors import DataError, Problem, file_label
from .extra_venues import EXTRA_FILES, Origins, add_extra_venues, extra_file, name_extra_files
from .profile_tables import load_profiles
from .tables import TableSchema, read_table
from .travel import TravelTables

# EXTRA_FILES and extra_file are kept importable from here, where they were first defined.
__all__ = ["DEFAULT_DATA_DIR", "EXTRA_FILES", "NEEDS_ROWS", "Dataset", "Measures", "data_dir", "extra_file",
           "read_dataset"]

#: The project's data folder; SUMMIT_DATA_DIR points the package at another copy.
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"

#: The data folder's tables that must have rows: without them every reference to them would be a problem.
NEEDS_ROWS = ("venues", "countries", "origins")


def data_dir() -> Path:
    return Path(os.environ.get("SUMMIT_DATA_DIR", DEFAULT_DATA_DIR))


@dataclass
class Dataset:
    """All tables, validated; `venue_table` adds country facts and derived columns to each venue.

    `venue_table` is the measures layer's work (`measures.venue_table`), handed in by the loader's caller:
    a Dataset comes from the public `load_dataset` (`summit_venues.load_dataset`), never from this module alone.
    """

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
        return str(self.analysis.analysis_date.iloc[0])

    @property
    def venue_ids(self) -> list[str]:
        return list(self.venue_table.index)

    @property
    def travel(self) -> TravelTables:
        """The tables of the travel-path analysis, bundled for flight_path."""
        return TravelTables(self.state_relations.reset_index(drop=True), self.parameters.reset_index(drop=True),
                            self.border_crossings.reset_index(drop=True), self.overland_legs.reset_index(drop=True))


@dataclass(frozen=True)
class Measures:
    """What loading needs from the measures layer, which this layer may not import: its caller hands it in.

    - `border_state_codes()`: the state codes of the borders, which state_relations.csv must use;
    - `derived_column_names(origin_ids)`: the names of the columns computed per venue, which indicators.csv
      may name;
    - `venue_table(tables, event_kinds, analysis_date)`: one row per venue, its own columns, its country's
      and the derived ones, from the checked tables (by table name, as read, not yet indexed).
    """

    border_state_codes: Callable[[], Iterable[str]]
    derived_column_names: Callable[[Iterable[str]], list[str]]
    venue_table: Callable[[dict[str, pd.DataFrame], pd.DataFrame, str], pd.DataFrame]


@dataclass(frozen=True)
class _Files:
    """Where a load reads each file: an analysis's own files from its subfolder, the rest from the data folder."""

    model_folder: Path
    analysis: str | None

    @property
    def folder(self) -> Path:
        return self.model_folder / self.analysis if self.analysis else self.model_folder

    def where(self, name: str) -> Path:
        """The folder a file is read from: the analysis's own, or the model's."""
        return self.folder if name in schemas.ANALYSIS_FILES else self.model_folder

    def label(self, name: str) -> str:
        return file_label(self.where(name), name)

    def model_label(self, name: str) -> str:
        return file_label(self.model_folder, name)

    def read(self, schema: TableSchema, needs_rows: bool = False) -> pd.DataFrame:
        return read_table(self.where(schema.file) / schema.file, schema, self.label(schema.file), needs_rows)

    def read_optional(self, schema: TableSchema) -> pd.DataFrame:
        """A file the data may do without: absent means no rows."""
        if not (self.where(schema.file) / schema.file).is_file():
            return pd.DataFrame(columns=schema.column_names())
        return self.read(schema)


@dataclass
class _Read:
    """Every table as read, extra venues merged, before the tables are checked against each other."""

    criteria: pd.DataFrame
    indicators: pd.DataFrame
    rubrics: pd.DataFrame
    event_kinds: pd.DataFrame
    model: dict[str, pd.DataFrame]
    table_schemas: dict[str, TableSchema]
    tables: dict[str, pd.DataFrame]
    sources: pd.DataFrame
    citable: pd.DataFrame  # what the model's reasons may cite: for another analysis, the model's own sources too
    profiles: pd.DataFrame
    weights: pd.DataFrame
    origins: Origins = field(default_factory=dict)


def read_dataset(folder: Path, extra_venues: list[Path], analysis: str | None, measures: Measures) -> Dataset:
    """Read, validate and join every data file in `folder`, with `measures` from the layer above (see above).

    `analysis` names a subfolder of `folder` that holds another analysis on the same model, such
    as the 2018 backtest (`backtest-2018`): its own files of `schemas.ANALYSIS_FILES` (date,
    venues, countries, sources, ranges, ...), and the model and the shared tables from `folder`.
    It may not bring a model file of its own: the model is fixed before it is run.

    `extra_venues` are further CSV files with the columns of venues.csv (`extra_venues` module);
    a problem in a row from one of these files names that file.
    """
    if analysis is not None:
        model_check.check_analysis_name(analysis, folder)
    files = _Files(folder, analysis)
    if analysis:
        model_check.check_analysis_folder(files.folder, folder)
    read = _read(files, extra_venues)
    problems = _problems(read, files, measures)
    if problems:
        raise DataError(name_extra_files(problems, read.origins, files.label))
    return _dataset(read, measures)


def _read(files: _Files, extra_venues: list[Path]) -> _Read:
    """Every file read on its own (each raises DataError for its own problems), extra venues added."""
    criteria = files.read(schemas.CRITERIA)
    indicators = files.read(schemas.INDICATORS)
    rubrics = files.read_optional(schemas.RUBRICS)
    event_kinds = files.read(schemas.EVENT_KINDS)
    model = {name: files.read(schema) for name, schema in schemas.MODEL_TABLES.items()}
    model.update({name: files.read_optional(schema) for name, schema in schemas.OPTIONAL_MODEL_TABLES.items()})
    for name in ("analysis", "extensions", "grade_ranges", "model_choices"):
        model[name] = model[name].set_index(schemas.MODEL_SCHEMAS[name].id_column, drop=False)
    # venues.csv and countries.csv also hold the indicator columns that indicators.csv declares.
    table_schemas = {**schemas.DATA_TABLES,
                     "venues": _with_extras(schemas.VENUES, _extra_columns(indicators, "city", schemas.VENUES)),
                     "countries": _with_extras(schemas.COUNTRIES,
                                               _extra_columns(indicators, "country", schemas.COUNTRIES))}
    tables = {name: files.read(schema, needs_rows=name in NEEDS_ROWS) for name, schema in table_schemas.items()}
    sources = read_table(files.folder / "sources.csv", schemas.SOURCES, files.label("sources.csv"))
    citable = sources
    if files.analysis:
        model_sources = read_table(files.model_folder / "sources.csv", schemas.SOURCES,
                                   files.model_label("sources.csv"))
        sources = pd.concat([sources, model_sources[model_sources["table"].isin(schemas.SHARED_DATA_TABLES)]],
                            ignore_index=True)
        citable = pd.concat([sources, model_sources[~model_sources.source_id.isin(sources.source_id)]],
                            ignore_index=True)
    origins: Origins = {}
    tables["value_ranges"] = model["value_ranges"]  # extra files may bring ranges: added with the rest
    sources = add_extra_venues(tables, sources, extra_venues, table_schemas, origins)
    model["value_ranges"] = tables.pop("value_ranges")
    profiles, weights = load_profiles(files.model_folder, list(criteria.criterion_id), files.label)
    return _Read(criteria=criteria, indicators=indicators, rubrics=rubrics, event_kinds=event_kinds, model=model,
                 table_schemas=table_schemas, tables=tables, sources=sources, citable=citable, profiles=profiles,
                 weights=weights, origins=origins)


def _problems(read: _Read, files: _Files, measures: Measures) -> list[Problem]:
    """Every problem of the tables against each other and of the model, in the order of the files."""
    tables, label, origins = read.tables, files.label, read.origins
    derived_columns = set(measures.derived_column_names(tables["origins"].origin_id))
    return (
        table_check.check_countries(tables["venues"], tables["countries"], label("venues.csv"), origins)
        + table_check.check_venue_names(tables["venues"], label("venues.csv"), origins)
        + table_check.check_relations(tables["state_relations"], label("state_relations.csv"),
                                      set(measures.border_state_codes()))
        + table_check.check_parameters(tables["parameters"], label("parameters.csv"))
        + table_check.check_legs(tables["overland_legs"], tables["border_crossings"], tables["venues"],
                                 label("overland_legs.csv"))
        + table_check.check_events(tables["summits_hosted"], read.event_kinds, tables["venues"],
                                   label("summits_hosted.csv"))
        + table_check.check_context(tables["context_facts"], read.criteria, label("context_facts.csv"))
        + table_check.check_history_places(tables, label("history.csv"))
        + table_check.check_decision(tables["history"], tables["venues"], read.model["analysis"], label)
        + model_check.check_criteria(read.criteria, read.indicators, label)
        + model_check.check_indicator_columns(read.indicators, read.table_schemas["venues"],
                                              read.table_schemas["countries"], derived_columns,
                                              label("indicators.csv"))
        + model_check.check_rubrics(read.rubrics, read.indicators, tables, read.table_schemas, label)
        + table_check.check_provenance(tables, read.table_schemas, read.sources, label,
                                       model_check.rubric_columns(read.indicators), origins)
        + model_check.check_model(read.model, tables, read.table_schemas, read.sources, read.criteria,
                                  read.indicators, label, own_model=not files.analysis, rubrics=read.rubrics,
                                  event_kinds=read.event_kinds, citable=read.citable, weights=read.weights,
                                  model_label=files.model_label)
    )


def _dataset(read: _Read, measures: Measures) -> Dataset:
    """The checked tables, each indexed by its id, and the venue table the measures layer builds from them."""
    venue_table = measures.venue_table(read.tables, read.event_kinds, str(read.model["analysis"].analysis_date.iloc[0]))
    indexed = {name: table.set_index(read.table_schemas[name].id_column, drop=False)
               for name, table in read.tables.items()}
    return Dataset(
        **indexed,
        sources=read.sources,
        criteria=read.criteria.set_index("criterion_id", drop=False),
        indicators=read.indicators.set_index("indicator_id", drop=False),
        rubrics=read.rubrics,
        profiles=read.profiles,
        profile_weights=read.weights,
        event_kinds=read.event_kinds.set_index("kind", drop=False),
        venue_table=venue_table,
        **read.model,
    )


def _extra_columns(indicators: pd.DataFrame, level: str, core: TableSchema) -> tuple[str, ...]:
    names = indicators.loc[indicators.level == level, "column"]
    return tuple(dict.fromkeys(n for n in names if n not in core.column_names()))


def _with_extras(schema: TableSchema, extras: tuple[str, ...]) -> TableSchema:
    return TableSchema(schema.file, schema.id_column, schema.columns, extras, schema.key_columns)
