"""Robustness to model choices: the verdict under every defensible alternative (model_choices.csv).

Every judgement the model makes is a choice with a stated alternative, kept as data with its
reason: an extension switched on, an indicator left out, an anchor moved, a scale's shape, a
weight inside a criterion, a rubric level one step either way, or a raw value replaced. This
module applies any set of them and reports the margin between the two venues the baseline
ranks first.

Choices that set the same thing (the beach at half or at a third of the reform argument) are
alternatives to each other: a combination takes at most one of them. The choices fall in two
families: those within the article's model, and the team's extensions with the judgements
that only they use. Each family's combinations are counted apart (`choice_figures`), every one
of them when there are at most `EXACT_LIMIT`, else a stated seeded sample.
"""
from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..inputs.dataset import Dataset
from ..inputs.integrity import choice_settings
from .aggregation import normalised_weights
from .scoring import ALL_EXTENSIONS, criterion_scores, indicator_scores, overall_scores
from .uncertainty import point_values
from .value_functions import ValueFunction, value_function

#: Up to this many combinations a family is counted whole; above it, a seeded sample of this size.
EXACT_LIMIT = 4096

#: The two families of choices, in the order pages show them, with the words they use.
FAMILIES = {
    "article": "judgements within the article's model",
    "extensions": "the team's extensions (with the judgements only they use)",
}

ARTICLE_MODEL_LABEL = "(the article's model)"


@dataclass(frozen=True)
class Changes:
    """What a set of choices changes, gathered: each field maps what is changed to its new state."""

    extensions: frozenset = frozenset()
    off: frozenset = frozenset()  # indicator ids left out
    anchors: dict = field(default_factory=dict)  # indicator -> {"worst": x, "best": y}
    shapes: dict = field(default_factory=dict)  # indicator -> "linear" | "log"
    weights: dict = field(default_factory=dict)  # indicator -> weight inside its criterion
    values: dict = field(default_factory=dict)  # (table, record, field) -> raw value (or rubric level)


def changes_of(data: Dataset, choice_ids: Sequence[str]) -> Changes:
    """Gather what the choices change. Two choices that set the same thing are an error."""
    table = data.model_choices.set_index("choice_id")
    return _gather({c: choice_settings(*table.loc[c, ["kind", "target", "value"]]) for c in choice_ids})


def _gather(settings_by_choice: dict) -> Changes:
    extensions: set[str] = set()
    off: set[str] = set()
    anchors: dict = {}
    shapes: dict = {}
    weights: dict = {}
    values: dict = {}
    seen: dict[tuple, str] = {}
    for choice_id, settings in settings_by_choice.items():
        for key, value in settings:
            if key in seen:
                raise ValueError(f"choices '{seen[key]}' and '{choice_id}' both set {'/'.join(key[1:])}: they are "
                                 "alternatives to each other, and a combination takes one of them")
            seen[key] = choice_id
            kind, *target = key
            if kind == "extension":
                extensions.add(target[0])
            elif kind == "indicator_off":
                off.add(target[0])
            elif kind == "anchor":
                anchors.setdefault(target[0], {})[target[1]] = float(value)
            elif kind == "scale":
                shapes[target[0]] = value
            elif kind == "weight":
                weights[target[0]] = float(value)
            else:  # value, level
                values[tuple(target)] = float(value)
    return Changes(frozenset(extensions), frozenset(off), anchors, shapes, weights, values)


def apply(data: Dataset, choice_ids: Sequence[str]) -> tuple[Dataset, list[str]]:
    """A copy of `data` with the choices applied, and the extensions they switch on."""
    changes = changes_of(data, choice_ids)
    indicators, table = data.indicators.copy(), data.venue_table.copy()
    for indicator, ends in changes.anchors.items():
        for which, value in ends.items():
            indicators.loc[indicator, which] = value
    for indicator, shape in changes.shapes.items():
        indicators.loc[indicator, "shape"] = shape
    for indicator, weight in changes.weights.items():
        indicators.loc[indicator, "weight"] = weight
    for (source_table, record, column), value in changes.values.items():
        rows = table.index == record if source_table == "venues" else table.country == record
        table.loc[rows, column] = value
    indicators = indicators.drop(index=sorted(changes.off))
    _check_scales(indicators, changes)
    extensions = [e for e in data.extensions.index if e in changes.extensions]
    return dataclasses.replace(data, indicators=indicators, venue_table=table), extensions


def _check_scales(indicators: pd.DataFrame, changes: Changes) -> None:
    """Anchors and shapes changed together must still make a scale (a log scale needs positive anchors)."""
    for indicator in set(changes.anchors) | set(changes.shapes):
        if indicator in indicators.index:
            row = indicators.loc[indicator]
            ValueFunction(row.worst, row.best, row["shape"], row.direction)  # raises, naming the problem


def overall_with(data: Dataset, weights: pd.Series, choice_ids: Sequence[str] = ()) -> pd.Series:
    """Each venue's overall score with the choices applied."""
    changed, extensions = apply(data, choice_ids)
    return overall_scores(criterion_scores(changed, extensions), weights)


class _Scorer:
    """Overall scores under any set of choices, fast: what no choice touches is scored once.

    Gives exactly what `overall_with` gives (a test compares them), without copying the data
    set and rescoring every indicator for each of thousands of combinations: each choice's
    settings are read once, and an indicator's scores are computed once per set of changes
    that touch it.
    """

    def __init__(self, data: Dataset, weights: pd.Series):
        self.data = data
        table = data.model_choices.set_index("choice_id")
        self.settings = {c: choice_settings(*table.loc[c, ["kind", "target", "value"]]) for c in table.index}
        criteria = list(data.criteria.index)
        self.weights = normalised_weights(weights, criteria).to_numpy()
        indicators = data.indicators
        self.indicators = list(indicators.index)
        self.criterion = np.array([criteria.index(c) for c in indicators.criterion_id])
        self.extension = indicators.extension.to_numpy()
        self.within = indicators.weight.to_numpy(dtype=float)
        self.column = dict(zip(indicators.index, indicators.column))
        self.raw = point_values(data)  # venue x indicator, every indicator
        self.base = indicator_scores(data, ALL_EXTENSIONS)[self.indicators].to_numpy().T  # indicator x venue
        self.country = data.venue_table.country.to_numpy()
        self.venues = self.raw.index
        self._memo: dict[tuple, np.ndarray] = {}

    def _scores_of(self, position: int, changes: Changes) -> np.ndarray:
        indicator = self.indicators[position]
        column = self.column[indicator]
        values = tuple(sorted((key[:2], v) for key, v in changes.values.items() if key[2] == column))
        anchors = tuple(sorted(changes.anchors.get(indicator, {}).items()))
        shape = changes.shapes.get(indicator)
        if not anchors and not values and shape is None:
            return self.base[position]
        key = (indicator, values, anchors, shape)
        if key not in self._memo:
            self._memo[key] = self._rescore(indicator, dict(values), dict(anchors), shape)
        return self._memo[key]

    def _rescore(self, indicator: str, values: dict, anchors: dict, shape: str | None) -> np.ndarray:
        row = self.data.indicators.loc[indicator]
        raw = self.raw[indicator].to_numpy(copy=True)
        for (table, record), value in values.items():
            raw[(self.venues == record) if table == "venues" else (self.country == record)] = value
        if row["shape"] == "rubric":
            return value_function(self.data, indicator)(raw)
        ends = {"worst": row.worst, "best": row.best, **anchors}
        return ValueFunction(ends["worst"], ends["best"], shape or row["shape"], row.direction)(raw)

    def overall(self, choice_ids: Sequence[str]) -> pd.Series:
        return pd.Series(self.totals(choice_ids), index=self.venues, name="overall")

    def totals(self, choice_ids: Sequence[str]) -> np.ndarray:
        """Each venue's overall score, in the order of the venue table, as an array."""
        changes = _gather({c: self.settings[c] for c in choice_ids})
        active = [i for i, name in enumerate(self.indicators)
                  if (not self.extension[i] or self.extension[i] in changes.extensions) and name not in changes.off]
        within = np.array([changes.weights.get(self.indicators[i], self.within[i]) for i in active])
        criterion = self.criterion[active]
        sums = np.bincount(criterion, weights=within, minlength=len(self.weights))
        if (sums <= 0).any():
            empty = list(self.data.criteria.index)[int(np.argmax(sums <= 0))]
            raise ValueError(f"the choices leave criterion '{empty}' with no weight inside it")
        shares = self.weights[criterion] * within / sums[criterion]
        return sum(share * self._scores_of(i, changes) for i, share in zip(active, shares))


def _margin(overall: pd.Series, pair: tuple[str, str]) -> float:
    return float(overall[pair[0]] - overall[pair[1]])


def baseline_pair(data: Dataset, weights: pd.Series) -> tuple[str, str]:
    """The two venues the article's model ranks first and second: the margin is measured between them."""
    ranked = overall_with(data, weights).sort_values(ascending=False)
    return ranked.index[0], ranked.index[1]


def single_switches(data: Dataset, weights: pd.Series) -> pd.DataFrame:
    """One row per choice: the margin with that choice alone, and how far it moves the baseline's, largest first."""
    pair = baseline_pair(data, weights)
    scorer = _Scorer(data, weights)
    base = _margin(scorer.overall([]), pair)
    rows = []
    for choice in data.model_choices.itertuples():
        margin = _margin(scorer.overall([choice.choice_id]), pair)
        rows.append({"choice": choice.choice_id, "kind": choice.kind, "family": family_of(data, choice.choice_id),
                     "margin": margin, "change": margin - base, "reason": choice.reason})
    table = pd.DataFrame(rows).set_index("choice")
    return table.reindex(table.change.abs().sort_values(ascending=False, kind="stable").index)


# --------------------------------------------------------------------------------------------
# Families and their combinations
# --------------------------------------------------------------------------------------------

def touched_indicators(data: Dataset, choice_id: str) -> set[str]:
    """The indicators whose scores or weights a choice can change."""
    choice = data.model_choices.set_index("choice_id").loc[choice_id]
    indicators = data.indicators
    touched = set()
    for (kind, *target), _ in choice_settings(choice.kind, choice.target, choice.value):
        if kind == "extension":
            touched |= set(indicators.index[indicators.extension == target[0]])
        elif kind in ("value", "level"):
            level = {"venues": "city", "countries": "country"}[target[0]]
            touched |= set(indicators.index[(indicators.column == target[2]) & (indicators.level == level)])
        else:
            touched.add(target[0])
    return touched


def family_of(data: Dataset, choice_id: str) -> str:
    """'extensions' for an extension, or a choice that touches only extensions' indicators; else 'article'."""
    choice = data.model_choices.set_index("choice_id").loc[choice_id]
    touched = touched_indicators(data, choice_id)
    if choice.kind == "extension" or (touched and (data.indicators.extension[sorted(touched)] != "").all()):
        return "extensions"
    return "article"


def alternative_groups(data: Dataset, choice_ids: Sequence[str]) -> list[list[str]]:
    """The choices grouped so that choices setting the same thing share a group (alternatives to each other)."""
    table = data.model_choices.set_index("choice_id")
    groups: list[tuple[set, list[str]]] = []
    for choice_id in choice_ids:
        choice = table.loc[choice_id]
        keys = {key for key, _ in choice_settings(choice.kind, choice.target, choice.value)}
        overlapping = [g for g in groups if g[0] & keys]
        merged_keys, merged_ids = set(keys), []
        for g in overlapping:
            merged_keys |= g[0]
            merged_ids += g[1]
            groups.remove(g)
        groups.append((merged_keys, merged_ids + [choice_id]))
    order = {c: n for n, c in enumerate(choice_ids)}
    return sorted((sorted(ids, key=order.__getitem__) for _, ids in groups), key=lambda ids: order[ids[0]])


def enumerate_combinations(groups: list[list[str]], limit: int = EXACT_LIMIT,
                           seed: int = 2019) -> tuple[list[tuple[str, ...]], int, bool]:
    """Every combination taking at most one choice per group, or a seeded sample of `limit` of them.

    Returns the combinations, how many there are in all, and whether every one is listed.
    """
    sizes = [len(g) + 1 for g in groups]  # each group: none of its choices, or one of them
    every = int(np.prod(sizes, dtype=object)) if sizes else 1
    picks: Iterable[tuple[int, ...]]
    if every <= limit:
        picks = itertools.product(*(range(s) for s in sizes))
        exact = True
    else:
        numbers = np.random.default_rng(seed).choice(every, size=limit, replace=False)
        picks = (_digits(int(n), sizes) for n in sorted(numbers))
        exact = False
    combos = [tuple(g[p - 1] for g, p in zip(groups, pick) if p) for pick in picks]
    return combos, every, exact


def _digits(number: int, sizes: list[int]) -> tuple[int, ...]:
    """`number` in the mixed radix of `sizes`, the last group varying fastest (as itertools.product)."""
    digits = []
    for size in reversed(sizes):
        number, digit = divmod(number, size)
        digits.append(digit)
    return tuple(reversed(digits))


@dataclass(frozen=True)
class ChoiceFigure:
    """How often the leader stays first over the combinations of one family of choices."""

    family: str
    leader: str
    runner_up: str
    combinations: int  # how many combinations the family has
    evaluated: int  # how many were scored: all of them when `exact`
    exact: bool
    first: int  # combinations (of those scored) in which the leader is strictly first
    table: pd.DataFrame = field(repr=False)  # one row per combination: choices, count, margin, leader

    @property
    def share(self) -> float:
        return self.first / self.evaluated

    @property
    def label(self) -> str:
        return FAMILIES[self.family]

    def counted(self) -> str:
        """How the share was counted, in words."""
        if self.exact:
            return f"all {self.combinations:,} combinations"
        return f"a seeded sample of {self.evaluated:,} of the {self.combinations:,} combinations"

    def sentence(self, names: Mapping[str, str]) -> str:
        return (f"{names[self.leader]} stays first in {self.first:,} of {self.evaluated:,} combinations "
                f"({self.share:.0%}) of {self.label}" + ("" if self.exact else f" ({self.counted()})") + ".")


def family_combinations(data: Dataset, weights: pd.Series, family: str, limit: int = EXACT_LIMIT,
                        seed: int = 2019, scorer: _Scorer | None = None) -> ChoiceFigure:
    """Every combination of one family's choices (the other family's left as in the baseline), scored."""
    if family not in FAMILIES:
        raise ValueError(f"unknown family {family!r}; the families are {', '.join(FAMILIES)}")
    ids = [c for c in data.model_choices.choice_id if family_of(data, c) == family]
    pair = baseline_pair(data, weights)
    combos, every, exact = enumerate_combinations(alternative_groups(data, ids), limit, seed)
    scorer = scorer or _Scorer(data, weights)
    first, second = (scorer.venues.get_loc(v) for v in pair)
    totals = np.array([scorer.totals(chosen) for chosen in combos]).reshape(len(combos), len(scorer.venues))
    rivals = np.delete(totals, first, axis=1)
    table = pd.DataFrame({"choices": [", ".join(c) or ARTICLE_MODEL_LABEL for c in combos],
                          "count": [len(c) for c in combos],
                          "margin": totals[:, first] - totals[:, second],
                          "leader": scorer.venues[totals.argmax(axis=1)],
                          "leader_first": (totals[:, [first]] > rivals).all(axis=1)})
    return ChoiceFigure(family, pair[0], pair[1], every, len(combos), exact, int(table.leader_first.sum()), table)


def choice_figures(data: Dataset, weights: pd.Series, limit: int = EXACT_LIMIT,
                   seed: int = 2019) -> dict[str, ChoiceFigure]:
    """The model-choice figure, computed once: per family, how often the leader stays first."""
    scorer = _Scorer(data, weights)
    return {family: family_combinations(data, weights, family, limit, seed, scorer) for family in FAMILIES}
