"""Execute the notebooks afresh and render them as a static HTML report.

    python -m summit_venues.report             # report/ (ignored by git)
    python -m summit_venues.report --in-place  # refresh the committed notebooks' outputs

The report is written to a scratch folder and moved into place only when every
notebook has run, so a failed build leaves the previous report untouched.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

PROJECT_DIR = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = PROJECT_DIR / "notebooks"
REPORT_DIR = PROJECT_DIR / "report"


class NotebookFailed(RuntimeError):
    """A notebook raised while executing; the message names the notebook and the cell."""


def notebook_paths(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """The notebooks in reading order (their names start with a number)."""
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("_"))


def execute(path: Path, timeout: int = 600) -> nbformat.NotebookNode:
    """Run a notebook top to bottom on a fresh python3 kernel, in its own folder."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:
        cell = _failed_cell_number(nb)
        raise NotebookFailed(f"{path.name}, cell {cell}: {exc.ename}: {exc.evalue}") from None
    return nb


def _failed_cell_number(nb: nbformat.NotebookNode) -> str:
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return f"{number} (code cell {number} of {len(code_cells)})"
    return "unknown"


def render_html(nb: nbformat.NotebookNode) -> str:
    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb)
    return body


def build_report(out_dir: Path = REPORT_DIR, notebooks: list[Path] | None = None) -> Path:
    """Execute every notebook and write one HTML page each into `out_dir`, atomically."""
    notebooks = notebook_paths() if notebooks is None else notebooks
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="report.tmp", dir=out_dir.parent))
    try:
        for number, path in enumerate(notebooks, start=1):
            print(f"[{number}/{len(notebooks)}] {path.name}", flush=True)
            html = render_html(execute(path))
            (scratch / path.with_suffix(".html").name).write_text(html, encoding="utf-8")
        if out_dir.exists():
            shutil.rmtree(out_dir)
        scratch.rename(out_dir)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return out_dir


def refresh_in_place(notebooks: list[Path] | None = None) -> None:
    """Re-execute the committed notebooks and save them with their new outputs."""
    for path in notebook_paths() if notebooks is None else notebooks:
        print(f"executing {path.name}", flush=True)
        nbformat.write(execute(path), path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summit_venues.report", description=__doc__.splitlines()[0])
    parser.add_argument("--in-place", action="store_true", help="refresh the committed notebooks instead")
    args = parser.parse_args(argv)
    try:
        if args.in_place:
            refresh_in_place()
            return 0
        out = build_report()
    except NotebookFailed as exc:
        print(f"report not built: {exc}", file=sys.stderr)
        return 1
    print(f"report written to {out.relative_to(PROJECT_DIR)}/ ({len(notebook_paths())} pages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
