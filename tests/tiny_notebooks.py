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


# What the real notebooks start with: the data of the variant the kernel was started for.
LOAD = ("import summit_venues as sv\n"
        "data = sv.load_dataset()\n"
        "names = data.venues.name\n"
        "scores = sv.criterion_scores(data)\n"
        "ranked = sv.ranking(scores, sv.default_weights(data))")


def write_venue_notebook(folder: Path) -> Path:
    """A notebook that shows every venue's name each way the real ones do.

    The real notebooks show names in pandas tables (an HTML and a text version of each), in
    printed lines and in the values cells return; this one does all three, so the report of it,
    built with a venue named with markup, shows whether any of those ways lets the markup through.
    """
    return write_notebook(folder, "00-venues.ipynb", LOAD,
                          "data.venues[['name', 'country']]",
                          "print('Venues:', ', '.join(names))",
                          "ranked.rename(index=names)",
                          "sv.verdict(ranked, names, weights_label='these weights')",
                          markdown="# Venues\n\nEvery venue by name: in a table, a printed line, a ranking, a verdict.")
