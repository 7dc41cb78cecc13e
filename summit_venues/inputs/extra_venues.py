"""Extra venue files: further candidates, each a CSV file with the columns of venues.csv, and the files beside it.

A venue is data, never code: `my_venue.csv` brings its rows, and beside it may stand `my_venue.sources.csv`
(its provenance), `my_venue.countries.csv` (a country not yet in countries.csv), `my_venue.legs.csv` and
`my_venue.crossings.csv` (the overland way in), `my_venue.events.csv` (leaders' events it hosted) and
`my_venue.ranges.csv` (plausible ranges of its values). Their rows join the data folder's tables before
anything is checked, and a problem in one of them names the extra file, not the data folder's.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from . import schemas
from .errors import DataError, Label, Problem
from .tables import TableSchema, read_table, records

#: Where each row added from an extra venue file came from: (table, row key) -> the extra venue file.
Origins = dict[tuple[str, str], Path]

#: The files that may stand beside an extra venue file `<name>.csv`: table -> suffix of `<name>`.
EXTRA_FILES = {"venues": ".csv", "sources": ".sources.csv", "countries": ".countries.csv",
               "overland_legs": ".legs.csv", "border_crossings": ".crossings.csv", "summits_hosted": ".events.csv",
               "value_ranges": ".ranges.csv"}


def extra_file(extra: Path, table: str) -> Path:
    """The file beside the extra venue file `extra` that holds rows of `table`, e.g. `my_venue.sources.csv`."""
    return extra if table == "venues" else extra.with_suffix(EXTRA_FILES[table])


def add_extra_venues(tables: dict[str, pd.DataFrame], sources: pd.DataFrame, extra_venues: Iterable[Path],
                     table_schemas: dict[str, TableSchema], origins: Origins) -> pd.DataFrame:
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


def _row_keys(rows: pd.DataFrame, schema: TableSchema) -> list[str]:
    """Each row's key as messages name it: its id, or its key columns joined (value_ranges.csv)."""
    return [schema.row_key(record) for record in records(rows)]


def _check_no_clash(keys: list[str], more: list[str], id_column: str, file: str, origins: Origins,
                    table: str) -> None:
    """An extra file may not reuse an id of the data folder's table, or of an earlier extra file."""
    clashes = sorted(set(keys) & set(more))
    if clashes:
        def where(row_id: str) -> str:
            extra = origins.get((table, row_id))
            return extra_file(extra, table).name if extra is not None else f"{table}.csv"

        raise DataError([Problem(file, v, id_column, f"id already used in {where(v)}") for v in clashes])


def name_extra_files(problems: list[Problem], origins: Origins, label: Label) -> list[Problem]:
    """Each problem about a row that came from an extra venue file names that file, not the data folder's."""
    tables_by_label = {label(f"{table}.csv"): table for table in EXTRA_FILES}
    named: list[Problem] = []
    for p in problems:
        table = tables_by_label.get(p.file)
        extra = origins.get((table, p.row)) if table is not None and p.row is not None else None
        named.append(p if extra is None or table is None
                     else Problem(extra_file(extra, table).name, p.row, p.column, p.message))
    return named
