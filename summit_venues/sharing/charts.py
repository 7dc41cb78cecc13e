"""Charts shared by the notebooks. Each returns a `Chart`, which a notebook shows as a PNG.

Figures are made without pyplot, so that no global figure state is left behind: a notebook
cell that ends with the call shows the chart exactly once, as a PNG with a stable text
form (pyplot's inline hook showed figures twice under nbval, and its text form names sizes
that change with matplotlib versions).
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

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


def grouped_bars(table: pd.DataFrame, title: str, ylabel: str):
    """Grouped bars on the fixed 0-1 scale: one group per column, one bar per row (a venue)."""
    fig = Figure(figsize=(8, 3.6))
    ax = fig.subplots()
    width = 0.8 / len(table.index)
    x = np.arange(len(table.columns))
    for position, venue in enumerate(table.index):
        ax.bar(x + position * width, table.loc[venue], width, label=venue, color=_venue_colour(position))
    ax.set_xticks(x + width * (len(table.index) - 1) / 2, list(table.columns), rotation=15, ha="right", fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def margin_changes_chart(change: pd.Series, base: float, leader: str, other: str, title: str):
    """Horizontal bars, largest first: how far each single model choice moves the leader's margin.

    Bars to the right widen the leader's lead, bars to the left narrow it; the dashed line marks
    where a choice alone would hand the lead to the other venue.
    """
    order = change.reindex(change.abs().sort_values().index)  # largest at the top
    fig = Figure(figsize=(8, 0.35 * len(order) + 1.6))
    ax = fig.subplots()
    colours = ["#0072B2" if v >= 0 else "#D55E00" for v in order]
    ax.barh(order.index, order.to_numpy(), color=colours)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.axvline(-base, color="grey", linestyle="--", linewidth=0.8)
    ax.text(-base, len(order) - 0.4, f" {other} draws level", fontsize=7, color="grey", va="top")
    for y, value in enumerate(order):
        ax.text(value, y, f" {value:+.3f} ", va="center", ha="left" if value >= 0 else "right", fontsize=7)
    reach = max(order.abs().max(), base) * 1.35
    ax.set_xlim(-reach, reach)
    ax.set_xlabel(f"change in {leader}'s lead over {other} (now {base:.3f})")
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def margin_by_indicator_chart(margin: pd.Series, indicators: pd.DataFrame, leader: str, other: str, title: str):
    """Horizontal bars, one per indicator that separates the two venues: what it adds to the leader's lead
    (right) or takes from it (left), coloured by criterion; the indicators that score both alike are counted
    in a note, not drawn."""
    moving = margin[margin.abs() > 5e-4].sort_values()
    fig = Figure(figsize=(8, 0.36 * len(moving) + 1.9))
    ax = fig.subplots()
    colours = [criterion_colour(indicators.criterion_id[i]) for i in moving.index]
    ax.barh([_wrap(indicators.name[i], 48) for i in moving.index], moving.to_numpy(), color=colours)
    ax.axvline(0, color="black", linewidth=0.8)
    for y, value in enumerate(moving):
        ax.text(value, y, f" {value:+.3f} ", va="center", ha="left" if value >= 0 else "right", fontsize=7)
    reach = moving.abs().max() * 1.45 if len(moving) else 0.1
    ax.set_xlim(-reach, reach)
    equal = len(margin) - len(moving)
    ax.set_xlabel(f"share of {leader}'s lead over {other} (total {margin.sum():+.3f});\n"
                  f"{equal} indicators score both alike and are not drawn")
    ax.tick_params(axis="y", labelsize=8)
    ax.set_title(_wrap(title, 70), fontsize=10, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def criterion_chart(scores: pd.DataFrame, names: pd.Series, labels: pd.Series, title: str):
    """Each criterion's score per venue (venues x criteria in, named bars out)."""
    return grouped_bars(scores.rename(index=names, columns=labels), title, "criterion score")


def venue_colours(venue_ids) -> dict[str, str]:
    """One colour per venue, by its place in the data (the decision's venues first): the same in every chart and map."""
    return {venue_id: _venue_colour(position) for position, venue_id in enumerate(venue_ids)}


def _venue_colour(position: int) -> str:
    """Venues take matplotlib's ten colours in data order, as in `criterion_chart`."""
    return f"C{position % 10}"


def _draw_value_function(ax, scale, values: pd.Series, names: pd.Series) -> None:
    """One value function between its anchors, extended to cover every venue, with the venues marked."""
    low, high = sorted((scale.worst, scale.best))
    span_low, span_high = min(low, values.min()), max(high, values.max())
    if scale.shape == "log":
        x = np.geomspace(span_low / 1.5, span_high * 1.5, 300)
        ax.set_xscale("log")
        # Plain numbers at 1, 2 and 5 times each power of ten: readers need no scientific notation.
        ax.xaxis.set_major_locator(LogLocator(subs=(1, 2, 5)))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _compact(v)))
        ax.xaxis.set_minor_formatter(NullFormatter())
    else:
        pad = 0.08 * (span_high - span_low)
        x = np.linspace(span_low - pad, span_high + pad, 300)
    ax.plot(x, scale(x), color="0.35", linewidth=1.5)
    for anchor in (scale.worst, scale.best):
        ax.axvline(anchor, color="0.8", linewidth=0.8, linestyle="--", zorder=0)


def _draw_rubric(ax, scale, labels: list[str]) -> None:
    """A rubric's levels as steps, each labelled with its short name."""
    levels, scores = zip(*scale.scores)
    ax.bar(levels, scores, width=0.6, color="0.88", edgecolor="0.6")
    ax.set_xticks(levels, [f"{level}\n{_wrap(label, 14)}" for level, label in zip(levels, labels)], fontsize=7)


def _mark_venues(ax, values: pd.Series, scores: pd.Series, names: pd.Series) -> None:
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
                    ha="center", fontsize=7)


def value_function_chart(data, criterion_id: str, title: str):
    """One panel per indicator of a criterion: its fixed scale, with each venue on it."""
    from ..decision.scoring import ALL_EXTENSIONS, indicator_scores
    from ..decision.uncertainty import point_values
    from ..decision.value_functions import value_function

    members = data.indicators[data.indicators.criterion_id == criterion_id]
    scores = indicator_scores(data, ALL_EXTENSIONS)
    columns = min(3, len(members))
    rows = -(-len(members) // columns)
    fig = Figure(figsize=(3.4 * columns, 2.9 * rows + 0.6))
    axes = np.atleast_1d(fig.subplots(rows, columns)).ravel()
    for ax, (indicator_id, row) in zip(axes, members.iterrows()):
        scale = value_function(data, indicator_id)
        values = point_values(data, [indicator_id])[indicator_id]
        if row["shape"] == "rubric":
            labels = data.rubrics[data.rubrics.rubric_id == indicator_id].sort_values("level").label.tolist()
            _draw_rubric(ax, scale, labels)
            ax.set_xlabel("level", fontsize=8)
        else:
            _draw_value_function(ax, scale, values, data.venue_table.name)
            ax.set_xlabel(row.unit, fontsize=8)
        _mark_venues(ax, values, scores[indicator_id], data.venue_table.name)
        ax.set_ylim(-0.12, 1.22)
        # An extension is marked on its panel: every chart shows what the article did not say.
        marker = _wrap(f"[extension: {data.extensions.name[row.extension]}]", 34) + "\n" if row.extension else ""
        ax.set_title(marker + _wrap(row["name"], 34), fontsize=9, color="#7A4A00" if row.extension else "black")
        ax.tick_params(labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in axes[len(members):]:
        ax.set_visible(False)
    axes[0].set_ylabel("score", fontsize=8)
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return Chart(title, fig)


def _wrap(text: str, width: int) -> str:
    """Break a long panel title over lines of at most `width` characters."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def _compact(value: float) -> str:
    """A tick label short enough for a log axis: 20k, 5m."""
    if value >= 1e6:
        return f"{value / 1e6:g}m"
    if value >= 1e4:
        return f"{value / 1e3:g}k"
    return f"{value:,.0f}"
