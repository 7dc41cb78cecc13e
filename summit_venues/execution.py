"""Running notebooks top to bottom on fresh kernels, several at a time, with a variant's settings.

A variant reaches a notebook two ways: environment variables that the package reads (see
`settings`), and, for a notebook with a cell tagged `parameters` (papermill's convention),
a cell injected after it that sets the parameters that cell defines.
"""
from __future__ import annotations

import ast
import asyncio
import os
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

INJECTED_TAG = "injected-parameters"


class NotebookFailed(RuntimeError):
    """One or more notebooks raised; the message names each notebook and cell."""


@dataclass(frozen=True)
class Run:
    """How to run the notebooks: the kernels' environment and the parameters to inject."""

    environment: Mapping[str, str]
    parameters: Mapping[str, object]
    timeout: int = 600


@dataclass(frozen=True)
class Finished:
    """A notebook that ran to the end, with its outputs, and how long it took."""

    path: Path
    notebook: nbformat.NotebookNode
    seconds: float


def parameter_names(source: str) -> set[str]:
    """The names a parameters cell assigns at top level."""
    names = set()
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def inject_parameters(nb: nbformat.NotebookNode, parameters: Mapping[str, object]) -> nbformat.NotebookNode:
    """Insert, after the cell tagged `parameters`, a cell setting those of `parameters` it defines."""
    for position, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            wanted = {k: v for k, v in parameters.items() if k in parameter_names(cell.source)}
            if wanted:
                source = "# Parameters of this report variant\n" + "".join(
                    f"{name} = {value!r}\n" for name, value in sorted(wanted.items()))
                # A fixed id, not nbformat's random one: the id is written into the page.
                injected = nbformat.v4.new_code_cell(source, id=INJECTED_TAG, metadata={"tags": [INJECTED_TAG]})
                nb.cells.insert(position + 1, injected)
            break
    return nb


def failed_cell(nb: nbformat.NotebookNode) -> str:
    """Which code cell stored an error, counted as a reader counts them, with its first line."""
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first_line = next((line for line in cell.source.splitlines() if line.strip()), "")
            return f"code cell {number} of {len(code_cells)} ({first_line.strip()[:60]!r})"
    return "an unknown cell"


async def run_notebook(path: Path, run: Run, socket_dir: Path) -> Finished:
    """Run one notebook in its own folder on a fresh python3 kernel; raise NotebookFailed naming the cell."""
    started = time.monotonic()
    nb = inject_parameters(nbformat.read(path, as_version=4), run.parameters)
    client = NotebookClient(nb, timeout=run.timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.km = client.create_kernel_manager()
    # IPC sockets instead of TCP: nothing listens on a port, and ipykernel stops warning
    # on every start that TCP is unencrypted (the warning cluttered the progress lines).
    # Each kernel gets its own socket path: the default, ./kernel-ipc, is shared by every
    # kernel started in the same folder, and kernels running side by side then hang.
    client.km.transport = "ipc"
    client.km.ip = str(socket_dir / path.stem)
    try:
        await client.async_execute(env=dict(run.environment))
    except CellExecutionError as exc:
        raise NotebookFailed(f"{path.name}, {failed_cell(nb)}: {exc.ename}: {exc.evalue}") from None
    except Exception as exc:  # a dead kernel or a cell timeout: still say which notebook
        raise NotebookFailed(f"{path.name}: {type(exc).__name__}: {exc}") from None
    return Finished(path, coalesce_streams(nb), time.monotonic() - started)


def coalesce_streams(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Merge each cell's consecutive stdout (or stderr) outputs into one.

    The kernel may send one print in several messages, depending on when its buffer flushes:
    without this, two runs of the same notebook can store the same text split differently,
    and the report's pages would not be byte-identical.
    """
    for cell in nb.cells:
        merged = []
        for output in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (output.get("output_type") == "stream" and previous is not None
                    and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
                previous["text"] += output["text"]
            else:
                merged.append(output)
        if "outputs" in cell:
            cell["outputs"] = merged
    return nb


async def _run_all(paths: list[Path], run: Run, jobs: int, on_finish) -> list[Finished | NotebookFailed]:
    slots = asyncio.Semaphore(jobs)

    async def one(path: Path, socket_dir: Path):
        async with slots:
            try:
                result = await run_notebook(path, run, socket_dir)
            except NotebookFailed as exc:
                result = exc
        on_finish(path, result)
        return result

    with tempfile.TemporaryDirectory(prefix="summit-kernels-") as socket_dir:
        return await asyncio.gather(*(one(p, Path(socket_dir)) for p in paths))


def run_notebooks(paths: list[Path], run: Run, jobs: int = 1,
                  on_finish: Callable[[Path, Finished | NotebookFailed], None] = lambda path, result: None,
                  ) -> list[Finished]:
    """Run every notebook, `jobs` at a time; results in the given order, or NotebookFailed naming every failure."""
    results = asyncio.run(_run_all(paths, run, max(1, jobs), on_finish))
    failures = [str(r) for r in results if isinstance(r, NotebookFailed)]
    if failures:
        raise NotebookFailed("; ".join(failures))
    return results


def default_jobs(count: int) -> int:
    """As many kernels at a time as there are cores, and no more than notebooks."""
    return max(1, min(count, os.cpu_count() or 1))
