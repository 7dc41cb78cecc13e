"""The venue table, and `load_dataset`, the package's one way to load a data set.

The venue table is one row per venue: its own columns (venues.csv), its country's (countries.csv)
and those the measures layer computes (`derived`: distances and routes, the record of hosting
summits, the relations with the delegations). Indicators read it as `data.venue_table`.

Why the loader's entry point is here, in the measures layer: the data layer (`inputs`) reads and
checks the files, and may not import a layer above it; but a data set is not whole without its
venue table, and two checks need what only this layer knows (the state codes of the borders, the
names of the derived columns). So `load_dataset` hands those three to `inputs.dataset.read_dataset`
as a `Measures`, and every Dataset comes out whole. `summit_venues.load_dataset` is this function.

A repeated load of the same files is answered from memory (`inputs.memo`), each caller getting
a copy of its own; the derived columns are also kept on disk (`derived`), across processes.
The geometry modules are imported only when a route has to be computed (a disk-cache miss).
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..inputs import dataset, memo, settings
from ..inputs.dataset import Dataset, Measures, data_dir
from . import derived


def load_dataset(folder: Path | str | None = None, extra_venues: Iterable[Path | str] | None = None,
                 analysis: str | None = None) -> Dataset:
    """Read, validate and join every data file in `folder` (default: the project's data/, or SUMMIT_DATA_DIR).

    Raises `DataError` listing every problem found, each with file, row and column.

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
    # A repeated load of unchanged files is answered from memory, with a copy of its own.
    return memo.remembered(memo.key(model_folder, analysis, extras),
                           lambda: dataset.read_dataset(model_folder, extras, analysis, MEASURES))


def venue_table(tables: dict[str, pd.DataFrame], event_kinds: pd.DataFrame, analysis_date: str) -> pd.DataFrame:
    """One row per venue: its own columns, its country's columns, and the derived ones (`derived`)."""
    country_facts = tables["countries"].drop(columns="name")
    table = tables["venues"].merge(country_facts, on="country", how="left", validate="many_to_one")
    table = table.set_index("venue_id", drop=False)
    return pd.concat([table, derived.venue_columns(
        table, tables["origins"], tables["state_relations"], tables["parameters"], tables["border_crossings"],
        tables["overland_legs"], tables["summits_hosted"], event_kinds, analysis_date)], axis=1)


#: What the data layer's loader needs from this layer (see `inputs.dataset.Measures`).
MEASURES = Measures(border_state_codes=derived.border_state_codes, derived_column_names=derived.column_names,
                    venue_table=venue_table)
