"""Checks that keep the model honest, run by the loader beside the per-file checks.

- Known then, not now: a scored figure dated after the analysis date needs a stated reason
  (sources.csv `knowable`), and no anchor or weight reason may cite a later source or name a
  later date.
- Extensions are declared: every indicator is the article's or names an extension.
- Plausible ranges are well formed: inside them lie the value and every published alternative,
  and a value left empty has one.
- Model choices and fact exceptions name things that exist.
Each problem names the file, row and column, like every other data error.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd

from . import scale_rules, timing
from .errors import Problem
from .tables import TableSchema, has_value, records, rows

#: Tables whose values feed the scores; context facts and history are shown, never scored.
SCORED_TABLES = ("venues", "countries", "origins", "aircraft", "state_relations", "parameters",
                 "border_crossings", "overland_legs", "summits_hosted")


def split_ids(cell: str) -> list[str]:
    """The ids of a ' ; '-separated cell."""
    return [part.strip() for part in str(cell or "").split(";") if part.strip()]


def check_analysis(analysis: pd.DataFrame, file: str) -> list[Problem]:
    if len(analysis) != 1:
        return [Problem(file, None, "analysis_id", f"needs exactly one analysis row, found {len(analysis)}")]
    return []


def check_extensions(indicators: pd.DataFrame, extensions: pd.DataFrame, criteria: pd.DataFrame,
                     label: Callable[[str], str]) -> list[Problem]:
    """Each indicator is the article's (empty extension) or belongs to a declared extension of its criterion."""
    problems = []
    known = extensions.set_index("extension_id")
    for i in rows(indicators):
        if not i.extension:
            continue
        if i.extension not in known.index:
            problems.append(Problem(label("indicators.csv"), i.indicator_id, "extension",
                                    f"'{i.extension}' is not an extension_id of extensions.csv"))
        elif known.criterion_id[i.extension] != i.criterion_id:
            problems.append(Problem(label("indicators.csv"), i.indicator_id, "extension",
                                    f"extension '{i.extension}' belongs to criterion "
                                    f"'{known.criterion_id[i.extension]}', not '{i.criterion_id}'"))
    for e in rows(extensions):
        if e.criterion_id not in set(criteria.criterion_id):
            problems.append(Problem(label("extensions.csv"), e.extension_id, "criterion_id",
                                    f"'{e.criterion_id}' is not a criterion in criteria.csv"))
        if e.extension_id not in set(indicators.extension):
            problems.append(Problem(label("extensions.csv"), e.extension_id, None,
                                    "no indicator in indicators.csv belongs to this extension"))
    for c in criteria.criterion_id:
        if not ((indicators.criterion_id == c) & (indicators.extension == "")).any():
            problems.append(Problem(label("criteria.csv"), c, None,
                                    "the article's model has no indicator for this criterion "
                                    "(every indicator of it is an extension)"))
    return problems


def check_knowable(sources: pd.DataFrame, analysis_date: str, value_ranges: pd.DataFrame, label: Callable[[str], str],
                   schemas_by_table: dict[str, TableSchema] | None = None,
                   everything: pd.DataFrame | None = None) -> list[Problem]:
    """A scored figure was knowable on the analysis date: dated and published by then, or used for a stated reason.

    - dated after the date: `knowable` must say why (time_invariant, state_held, bound_only); a later
      state_held or time_invariant figure names in `held_since` a source dated by then that shows the state
      already held, unless every field it gives is true then as now by nature (a column marked invariant);
    - `published` after the date: refused, unless the figure only bounds a range (bound_only);
    - dated so shortly before the date that it may have come out only after it (timing.PUBLICATION_LAG_DAYS):
      `published` must say when it came out.
    `everything` is every source `held_since` may name (default: `sources`).
    """
    problems = []
    ranged = {(r.table, r.record_id, r.field) for r in rows(value_ranges)}
    invariant = {name: {c.name for c in schema.columns if c.invariant}
                 for name, schema in (schemas_by_table or {}).items()}
    by_id = (sources if everything is None else everything).set_index("source_id")
    for s in rows(sources):
        if s.table not in SCORED_TABLES:
            continue
        where = label("sources.csv")
        published = getattr(s, "published", "")
        if published and s.knowable != "bound_only" and timing.is_after(published, analysis_date):
            problems.append(Problem(where, s.source_id, "published",
                                    f"published {published}, after the analysis date {analysis_date}: a scored "
                                    "value may rest only on what was public then. Leave the value empty and give "
                                    "its plausible range in value_ranges.csv (knowable bound_only)"))
        # An estimate is worked out by the team (its note gives its inputs and their dates) and a judgement
        # is dated to the analysis date: neither was published. Figures taken from a source say when.
        if (not published and not s.knowable and s.grade != "estimate"
                and timing.needs_publication_date(s.as_of, analysis_date)):
            problems.append(Problem(where, s.source_id, "published",
                                    f"dated {s.as_of}, less than {timing.PUBLICATION_LAG_DAYS} days before the "
                                    f"analysis date {analysis_date}: say when the figure was published (a "
                                    "year's statistics often come out weeks into the next)"))
        if not timing.is_after(s.as_of, analysis_date):
            continue
        if not s.knowable:
            problems.append(Problem(where, s.source_id, "as_of",
                                    f"dated {s.as_of}, after the analysis date {analysis_date}: a scored value "
                                    "may not rest on a later source. Set 'knowable' to time_invariant or "
                                    "state_held (saying why in 'note'), or leave the value empty and give its "
                                    "plausible range in value_ranges.csv (knowable bound_only)"))
        elif s.knowable == "bound_only":
            for field in split_ids(s.fields):
                if (s.table, s.record_id, field) not in ranged:
                    problems.append(Problem(where, s.source_id, "knowable",
                                            f"bound_only, but value_ranges.csv has no range for "
                                            f"{s.table}/{s.record_id}/{field}"))
        else:
            problems += _held_since_problems(s, by_id, analysis_date, invariant.get(s.table, set()), where)
    return problems


def _held_since_problems(s: Any, by_id: Any, analysis_date: str, invariant: set, where: str) -> list[Problem]:
    """A later state_held or time_invariant source names an earlier one showing that the state already held."""
    held = split_ids(getattr(s, "held_since", ""))
    if not held:
        if s.knowable == "time_invariant" and set(split_ids(s.fields)) <= invariant:
            return []  # a position, a length or a specification: true then as now by nature
        return [Problem(where, s.source_id, "held_since",
                        f"{s.knowable}, dated {s.as_of}, after the analysis date {analysis_date}: name in "
                        "'held_since' a source dated by then that shows the state already held")]
    problems = []
    for cited in held:
        if cited not in by_id.index:
            problems.append(Problem(where, s.source_id, "held_since", f"'{cited}' is not a source_id of sources.csv"))
            continue
        earlier = by_id.loc[cited]
        when = earlier.published or earlier.as_of
        if timing.is_after(when, analysis_date) or timing.is_after(earlier.as_of, analysis_date):
            problems.append(Problem(where, s.source_id, "held_since",
                                    f"'{cited}' is dated {when}, after the analysis date {analysis_date}: the "
                                    "evidence that the state held must be from then"))
    return problems


def check_bound_only_cells_empty(sources: pd.DataFrame, tables: dict[str, pd.DataFrame], schemas_by_table: dict[str,
                                 TableSchema], label: Callable[[str], str]) -> list[Problem]:
    """A later figure that only bounds a range must not also sit in the cell as the scored value."""
    problems = []
    bound_only = sources[sources.knowable == "bound_only"]
    indexed = _indexed(tables, schemas_by_table, set(bound_only.table))
    for s in rows(bound_only):
        table = indexed[s.table]
        for field in split_ids(s.fields):
            if s.record_id in table.index and has_value(table.loc[s.record_id, field]):
                problems.append(Problem(label(schemas_by_table[s.table].file), s.record_id, field,
                                        f"holds a value, but its source '{s.source_id}' is bound_only (dated "
                                        f"{s.as_of}, after the analysis date): leave the cell empty, the range "
                                        "in value_ranges.csv is scored"))
    return problems


def check_reasons(rows: list[dict[str, Any]], id_of: Callable[[dict[str, Any]], str], sources: pd.DataFrame,
                  analysis_date: str, file: str, text_column: str) -> list[Problem]:
    """Cited sources exist and were knowable on the analysis date; the reason names no later date."""
    by_id = sources.set_index("source_id")
    problems = []
    for row in rows:
        for cited in split_ids(row["sources_cited"]):
            if cited not in by_id.index:
                problems.append(Problem(file, id_of(row), row["sources_column"],
                                        f"'{cited}' is not a source_id of sources.csv"))
                continue
            source = by_id.loc[cited]
            if timing.is_after(source.as_of, analysis_date) and source.knowable not in (
                    "time_invariant", "state_held"):
                problems.append(Problem(file, id_of(row), row["sources_column"],
                                        f"cites '{cited}', dated {source.as_of}, after the analysis date "
                                        f"{analysis_date}: a reason may rest only on what was knowable then"))
        for later in timing.later_dates_in(row[text_column], analysis_date):
            problems.append(Problem(file, id_of(row), text_column,
                                    f"names {later}, after the analysis date {analysis_date}: later facts "
                                    "belong to the reality check, not to a reason"))
    return problems


def model_texts(tables: dict, sources: pd.DataFrame, label: Callable[[str], str]) -> list[tuple[str, str, str, str]]:
    """Every text of the model or of an analysis that carries a reason or evidence: (file, row, column, text).

    The reasons of criteria, extensions, model choices and event kinds, the meanings of rubric levels, the
    reasons of plausible ranges (except where a later figure bounds the range, knowable bound_only, which
    the range may name), and the evidence that puts a city on a rubric level (a source's note, except a
    later one whose reason for use is stated in `knowable`). Anchor and weight reasons are checked with
    the sources they cite (check_anchor_reasons, check_weight_reasons).
    """
    texts = []
    for name, (id_column, column) in _REASON_COLUMNS.items():
        table = tables.get(name)
        if table is None:
            continue
        file = _FILES[name]
        for row in records(table):
            texts.append((label(file), ":".join(str(row[c]) for c in id_column), column, row[column]))
    bounded = {(s.table, s.record_id, f) for s in rows(sources[sources.knowable == "bound_only"])
               for f in split_ids(s.fields)}
    for r in rows(tables["value_ranges"]):
        if (r.table, r.record_id, r.field) not in bounded:
            texts.append((label("value_ranges.csv"), f"{r.table}:{r.record_id}:{r.field}", "reason", r.reason))
    rubric_columns = set(tables["indicators"].column[tables["indicators"]["shape"] == "rubric"])
    for s in rows(sources):
        if not s.knowable and set(split_ids(s.fields)) & rubric_columns:
            texts.append((label("sources.csv"), s.source_id, "note", s.note))
    return texts


_REASON_COLUMNS = {"criteria": (("criterion_id",), "rationale"), "extensions": (("extension_id",), "reason"),
                   "model_choices": (("choice_id",), "reason"), "event_kinds": (("kind",), "meaning"),
                   "rubrics": (("rubric_id", "level"), "meaning")}
_FILES = {"criteria": "criteria.csv", "extensions": "extensions.csv", "model_choices": "model_choices.csv",
          "event_kinds": "event_kinds.csv", "rubrics": "rubrics.csv"}


def check_texts(texts: list[tuple[str, str, str, str]], analysis_date: str) -> list[Problem]:
    """No reason or evidence names a time after the analysis date: later facts belong to the reality check."""
    return [Problem(file, row, column, f"names {later}, after the analysis date {analysis_date}: later facts "
                                       "belong to the reality check, not to a reason")
            for file, row, column, text in texts for later in timing.later_dates_in(str(text or ""), analysis_date)]


def allow_known_later(problems: list[Problem], known_later: pd.DataFrame, label: Callable[[str], str]) -> list[Problem]:
    """Drop the problems an analysis lists in known_later.csv, each with its reason; a listed one that matches
    none of `problems` is stale and is a problem itself (so pass every problem the rows may excuse)."""
    listed = {(r.file, r.row, r.column) for r in rows(known_later)}
    kept = [p for p in problems if (_bare(p.file), str(p.row), p.column) not in listed]
    used = {(_bare(p.file), str(p.row), p.column) for p in problems}
    kept += [Problem(label("known_later.csv"), f"{r.file}:{r.row}:{r.column}", "row",
                     "nothing of the model names a later time or cites a later source there: remove this row")
             for r in rows(known_later) if (r.file, r.row, r.column) not in used]
    return kept


def _bare(file: str) -> str:
    """A file's name without its folder ('data/indicators.csv' -> 'indicators.csv')."""
    return file.rsplit("/", 1)[-1]


def check_anchor_reasons(indicators: pd.DataFrame, sources: pd.DataFrame, analysis_date: str, label: Callable[[str],
                         str]) -> list[Problem]:
    reasons = [{**r, "sources_cited": r["anchor_sources"], "sources_column": "anchor_sources"}
               for r in records(indicators)]
    return check_reasons(reasons, lambda r: r["indicator_id"], sources, analysis_date, label("indicators.csv"),
                         "anchor_rationale")


def check_weight_reasons(weights: pd.DataFrame, sources: pd.DataFrame, analysis_date: str, label: Callable[[str],
                         str]) -> list[Problem]:
    reasons = [{**r, "sources_cited": r["sources"], "sources_column": "sources"} for r in records(weights)]
    return check_reasons(reasons, lambda r: f"{r['profile_id']}:{r['criterion_id']}", sources, analysis_date,
                         label("profile_weights.csv"), "reason")


#: The tables whose cells a plausible range may stand for, and the indicator level of their columns.
_RANGED_LEVELS = {"venues": "city", "countries": "country"}


def check_value_ranges(value_ranges: pd.DataFrame, tables: dict[str, pd.DataFrame],
                       schemas_by_table: dict[str, TableSchema], indicators: pd.DataFrame,
                       label: Callable[[str], str]) -> list[Problem]:
    """Each range is about an indicator's cell, holds its value and alternatives; an empty cell has a range."""
    file = label("value_ranges.csv")
    indexed = _indexed(tables, schemas_by_table, _RANGED_LEVELS)
    columns = {name: set(indicators.column[indicators.level == level]) for name, level in _RANGED_LEVELS.items()}
    problems: list[Problem] = []
    for r in rows(value_ranges):
        problems += _range_problems(r, file, indexed, columns)
    ranged = set(zip(value_ranges.table, value_ranges.record_id, value_ranges.field))
    for table_name, level in _RANGED_LEVELS.items():
        schema = schemas_by_table[table_name]
        for column in indicators.column[indicators.level == level]:
            for row_id, value in indexed[table_name][column].items():
                if not has_value(value) and (table_name, row_id, column) not in ranged:
                    problems.append(Problem(label(schema.file), row_id, column,
                                            "no value: give it, or say what is known as a plausible range in "
                                            "value_ranges.csv (the value is then scored as that range, flagged)"))
    return problems


def _indexed(tables: dict[str, pd.DataFrame], schemas_by_table: dict[str, TableSchema],
             names: Iterable[str]) -> dict[str, pd.DataFrame]:
    """The tables `names`, each indexed by its id column once (not at every row that looks a cell up)."""
    return {name: tables[name].set_index(schemas_by_table[name].id_column, drop=False) for name in names}


def _range_problems(r: Any, file: str, indexed: dict[str, pd.DataFrame], columns: dict[str, set[str]]) -> list[Problem]:
    """One range (a row of value_ranges.csv): about an indicator's cell, low <= high, holding the cell's value."""
    key = f"{r.table}:{r.record_id}:{r.field}"
    if r.field not in columns[r.table]:
        return [Problem(file, key, "field", f"'{r.field}' is not an indicator column of {r.table}.csv")]
    table = indexed[r.table]
    if r.record_id not in table.index:
        return [Problem(file, key, "record_id", f"'{r.record_id}' is not a row of {r.table}.csv")]
    problems = []
    if r.low > r.high:
        problems.append(Problem(file, key, "low", f"low {r.low:g} is above high {r.high:g}"))
    value = table.at[r.record_id, r.field]
    if has_value(value) and not r.low <= value <= r.high:
        problems.append(Problem(file, key, "low, high",
                                f"the value in {r.table}.csv, {value:g}, lies outside [{r.low:g}, {r.high:g}]"))
    return problems + _alternative_problems(r, key, file)


def _alternative_problems(r: Any, key: str, file: str) -> list[Problem]:
    """Every published alternative of a range is a number within it."""
    problems = []
    for alternative in split_ids(r.alternatives):
        try:
            number = float(alternative.replace(",", ""))
        except ValueError:
            problems.append(Problem(file, key, "alternatives", f"'{alternative}' is not a number"))
            continue
        if not r.low <= number <= r.high:
            problems.append(Problem(file, key, "alternatives",
                                    f"alternative {number:g} lies outside [{r.low:g}, {r.high:g}]: a plausible "
                                    "range must hold every published value"))
    return problems


def check_rests_on(sources: pd.DataFrame, events: pd.DataFrame, label: Callable[[str], str]) -> list[Problem]:
    """Evidence said to rest on an event names an event of summits_hosted.csv."""
    known = set(events.event_id)
    return [Problem(label("sources.csv"), s.source_id, "rests_on", f"'{e}' is not an event_id of summits_hosted.csv")
            for s in rows(sources) for e in split_ids(s.rests_on) if e not in known]


def check_rubric_cells(indicators: pd.DataFrame, tables: dict[str, pd.DataFrame], schemas_by_table: dict[str,
                       TableSchema], label: Callable[[str], str]) -> list[Problem]:
    """A rubric level is never left empty: a range of levels has no middle level to score."""
    problems = []
    for i in rows(indicators[indicators["shape"] == "rubric"]):
        table_name = {"city": "venues", "country": "countries"}.get(i.level)
        if table_name is None:
            continue
        schema = schemas_by_table[table_name]
        problems += [Problem(label(schema.file), r[schema.id_column], i.column,
                             "a rubric level cannot be left empty: put the city on the level its evidence supports")
                     for r in records(tables[table_name]) if not has_value(r[i.column])]
    return problems


def check_fact_exceptions(exceptions: pd.DataFrame, indicators: pd.DataFrame, label: Callable[[str],
                          str]) -> list[Problem]:
    return [Problem(label("fact_exceptions.csv"), e.indicators, "indicators",
                    f"'{i}' is not an indicator_id of indicators.csv")
            for e in rows(exceptions) for i in split_ids(e.indicators) if i not in set(indicators.indicator_id)]


def choice_settings(kind: str, target: str, value: str) -> list[tuple[tuple[str, ...], str]]:
    """What one row of model_choices.csv sets: a (what, ...) key and the value for each of its targets.

    `target` may list several targets separated by ' ; ', and `value` one value for all of them or
    one per target. A rubric level and a raw value set the same thing, a cell: key ('value', table,
    record, field).
    """
    targets, values = split_ids(target), split_ids(value) or [""]
    if len(values) == 1:
        values = values * len(targets)
    if len(values) != len(targets):
        raise ValueError(f"{len(values)} values for {len(targets)} targets: give one value, or one per target")
    what = "value" if kind == "level" else kind
    return [((what, *t.split("/")), v) for t, v in zip(targets, values)]


def check_model_choices(choices: pd.DataFrame, indicators: pd.DataFrame, extensions: pd.DataFrame, tables: dict[str,
                        pd.DataFrame],
                        schemas_by_table: dict[str, TableSchema], label: Callable[[str], str],
                        rubrics: pd.DataFrame | None = None,
                        sources: pd.DataFrame | None = None) -> list[Problem]:
    """Every choice names an extension, indicator, anchor, scale, weight or cell that exists, with a usable value."""
    problems, file = [], label("model_choices.csv")
    indexed = _indexed(tables, schemas_by_table, [name for name in tables if name in schemas_by_table])
    evidence = _evidence_by_cell(sources)
    indicators = indicators.set_index("indicator_id", drop=False)  # looked up by id at every choice
    for c in rows(choices):
        try:
            settings = choice_settings(c.kind, c.target, c.value)
        except ValueError as error:
            problems.append(Problem(file, c.choice_id, "value", str(error)))
            continue
        for (_, *target), value in settings:
            problem = _target_problem(c.kind, target, indicators, extensions, tables, schemas_by_table)
            if problem:
                problems.append(Problem(file, c.choice_id, "target", problem))
            problem = _value_problem(c.kind, target if not problem else None, value, indicators, indexed,
                                     rubrics, evidence)
            if problem:
                problems.append(Problem(file, c.choice_id, "value", problem))
    return problems


def _target_problem(kind: str, target: list[str], indicators: pd.DataFrame, extensions: pd.DataFrame, tables: dict[str,
                    pd.DataFrame],
                    schemas_by_table: dict[str, TableSchema]) -> str | None:
    ids = set(indicators.indicator_id)
    if kind == "extension":
        ok = len(target) == 1 and target[0] in set(extensions.extension_id)
    elif kind in ("indicator_off", "weight"):
        ok = len(target) == 1 and target[0] in ids
    elif kind == "scale":
        ok = (len(target) == 1 and target[0] in ids
              and indicators.loc[target[0], "shape"] != "rubric")
    elif kind == "anchor":
        ok = len(target) == 2 and target[0] in ids and target[1] in ("worst", "best")
    else:  # value, level
        ok = (len(target) == 3 and target[0] in schemas_by_table
              and target[1] in set(tables[target[0]][schemas_by_table[target[0]].id_column])
              and target[2] in set(indicators.column))
        if ok and kind == "level":
            ok = target[2] in set(indicators.column[indicators["shape"] == "rubric"])
    return None if ok else f"'{'/'.join(target)}' is not something a '{kind}' choice can change"


def _value_problem(kind: str, target: list[str] | None, value: str, indicators: pd.DataFrame,
                   indexed: dict[str, pd.DataFrame], rubrics: pd.DataFrame | None,
                   evidence: dict[tuple[str, str, str], list[tuple[str, str]]] | None) -> str | None:
    """What is wrong with a choice's value, or None; with no (valid) target, only whether it is a number."""
    if kind in ("extension", "indicator_off"):
        return None
    if kind == "scale":
        return None if value in ("linear", "log") else f"'{value}' is not a scale shape (linear or log)"
    try:
        number = float(value)
    except ValueError:
        return f"'{value}' is not a number"
    if kind == "weight" and not number >= 0:
        return f"a weight inside a criterion must be 0 or more, not {value}"
    if target is None:
        return None
    if kind == "anchor":
        row = indicators.loc[target[0]]
        ends = {"worst": row.worst, "best": row.best, target[1]: number}
        return scale_rules.anchor_problem(ends["worst"], ends["best"], row["shape"], row.direction)
    if kind == "level":
        return _level_problem(target, number, indicators, indexed, rubrics, evidence)
    return None


def _level_problem(target: list[str], level: float, indicators: pd.DataFrame, indexed: dict[str, pd.DataFrame],
                   rubrics: pd.DataFrame | None,
                   evidence: dict[tuple[str, str, str], list[tuple[str, str]]] | None) -> str | None:
    """A level choice names a level of the rubric, one step from the cell's, whose evidence is graded B or worse."""
    table_name, record, column = target
    rubric_id = indicators.indicator_id[(indicators.column == column) & (indicators["shape"] == "rubric")].iloc[0]
    levels = set(rubrics.level[rubrics.rubric_id == rubric_id]) if rubrics is not None else set()
    if level not in levels:
        return f"{level:g} is not a level of rubric '{rubric_id}' (levels {', '.join(map(str, sorted(levels)))})"
    current = indexed[table_name].at[record, column]
    if abs(level - float(current)) != 1:
        return f"a level choice moves one step either way from the cell's level {float(current):g}, not to {level:g}"
    graded = (evidence or {}).get((table_name, record, column), [])
    if graded and all(grade == "A" for _, grade in graded):
        return (f"the evidence for this level is graded A ({', '.join(source for source, _ in graded)}): only a "
                "level graded B or worse is a judgement with an alternative")
    return None


def _evidence_by_cell(sources: pd.DataFrame | None) -> dict[tuple[str, str, str], list[tuple[str, str]]] | None:
    """(table, record, field) -> the (source_id, grade) of each source row about that cell, in the file's order."""
    if sources is None:
        return None
    cells: dict[tuple[str, str, str], list[tuple[str, str]]] = {}
    for row in rows(sources):
        for field in split_ids(row.fields):
            cells.setdefault((row.table, row.record_id, field), []).append((row.source_id, row.grade))
    return cells
