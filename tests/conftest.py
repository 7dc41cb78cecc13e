"""Shared fixtures: a scratch copy of the data folder that a test may break."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temporary folder also called data, so messages name 'data/<file>'."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target
