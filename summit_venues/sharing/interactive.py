"""Weight sliders for JupyterLab: move a weight and the venues re-rank at once.

The display is plain HTML bars rather than a matplotlib figure, so an update takes a few
milliseconds. Everything the sliders show is also in the notebook's static outputs, so a
reader without a kernel (GitHub, nbviewer, the HTML report) misses nothing.
"""
from __future__ import annotations

import html

import pandas as pd

from ..decision.scoring import ranking


def bars_html(ranked: pd.DataFrame, names) -> str:
    """A ranked table of venues with a bar per score; names are escaped, never interpreted as HTML."""
    rows = []
    for venue, row in ranked.iterrows():
        width = max(0.0, min(1.0, row.overall)) * 100
        rows.append(
            f"<tr><td>{int(row['rank'])}</td><td>{html.escape(str(names[venue]))}</td>"
            f"<td style='width:20em'><div style='background:#0072B2;height:0.9em;width:{width:.1f}%'></div></td>"
            f"<td>{row.overall:.3f}</td></tr>")
    return "<table><tr><th>rank</th><th>venue</th><th></th><th>score</th></tr>" + "".join(rows) + "</table>"


def update(scores: pd.DataFrame, weights: dict[str, float], names) -> str:
    """The HTML for one position of the sliders; all-zero weights get a note instead of an error."""
    if sum(weights.values()) <= 0:
        return "<p>Give at least one criterion a weight above zero.</p>"
    return bars_html(ranking(scores, weights), names)


def weight_explorer(data, scores: pd.DataFrame, start: pd.Series):
    """Sliders (one per criterion, starting at `start`) above a live ranking."""
    import ipywidgets as widgets  # only needed in a live kernel

    names = data.venues.name
    sliders = {c: widgets.FloatSlider(value=round(float(start[c]), 3), min=0, max=1, step=0.01,
                                      description=data.criteria.name[c][:24], continuous_update=True,
                                      style={"description_width": "14em"}, layout={"width": "34em"})
               for c in scores.columns}
    output = widgets.HTML(update(scores, {c: s.value for c, s in sliders.items()}, names))

    def redraw(_change=None):
        output.value = update(scores, {c: s.value for c, s in sliders.items()}, names)

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    return widgets.VBox([*sliders.values(), output])
