"""Every data set a report build loads, so that `validate` rejects first whatever the build would reject.

The notebooks load more than the analysis itself (`load_dataset()` with a variant's extra venues):

- the wider field: each venue file in the data folder's `more-venues/` (`field-2019.csv`, with the files beside
  it), added to the analysis with the variant's extra venues (00 and 08 do this);
- each other analysis on the same model: a subfolder with an `analysis.csv` of its own (the 2018 backtest, 00
  and 09), which takes no extra venues: they are candidates of the data folder's own analysis.

An id that an extra venue's files share with a file of the field (a crossing `boten` in `my_venue.crossings.csv`
and in `field-2019.crossings.csv`) is only a clash where both are read; loading every one of these data sets
finds it before any notebook runs, and names the file, row and column.

(Here, in the measures layer, because a reading loads a whole data set, venue table included:
`venue_table.load_dataset`.)
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..inputs import settings
from ..inputs.dataset import Dataset, data_dir
from ..inputs.errors import Problem
from ..inputs.extra_venues import EXTRA_FILES
from .venue_table import load_dataset

#: The data folder's subfolder of further venues, each a venue file with the files beside it (`EXTRA_FILES`).
MORE_VENUES = "more-venues"


@dataclass(frozen=True)
class Reading:
    """One data set a report build loads: the data folder with these extra venue files, or another analysis."""

    label: str  # where a problem found only here was found: "with more-venues/field-2019.csv"
    extra_venues: tuple[Path, ...]
    analysis: str | None = None

    def load(self, folder: Path | None) -> Dataset:
        return load_dataset(folder, list(self.extra_venues), self.analysis)


def field_files(folder: Path | None = None) -> list[Path]:
    """The venue files of `more-venues/` (not the files beside them: `x.sources.csv` belongs to `x.csv`)."""
    folder = (Path(folder) if folder is not None else data_dir()) / MORE_VENUES
    beside = tuple(suffix for suffix in EXTRA_FILES.values() if suffix != ".csv")
    return sorted(p for p in folder.glob("*.csv") if not p.name.endswith(beside))


def analysis_folders(folder: Path | None = None) -> list[str]:
    """The subfolders holding another analysis on the same model: each has its own analysis.csv."""
    folder = Path(folder) if folder is not None else data_dir()
    return sorted(p.name for p in folder.iterdir() if (p / "analysis.csv").is_file())


def readings(folder: Path | None = None, extra_venues: Sequence[Path] | None = None) -> list[Reading]:
    """The data sets a report build loads, the data folder's own analysis first."""
    folder = Path(folder) if folder is not None else data_dir()
    extras = tuple(map(Path, settings.extra_venue_files() if extra_venues is None else extra_venues))
    # The field's files are read first here, so that a clash names the extra venue's file, the one to change.
    found = [Reading("", extras)]
    found += [Reading(f"with {MORE_VENUES}/{field.name}", (field, *extras)) for field in field_files(folder)]
    found += [Reading(f"for the analysis {name}/", (), name) for name in analysis_folders(folder)]
    return found


def within(reading: Reading, problems: list[Problem]) -> list[Problem]:
    """The problems of one reading, each saying where it was found unless in the data folder's own analysis."""
    if not reading.label:
        return problems
    return [Problem(p.file, p.row, p.column, f"{p.message} (read {reading.label}, as a report build does)")
            for p in problems]


def warm_up() -> None:
    """Load the borders and every reading of the data folder into this process's memory, for processes forked
    from it (the kernel server's kernels): what fails to load is left for the one that loads it to report."""
    from .borders import load_borders

    try:
        load_borders()
        for reading in readings():
            reading.load(None)
    except Exception:  # any problem is for the kernel that loads the data to meet, with its own message
        return
