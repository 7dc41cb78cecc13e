"""The package passes the type checker configured in pyproject.toml (mypy, [tool.mypy]): every layer, with every
function annotated."""
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


def _mypy(*args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mypy", "--cache-dir", str(cache), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


#: mypy's incremental cache, kept in the virtual environment as the compiled modules are (conftest.py): a warm
#: cache checks the package in about 2 s, a cold one in about 12. mypy checks each cached module against its source.
KEPT_CACHE = Path(sys.prefix) / "mypy-cache" if sys.prefix != sys.base_prefix else None


@pytest.mark.slow
def test_mypy_finds_nothing(tmp_path):
    result = _mypy(cwd=PROJECT, cache=KEPT_CACHE or tmp_path / "cache")  # the files of [tool.mypy]: the package
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues found" in result.stdout


@pytest.mark.slow
def test_mypy_would_find_an_unannotated_function_in_the_data_layer(tmp_path):
    """The check can fail: the same configuration flags a function without annotations in inputs/, and a
    wrong return type anywhere."""
    layer = tmp_path / "summit_venues" / "inputs"
    layer.mkdir(parents=True)
    for folder in (layer.parent, layer):
        (folder / "__init__.py").write_text('"""A layer."""\n')
    (layer / "loose.py").write_text("def untyped(x):\n    return x\n\n\ndef wrong(x: int) -> str:\n    return x\n")
    result = _mypy("--config-file", str(PROJECT / "pyproject.toml"), "summit_venues/inputs/loose.py",
                   cwd=tmp_path, cache=tmp_path / "cache")
    assert result.returncode == 1
    assert "loose.py:1: error: Function is missing a type annotation" in result.stdout
    assert "loose.py:6: error: Incompatible return value type" in result.stdout
