"""The code, the tests, the benchmarks and the notebooks pass the linter configured in pyproject.toml (ruff)."""
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("ruff", path=str(Path(sys.executable).parent)) is None,
                    reason="ruff is not installed in this environment (requirements.txt pins it)")
def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_would_find_an_unused_import(tmp_path):
    """The check can fail: the same configuration flags a file with an unused import."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--config",
                             str(PROJECT / "pyproject.toml"), str(bad)], capture_output=True, text=True)
    assert result.returncode == 1 and "F401" in result.stdout
