"""The pictures and tables of notebook 10: what the real choices reveal about the weights.

Two charts, each a `charts.Chart` (shown as a PNG): every criterion's least-to-most weight inside
each region, with the centroid and the party profiles marked; and one two-criterion slice of the
regions. The tables put names, not ids, in every label, and words where a cell has nothing to show.
"""
from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..decision import choices, reveal, weight_region
from ..decision.weight_region import Region, RegionDraws
from .charts import SMALLEST_TEXT, Chart

if TYPE_CHECKING:
    from ..inputs.dataset import Dataset

#: One colour per region drawn together (muted, never a venue's colour: charts.VENUE_COLOURS): first, second, both.
REGION_COLOURS = ("#88CCEE", "#DDCC77", "#44AA99", "#CC6677")
PROFILE_MARKERS = ("D", "^", "s", "v", "P", "X")


def bounds_chart(regions: dict[str, Region], criterion_names: pd.Series, profile_weights: pd.DataFrame,
                 profile_names: pd.Series, title: str) -> Chart:
    """Per criterion, a bar per region from the least to the most weight it can have there, a white dot at the
    region's centroid, and each profile's weight as a marker across the criterion's row."""
    criteria = list(next(iter(regions.values())).criteria)
    fig = Figure(figsize=(8, 1.05 * len(criteria) + 2.2))
    ax = fig.subplots()
    band = 0.75 / len(regions)
    handles: dict[str, Line2D] = {}  # legend entries in order: the regions, the centroid, the profiles
    for row, criterion in enumerate(criteria):
        y0 = len(criteria) - 1 - row  # the first criterion at the top
        centroid = None
        for position, (label, region) in enumerate(regions.items()):
            y = y0 + 0.45 - band * (position + 0.5)
            colour = REGION_COLOURS[position % len(REGION_COLOURS)]
            if region.empty:
                ax.text(0.01, y, f"{label}: no weights at all", va="center", fontsize=SMALLEST_TEXT, color=colour)
                continue
            least, most = region.bounds.loc[criterion]
            handles.setdefault(label, ax.plot([least, most], [y, y], color=colour, linewidth=7,
                                              solid_capstyle="butt")[0])
            centroid = ax.plot(region.centroid[criterion], y, marker="o", markersize=5, color="white",
                               markeredgecolor="black", markeredgewidth=0.8, linestyle="none")[0]
        if centroid is not None:
            handles.setdefault("centroid of the region", centroid)
        for position, (profile, weights) in enumerate(profile_weights.iterrows()):
            # A little lower for each profile, so that two profiles with the same weight both show.
            mark = ax.plot(weights[criterion], y0 - 0.33 - 0.04 * position,
                           marker=PROFILE_MARKERS[position % len(PROFILE_MARKERS)], markersize=5, color="0.25",
                           linestyle="none")[0]
            handles.setdefault(f"profile: {profile_names[profile]}", mark)
        ax.axhline(y0 - 0.5, color="0.85", linewidth=0.6)
    ax.set_yticks(range(len(criteria)), [_wrap(criterion_names[c], 22) for c in reversed(criteria)],
                  fontsize=SMALLEST_TEXT)
    ax.set_ylim(-0.5, len(criteria) - 0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_xlabel("weight of the criterion (share of the total)")
    ax.set_title(_wrap(title, 80), fontsize=10, loc="left")
    ax.legend(handles.values(), handles.keys(), loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2,
              frameon=False, fontsize=SMALLEST_TEXT)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def slice_chart(regions: dict[str, Region], x: str, y: str, criterion_names: pd.Series,
                points: dict[str, pd.Series], title: str) -> Chart:
    """Regions of a two-criterion slice (`weight_region.slice_gaps`): w_x across, w_y up, the rest of the weight
    shared among the other criteria as the slice says; a point per entry of `points` (weights on x and y)."""
    fig = Figure(figsize=(6.4, 6.2))
    ax = fig.subplots()
    ax.plot([0, 1, 0, 0], [0, 0, 1, 0], color="0.4", linewidth=0.8)
    for position, (label, region) in enumerate(regions.items()):
        colour = REGION_COLOURS[position % len(REGION_COLOURS)]
        if region.empty:
            ax.plot([], [], color=colour, label=f"{label}: no weights on this slice")
            continue
        corners = weight_region.polygon(region, x, y)
        if len(corners) >= 3:
            ax.fill(corners[:, 0], corners[:, 1], facecolor=colour, alpha=0.3, edgecolor=colour, linewidth=1.5,
                    label=label)
        else:  # a segment or a point: weights where the venue only ties
            ax.plot(corners[:, 0], corners[:, 1], color=colour, linewidth=2, marker="o", label=f"{label} (ties only)")
    for position, (label, weights) in enumerate(points.items()):
        ax.plot(weights[x], weights[y], marker=PROFILE_MARKERS[position % len(PROFILE_MARKERS)], markersize=8,
                color="black", markerfacecolor="white" if position else "black", linestyle="none", label=label)
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_aspect("equal")
    ax.set_xlabel(f"weight of {criterion_names[x]}")
    ax.set_ylabel(f"weight of {criterion_names[y]}")
    ax.set_title(_wrap(title, 70), fontsize=10, loc="left")
    ax.legend(loc="upper right", frameon=False, fontsize=SMALLEST_TEXT)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return Chart(title, fig)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width))


def overview_table(overview: pd.DataFrame) -> pd.DataFrame:
    """`reveal.overview` for readers: shares of the simplex and of the total weight in per cent, a dash where a region
    is empty (it has no centroid, so no nearest profile)."""
    table = overview.copy()
    table["share"] = [reveal.share_text(s) for s in table["share"]]
    table["weight moved"] = [f"{v:.1%}" if pd.notna(v) else "–" for v in table["weight moved"]]
    table["nearest profile"] = table["nearest profile"].fillna("–")
    return table.rename(columns={"weight moved": "weight moved to it"}).rename_axis(index="decisions; model")


def regions_table(regions: dict[str, Region], criterion_names: pd.Series) -> pd.DataFrame:
    """Per criterion and region: the least and the most weight inside it, and its centroid's weight in brackets."""
    columns = {}
    for label, region in regions.items():
        if region.empty:
            columns[label] = ["no weights"] * len(region.criteria)
            continue
        columns[label] = [f"{low:.3f}–{high:.3f} ({middle:.3f})" for low, high, middle in
                          zip(region.bounds.least, region.bounds.most, region.centroid)]
    criteria = next(iter(regions.values())).criteria
    return pd.DataFrame(columns, index=pd.Index([criterion_names[c] for c in criteria],
                                                name="weight: least–most (centroid)"))


def profiles_table(table: pd.DataFrame) -> pd.DataFrame:
    """`reveal.profile_table` for readers: yes or no, and shares of the total weight in per cent."""
    shown = pd.DataFrame({"profile": table["profile"],
                          "the model agrees at its weights": np.where(table["inside"], "yes", "no")},
                         index=table.index.rename(None))
    for column in ("to the centroid", "into the region"):
        shown[f"weight moved {column}"] = [f"{v:.1%}" if pd.notna(v) else "–" for v in table[column]]
    return shown.set_index("profile")


def draws_table(draws: dict[str, RegionDraws], criterion_names: pd.Series) -> pd.DataFrame:
    """Per criterion and region, its least and most weight across the draws where the region has volume: each
    end's median, with the range of the middle 90 % of the draws in brackets where they differ."""
    columns = {}
    for label, found in draws.items():
        spread = found.spread(0.05, 0.95)
        if not found.consistent.any():  # no draw where the region has volume
            columns[label] = ["–"] * len(spread)
            continue
        ends = {}
        for end in ("least", "most"):
            low, middle, high = (spread[(end, q)] for q in ("5%", "median", "95%"))
            ends[end] = [f"{m:.2f}" if f"{lo:.2f}" == f"{hi:.2f}" else f"{m:.2f} [{lo:.2f}–{hi:.2f}]"
                         for lo, m, hi in zip(low, middle, high)]
        columns[label] = [f"{a} to {b}" for a, b in zip(ends["least"], ends["most"])]
    return pd.DataFrame(columns, index=pd.Index([criterion_names[c] for c in spread.index], name="weight of"))


def effects_table(effects: pd.DataFrame, datasets: Sequence[Dataset]) -> pd.DataFrame:
    """`reveal.choice_effects` for readers: each model choice by its name (model_choices.csv), what kind of choice
    it is, and the region's status and share of all weight vectors."""
    rows: dict[str, dict[str, str]] = {}
    for choice, row in effects.iterrows():
        name, kind = (("(none: the model as it is)", "–") if choice == "none"
                      else (reveal.choice_label(datasets, choice), _kind_of(datasets, choice)))
        rows[name] = {"kind of choice": kind, "status": row.status, "share": reveal.share_text(row.share)}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis(index="model choice added")


def _kind_of(datasets: Sequence[Dataset], choice_id: str) -> str:
    """`an extension`, `a judgement within the article's model`, or `a judgement only an extension uses`."""
    for data in datasets:
        table = data.model_choices.set_index("choice_id")
        if choice_id in table.index:
            if table.kind[choice_id] == "extension":
                return "an extension"
            if choices.family_of(data, choice_id) == "article":
                return "a judgement within the article's model"
            return "a judgement only an extension uses"
    raise ValueError(f"unknown model choice '{choice_id}'")
