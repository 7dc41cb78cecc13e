"""data/README.md documents every file and column the data actually has."""
import re
from pathlib import Path

import pandas as pd
import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DICTIONARY = (DATA_DIR / "README.md").read_text(encoding="utf-8")


def documented_columns(file: str) -> set[str]:
    """Backquoted names in the first column of the table under the file's heading."""
    heading = f"## `{file}`"
    assert heading in DICTIONARY, f"data/README.md has no section for {file}"
    section = DICTIONARY.split(heading, 1)[1].split("\n## ", 1)[0]
    names, in_column_table = set(), False
    for line in section.splitlines():
        if line.startswith("| column |"):
            in_column_table = True  # the column table; other tables (e.g. of classes) are not columns
        elif not line.startswith("|"):
            in_column_table = False
        elif in_column_table and line.startswith("| `"):
            names.update(re.findall(r"`([A-Za-z0-9_]+)`", line.split("|")[1]))
    return names


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_every_column_is_documented(path):
    columns = set(pd.read_csv(path, nrows=0).columns)
    assert columns == documented_columns(path.name)
