"""data/README.md documents every file and column the data actually has."""
import re
from pathlib import Path

import pandas as pd
import pytest

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
DICTIONARY = (DATA_DIR / "README.md").read_text(encoding="utf-8")


def documented_columns(file: str) -> set[str]:
    """Backquoted names in the first column of the table under the file's heading."""
    section = DICTIONARY.split(f"## `{file}`", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`([a-z0-9_]+)`", line.split("|")[1]))
    return names


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.csv")), ids=lambda p: p.name)
def test_every_column_is_documented(path):
    columns = set(pd.read_csv(path, nrows=0).columns)
    assert columns == documented_columns(path.name)
