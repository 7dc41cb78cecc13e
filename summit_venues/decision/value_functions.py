"""Value functions: fixed scales that turn an indicator's raw value into a score in [0, 1].

Each scale is written down as two anchors, `worst` (scores 0) and `best` (scores 1),
and a shape between them. Scores are clipped at the anchors: a venue better than
`best` gains nothing more. Because the anchors are fixed, a venue's score never
depends on which other venues are compared (unlike min-max or TOPSIS normalisation).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..inputs.dataset import Dataset
from ..inputs.scale_rules import DIRECTIONS, SHAPES, anchor_problem, rubric_pairs, rubric_problem

__all__ = ["DIRECTIONS", "SHAPES", "RubricScale", "ValueFunction", "value_function"]

def scores_between(x: Any, worst: Any, best: Any, shape: str) -> Any:
    """The scores of raw values `x` on the scale from `worst` (0) to `best` (1) of `shape`, clipped to [0, 1]; NaN
    stays NaN. Anchors may be arrays that broadcast against `x` (many scales at once, as the hinges scan them)."""
    x = np.asarray(x, dtype=float)
    if shape == "log":
        with np.errstate(divide="ignore", invalid="ignore"):
            # A non-positive raw value lies below any positive anchor: it clips to the low end.
            position = (np.log(np.where(x > 0, x, np.nextafter(0, 1))) - np.log(worst)) / (np.log(best) - np.log(worst))
    else:
        position = (x - worst) / (best - worst)
    return np.where(np.isnan(x), np.nan, np.clip(position, 0.0, 1.0))


@dataclass(frozen=True)
class ValueFunction:
    """A monotone value function between two anchors.

    - `linear`: equal steps in the raw value are worth equal steps in score.
    - `log`: equal ratios are worth equal steps (diminishing returns), for
      quantities such as visitor numbers that span orders of magnitude.
    """

    worst: float
    best: float
    shape: str = "linear"
    direction: str = "benefit"

    def __post_init__(self) -> None:
        problem = anchor_problem(self.worst, self.best, self.shape, self.direction)
        if problem:
            raise ValueError(problem)

    def __call__(self, x: float | np.ndarray) -> Any:  # a float for a float, an array for an array
        """Score one value or an array of values; NaN stays NaN (a missing value is never a zero)."""
        return scores_between(x, self.worst, self.best, self.shape)

    def inverse(self, score: float) -> float:
        """The raw value that scores `score` (between 0 and 1): the anchor itself at 0 or 1."""
        if not 0 <= score <= 1:
            raise ValueError(f"a score of {score:g} lies outside [0, 1]: no raw value gives it")
        if self.shape == "log":
            return float(np.exp(np.log(self.worst) + score * (np.log(self.best) - np.log(self.worst))))
        return float(self.worst + score * (self.best - self.worst))

    def describe(self) -> str:
        """One line for tables and chart legends."""
        return f"{self.shape}: {self.worst:g} scores 0, {self.best:g} scores 1"


@dataclass(frozen=True)
class RubricScale:
    """A qualitative judgement as data: numbered levels, each with a written meaning and a score.

    The lowest level scores 0 and the highest 1, like the anchors of a value function,
    and a higher level always scores more. A level the rubric does not define is an
    error, never a silent zero.
    """

    rubric_id: str
    scores: tuple[tuple[int, float], ...]  # (level, score), in any order

    def __post_init__(self) -> None:
        object.__setattr__(self, "scores", tuple(sorted(self.scores)))
        problem = rubric_problem(self.rubric_id, self.scores)
        if problem:
            raise ValueError(problem)

    @property
    def levels(self) -> list[int]:
        return [level for level, _ in self.scores]

    @property
    def worst(self) -> int:
        return self.levels[0]

    @property
    def best(self) -> int:
        return self.levels[-1]

    def __call__(self, x: float | np.ndarray) -> Any:  # a float for a float, an array for an array
        """Score one level or an array of levels; NaN stays NaN."""
        lookup = dict(self.scores)
        x = np.asarray(x, dtype=float)
        out = np.full(x.shape, np.nan)
        for index, level in np.ndenumerate(x):
            if np.isnan(level):
                continue
            if level not in lookup:
                raise ValueError(f"level {level:g} is not a level of rubric '{self.rubric_id}' "
                                 f"(levels {', '.join(map(str, self.levels))})")
            out[index] = lookup[level]
        return out

    def describe(self) -> str:
        return f"rubric: level {self.worst} scores 0, level {self.best} scores 1"


def value_function(data: Dataset, indicator_id: str) -> ValueFunction | RubricScale:
    """The fixed scale of one indicator of `data`: a value function, or the levels of its rubric."""
    row = data.indicators.loc[indicator_id]
    if row["shape"] == "rubric":
        return RubricScale(indicator_id, tuple(rubric_pairs(data.rubrics, indicator_id)))
    return ValueFunction(row["worst"], row["best"], row["shape"], row["direction"])
