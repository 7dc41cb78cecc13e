"""The model's tables checked: the analysis and its folder, criteria, indicators, rubrics, and what was knowable.

The model (criteria.csv, indicators.csv, rubrics.csv, the weights and the analysis's own tables) is checked
against itself and against the data it scores. Each check returns the problems it finds and raises nothing,
except the two checks of an analysis folder, which stop a load before any file of it is read.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import integrity, schemas
from .errors import DataError, Label, Problem, file_label
from .scale_rules import anchor_problem, rubric_pairs, rubric_problem
from .tables import TableSchema, has_value, records, rows


def check_analysis_name(analysis: str, model_folder: Path) -> None:
    """An analysis is named by a subfolder of the data folder: a plain name, never a path that leads out of it."""
    name = str(analysis)
    if name.strip() and name not in (".", "..") and "/" not in name and "\\" not in name and name == name.strip():
        return
    found = ", ".join(sorted(p.parent.name for p in model_folder.glob("*/analysis.csv"))) or "none"
    shown = f"'{name}'" if name else "an empty name"
    raise DataError([Problem(file_label(model_folder, ""), None, None,
                             f"{shown} is not an analysis: name a subfolder of the data folder that holds an "
                             f"analysis.csv (here: {found}), not a path")])


def check_analysis_folder(folder: Path, model_folder: Path) -> None:
    """An analysis folder exists, has its own date and venues, and brings no model file."""
    if not folder.is_dir():
        raise DataError([Problem(file_label(model_folder, folder.name), None, None,
                                 "no such analysis folder in the data folder")])
    problems = [Problem(file_label(folder, path.name), None, None,
                        f"an analysis folder brings only its own facts ({', '.join(schemas.ANALYSIS_FILES)}); "
                        f"the model is read from {model_folder.name}/ and may not change for one analysis: "
                        "remove this file")
                for path in sorted(folder.glob("*.csv")) if path.name not in schemas.ANALYSIS_FILES]
    problems += [Problem(file_label(folder, name), None, None, "missing: an analysis needs its own")
                 for name in ("analysis.csv", "venues.csv", "countries.csv", "sources.csv")
                 if not (folder / name).is_file()]
    if problems:
        raise DataError(problems)


def check_model(model: dict[str, pd.DataFrame], tables: dict[str, pd.DataFrame],
                table_schemas: dict[str, TableSchema], sources: pd.DataFrame, criteria: pd.DataFrame,
                indicators: pd.DataFrame, label: Label, own_model: bool = True, rubrics: pd.DataFrame | None = None,
                event_kinds: pd.DataFrame | None = None, citable: pd.DataFrame | None = None,
                weights: pd.DataFrame | None = None, model_label: Label | None = None) -> list[Problem]:
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


def _knowable(sources: pd.DataFrame, analysis_date: str, model: dict[str, pd.DataFrame], label: Label,
              table_schemas: dict[str, TableSchema], own_model: bool, model_label: Label) -> list[Problem]:
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


def _allowed_later(problems: list[Problem], known_later: pd.DataFrame, label: Label) -> list[Problem]:
    """An analysis's own files must know nothing later; the model's may, where known_later.csv says why."""
    own = [p for p in problems if p.file.rsplit("/", 1)[-1] in schemas.ANALYSIS_FILES]
    return own + integrity.allow_known_later([p for p in problems if p not in own],
                                             known_later[known_later.file != "sources.csv"], label)


def check_criteria(criteria: pd.DataFrame, indicators: pd.DataFrame, label: Label) -> list[Problem]:
    """Every indicator belongs to a known criterion, with a usable weight and scale; every criterion has indicators.

    Criteria carry no weight of their own: the default weights are the `neutral` profile's
    (profile_weights.csv, checked by `profile_tables.load_profiles`).
    """
    problems: list[Problem] = []
    crit_file, ind_file = label("criteria.csv"), label("indicators.csv")
    known = set(criteria.criterion_id)
    for i in rows(indicators):
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


def check_indicator_columns(indicators: pd.DataFrame, venue_schema: TableSchema, country_schema: TableSchema,
                            derived_columns: set[str], file: str) -> list[Problem]:
    """Each indicator reads a column of its level: venues.csv, countries.csv or the `derived_columns` (the
    names of the columns the measures layer computes, handed in by the loader's caller)."""
    available = {
        "city": set(venue_schema.column_names()),
        "country": set(country_schema.column_names()),
        "derived": derived_columns,
    }
    where = {"city": "venues.csv", "country": "countries.csv", "derived": "the derived columns"}
    return [Problem(file, i.indicator_id, "column", f"'{i.column}' is not a column of {where[i.level]}")
            for i in rows(indicators) if i.column not in available[i.level]]


def rubric_columns(indicators: pd.DataFrame) -> set[str]:
    return set(indicators.loc[indicators["shape"] == "rubric", "column"])


def check_rubrics(rubrics: pd.DataFrame, indicators: pd.DataFrame, tables: dict[str, pd.DataFrame],
                  table_schemas: dict[str, TableSchema], label: Label) -> list[Problem]:
    """Each rubric indicator has a valid rubric, its anchors are the rubric's end levels, and
    every venue (or country) sits on a level the rubric defines."""
    problems: list[Problem] = []
    rub_file, ind_file = label("rubrics.csv"), label("indicators.csv")
    rubric_indicators = indicators[indicators["shape"] == "rubric"]
    for orphan in sorted(set(rubrics.rubric_id) - set(rubric_indicators.indicator_id)):
        problems.append(Problem(rub_file, orphan, "rubric_id",
                                f"'{orphan}' is not an indicator with shape 'rubric' in indicators.csv"))
    for i in rows(rubric_indicators):
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
        for record in records(tables[table_name]):
            level = record[i.column]
            if has_value(level) and level not in levels:
                problems.append(Problem(label(schema.file), record[schema.id_column], i.column,
                                        f"level {level:g} is not a level of rubric '{i.indicator_id}' "
                                        f"(levels {', '.join(map(str, levels))})"))
    return problems
