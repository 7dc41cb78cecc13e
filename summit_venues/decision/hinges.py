"""What the verdict hinges on: each input whose change alone would let the runner-up draw level.

For the leader L and the runner-up R at given weights, the margin is

    M = sum over criteria c of W_c * sum over indicators i of c of (w_i / sum of c's w) * (s_L,i - s_R,i).

For each kind of input, the value at which M = 0, everything else as it is:

- a raw value of L or R: the score it needs is linear in M, and the value function is inverted
  exactly; for a rubric, the nearest level at which R draws level or leads;
- a weight inside a criterion: M is a ratio of two linear functions of it, solved exactly;
- a criterion's weight, the others keeping their proportions: M is linear in it (`sensitivity`);
- an anchor: M moves with it through clipping and logarithms, so its tie is found by bisection.

How far a tie lies from today's value is measured against the input's plausible range: a value's
range from `uncertainty.bounds` (its grade or value_ranges.csv), a judgement's from the
alternatives the data name for it (model_choices.csv; for a criterion's weight, the span of the
party profiles). A distance of 1 puts the tie at the edge of that range; an input with no stated
range has an infinite distance. The table is sorted nearest first.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from ..inputs.dataset import Dataset
from ..inputs.integrity import choice_settings
from . import profiles, sensitivity, uncertainty
from .aggregation import Weights, normalised_weights
from .extensions import Extensions
from .scoring import active_indicators, indicator_scores, ranking
from .value_functions import RubricScale, ValueFunction, scores_between, value_function
from .wording import amount as _amount
from .wording import bare as _bare
from .wording import of as _of

COLUMNS = ["kind", "input", "today", "tie", "low", "high", "distance", "change", "sentence",
           "venue", "indicator", "criterion"]


def hinges(data: Dataset, weights: Weights, extensions: Extensions = (), pair: tuple[str,
           str] | None = None) -> pd.DataFrame:
    """Every input whose change alone ties the leader and the runner-up, nearest to today's value first.

    Columns: kind, input (in words), today, tie, low and high (the plausible range; NaN where
    none is stated), distance (how far the tie lies towards the edge of that range: 1 at the
    edge), change (relative to today), sentence (in words), and the ids it concerns.
    """
    model = _Model(data, weights, extensions, pair)
    rows = model.value_hinges() + model.within_hinges() + model.criterion_hinges() + model.anchor_hinges()
    table = pd.DataFrame(rows, columns=COLUMNS)
    order = table.assign(size=table.change.abs().fillna(np.inf)).sort_values(["distance", "size"], kind="stable")
    return order.drop(columns="size").reset_index(drop=True)


class _Model:
    """The article's model (plus extensions) at fixed weights, reduced to what the margin needs."""

    def __init__(self, data: Dataset, weights: Weights, extensions: Extensions, pair: tuple[str, str] | None):
        self.data, self.extensions = data, extensions
        self.scores = indicator_scores(data, extensions)
        self.active = active_indicators(data, extensions)
        self.weights = normalised_weights(weights, list(data.criteria.index))
        criterion_table = self._criterion_table(self.scores)
        if pair is None:
            ranked = ranking(criterion_table, self.weights)
            pair = (ranked.index[0], ranked.index[1])
        self.leader, self.runner_up = pair
        self.criterion_table = criterion_table
        totals = self.active.groupby("criterion_id").weight.transform("sum")
        self.share = self.weights[self.active.criterion_id].to_numpy() * self.active.weight / totals
        self.gap = self.scores.loc[self.leader] - self.scores.loc[self.runner_up]
        self.margin = float((self.share * self.gap[self.share.index]).sum())
        self.names = data.venues.name
        self.choices = _choice_alternatives(data)

    def _criterion_table(self, scores: pd.DataFrame) -> pd.DataFrame:
        table = {}
        for criterion in self.data.criteria.index:
            members = self.active[self.active.criterion_id == criterion]
            table[criterion] = scores[members.index] @ (members.weight / members.weight.sum())
        return pd.DataFrame(table)

    def _lead_words(self) -> str:
        return f"{self.names[self.runner_up]} would draw level with {self.names[self.leader]}"

    # -- raw values and rubric levels ----------------------------------------------------------
    def value_hinges(self) -> list[dict]:
        raw = uncertainty.point_values(self.data, self.active.index)
        low, high = uncertainty.bounds(self.data, self.active.index)
        groups = uncertainty.draw_groups(self.data, self.active.index)
        rows = []
        for indicator in self.active.index:
            if groups.loc[self.leader, indicator] == groups.loc[self.runner_up, indicator]:
                continue  # one cell read for both (a national value of one country): it moves both alike
            derived = self.data.indicators.level[indicator] == "derived"
            if derived and raw.loc[self.leader, indicator] == raw.loc[self.runner_up, indicator]:
                continue  # computed alike for both from inputs they share (a country's relations): no hinge of one

            for venue, sign in ((self.leader, 1), (self.runner_up, -1)):
                needed = self.scores.loc[venue, indicator] - sign * self.margin / self.share[indicator]
                scale = value_function(self.data, indicator)
                today = raw.loc[venue, indicator]
                tie = _level_for(scale, needed, sign) if isinstance(scale, RubricScale) else _value_for(scale, needed)
                if tie is None or tie == today:
                    continue
                rows.append(self._value_row(venue, indicator, scale, today, tie,
                                            low.loc[venue, indicator], high.loc[venue, indicator]))
        return rows

    def _value_row(self, venue: str, indicator: str, scale: ValueFunction | RubricScale, today: float, tie: float,
                   low: float, high: float) -> dict:
        row = self.data.indicators.loc[indicator]
        derived = row.level == "derived"
        kind = "rubric level" if isinstance(scale, RubricScale) else ("computed value" if derived else "value")
        stated = (low, high) if low < high else (np.nan, np.nan)
        what = _of(self.names[venue], row.short_name)
        if isinstance(scale, RubricScale):
            label = self.data.rubrics.set_index(["rubric_id", "level"]).label
            sentence = (f"{self._lead_words()} if {what} were level {tie:g} ({label[(indicator, int(tie))]}) "
                        f"instead of {today:g} ({label[(indicator, int(today))]}).")
        else:
            sentence = (f"{self._lead_words()} if {what} were {_amount(tie, row.unit)} instead of "
                        f"{_amount(today, row.unit)}.")
        low, high = stated
        return self._row(kind, what, today, tie, low, high, sentence, venue=venue, indicator=indicator,
                         criterion=row.criterion_id)

    # -- weights inside a criterion ------------------------------------------------------------
    def within_hinges(self) -> list[dict]:
        rows = []
        for criterion, members in self.active.groupby("criterion_id", sort=False):
            if len(members) < 2:
                continue
            weight_c = self.weights[criterion]
            gap, within = self.gap[members.index], members.weight
            inside = float((within * gap).sum() / within.sum())
            rest = self.margin - weight_c * inside  # the margin from every other criterion
            for indicator in members.index:
                others = members.index.drop(indicator)
                a, b = float((within[others] * gap[others]).sum()), float(within[others].sum())
                denominator = weight_c * gap[indicator] + rest
                if denominator == 0:
                    continue
                tie = -(rest * b + weight_c * a) / denominator
                today = float(within[indicator])
                if not tie >= 0 or math.isclose(tie, today):
                    continue
                rows.append(self._within_row(criterion, indicator, others, today, tie))
        return rows

    def _within_row(self, criterion: str, indicator: str, others: Sequence[str], today: float, tie: float) -> dict:
        indicators = self.data.indicators
        low, high = self._judgement_range("weight", (indicator,), today)
        rest = float(indicators.weight[others].sum())
        against = " and ".join(indicators.short_name[o] for o in others)
        side = "less" if tie < today else "more"
        short, within = indicators.short_name[indicator], self.data.criteria.short_name[criterion]
        sentence = (f"{self._lead_words()} if {short} counted for {side} than {tie / rest:.2f} of {against} "
                    f"inside {within} (now {today / rest:.2f}).")
        return self._row("weight inside a criterion", f"the weight of {_bare(short)} inside {within}", today, tie,
                         low, high, sentence, indicator=indicator, criterion=criterion)

    # -- criterion weights ---------------------------------------------------------------------
    def criterion_hinges(self) -> list[dict]:
        gap = self.criterion_table.loc[self.leader] - self.criterion_table.loc[self.runner_up]
        table = profiles.weight_table(self.data)
        rows = []
        for criterion in self.data.criteria.index:
            if gap[criterion] == 0:
                continue  # scores both alike: they would tie only with every weight on it, and nothing else left
            flip = sensitivity.flip_point(gap, self.weights, criterion)
            if flip is None:
                continue
            tie, today = flip[0], float(self.weights[criterion])
            low, high = float(table[criterion].min()), float(table[criterion].max())
            stated = (low, high) if low < high else (np.nan, np.nan)
            side = "less" if tie < today else "more"
            name = self.data.criteria.short_name[criterion]
            sentence = (f"{self._lead_words()} if {name} counted for {side} than {tie:.0%} of the total weight "
                        f"(now {today:.0%}), the other criteria keeping their proportions.")
            rows.append(self._row("criterion weight", f"the weight of {_bare(name)}", today, tie, *stated, sentence,
                                  criterion=criterion))
        return rows

    # -- anchors -------------------------------------------------------------------------------
    def anchor_hinges(self) -> list[dict]:
        raw = uncertainty.point_values(self.data, self.active.index)
        rows = []
        for indicator in self.active.index:
            row = self.data.indicators.loc[indicator]
            if row["shape"] == "rubric" or raw.loc[self.leader, indicator] == raw.loc[self.runner_up, indicator]:
                continue
            values = raw.loc[[self.leader, self.runner_up], indicator].to_numpy()
            for which in ("worst", "best"):
                tie = self._anchor_tie(row, which, values, self.share[indicator], self.gap[indicator])
                if tie is not None:
                    rows.append(self._anchor_row(indicator, which, float(row[which]), tie))
        return rows

    def _anchor_tie(self, row: Any, which: str, values: np.ndarray, share: float, gap: float) -> float | None:
        """The anchor value nearest today's at which the margin is 0, by bisection on a bracketing grid."""
        today = float(row[which])

        def margin(anchor: float) -> float:
            ends = {"worst": row.worst, "best": row.best, which: anchor}
            scores = ValueFunction(ends["worst"], ends["best"], row["shape"], row.direction)(values)
            return self.margin + share * ((scores[0] - scores[1]) - gap)

        grid = _anchor_grid(row, which)
        signs = np.sign(self._margins_at(row, which, grid, values, share, gap))
        crossings = np.flatnonzero(signs[:-1] * signs[1:] <= 0)
        if not len(crossings):
            return None
        ties = [brentq(margin, grid[k], grid[k + 1], xtol=1e-9 * max(1, abs(today))) if signs[k] != 0 else grid[k]
                for k in crossings]
        return min(ties, key=lambda t: abs(t - today))

    def _margins_at(self, row: Any, which: str, anchors: np.ndarray, values: np.ndarray, share: float,
                    gap: float) -> np.ndarray:
        """The margin at every anchor of `anchors` at once: `_anchor_tie`'s margin, with one scale per anchor."""
        worst = anchors if which == "worst" else np.full_like(anchors, float(row.worst))
        best = anchors if which == "best" else np.full_like(anchors, float(row.best))
        scores = scores_between(values[np.newaxis, :], worst[:, np.newaxis], best[:, np.newaxis], row["shape"])
        return self.margin + share * ((scores[:, 0] - scores[:, 1]) - gap)

    def _anchor_row(self, indicator: str, which: str, today: float, tie: float) -> dict:
        row = self.data.indicators.loc[indicator]
        low, high = self._judgement_range("anchor", (indicator, which), today)
        end = "its zero" if which == "worst" else "its top"
        name = _bare(row.short_name)
        sentence = (f"{self._lead_words()} if the scale of {name} put {end} at {_amount(tie, row.unit)} instead of "
                    f"{_amount(today, row.unit)}.")
        return self._row("anchor", f"the {which} anchor of {name}", today, tie, low, high, sentence,
                         indicator=indicator, criterion=row.criterion_id)

    # -- shared --------------------------------------------------------------------------------
    def _judgement_range(self, kind: str, target: tuple, today: float) -> tuple[float, float]:
        """The span of today's setting and the alternatives model_choices.csv names for it; NaN if none."""
        alternatives = self.choices.get((kind, *target), [])
        if not alternatives:
            return np.nan, np.nan
        return min([today, *alternatives]), max([today, *alternatives])

    @staticmethod
    def _row(kind: str, what: str, today: float, tie: float, low: float, high: float, sentence: str, venue: str = "",
             indicator: str = "", criterion: str = "") -> dict:
        return {"kind": kind, "input": what, "today": float(today), "tie": float(tie), "low": low, "high": high,
                "distance": _distance(today, tie, low, high),
                "change": (tie - today) / abs(today) if today else np.nan, "sentence": sentence,
                "venue": venue, "indicator": indicator, "criterion": criterion}


def _value_for(scale: ValueFunction, needed: float) -> float | None:
    """The raw value that scores `needed`, or None if no value can (the score would leave [0, 1])."""
    return scale.inverse(needed) if 0 <= needed <= 1 else None


def _level_for(scale: RubricScale, needed: float, sign: int) -> float | None:
    """The level nearest today's at which the runner-up draws level: the leader's highest level scoring at most
    `needed`, or the runner-up's lowest level scoring at least it."""
    tolerance = 1e-12
    if sign > 0:
        fitting = [level for level, score in scale.scores if score <= needed + tolerance]
        return float(max(fitting)) if fitting else None
    fitting = [level for level, score in scale.scores if score >= needed - tolerance]
    return float(min(fitting)) if fitting else None


def _anchor_grid(row: Any, which: str) -> np.ndarray:
    """Candidate anchor values on the side that keeps the scale valid, finest near today's anchor."""
    other = float(row["best"] if which == "worst" else row["worst"])
    today = float(row[which])
    if row["shape"] == "log":  # a log scale keeps both anchors positive: ratios up to 10^4 away
        below = np.geomspace(max(other, today) * 1e-4, other, 400, endpoint=False) if today < other else None
        above = np.geomspace(other * 1e4, other, 400, endpoint=False)[::-1] if today > other else None
        grid = below if below is not None else above
        assert grid is not None, "a log anchor equal to the other one"  # anchor_problem refuses such a pair
    else:
        span = abs(today - other)
        far = today - 20 * span if today < other else today + 20 * span
        grid = np.linspace(far, other, 2001, endpoint=False)
    grid = np.sort(np.append(grid, today))
    return grid[(grid > 0) | (row["shape"] != "log")]


def _distance(today: float, tie: float, low: float, high: float) -> float:
    """How far the tie lies towards the edge of the plausible range on its side: 1 at the edge."""
    if np.isnan(low) or np.isnan(high):
        return np.inf
    room = (high - today) if tie > today else (today - low)
    return abs(tie - today) / room if room > 0 else np.inf


def _choice_alternatives(data: Dataset) -> dict[tuple, list[float]]:
    """What model_choices.csv offers for each anchor and weight inside a criterion: key -> alternative values."""
    found: dict[tuple, list[float]] = {}
    for c in data.model_choices.itertuples():
        if c.kind in ("anchor", "weight"):
            for key, value in choice_settings(c.kind, c.target, c.value):
                found.setdefault(key, []).append(float(value))
    return found
