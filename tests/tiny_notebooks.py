"""Small notebooks written on the fly, for testing the report machinery in seconds instead of minutes."""
import base64
from pathlib import Path

import nbformat
import pytest


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


#: A whole PNG of one white pixel: the stand-in for each of the hero chart's pictures.
BLANK_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4"
                             "nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC")


def _blank_hero_images(figures, names, on_screen: bool = True) -> tuple[dict, dict]:
    drawn = {"margin_png": BLANK_PNG, "draws_png": BLANK_PNG, "widths": (96, 96), "phone_png": BLANK_PNG}
    return (drawn if on_screen else {}), {**drawn, "phone_png": None}


def without_worked_out_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """For a test of the builder's mechanics, not of what the index says: how firm the verdict is (no sentences)
    and the hero chart's pictures (blank) are stand-ins, never kept. Working them out takes one to two seconds a
    build unless an earlier build of the same data kept them, which a test with a cache folder of its own never
    has; the committed report and the stories' report have the real ones, and their tests check them."""
    from summit_venues.publishing import report

    monkeypatch.setattr(report, "firmness_sentences", lambda data, weights, profile=None: ("", []))
    monkeypatch.setattr(report, "hero_images", _blank_hero_images)
