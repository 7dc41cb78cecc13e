"""Weight sliders for JupyterLab: move a weight and the venues re-rank at once.

The display is plain HTML bars rather than a matplotlib figure, so an update takes a few
milliseconds. Everything the sliders show is also in the notebook's static outputs, so a
reader without a kernel (GitHub, nbviewer, the HTML report) misses nothing.

The explorer carries a static form beside the live widget: an HTML table of the starting weights
and the ranking they give, and a sentence saying that the sliders need a running kernel. The
committed notebook stores that form (widget views are left out, `execution.for_the_repository`),
so GitHub and nbviewer show a table and a sentence, not the widget's text repr, and a notebook
opened and saved without running is unchanged.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..decision.scoring import ranking
from .charts import VENUE_COLOURS, venue_colours

if TYPE_CHECKING:
    import ipywidgets as widgets

    from ..inputs.dataset import Dataset


def bars_html(ranked: pd.DataFrame, names: Mapping[str, str] | pd.Series) -> str:
    """A ranked table of venues with a bar per score; names are escaped, never interpreted as HTML."""
    rows: list[str] = []
    colours = venue_colours(names.index) if hasattr(names, "index") else {}
    for venue, row in ranked.iterrows():
        width = max(0.0, min(1.0, row.overall)) * 100
        colour = colours.get(venue, VENUE_COLOURS[0])
        rows.append(
            f"<tr><td>{int(row['rank'])}</td><td>{html.escape(str(names[venue]))}</td>"
            f"<td style='width:20em'><div style='background:{colour};height:0.9em;width:{width:.1f}%'></div></td>"
            f"<td>{row.overall:.3f}</td></tr>")
    return "<table><tr><th>rank</th><th>venue</th><th></th><th>score</th></tr>" + "".join(rows) + "</table>"


def update(scores: pd.DataFrame, weights: dict[str, float], names: Mapping[str, str] | pd.Series) -> str:
    """The HTML for one position of the sliders; all-zero weights get a note instead of an error."""
    if sum(weights.values()) <= 0:
        return "<p>Give at least one criterion a weight above zero.</p>"
    return bars_html(ranking(scores, weights), names)


def weights_html(weights: dict[str, float], labels: Mapping[str, str]) -> str:
    """The weights as a table, each as a share of the total (what the sliders start at)."""
    total = sum(weights.values())
    rows = "".join(f"<tr><td>{html.escape(str(labels[c]))}</td><td style='text-align:right'>{w / total:.0%}</td></tr>"
                   for c, w in weights.items())
    return f"<table><tr><th>criterion</th><th>weight</th></tr>{rows}</table>"


class WeightExplorer:
    """Sliders above a live ranking in a kernel; elsewhere, the starting weights and the ranking they give."""

    NOTE = ("In a running kernel (JupyterLab) this is a slider per criterion: move one and the venues re-rank at "
            "once. Without a kernel, the sliders stand at these weights, which give this ranking:")

    def __init__(self, data: Dataset, scores: pd.DataFrame, start: pd.Series):
        self.data, self.scores = data, scores
        self.start = {c: round(float(start[c]), 3) for c in scores.columns}

    def static_html(self) -> str:
        names, labels = self.data.venues.name, self.data.criteria.name
        return (f"<p>{html.escape(self.NOTE)}</p><div style='display:flex;flex-wrap:wrap;gap:2em'>"
                f"{weights_html(self.start, labels)}{update(self.scores, self.start, names)}</div>")

    def static_text(self) -> str:
        ranked = ranking(self.scores, self.start)
        names = self.data.venues.name
        return (self.NOTE + " " + ", ".join(f"{int(r['rank'])}. {names[v]} {r.overall:.3f}"
                                            for v, r in ranked.iterrows()) + ".")

    def widget(self) -> widgets.VBox:
        """The live sliders (one per criterion, labelled in full) above the ranking."""
        import ipywidgets as widgets  # only needed in a live kernel

        names = self.data.venues.name
        sliders = {c: widgets.FloatSlider(value=w, min=0, max=1, step=0.01, description=self.data.criteria.name[c],
                                          continuous_update=True, style={"description_width": "22em"},
                                          layout={"width": "52em", "max_width": "100%"})
                   for c, w in self.start.items()}
        output = widgets.HTML(update(self.scores, self.start, names))

        def redraw(_change: object = None) -> None:
            output.value = update(self.scores, {c: s.value for c, s in sliders.items()}, names)

        for slider in sliders.values():
            slider.observe(redraw, names="value")
        return widgets.VBox([*sliders.values(), output])

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, Any]:
        bundle = {"text/html": self.static_html(), "text/plain": self.static_text()}
        try:
            view = self.widget()._repr_mimebundle_()
        except ImportError:  # no ipywidgets: the static form alone
            return bundle
        view = view[0] if isinstance(view, tuple) else view
        return {**{k: v for k, v in view.items() if k != "text/plain"}, **bundle}

    def __repr__(self) -> str:
        return self.static_text()


def weight_explorer(data: Dataset, scores: pd.DataFrame, start: pd.Series) -> WeightExplorer:
    """Sliders (one per criterion, starting at `start`) above a live ranking, with a static form for readers without
    a kernel."""
    return WeightExplorer(data, scores, start)
