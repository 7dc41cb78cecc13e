"""Charts shared by the notebooks. Each returns a `Chart`, which a notebook shows as a PNG.

Figures are made without pyplot, so that no global figure state is left behind: a notebook
cell that ends with the call shows the chart exactly once, as a PNG with a stable text
form (pyplot's inline hook showed figures twice under nbval, and its text form names sizes
that change with matplotlib versions).
"""
from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

if TYPE_CHECKING:  # the decision layer is imported where a chart needs it
    from ..decision.value_functions import RubricScale, ValueFunction
    from ..inputs.dataset import Dataset

# One colour grammar for every chart and map. Venues take strong colours that nothing else uses: Hanoi indigo, Da
# Nang orange (a pair colour-blind readers tell apart), further venues dark tones. Criteria take Paul Tol's muted
# palette, light enough never to be read as a venue; categories (airspace classes, regions) take their own greys
# and muted hues in maps.py and revealed.py.
VENUE_COLOURS = ("#332288", "#E66100", "#117733", "#6B4C2A", "#000000", "#777777", "#882255", "#1A6E8E")
CRITERION_COLOURS = {
    "flight_path": "#88CCEE", "facilities": "#DDCC77", "security": "#44AA99",
    "economic_model": "#CC6677", "diplomatic_relations": "#AA4499",
}
_FALLBACK = ["#BBBBBB", "#999933", "#EE8866", "#AAAA00"]
#: No chart text is smaller than this (points), so that it stays readable at the page's width.
SMALLEST_TEXT = 10


@dataclass
class Chart:
    """A finished figure; notebooks display it as a PNG."""

    title: str
    figure: Figure

    def png(self, dpi: int = 100) -> bytes:
        """PNG bytes at `dpi` (the notebooks' 100; the report's hero chart asks for more, sharper on a phone)."""
        buffer = io.BytesIO()
        # No 'Software' stamp: the bytes then depend only on the drawing, not the library version.
        self.figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()

    def _repr_png_(self) -> bytes:
        return self.png()

    def __repr__(self) -> str:
        return f"<Chart: {self.title}>"


def criterion_colour(criterion_id: str, position: int = 0) -> str:
    return CRITERION_COLOURS.get(criterion_id, _FALLBACK[position % len(_FALLBACK)])


def contribution_chart(contrib: pd.DataFrame, names: pd.Series, labels: pd.Series, title: str) -> Chart:
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
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, frameon=False, fontsize=SMALLEST_TEXT)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def grouped_bars(table: pd.DataFrame, title: str, ylabel: str, from_zero: bool = True) -> Chart:
    """Grouped bars: one group per column, one bar per row (a venue), each bar labelled with its value.

    `from_zero=False` draws differences: the axis spans the values (with a margin), not 0 to 1, so that a gap of
    0.002 shows, and says so in its label. The legend sits above the plot, clear of the bars; column labels wrap
    rather than rotate.
    """
    fig = Figure(figsize=(8, 4.2))
    ax = fig.subplots()
    width = 0.8 / len(table.index)
    x = np.arange(len(table.columns))
    for position, venue in enumerate(table.index):
        bars = ax.bar(x + position * width, table.loc[venue], width, label=venue, color=_venue_colour(position))
        if len(table.index) <= 3:  # more venues' labels would overlap: their values are in the table beside
            ax.bar_label(bars, [f"{v:.3f}" for v in table.loc[venue]], fontsize=SMALLEST_TEXT, padding=2)
    ax.set_xticks(x + width * (len(table.index) - 1) / 2, [wrapped(str(c), 16) for c in table.columns],
                  fontsize=SMALLEST_TEXT)
    if from_zero:
        ax.set_ylim(0, 1.08)
    else:
        low, high = float(np.nanmin(table.to_numpy())), float(np.nanmax(table.to_numpy()))
        pad = max(0.01, 0.15 * (high - low))
        ax.set_ylim(low - pad, high + 2 * pad)
        ylabel += " (axis does not start at 0)"
    ax.set_ylabel(ylabel, fontsize=SMALLEST_TEXT)
    ax.set_title(title, fontsize=SMALLEST_TEXT + 2, loc="left", pad=28)
    ax.legend(frameon=False, ncol=len(table.index), loc="lower left", bbox_to_anchor=(0, 1.0),
              fontsize=SMALLEST_TEXT)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def margin_changes_chart(change: pd.Series, base: float, leader: str, other: str, title: str,
                         colours: tuple[str, str]) -> Chart:
    """Horizontal bars, largest first: how far each single model choice moves the leader's margin.

    Bars to the right widen the leader's lead, bars to the left narrow it; the dashed line marks
    where a choice alone would hand the lead to the other venue. Each bar takes the colour of the venue it favours
    (`colours`: the leader's and the other's, `pair_colours`, whichever of them leads under the weights).
    """
    order = change.reindex(change.abs().sort_values().index)  # largest at the top
    fig = Figure(figsize=(8, 0.35 * len(order) + 1.6))
    ax = fig.subplots()
    ax.barh(order.index, order.to_numpy(), color=[colours[0] if v >= 0 else colours[1] for v in order])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.axvline(-base, color="grey", linestyle="--", linewidth=0.8)
    ax.text(-base, len(order) - 0.3, f"{other} draws level", fontsize=SMALLEST_TEXT, color="grey", va="bottom",
            ha="center")
    ax.set_ylim(-0.7, len(order) + 0.5)  # room above the top bar for the line's label
    for y, value in enumerate(order):
        ax.text(value, y, f" {value:+.3f} ", va="center", ha="left" if value >= 0 else "right", fontsize=SMALLEST_TEXT)
    reach = max(order.abs().max(), base) * 1.6  # room for the value labels beside the longest bars
    ax.set_xlim(-reach, reach)
    ax.set_xlabel(f"change in {leader}'s lead over {other} (now {base:.3f})")
    ax.tick_params(axis="y", labelsize=SMALLEST_TEXT)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def margin_by_indicator_chart(margin: pd.Series, indicators: pd.DataFrame, leader: str, other: str,
                              title: str) -> Chart:
    """Horizontal bars, one per indicator that separates the two venues: what it adds to the leader's lead
    (right) or takes from it (left), coloured by criterion; the indicators that score both alike are counted
    in a note, not drawn."""
    moving = margin[margin.abs() > 5e-4].sort_values()
    fig = Figure(figsize=(8, 0.36 * len(moving) + 1.9))
    ax = fig.subplots()
    colours = [criterion_colour(indicators.criterion_id[i]) for i in moving.index]
    ax.barh([wrapped(indicators.name[i], 48) for i in moving.index], moving.to_numpy(), color=colours)
    ax.axvline(0, color="black", linewidth=0.8)
    for y, value in enumerate(moving):
        ax.text(value, y, f" {value:+.3f} ", va="center", ha="left" if value >= 0 else "right", fontsize=SMALLEST_TEXT)
    reach = moving.abs().max() * 1.45 if len(moving) else 0.1
    ax.set_xlim(-reach, reach)
    equal = len(margin) - len(moving)
    ax.set_xlabel(f"share of {leader}'s lead over {other} (total {margin.sum():+.3f});\n"
                  f"{equal} indicators score both alike and are not drawn")
    ax.tick_params(axis="y", labelsize=SMALLEST_TEXT)
    ax.set_title(wrapped(title, 70), fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def criterion_chart(scores: pd.DataFrame, names: pd.Series, labels: pd.Series, title: str) -> Chart:
    """Each criterion's score per venue (venues x criteria in, named bars out)."""
    return grouped_bars(scores.rename(index=names, columns=labels), title, "criterion score")


def venue_colours(venue_ids: Iterable[str]) -> dict[str, str]:
    """One colour per venue, by its place in the data (the decision's venues first): the same in every chart and map."""
    return {venue_id: _venue_colour(position) for position, venue_id in enumerate(venue_ids)}


def pair_colours(venue_ids: Iterable[str], leader: str, other: str) -> tuple[str, str]:
    """The leader's and the other venue's colours, as every chart gives them (`venue_colours`)."""
    colours = venue_colours(venue_ids)
    return colours[leader], colours[other]


def _venue_colour(position: int) -> str:
    """Venues take `VENUE_COLOURS` in data order (the decision's venues first)."""
    return VENUE_COLOURS[position % len(VENUE_COLOURS)]


def _draw_value_function(ax: Axes, scale: ValueFunction, values: pd.Series) -> None:
    """One value function between its anchors, extended to cover every venue, with the venues marked."""
    low, high = sorted((scale.worst, scale.best))
    span_low, span_high = min(low, values.min()), max(high, values.max())
    if scale.shape == "log":
        x = np.geomspace(span_low / 1.5, span_high * 1.5, 300)
        ax.set_xscale("log")
        # Plain numbers at each power of ten: readers need no scientific notation.
        ax.xaxis.set_major_locator(LogLocator(subs=(1,)))  # at 10 pt, more ticks would run into each other
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _compact(v)))
        ax.xaxis.set_minor_formatter(NullFormatter())
    else:
        pad = 0.08 * (span_high - span_low)
        x = np.linspace(span_low - pad, span_high + pad, 300)
    ax.plot(x, scale(x), color="0.35", linewidth=1.5)
    for anchor in (scale.worst, scale.best):
        ax.axvline(anchor, color="0.8", linewidth=0.8, linestyle="--", zorder=0)


def _draw_rubric(ax: Axes, scale: RubricScale, labels: list[str]) -> None:
    """A rubric's levels as steps, numbered on the axis and named beneath it (names side by side would collide at
    a readable size)."""
    levels, scores = zip(*scale.scores)
    ax.bar(levels, scores, width=0.6, color="0.88", edgecolor="0.6")
    ax.set_xticks(levels, [str(level) for level in levels], fontsize=SMALLEST_TEXT)
    ax.set_xlabel("\n".join(wrapped(f"{level}: {label}", 34) for level, label in zip(levels, labels)),
                  fontsize=SMALLEST_TEXT)


def _mark_venues(ax: Axes, values: pd.Series, scores: pd.Series, names: pd.Series) -> None:
    """A marker per venue on its raw value and score, later venues smaller so that a shared point shows both.

    Venues on the same point share one label; otherwise labels alternate below and above the curve.
    """
    points: dict[tuple[float, float], list[str]] = {}
    for position, venue in enumerate(values.index):
        point = (float(values[venue]), float(scores[venue]))
        ax.plot(*point, marker="os^D"[position % 4], markersize=10 - 2.5 * (position % 3),
                color=_venue_colour(position), markeredgecolor="white", linestyle="none", zorder=3 + position)
        points.setdefault(point, []).append(names[venue])
    for position, ((x, y), labels) in enumerate(points.items()):
        below = position % 2 == 0 and y > 0.15  # a label under a zero score would hit the axis
        ax.annotate(" & ".join(labels), (x, y), textcoords="offset points", xytext=(0, -15 if below else 9),
                    ha="center", fontsize=SMALLEST_TEXT)


def value_function_chart(data: Dataset, criterion_id: str, title: str) -> Chart:
    """One panel per indicator of a criterion: its fixed scale, with each venue on it."""
    from ..decision.scoring import ALL_EXTENSIONS, indicator_scores
    from ..decision.uncertainty import point_values
    from ..decision.value_functions import RubricScale, value_function

    members = data.indicators[data.indicators.criterion_id == criterion_id]
    scores = indicator_scores(data, ALL_EXTENSIONS)
    columns = min(3, len(members))
    rows = -(-len(members) // columns)
    fig = Figure(figsize=(min(8.4, 3.4 * columns), 2.9 * rows + 0.6))  # page width: its text stays at 10 pt
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    for ax, (indicator_id, row) in zip(axes, members.iterrows()):
        scale = value_function(data, indicator_id)
        values = point_values(data, [indicator_id])[indicator_id]
        if isinstance(scale, RubricScale):
            labels = data.rubrics[data.rubrics.rubric_id == indicator_id].sort_values("level").label.tolist()
            _draw_rubric(ax, scale, labels)
        else:
            _draw_value_function(ax, scale, values)
            ax.set_xlabel(row.unit, fontsize=SMALLEST_TEXT)
        _mark_venues(ax, values, scores[indicator_id], data.venue_table.name)
        ax.set_ylim(-0.12, 1.22)
        # An extension is marked on its panel: every chart shows what the article did not say.
        marker = wrapped(f"[extension: {data.extensions.name[row.extension]}]", 34) + "\n" if row.extension else ""
        ax.set_title(marker + wrapped(row["name"], 34), fontsize=SMALLEST_TEXT,
                     color="#7A4A00" if row.extension else "black")
        ax.tick_params(labelsize=SMALLEST_TEXT)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes[len(members):]:
        ax.set_visible(False)
    axes[0].set_ylabel("score", fontsize=SMALLEST_TEXT)
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return Chart(title, fig)


def wrapped(text: str, width: int) -> str:
    """Break a long title or label over lines of at most `width` characters."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _compact(value: float) -> str:
    """A tick label short enough for a log axis: 20k, 5m."""
    if value >= 1e6:
        return f"{value / 1e6:g}m"
    if value >= 1e4:
        return f"{value / 1e3:g}k"
    return f"{value:,.0f}"
