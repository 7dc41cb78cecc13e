"""What makes a written-down scale valid: the rules the loader checks `indicators.csv` and `rubrics.csv`
against, and that `decision.value_functions` enforces when it builds a scale.

Kept in the data layer so that reading and checking the files needs nothing from the decision
layer, while the rule is still written once.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

SHAPES = ("linear", "log")
DIRECTIONS = ("benefit", "cost")


def anchor_problem(worst: float, best: float, shape: str, direction: str) -> str | None:
    """Why two anchors, a shape and a direction make no value function, or None when they do."""
    for name, value in (("worst", worst), ("best", best)):
        if value is None or not math.isfinite(value):
            return f"anchor '{name}' is empty: a value function needs both anchors"
    if shape not in SHAPES:
        return f"shape '{shape}' is not one of {', '.join(SHAPES)}"
    if direction not in DIRECTIONS:
        return f"direction '{direction}' is not one of {', '.join(DIRECTIONS)}"
    if worst == best:
        return f"anchor pair is empty: worst and best are both {worst:g}"
    if (direction == "benefit") != (best > worst):
        expected = "best > worst" if direction == "benefit" else "best < worst"
        return (f"anchors are reversed for a {direction} indicator: worst={worst:g}, best={best:g}, "
                f"but a {direction} indicator needs {expected}")
    if shape == "log" and min(worst, best) <= 0:
        return "a log value function needs anchors above zero"
    return None


def rubric_problem(rubric_id: str, scores: Sequence[tuple[int, float]]) -> str | None:
    """Why (level, score) pairs make no rubric, or None: at least two levels, from 0 to 1, rising."""
    values = [score for _, score in sorted(scores)]
    if len(values) < 2:
        return f"rubric '{rubric_id}' needs at least two levels"
    if values[0] != 0 or values[-1] != 1:
        return (f"rubric '{rubric_id}': the lowest level must score 0 and the highest 1 "
                f"(they score {values[0]:g} and {values[-1]:g})")
    if any(b <= a for a, b in zip(values, values[1:])):
        return f"rubric '{rubric_id}': scores must rise with the level ({values})"
    return None


def rubric_pairs(rubrics: pd.DataFrame, rubric_id: str) -> list[tuple[int, float]]:
    """The (level, score) pairs `rubrics.csv` gives one rubric, lowest level first."""
    levels = rubrics[rubrics.rubric_id == rubric_id]
    return sorted(zip(levels.level.astype(int), levels.score.astype(float)))
