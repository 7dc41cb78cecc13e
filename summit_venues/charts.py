"""Charts shared by the notebooks. Each returns a `Chart`, which a notebook shows as a PNG.

Figures are made without pyplot, so that no global figure state is left behind: a notebook
cell that ends with the call shows the chart exactly once, as a PNG with a stable text
form (pyplot's inline hook showed figures twice under nbval, and its text form names sizes
that change with matplotlib versions).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from matplotlib.figure import Figure
import numpy as np
import pandas as pd

# One colour per criterion, stable across notebooks (colour-blind-safe Okabe-Ito palette).
CRITERION_COLOURS = {
    "flight_path": "#0072B2", "facilities": "#E69F00", "security": "#009E73",
    "economic_model": "#CC79A7", "diplomatic_relations": "#D55E00",
}
_FALLBACK = ["#56B4E9", "#F0E442", "#000000", "#999999"]


@dataclass
class Chart:
    """A finished figure; notebooks display it as a PNG."""

    title: str
    figure: Figure

    def png(self) -> bytes:
        buffer = io.BytesIO()
        # No 'Software' stamp: the bytes then depend only on the drawing, not the library version.
        self.figure.savefig(buffer, format="png", dpi=100, metadata={"Software": None})
        return buffer.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()

    def __repr__(self) -> str:
        return f"<Chart: {self.title}>"


def criterion_colour(criterion_id: str, position: int = 0) -> str:
    return CRITERION_COLOURS.get(criterion_id, _FALLBACK[position % len(_FALLBACK)])


def contribution_chart(contrib: pd.DataFrame, names: pd.Series, labels: pd.Series, title: str):
    """Horizontal stacked bars: each venue's overall score split into its criteria's shares."""
    order = contrib.sum(axis=1).sort_values().index
    fig = Figure(figsize=(8, 0.7 * len(order) + 1.8))
    ax = fig.subplots()
    left = np.zeros(len(order))
    for position, criterion in enumerate(contrib.columns):
        values = contrib.loc[order, criterion].to_numpy()
        ax.barh(names[order], values, left=left, color=criterion_colour(criterion, position),
                label=labels[criterion], edgecolor="white")
        left += values
    for y, total in enumerate(left):
        ax.text(total + 0.01, y, f"{total:.2f}", va="center")
    ax.set_xlim(0, 1)
    ax.set_xlabel("overall score (0 = worst anchor on every indicator, 1 = best)")
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def criterion_chart(scores: pd.DataFrame, names: pd.Series, labels: pd.Series, title: str):
    """Grouped bars: each criterion's score per venue, on the fixed 0-1 scale."""
    fig = Figure(figsize=(8, 3.6))
    ax = fig.subplots()
    width = 0.8 / len(scores.index)
    x = np.arange(len(scores.columns))
    for position, venue in enumerate(scores.index):
        ax.bar(x + position * width, scores.loc[venue], width, label=names[venue])
    ax.set_xticks(x + width * (len(scores.index) - 1) / 2, [labels[c] for c in scores.columns],
                  rotation=15, ha="right", fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel("criterion score")
    ax.set_title(title)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)
