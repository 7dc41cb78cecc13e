"""Raw indicator values known only within bounds, with everything needed to score them (`UncertainScores`)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..value_functions import RubricScale, ValueFunction

Scale = ValueFunction | RubricScale


@dataclass(frozen=True, eq=False)
class UncertainScores:
    """Raw indicator values known only within bounds, with everything needed to score them.

    Array-level on purpose: no Dataset or pandas knowledge is needed (see `from_frames` for
    labelled input). Shapes: `low`, `high`, `group` are venues x indicators, `scales` has one
    entry per indicator, `membership` is indicators x criteria.

    - `low`, `high`: the plausible range of each raw value (equal when the value is certain).
      A value is drawn uniformly in between: low + u (high - low).
    - `group`: cells with the same group id share one uniform draw u per sample, so a
      national figure shared by every city of a country moves for all of them at once and
      never opens a random gap between them. Certain cells may carry any group id.
    - `scales`: per indicator a `ValueFunction` (clipped linear or log scale between its
      anchors) or a `RubricScale` (for a rubric cell with low < high, one of the rubric's
      levels within [low, high] is drawn by the cell's group draw: with the probabilities
      `level_probabilities` gives the cell, lowest level first, else all equally likely).
    - `membership`: within-criterion weights of the indicators; every column sums to 1, and
      criterion scores = indicator scores @ membership.

    The arrays are copied and made read-only; every inconsistency is a ValueError that
    names the venue and indicator (or criterion) concerned.
    """

    low: np.ndarray
    high: np.ndarray
    group: np.ndarray
    scales: tuple[Scale, ...]
    membership: np.ndarray
    venues: tuple[str, ...]
    indicators: tuple[str, ...]
    criteria: tuple[str, ...]
    level_probabilities: Mapping[tuple[int, int], tuple[float, ...]] | None = None  # (venue, indicator) positions

    def __post_init__(self) -> None:
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731 (frozen)
        for name in ("venues", "indicators", "criteria"):
            set_(name, self._checked_ids(name))
        shape = (len(self.venues), len(self.indicators))
        for name in ("low", "high"):
            set_(name, self._checked_bounds(name, shape))
        reversed_ = self.low > self.high
        if reversed_.any():
            v, i = np.argwhere(reversed_)[0]
            raise ValueError(f"{self._cell(v, i)}: low bound {self.low[v, i]:g} is above high bound "
                             f"{self.high[v, i]:g}")
        set_("group", self._checked_group(shape))
        set_("scales", self._checked_scales(shape))
        set_("membership", self._checked_membership(shape))
        self._check_rubric_cells()
        set_("level_probabilities", self._checked_probabilities())

    def _checked_ids(self, name: str) -> tuple[str, ...]:
        ids = tuple(str(x) for x in getattr(self, name))
        if len(set(ids)) != len(ids):
            raise ValueError(f"{name}: an id appears twice ({', '.join(ids)})")
        return ids

    def _checked_bounds(self, name: str, shape: tuple[int, int]) -> np.ndarray:
        array = np.array(getattr(self, name), dtype=float)
        if array.shape != shape:
            raise ValueError(f"{name} has shape {array.shape}, but there are {shape[0]} venues and "
                             f"{shape[1]} indicators: it must be {shape}")
        bad = ~np.isfinite(array)
        if bad.any():
            v, i = np.argwhere(bad)[0]
            raise ValueError(f"{self._cell(v, i)}: {name} bound is {array[v, i]} (bounds must be finite numbers)")
        array.flags.writeable = False
        return array

    def _checked_group(self, shape: tuple[int, int]) -> np.ndarray:
        group = np.array(self.group)
        if group.shape != shape:
            raise ValueError(f"group has shape {group.shape}; it must be {shape} (venues x indicators)")
        if group.size and not np.issubdtype(group.dtype, np.integer):
            raise ValueError(f"group ids must be integers, not {group.dtype}")
        group = group.astype(np.int64)
        group.flags.writeable = False
        return group

    def _checked_scales(self, shape: tuple[int, int]) -> tuple[Scale, ...]:
        scales = tuple(self.scales)
        if len(scales) != shape[1]:
            raise ValueError(f"{len(scales)} scales for {shape[1]} indicators: give one scale per indicator")
        for indicator, scale in zip(self.indicators, scales):
            if not isinstance(scale, (ValueFunction, RubricScale)):
                raise ValueError(f"indicator '{indicator}': the scale must be a ValueFunction or a RubricScale, "
                                 f"not {type(scale).__name__}")
        return scales

    def _checked_membership(self, shape: tuple[int, int]) -> np.ndarray:
        membership = np.array(self.membership, dtype=float)
        if membership.shape != (shape[1], len(self.criteria)):
            raise ValueError(f"membership has shape {membership.shape}; it must be indicators x criteria = "
                             f"{(shape[1], len(self.criteria))}")
        if not np.isfinite(membership).all() or (membership < 0).any():
            i, c = np.argwhere(~(np.isfinite(membership) & (membership >= 0)))[0]
            raise ValueError(f"membership of indicator '{self.indicators[i]}' in criterion '{self.criteria[c]}' "
                             f"is {membership[i, c]}; it must be a number >= 0")
        sums = membership.sum(axis=0)
        off = np.abs(sums - 1) > 1e-6
        if off.any():
            c = int(np.argmax(off))
            raise ValueError(f"membership column of criterion '{self.criteria[c]}' sums to {sums[c]:g}; the "
                             f"within-criterion weights of each criterion must sum to 1")
        membership.flags.writeable = False
        return membership

    def _check_rubric_cells(self) -> None:
        """A rubric cell names a level of its rubric, or spans at least one."""
        for i, scale in enumerate(self.scales):
            if not isinstance(scale, RubricScale):
                continue
            levels = np.array(scale.levels, dtype=float)
            for v in range(len(self.venues)):
                low, high = self.low[v, i], self.high[v, i]
                if low == high and low not in levels:
                    raise ValueError(f"{self._cell(v, i)}: {low:g} is not a level of rubric "
                                     f"'{scale.rubric_id}' (levels {', '.join(map(str, scale.levels))})")
                if not ((levels >= low) & (levels <= high)).any():
                    raise ValueError(f"{self._cell(v, i)}: no level of rubric '{scale.rubric_id}' lies "
                                     f"within [{low:g}, {high:g}]")

    def _checked_probabilities(self) -> dict[tuple[int, int], tuple[float, ...]]:
        """Each weighted rubric cell's probabilities: one per level in its range, none negative, summing to 1."""
        checked = {}
        for (v, i), probabilities in (self.level_probabilities or {}).items():
            scale = self.scales[i]
            if not isinstance(scale, RubricScale):
                raise ValueError(f"{self._cell(v, i)}: level probabilities are given, but the indicator has no rubric")
            levels = np.array(scale.levels, dtype=float)
            inside = int(((levels >= self.low[v, i]) & (levels <= self.high[v, i])).sum())
            probabilities = tuple(float(p) for p in probabilities)
            if len(probabilities) != inside:
                raise ValueError(f"{self._cell(v, i)}: {len(probabilities)} level probabilities for {inside} "
                                 f"levels within [{self.low[v, i]:g}, {self.high[v, i]:g}]")
            if min(probabilities) < 0 or abs(sum(probabilities) - 1) > 1e-9:
                raise ValueError(f"{self._cell(v, i)}: level probabilities {probabilities} must be 0 or more "
                                 "and sum to 1")
            checked[(int(v), int(i))] = probabilities
        return checked

    def _cell(self, v: int, i: int) -> str:
        return f"venue '{self.venues[v]}', indicator '{self.indicators[i]}'"

    @property
    def shape(self) -> tuple[int, int, int]:
        """(venues, indicators, criteria)."""
        return len(self.venues), len(self.indicators), len(self.criteria)

    @classmethod
    def from_frames(cls, low: pd.DataFrame, high: pd.DataFrame | None = None, group: pd.DataFrame | None = None,
                    *, scales: Mapping[str, Any], membership: pd.DataFrame,
                    level_probabilities: Mapping[tuple[str, str], tuple[float, ...]] | None = None) -> UncertainScores:
        """Labelled input: venues x indicators frames, `scales` a mapping indicator -> scale.

        `high` defaults to `low` (all values certain); `group` defaults to one group per
        cell (every uncertain value drawn independently). `high`, `group` and `membership`
        are aligned on the labels of `low`; a missing label is an error. `level_probabilities`
        maps (venue, indicator) labels to the probabilities of the levels in the cell's range.
        """
        venues, indicators = list(low.index), list(low.columns)

        def aligned(frame: pd.DataFrame, name: str) -> np.ndarray:
            missing = [x for x in venues if x not in frame.index] + [x for x in indicators if x not in frame.columns]
            if missing:
                raise ValueError(f"{name} lacks {missing[0]!r}, which `low` has")
            return frame.loc[venues, indicators].to_numpy()

        low_values = low.to_numpy(dtype=float)
        high_values = low_values if high is None else aligned(high, "high").astype(float)
        groups = (np.arange(low_values.size).reshape(low_values.shape) if group is None
                  else aligned(group, "group"))
        missing = [x for x in indicators if x not in membership.index]
        if missing:
            raise ValueError(f"membership lacks indicator {missing[0]!r}")
        missing = [x for x in indicators if x not in scales]
        if missing:
            raise ValueError(f"no scale for indicator {missing[0]!r}")
        weighted = {(venues.index(v), indicators.index(i)): p for (v, i), p in (level_probabilities or {}).items()
                    if v in venues and i in indicators}
        return cls(low_values, high_values, groups, tuple(scales[x] for x in indicators),
                   membership.loc[indicators].to_numpy(dtype=float), tuple(venues), tuple(indicators),
                   tuple(membership.columns), weighted)
