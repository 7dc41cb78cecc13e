"""The notebooks as nbval ran them, kept for the report tests, so that the committed notebooks run once per session.

nbval runs every committed notebook top to bottom on a fresh kernel and compares each output with the stored
one. The report of the committed analysis needs exactly such a run of each notebook, so the run is not done
twice: as nbval finishes a notebook, its outputs are assembled into an executed notebook, written to
`<session>/nbval-ran/`, and kept in the session's executed-notebooks store under the key the report builder
computes for the committed variant (the notebook, the data, the code, the libraries). The report build then
reuses it as it reuses any kept run (`summit_venues.publishing.executed`), and runs itself only the notebooks
nbval did not run whole in this session (a selection with -k, or a notebook given alone).

A run that stored an error is kept as failed, with the cell, and the build fails on it as it would on its own.
"""
from __future__ import annotations

import copy
import os
import time
from pathlib import Path

import nbformat

FOLDER = "nbval-ran"
_cells: dict[Path, dict[int, list | None]] = {}  # notebook -> code cell number -> outputs (None: not run)


def is_nbval_cell(item) -> bool:
    return type(item).__name__ == "IPyNbCell"


def record(item, report, root: Path) -> None:
    """Keep a cell's outputs as nbval ran it; when the notebook's last code cell has run, keep the notebook."""
    if report.when == "teardown":
        return
    path = Path(str(item.parent.fspath))
    cells = _cells.setdefault(path, {})
    ran = report.when == "call" and not report.skipped and item.test_outputs is not None
    if report.when == "call" or report.failed:  # a failed set-up (no kernel) runs no cell
        cells[item.cell_num] = list(item.test_outputs) if ran else None
    last = sum(c.cell_type == "code" for c in item.parent.nb.cells) - 1
    if item.cell_num == last and (report.when == "call" or report.failed):
        _keep(path, item.parent.nb, _cells.pop(path), root / FOLDER)


def _keep(path: Path, committed: nbformat.NotebookNode, cells: dict[int, list | None], folder: Path) -> None:
    """The executed notebook (outputs and execution counts as nbval's kernel gave them), or why there is none."""
    folder.mkdir(parents=True, exist_ok=True)
    nb = copy.deepcopy(committed)
    code = [c for c in nb.cells if c.cell_type == "code"]
    missing = [n + 1 for n in range(len(code)) if cells.get(n) is None]
    errors = [n + 1 for n, outputs in sorted(cells.items()) if outputs and
              any(o.get("output_type") == "error" for o in outputs)]
    if missing or errors:
        why = (f"code cell {errors[0]} of {len(code)} raised an error" if errors
               else f"code cells {missing} did not run under nbval")
        _write_whole(folder / f"{path.stem}.failed", f"{path.name}: {why}")
        return
    count = 0
    for number, cell in enumerate(code):
        # nbval runs each cell with store_history=False, so its kernel numbers none of them: the counts are
        # those of a run top to bottom on a fresh kernel, which counts every cell that is not empty.
        count += bool(cell.source.strip())
        cell.execution_count = count if cell.source.strip() else None
        cell.outputs = [nbformat.from_dict(dict(o)) for o in cells[number]]
        for output in cell.outputs:
            if output.output_type == "execute_result":
                output.execution_count = count
    _store_as_the_committed_report_run(path, nb)
    _write_whole(folder / path.name, nbformat.writes(nb))


def _store_as_the_committed_report_run(path: Path, nb: nbformat.NotebookNode) -> None:
    """Keep the run where the report builder looks for the committed variant's run of this notebook."""
    from summit_venues.publishing import executed, report

    variant = report.Variant()
    key = report._run_keys([path], report.data_digest(variant), variant.run())[path]
    executed.store(path.stem, key, nb)


def _write_whole(path: Path, text: str) -> None:
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    scratch.write_text(text, encoding="utf-8")
    os.replace(scratch, path)


def whole_notebooks_in_session(session) -> set[str]:
    """The names of the notebooks every code cell of which nbval runs in this session."""
    counts: dict[Path, tuple[int, int]] = {}
    for item in session.items:
        if is_nbval_cell(item):
            path = Path(str(item.parent.fspath))
            total = sum(c.cell_type == "code" for c in item.parent.nb.cells)
            counts[path] = (counts.get(path, (0, total))[0] + 1, total)
    return {path.name for path, (selected, total) in counts.items() if selected == total}


def wait_for(names: set[str], root: Path, timeout: float = 600) -> dict[str, str]:
    """Wait until nbval has run each of these notebooks; return each one's failure, if any, by name.

    The notebooks run before the tests that wait for them (conftest orders them so), on this worker or another.
    """
    folder = root / FOLDER
    deadline = time.monotonic() + timeout
    failures = {}
    for name in sorted(names):
        stem = Path(name).stem
        while not (folder / name).exists():
            if (folder / f"{stem}.failed").exists():
                failures[name] = (folder / f"{stem}.failed").read_text(encoding="utf-8")
                break
            if time.monotonic() > deadline:
                failures[name] = f"{name}: nbval did not finish it within {timeout:.0f} s"
                break
            time.sleep(0.2)
    return failures
