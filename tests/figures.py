"""What a reader sees where a notebook promises a figure: an image, never the text of a Python object.

A function that returns a bare matplotlib Figure shows as a picture only where the notebook turned inline
plotting on; elsewhere (GitHub, nbviewer, the report) the reader gets `<Figure size 900x640 with 1 Axes>`.
nbval compares that text without complaint, so these checks look for the image itself.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

#: The text form of an object that has no picture of its own to show: a figure, axes, a widget, a default repr.
BARE_REPR = re.compile(
    r"^\s*(<Figure size|<Axes|<AxesSubplot|<matplotlib\.|<Chart: |<[\w.]+ object at 0x"
    r"|(VBox|HBox|GridBox|Box|Output|Tab|Accordion|FloatSlider|IntSlider|Dropdown|Button)\(children=|"
    r"(FloatSlider|IntSlider|Dropdown)\()")
PICTURES = ("image/png", "image/svg+xml", "image/jpeg")

#: Outputs allowed to be a bare repr for now, each with the reason and the issue that removes the exception.
#: 07's sliders are an ipywidgets VBox: JupyterLab draws the live widget, the report shows a note in its place
#: (pages.WIDGET_NOTE), but GitHub shows the widget's text. Issue 18 gives it a static fallback (a picture of
#: the weights as committed) and removes this entry.
KNOWN_EXCEPTIONS = {("07-decision.ipynb", "VBox(children=")}


def output_problems(name: str, nb) -> list[str]:
    """Each output of notebook `name` (parsed JSON or nbformat) that shows an object's text where a picture was
    promised: 'code cell N: <text>'."""
    problems = []
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    for number, cell in enumerate(code, start=1):
        for output in cell.get("outputs", []):
            data = output.get("data") or {}
            text = data.get("text/plain", "")
            text = "".join(text) if isinstance(text, list) else text
            if not BARE_REPR.match(text) or any(kind in data for kind in PICTURES):
                continue
            if any(name == known and text.startswith(prefix) for known, prefix in KNOWN_EXCEPTIONS):
                continue
            problems.append(f"code cell {number}: {text.splitlines()[0][:80]}")
    return problems


def page_problems(page: str | BeautifulSoup) -> list[str]:
    """Each output of a report page (its HTML, or the page parsed) that shows an object's text instead of a
    picture."""
    soup = BeautifulSoup(page, "html.parser") if isinstance(page, str) else page
    problems = []
    for output in soup.select(".jp-OutputArea-output"):
        text = output.get_text()
        if BARE_REPR.match(text) and not output.find("img"):
            problems.append(text.strip().splitlines()[0][:80])
    return problems
