"""Errors for bad input data, worded for the person who edits the CSV files."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or header, or file) of a data file."""

    file: str
    row: str | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row '{self.row}'")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataError(ValueError):
    """Raised when a data file is missing or holds values the analysis cannot use.

    It lists every problem found, each naming the file, the row (by its id) and the
    column, so that all of them can be fixed in one pass.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems]
        header = "1 problem in the data" if len(lines) == 1 else f"{len(lines)} problems in the data"
        super().__init__(header + ":\n  " + "\n  ".join(lines))

    @classmethod
    def single(cls, file: str, row: str | None, column: str | None, message: str) -> DataError:
        return cls([Problem(file, row, column, message)])


class WeightError(ValueError):
    """Raised for a weight vector that cannot be used (negative, unknown criterion, zero sum)."""


#: How a loader names a data file in messages, given its file name: `label("venues.csv") == "data/venues.csv"`.
Label = Callable[[str], str]


def file_label(folder: Path, name: str) -> str:
    """How a file is named in messages: by its folder's name, never by an absolute path (`data/venues.csv`)."""
    return f"{folder.name}/{name}"
