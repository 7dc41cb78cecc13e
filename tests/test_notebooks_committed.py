"""The committed notebooks are clean: run top to bottom on a fresh kernel, outputs kept, nothing machine-specific."""
import json
import re
import socket
from pathlib import Path

import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
# Paths that only exist on one machine: home folders, temporary folders, installed packages, drive letters.
MACHINE_PATH = re.compile(r"(/home/|/root/|/Users/|/tmp/|/work/|/private/var/|site-packages|\.venv/|[A-Z]:\\\\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def output_text(cell) -> str:
    return json.dumps(cell.get("outputs", []))


def test_there_are_notebooks_in_reading_order():
    names = [p.name for p in NOTEBOOKS]
    assert names[:2] == ["00-overview.ipynb", "01-data.ipynb"]
    assert all(re.match(r"^\d\d-[a-z0-9-]+\.ipynb$", n) for n in names), names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernelspec_is_python3(path):
    assert load(path)["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_once_top_to_bottom_with_outputs(path):
    counts = [c["execution_count"] for c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), f"execution counts {counts}: re-run with `make notebooks`"
    assert any(c.get("outputs") for c in code_cells(load(path))), "no outputs stored"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_errors_stored(path):
    for number, cell in enumerate(code_cells(load(path)), start=1):
        errors = [o for o in cell.get("outputs", []) if o["output_type"] == "error"]
        assert not errors, f"code cell {number} stored {errors[0]['ename']}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_machine_paths_or_names_in_outputs(path):
    host = socket.gethostname()
    for number, cell in enumerate(code_cells(load(path)), start=1):
        text = output_text(cell)
        found = MACHINE_PATH.search(text)
        assert not found, f"code cell {number} output shows a machine path: {found.group(0)}"
        assert len(host) < 4 or host not in text, f"code cell {number} output names this machine"


def ignore_without_reason(source: str) -> bool:
    """An NBVAL_IGNORE_OUTPUT marker must be followed on its line by ': ' and a reason of three words or more."""
    for line in source.splitlines():
        if "NBVAL_IGNORE_OUTPUT" in line:
            reason = line.split("NBVAL_IGNORE_OUTPUT", 1)[1].lstrip(": ")
            if len(reason.split()) < 3:
                return True
    return False


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_ignored_output_says_why(path):
    for number, cell in enumerate(code_cells(load(path)), start=1):
        assert not ignore_without_reason("".join(cell["source"])), \
            f"code cell {number} ignores its output without a written reason"


def test_the_reason_check_can_fail():
    assert ignore_without_reason("# NBVAL_IGNORE_OUTPUT\nprint(1)")
    assert not ignore_without_reason("# NBVAL_IGNORE_OUTPUT: timings differ on every run\nprint(1)")


def test_the_checker_catches_a_machine_path():
    """The path check itself can fail: a typical absolute path in an output is caught."""
    cell = {"outputs": [{"output_type": "stream", "text": "loaded /home/ana/summit/data/venues.csv"}]}
    assert MACHINE_PATH.search(output_text(cell))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_assert_is_in_a_cell_of_checks(path):
    """A report variant leaves the cells tagged `check` out (their figures are the committed data's): an assert
    elsewhere would fail in a variant. `summit-venues tidy` tags a cell of asserts only."""
    import ast

    for number, cell in enumerate(code_cells(load(path)), start=1):
        if "check" in cell["metadata"].get("tags", []):
            continue
        code = "\n".join(line for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith("%"))
        asserts = [node for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Assert)]
        assert not asserts, f"code cell {number} asserts outside a cell of checks: move the asserts to their own cell"
