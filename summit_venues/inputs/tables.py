"""Reading one CSV file against its schema: types, ranges, required cells, ids.

Every cell is read as text first, so that a stray word in a numeric column is
reported with its file, row and column instead of silently becoming NaN.
"""
from __future__ import annotations

import hashlib
import io
import re
from collections import OrderedDict, namedtuple
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import DataError, Problem

DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
URL_PATTERN = re.compile(r"^https?://\S+$")
#: The kinds of column read as numbers (an empty cell becomes NaN); every other kind stays text.
NUMERIC_KINDS = ("float", "int")


@dataclass(frozen=True)
class Column:
    """What one column of a data file must hold."""

    name: str
    kind: str = "text"  # text | id | float | int | date | url | choice
    required: bool = True
    low: float | None = None
    high: float | None = None
    choices: tuple[str, ...] = ()
    sourced: bool = True  # whether each value needs a row in sources.csv
    invariant: bool = False  # true then as now by nature (a position, a length, a specification): see KNOWABLE


@dataclass(frozen=True)
class TableSchema:
    """The columns of one data file.

    A row is named in error messages by its `id_column`, or, where one column is not
    unique on its own (a rubric's levels), by its `key_columns` joined with ':'.
    """

    file: str
    id_column: str
    columns: tuple[Column, ...]
    extra_numeric_columns: tuple[str, ...] = field(default=())
    key_columns: tuple[str, ...] = field(default=())

    def row_key(self, record: dict) -> str:
        return ":".join(str(record[k]).strip() for k in (self.key_columns or (self.id_column,)))

    def column_names(self) -> list[str]:
        return [c.name for c in self.columns] + list(self.extra_numeric_columns)


def _convert_text(value: str, column: Column) -> tuple[object, str | None]:
    """A text cell of a kind that stays text: checked against its choices, date form or web address form."""
    if column.kind == "choice" and value not in column.choices:
        return None, f"'{value}' is not one of {', '.join(column.choices)}"
    if column.kind == "date" and not DATE_PATTERN.match(value):
        return None, f"'{value}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
    if column.kind == "url":
        bad = [u for u in (u.strip() for u in value.split(" ; ")) if not URL_PATTERN.match(u)]
        if bad:
            return None, f"'{bad[0]}' is not a web address (http:// or https://; separate several with ' ; ')"
    return value, None


def _convert_number(value: str, column: Column) -> tuple[object, str | None]:
    """A numeric cell: a number (thousands separated by commas allowed in a float), within the column's range."""
    try:
        number = float(value.replace(",", "")) if column.kind == "float" else int(value)
    except ValueError:
        expected = "a number" if column.kind == "float" else "a whole number"
        return None, f"'{value}' is not {expected}"
    if number != number:  # "nan" typed as text
        return None, f"'{value}' is not a number"
    too_low = column.low is not None and number < column.low
    too_high = column.high is not None and number > column.high
    if too_low or too_high:
        low = "-inf" if column.low is None else f"{column.low:g}"
        high = "inf" if column.high is None else f"{column.high:g}"
        return None, f"{value} is out of range [{low}, {high}]"
    return number, None


def _convert(value: str, column: Column) -> tuple[object, str | None]:
    """Convert one text cell; return (value, problem or None)."""
    if column.kind in NUMERIC_KINDS:
        return _convert_number(value, column)
    return _convert_text(value, column)


def read_table(path: Path, schema: TableSchema, label: str | None = None, needs_rows: bool = False) -> pd.DataFrame:
    """Read and validate one CSV file; raise DataError listing every problem found.

    `label` is how the file is named in messages (a path relative to the project),
    so that no machine-specific path leaks into notebooks. A file that `needs_rows` and has
    only its header is one problem, said as such, rather than every reference to its rows.
    """
    label = label or schema.file
    content = _content(path, schema, label)
    key = (hashlib.sha256(content).digest(), schema, needs_rows)
    if key in _tables_read:
        _tables_read.move_to_end(key)
        return _tables_read[key].copy()
    raw = _read_text(content, schema, label, needs_rows)
    _check_header(raw, schema, label)
    converted = _convert_rows(raw, schema, label)
    table = pd.DataFrame(converted, columns=schema.column_names())
    for column in _columns(schema).values():
        if column.kind in NUMERIC_KINDS:
            table[column.name] = pd.to_numeric(table[column.name])
    _tables_read[key] = table.copy()
    while len(_tables_read) > TABLES_KEPT:
        _tables_read.popitem(last=False)
    return table


#: Tables read without a problem, by the bytes of their file and the schema they were read with, the most recent
#: kept: a test session reads hundreds of copies of the data folder, each with one file changed at most, and each
#: file of a load is parsed and checked cell by cell. A file's name only appears in the messages of a table that
#: has a problem, which is never kept; each caller gets a copy of its own.
TABLES_KEPT = 128
_tables_read: OrderedDict[tuple[bytes, TableSchema, bool], pd.DataFrame] = OrderedDict()


def _content(path: Path, schema: TableSchema, label: str) -> bytes:
    """The file's bytes; a DataError for a folder or a file that is not there."""
    if path.is_dir():
        raise DataError.single(label, None, None, f"is a folder, not a CSV file: name the file itself (a {schema.file} "
                                                  "file, with the columns of the data dictionary)")
    if not path.is_file():
        raise DataError.single(label, None, None, "file not found")
    return path.read_bytes()


def _read_text(content: bytes, schema: TableSchema, label: str, needs_rows: bool) -> pd.DataFrame:
    """The file's cells, every one as text; a DataError for a file that is not CSV, or (if it `needs_rows`) only
    a header."""
    try:
        raw = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise DataError.single(label, None, None, f"cannot be read as UTF-8 CSV ({exc})") from None
    if needs_rows and raw.empty:
        raise DataError.single(label, None, None, "has no rows, only its header: it needs at least one row")
    return raw


def _check_header(raw: pd.DataFrame, schema: TableSchema, label: str) -> None:
    """Every column known and every required one present; an optional column left out is added, all empty."""
    expected = schema.column_names()
    problems = [Problem(label, None, name, "unknown column (not in the data dictionary, data/README.md)")
                for name in raw.columns if name not in expected]
    optional = {c.name for c in schema.columns if not c.required}
    for name in expected:
        if name in raw.columns:
            continue
        if name in optional:  # a column that may stay empty may also be left out: every cell empty
            raw[name] = ""
        else:
            problems.append(Problem(label, None, name, "required column is missing"))
    if problems:
        raise DataError(problems)


def _columns(schema: TableSchema) -> dict[str, Column]:
    """Every column of the schema by name, the indicator columns it adds as optional numbers."""
    columns = {c.name: c for c in schema.columns}
    # An indicator column may be empty: a value not found is scored as its plausible range (value_ranges.csv).
    columns.update({n: Column(n, "float", required=False) for n in schema.extra_numeric_columns})
    return columns


def _convert_rows(raw: pd.DataFrame, schema: TableSchema, label: str) -> dict[str, list[object]]:
    """Each column's converted values, row by row; a DataError listing every bad cell and duplicate id."""
    columns = _columns(schema)
    converted: dict[str, list[object]] = {name: [] for name in schema.column_names()}
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    for line, record in enumerate(records(raw), start=2):
        has_id = bool(record[schema.id_column].strip())
        row_id = schema.row_key(record) if has_id else f"line {line}"
        if has_id and row_id in seen_ids:
            problems.append(Problem(label, row_id, schema.id_column, f"duplicate id (also on line {seen_ids[row_id]})"))
        if has_id:
            seen_ids.setdefault(row_id, line)
        for name, values in converted.items():
            value, problem = _cell(record[name].strip(), columns[name])
            if problem:
                problems.append(Problem(label, row_id, name, problem))
            values.append(value)
    if problems:
        raise DataError(problems)
    return converted


def _cell(text: str, column: Column) -> tuple[object, str | None]:
    """One cell's value and problem: an empty text cell stays "", an empty number becomes None (NaN)."""
    if text == "":
        empty = None if column.kind in NUMERIC_KINDS else ""
        return empty, "required value is empty" if column.required else None
    return _convert(text, column)


def has_value(value: object) -> bool:
    """Whether a cell holds something: neither NaN nor an empty string."""
    return not (value is None or (isinstance(value, float) and value != value) or value == "")


@lru_cache(maxsize=256)
def _row_type(columns: tuple[str, ...]) -> type:
    return namedtuple("Row", ["Index", *columns], rename=True)  # as pandas names itertuples' rows


def rows(frame: pd.DataFrame) -> list[Any]:
    """`frame.itertuples()`, as a list: the same rows, fields and values, in a fraction of the time. pandas takes
    each column apart on every call (about a millisecond for a table of sources), and the data checks go
    through the tables a hundred times at each load. (A nullable integer column gives Python's int where pandas
    gives numpy's: the same value, written the same.)"""
    row = _row_type(tuple(map(str, frame.columns)))
    return [row(index, *values) for index, values in zip(frame.index.tolist(), frame.to_numpy(dtype=object).tolist())]


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """`frame.to_dict("records")`, the same way as `rows` (and, as pandas does there, a missing value pd.NA as None)."""
    columns = list(frame.columns)
    return [dict(zip(columns, (None if value is pd.NA else value for value in values)))
            for values in frame.to_numpy(dtype=object).tolist()]
