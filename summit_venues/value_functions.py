"""Value functions: fixed scales that turn an indicator's raw value into a score in [0, 1].

Each scale is written down as two anchors, `worst` (scores 0) and `best` (scores 1),
and a shape between them. Scores are clipped at the anchors: a venue better than
`best` gains nothing more. Because the anchors are fixed, a venue's score never
depends on which other venues are compared (unlike min-max or TOPSIS normalisation).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SHAPES = ("linear", "log")
DIRECTIONS = ("benefit", "cost")


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
        for name in ("worst", "best"):
            value = getattr(self, name)
            if value is None or not np.isfinite(value):
                raise ValueError(f"anchor '{name}' is empty: a value function needs both anchors")
        if self.shape not in SHAPES:
            raise ValueError(f"shape '{self.shape}' is not one of {', '.join(SHAPES)}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"direction '{self.direction}' is not one of {', '.join(DIRECTIONS)}")
        if self.worst == self.best:
            raise ValueError(f"anchor pair is empty: worst and best are both {self.worst:g}")
        if (self.direction == "benefit") != (self.best > self.worst):
            expected = "best > worst" if self.direction == "benefit" else "best < worst"
            raise ValueError(
                f"anchors are reversed for a {self.direction} indicator: worst={self.worst:g}, "
                f"best={self.best:g}, but a {self.direction} indicator needs {expected}")
        if self.shape == "log" and min(self.worst, self.best) <= 0:
            raise ValueError("a log value function needs anchors above zero")

    def __call__(self, x):
        """Score one value or an array of values; NaN stays NaN (a missing value is never a zero)."""
        x = np.asarray(x, dtype=float)
        if self.shape == "log":
            with np.errstate(divide="ignore", invalid="ignore"):
                # A non-positive raw value lies below any positive anchor: it clips to the low end.
                position = (np.log(np.where(x > 0, x, np.nextafter(0, 1))) - np.log(self.worst)) / (
                    np.log(self.best) - np.log(self.worst))
        else:
            position = (x - self.worst) / (self.best - self.worst)
        return np.where(np.isnan(x), np.nan, np.clip(position, 0.0, 1.0))

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
        ordered = tuple(sorted(self.scores))
        object.__setattr__(self, "scores", ordered)
        if len(ordered) < 2:
            raise ValueError(f"rubric '{self.rubric_id}' needs at least two levels")
        values = [score for _, score in ordered]
        if values[0] != 0 or values[-1] != 1:
            raise ValueError(f"rubric '{self.rubric_id}': the lowest level must score 0 and the highest 1 "
                             f"(they score {values[0]:g} and {values[-1]:g})")
        if any(b <= a for a, b in zip(values, values[1:])):
            raise ValueError(f"rubric '{self.rubric_id}': scores must rise with the level ({values})")

    @property
    def levels(self) -> list[int]:
        return [level for level, _ in self.scores]

    @property
    def worst(self) -> int:
        return self.levels[0]

    @property
    def best(self) -> int:
        return self.levels[-1]

    def __call__(self, x):
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
