"""The hero chart: how far ahead the leader is, under every reading of the model, and how often random weights agree.

    figures = hero_figures(data, weights)      # the numbers, each from the function the notebooks quote
    margin_chart(figures, data.venues.name)    # a dot plot of the margin, one row per reading, a line at the tie
    draws_chart(figures, data.venues.name)     # "59 of 100 random weightings pick Da Nang", as 100 dots

A reading is the article's model, a party's weights, one of the team's extensions switched on, every
extension at once, or one model choice made the other way. Each margin is that of the article's
leader over its runner-up (`choices.baseline_pair`) under the reading: above 0 the leader stays ahead,
below 0 the runner-up leads, and each dot takes the colour of the venue it favours (`charts.venue_colours`).
Nothing here computes a figure of its own: margins come from `ranking`, `profiles.profile_weights`,
`choices.single_switches` and the extension set `ALL_EXTENSIONS`, the weight draws from `smaa.acceptability`,
as `robustness.robustness_in_three_senses` computes them; pass its result as `firm` to reuse them.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..decision import choices, profiles, smaa
from ..decision.profiles import NEUTRAL
from ..decision.scoring import ALL_EXTENSIONS, criterion_scores, ranking
from .charts import Chart, venue_colours, wrapped

if TYPE_CHECKING:
    from ..decision.robustness import Robustness
    from ..inputs.dataset import Dataset

#: The groups of readings, in the order the chart shows them (top to bottom).
ARTICLE, PROFILES, EXTENSIONS, CHOICES = ("The article's model", "A party's weights", "The team's extensions",
                                          "Another model choice")
#: How many random weightings the frequency framing counts in.
OUT_OF = 100


@dataclass(frozen=True)
class Reading:
    """One row of the hero chart: a reading of the model, in words, and the leader's margin under it."""

    group: str
    label: str
    margin: float  # the article's leader minus its runner-up, of 1: below 0 the runner-up leads


@dataclass(frozen=True)
class HeroFigures:
    """The hero chart's numbers: the pair it compares, every reading's margin, and the share of weight draws."""

    leader: str
    runner_up: str
    readings: tuple[Reading, ...]
    weights_share: float  # weights drawn at random: the share of draws that rank the leader first
    venues: tuple[str, ...] = ()  # every venue, in the data's order: each keeps its colour whoever leads

    def colours(self) -> dict[str, str]:
        """Each venue's colour, as every chart of the package gives it (`charts.venue_colours`)."""
        return venue_colours(self.venues or (self.leader, self.runner_up))

    @property
    def margin(self) -> float:
        """The article's model's margin (the first reading)."""
        return self.readings[0].margin

    def favoured(self, reading: Reading) -> str:
        """The venue of the pair that a reading puts ahead (the leader on a tie of 0)."""
        return self.runner_up if reading.margin < 0 else self.leader

    def picks(self) -> int:
        """Of `OUT_OF` random weightings, how many pick the leader: the share rounded as the prose rounds it."""
        return int(f"{self.weights_share * OUT_OF:.0f}")

    def draws_sentence(self, names: Mapping[str, str]) -> str:
        """'59 of 100 random weightings pick Da Nang'."""
        return f"{self.picks()} of {OUT_OF} random weightings pick {names[self.leader]}"

    def table(self, names: Mapping[str, str]) -> pd.DataFrame:
        """The readings as a table a reader can check the chart against: reading, who is ahead and by how much."""
        return pd.DataFrame({"reading": [r.label for r in self.readings], "group": [r.group for r in self.readings],
                             "ahead": [names[self.favoured(r)] for r in self.readings],
                             "margin": [abs(r.margin) for r in self.readings]})


def hero_figures(data: Dataset, weights: pd.Series, firm: Robustness | None = None) -> HeroFigures:
    """Every reading's margin and the weight draws' share, for the article's model at `weights`.

    `firm` is `robustness.robustness_in_three_senses(data, weights)` when the caller has it: its share of
    weight draws is used, not drawn again.
    """
    leader, runner_up = choices.baseline_pair(data, weights)
    scores = criterion_scores(data)

    def margin(table: pd.DataFrame, reading_weights: pd.Series) -> float:
        overall = ranking(table, reading_weights).overall
        return float(overall[leader] - overall[runner_up])

    own = _profile_of(data, weights)
    readings = [Reading(ARTICLE, "Neutral weights" if own == NEUTRAL else f"{data.profiles.name[own]}'s weights"
                        if own else "The weights given", margin(scores, weights))]
    readings += _sorted([Reading(PROFILES, f"{name}'s weights", margin(scores, profiles.profile_weights(data, p)))
                         for p, name in data.profiles.name.items() if p != own])
    switches = choices.single_switches(data, weights)
    named = data.model_choices.set_index("choice_id").name
    one_by_one = [Reading(EXTENSIONS if kind == "extension" else CHOICES, _sentence_case(str(named[choice])),
                          float(row_margin))
                  for choice, kind, row_margin in zip(switches.index, switches.kind, switches.margin)]
    readings += _sorted([r for r in one_by_one if r.group == EXTENSIONS])
    readings.append(Reading(EXTENSIONS, "Every extension switched on",
                            margin(criterion_scores(data, ALL_EXTENSIONS), weights)))
    readings += _sorted([r for r in one_by_one if r.group == CHOICES])
    share = (firm.weights_share if firm is not None
             else float(smaa.acceptability(scores, seed=2019).first_rank[leader]))
    return HeroFigures(leader, runner_up, tuple(readings), share, tuple(data.venue_ids))


def _profile_of(data: Dataset, weights: pd.Series) -> str | None:
    """The profile whose weights `weights` are (rescaled alike), if one: its row would repeat the first."""
    given = weights / weights.sum()
    return next((p for p in data.profiles.index
                 if np.allclose(profiles.profile_weights(data, p)[given.index].to_numpy(), given.to_numpy())), None)


def _sorted(readings: list[Reading]) -> list[Reading]:
    """A group's readings from the largest margin for the leader down (stable: ties keep the data's order)."""
    return sorted(readings, key=lambda r: -r.margin)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------------------------

def margin_chart(figures: HeroFigures, names: Mapping[str, str], width: float = 7.2, row: float = 0.22,
                 fontsize: float = 10, wrap: int = 60, stacked: bool = False) -> Chart:
    """A dot plot of the margin: one row per reading, grouped, a line at 0 (the tie), each dot coloured by the venue
    that reading puts ahead, the axis in margin of 1 on the leader's side to the right. `width` and `row` (the
    height of a row) are in inches, `fontsize` in points: at the size it is shown, text stays at least 10 pt on a
    screen (the index) and 6.6 pt in print (the brief); labels longer than `wrap` characters take two lines.
    `stacked` puts each label above its dot, across the whole width (for a phone), rather than to its left."""
    colours = figures.colours()
    lead, other = names[figures.leader], names[figures.runner_up]
    rows = _rows(figures.readings)
    fig = Figure(figsize=(width, row * len(rows) + 1.1 * fontsize / 10), layout="constrained")
    ax = fig.subplots()
    y = np.arange(len(rows))[::-1].astype(float)
    label_side = "left" if stacked else "right"
    for position, entry in zip(y, rows):  # not `row`: that is a row's height
        if isinstance(entry, str):  # a group's heading
            ax.text(0.0, position, entry, transform=ax.get_yaxis_transform(), ha=label_side, va="center",
                    fontsize=fontsize, fontweight="bold", parse_math=False)
            continue
        colour = colours[figures.favoured(entry)]
        dot = position - 0.22 if stacked else position
        if stacked:
            ax.text(0.0, position + 0.2, entry.label, transform=ax.get_yaxis_transform(), ha="left", va="center",
                    fontsize=fontsize, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 0.6},
                    parse_math=False)
        ax.plot([0, entry.margin], [dot, dot], color=colour, linewidth=1, alpha=0.5)
        ax.plot(entry.margin, dot, "o", color=colour, markersize=0.7 * fontsize)
    reach = max(abs(r.margin) for r in figures.readings) * 1.12
    ax.set_xlim(-reach, reach)
    ax.axvline(0, color="#1f2328", linewidth=1)
    labels = [] if stacked else ["" if isinstance(r, str) else wrapped(r.label, wrap) for r in rows]
    ax.set_yticks([] if stacked else y, labels, fontsize=fontsize, parse_math=False)
    ax.tick_params(axis="y", length=0)
    ax.tick_params(axis="x", labelsize=fontsize)
    ax.xaxis.set_major_formatter(lambda value, _: f"{abs(value):.2f}" if value else "tie")
    ax.set_xlabel("margin, of 1", fontsize=fontsize)
    for side, text, venue in ((0.0, f"← {other} ahead", figures.runner_up), (1.0, f"{lead} ahead →", figures.leader)):
        ax.text(side, 1.0, text, transform=ax.transAxes, ha="left" if side == 0 else "right", va="bottom",
                fontsize=fontsize, fontweight="bold", color=colours[venue], parse_math=False)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    for spine in ("top", "right", "left"):
        ax.spines[spine].set_visible(False)
    ax.grid(axis="x", color="#d0d7de", linewidth=0.6)
    ax.set_axisbelow(True)
    return Chart(f"How far {lead} leads {other}, under each reading of the model", fig)


def _rows(readings: Iterable[Reading]) -> list[str | Reading]:
    """The readings with each group's heading before its first reading."""
    rows: list[str | Reading] = []
    group = None
    for reading in readings:
        if reading.group != group:
            group = reading.group
            rows.append(group)
        rows.append(reading)
    return rows


def draws_chart(figures: HeroFigures, names: Mapping[str, str], size: float = 2.2) -> Chart:
    """`OUT_OF` dots in a 10 x 10 grid, one per random weighting: those that pick the leader in its colour, first."""
    colours = figures.colours()
    picks = figures.picks()
    fig = Figure(figsize=(size, size))
    ax = fig.add_axes((0, 0, 1, 1))
    side = int(np.sqrt(OUT_OF))
    for dot in range(OUT_OF):
        row, column = divmod(dot, side)
        venue = figures.leader if dot < picks else figures.runner_up
        ax.plot(column, side - 1 - row, "o", color=colours[venue], markersize=size * 5.2)
    ax.set_xlim(-0.7, side - 0.3)
    ax.set_ylim(-0.7, side - 0.3)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return Chart(figures.draws_sentence(names), fig)
