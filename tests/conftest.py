"""Fixtures: a private copy of the data folder that a test may corrupt at will."""
from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from summit_venues import settings
from summit_venues.dataset import DEFAULT_DATA_DIR

PROJECT_DIR = Path(__file__).resolve().parents[1]

# The tests and nbval check the committed analysis: a variant left set in the shell would change it.
for _variable in (settings.EXTRA_VENUES_VAR, settings.PROFILE_VAR):
    os.environ.pop(_variable, None)


class DataCopy:
    """A copy of data/ in a temporary folder also named `data`, with small CSV editors."""

    def __init__(self, folder: Path):
        self.folder = folder

    def rows(self, file: str) -> list[dict[str, str]]:
        with open(self.folder / file, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def write(self, file: str, rows: list[dict[str, str]], columns: list[str] | None = None) -> None:
        columns = columns or list(rows[0])
        with open(self.folder / file, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def set(self, file: str, row_id: str, column: str, value: str) -> None:
        """Set one cell; the row is found by the value of the file's first column."""
        rows = self.rows(file)
        key = next(iter(rows[0]))
        matches = [r for r in rows if r[key] == row_id]
        assert matches, f"no row {row_id} in {file}"
        matches[0][column] = value
        self.write(file, rows)

    def drop_row(self, file: str, row_id: str) -> None:
        rows = self.rows(file)
        key = next(iter(rows[0]))
        kept = [r for r in rows if r[key] != row_id]
        assert len(kept) == len(rows) - 1, f"no row {row_id} in {file}"
        self.write(file, kept)

    def append(self, file: str, row: dict[str, str]) -> None:
        rows = self.rows(file)
        self.write(file, rows + [{c: row.get(c, "") for c in rows[0]}])


@pytest.fixture
def data_copy(tmp_path) -> DataCopy:
    folder = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    return DataCopy(folder)


@pytest.fixture(scope="session")
def evil_venue_file(tmp_path_factory) -> Path:
    """An extra venues file whose venue name is markup, with its sources beside it."""
    from venue_fixture import TESTVILLE, legs_for, sources_row_for_testville, sources_rows_for_testville_legs

    folder = tmp_path_factory.mktemp("evil")
    row = dict(TESTVILLE, venue_id="evil", name="<script>document.title='pwned'</script>Evil")
    sources = [dict(sources_row_for_testville(), source_id="evil-all", record_id="evil"),
               *sources_rows_for_testville_legs("evil")]
    legs = legs_for("evil")
    with open(DEFAULT_DATA_DIR / "sources.csv", newline="", encoding="utf-8") as f:
        source_columns = next(csv.reader(f))
    for name, columns, records in (("evil.csv", list(row), [row]), ("evil.sources.csv", source_columns, sources),
                                   ("evil.legs.csv", list(legs[0]), legs)):
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows({c: record.get(c, "") for c in columns} for record in records)
    return folder / "evil.csv"


@pytest.fixture(scope="session")
def built_report(tmp_path_factory) -> Path:
    """The report of the committed notebooks and data, built once for every test that reads it."""
    from summit_venues.report import Variant, build_report

    return build_report(Variant(), tmp_path_factory.mktemp("built") / "report", log=lambda line: None).folder


@pytest.fixture(scope="session")
def evil_report(tmp_path_factory, evil_venue_file) -> Path:
    """A variant report whose extra venue is named with a <script> element."""
    from summit_venues.report import Variant, build_report

    variant = Variant(extra_venues=(evil_venue_file,))
    return build_report(variant, tmp_path_factory.mktemp("built") / "report-evil", log=lambda line: None).folder
