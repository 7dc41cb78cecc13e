"""Small notebooks written on the fly, for testing the report machinery in seconds instead of minutes."""
from pathlib import Path

import nbformat


def write_notebook(folder: Path, name: str, *sources: str, markdown: str = "# Tiny\n\nIt checks the builder.",
                   parameters: str | None = None) -> Path:
    """A notebook `name` with a markdown cell, an optional cell tagged `parameters`, then one code cell per source."""
    cells = [nbformat.v4.new_markdown_cell(markdown, id="intro")]
    if parameters is not None:
        cells.append(nbformat.v4.new_code_cell(parameters, id="parameters", metadata={"tags": ["parameters"]}))
    cells += [nbformat.v4.new_code_cell(s, id=f"code-{i}") for i, s in enumerate(sources)]
    nb = nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                         "language": "python"}})
    path = folder / name
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path
