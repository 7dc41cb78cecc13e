"""What `summit-venues validate` checks, and a report build before it starts a kernel: every data set the build
loads (`measures.readings`: the analysis, the wider field, the other analyses), each scored on every indicator,
extensions included, as the notebooks score it. Whatever the build would reject for data reasons is rejected
here first, with its file, row and column, and nothing else is run.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..decision.scoring import ALL_EXTENSIONS, criterion_scores
from ..inputs.dataset import Dataset
from ..inputs.errors import DataError, Problem
from ..measures.readings import Reading, readings, within


def check_every_reading(folder: Path | None, extra_venues: Sequence[Path] | None,
                        analysis: str | None = None) -> dict[Reading, Dataset]:
    """Load and score every data set a report build reads (only `analysis`, with the extra venues, if given).

    Raise one DataError with every problem of every data set, each named once: a problem that only a
    combination shows says which ("read with more-venues/field-2019.csv, as a report build does").
    """
    chosen = [Reading("", tuple(extra_venues or ()), analysis)] if analysis else readings(folder, extra_venues)
    loaded: dict[Reading, Dataset] = {}
    problems: list[Problem] = []
    seen: set[tuple[str, str | None, str | None, str]] = set()  # (file, row, column, message) of each problem
    for reading in chosen:
        try:
            data = reading.load(folder)
            criterion_scores(data, ALL_EXTENSIONS)  # every indicator, extensions included
            loaded[reading] = data
        except DataError as error:
            fresh = [p for p in error.problems if (p.file, p.row, p.column, p.message) not in seen]
            seen.update((p.file, p.row, p.column, p.message) for p in error.problems)
            problems += within(reading, fresh)
    if problems:
        raise DataError(problems)
    return loaded
