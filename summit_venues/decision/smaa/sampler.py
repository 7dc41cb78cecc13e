"""The uncertain cells of an `UncertainScores`, compiled for fast vectorised sampling."""
from __future__ import annotations

from typing import Any

import numpy as np

from ..value_functions import RubricScale, ValueFunction
from .values import UncertainScores


class ValueSampler:
    """The uncertain cells of an `UncertainScores`, compiled for fast vectorised sampling.

    Scores go into a venue x uncertain-indicator x sample array (float32). Its indicators are
    ordered by kind of scale (linear, log, rubric), so each kind is one strided block that the
    arithmetic writes in place; certain cells of those indicators are written as constants
    (a zero-width range). Indicators with every value certain go into `base` instead.
    """

    KINDS = ("linear", "log", "rubric")

    def __init__(self, data: UncertainScores, capacity: int):
        n_venues, n_indicators, _ = data.shape
        base, uncertain, in_range = self._classify(data)
        kind = lambda i: _kind(data.scales[i])  # noqa: E731
        columns = [i for k in self.KINDS for i in np.flatnonzero(uncertain.any(axis=0)) if kind(i) == k]
        self.columns = np.array(columns, dtype=np.intp)
        base[:, self.columns] = 0  # these indicators are scored per sample, their certain cells included
        self.base = base
        self.shape = (n_venues, len(columns))
        group_row: dict[int, int] = {}  # group id -> row of the uniform draws, in order of first use
        self.blocks = []
        start = 0
        for k in self.KINDS:
            indicators = [i for i in columns if kind(i) == k]
            if indicators:
                draws = self._draw_rows(data, indicators, uncertain, group_row)
                params = self._parameters(k, data, indicators, uncertain, in_range)
                self.blocks.append((k, slice(start, start + len(indicators)), draws, params))
                start += len(indicators)
        self.n_groups = len(group_row)
        self.group_row = group_row  # group id -> its row of the uniform draws
        self._allocate(capacity)

    @staticmethod
    def _classify(data: UncertainScores) -> tuple[np.ndarray, np.ndarray, dict[tuple[Any, Any], np.ndarray]]:
        """Each cell's score if certain (`base`), whether it is uncertain, and a rubric cell's scores in range."""
        n_venues, n_indicators, _ = data.shape
        base = np.zeros((n_venues, n_indicators))
        uncertain = np.zeros((n_venues, n_indicators), dtype=bool)
        in_range = {}
        for i, scale in enumerate(data.scales):
            low, high = data.low[:, i], data.high[:, i]
            if isinstance(scale, RubricScale):
                levels = np.array(scale.levels, dtype=float)
                for v in range(n_venues):
                    inside = (levels >= low[v]) & (levels <= high[v])
                    in_range[v, i] = np.array([s for _, s in scale.scores])[inside]
                    uncertain[v, i] = inside.sum() > 1
                    base[v, i] = in_range[v, i][0]
            else:
                at_low, at_high = scale(low), scale(high)
                uncertain[:, i] = at_low != at_high  # equal: certain, or a range wholly beyond one anchor
                base[:, i] = at_low
        return base, uncertain, in_range

    @staticmethod
    def _draw_rows(data: UncertainScores, indicators: list[Any], uncertain: np.ndarray,
                   group_row: dict[int, int]) -> slice | np.ndarray:
        """Which row of the uniform draws each cell reads: one row per group, in order of first use."""
        n_venues = data.shape[0]
        cells = [(v, i) for v in range(n_venues) for i in indicators]
        draws = np.array([group_row.setdefault(int(data.group[v, i]), len(group_row))
                          if uncertain[v, i] else -1 for v, i in cells]).reshape(n_venues, len(indicators))
        draws[draws < 0] = draws.max()  # certain cells ignore their draw: reuse any
        if (np.diff(draws.ravel()) == 1).all():  # the common case: a view, not a copy
            return slice(int(draws.flat[0]), int(draws.flat[-1]) + 1)
        return draws

    @staticmethod
    def _parameters(kind: str, data: UncertainScores, indicators: list[Any], uncertain: np.ndarray,
                    in_range: dict[tuple[Any, Any], np.ndarray]) -> tuple[Any, ...]:
        """What `fill` needs to score a block of one kind, per cell (venue x indicator x 1, broadcast over samples)."""
        low = data.low[:, indicators]
        high = np.where(uncertain[:, indicators], data.high[:, indicators], low)

        def per_cell(x: np.ndarray | float, dtype: type = np.float32) -> np.ndarray:
            return np.broadcast_to(x, low.shape).astype(dtype)[..., None]
        anchor = {name: np.array([getattr(data.scales[i], name) for i in indicators], dtype=float)
                  for name in ("worst", "best")}
        if kind == "linear":  # score = clip((low + u (high - low) - worst) / (best - worst), 0, 1)
            span = anchor["best"] - anchor["worst"]
            return per_cell((low - anchor["worst"]) / span), per_cell((high - low) / span)
        if kind == "log":  # clamp the raw value to the anchors first: the same as clipping the score
            slope = 1 / (np.log(anchor["best"]) - np.log(anchor["worst"]))
            return (per_cell(low), per_cell(high - low), per_cell(np.minimum(anchor["worst"], anchor["best"])),
                    per_cell(np.maximum(anchor["worst"], anchor["best"])), per_cell(slope),
                    per_cell(-np.log(anchor["worst"]) * slope))
        # A table of the scores of the levels in range, one row per cell, and where each level begins.
        cells = [(v, i) for v in range(data.shape[0]) for i in indicators]
        scores = [in_range[cell] if uncertain[cell] else in_range[cell][:1] for cell in cells]
        width = max(len(x) for x in scores)
        table = np.zeros((len(cells), width), dtype=np.float32)
        starts = np.full((len(cells), max(width - 1, 1)), 2.0, dtype=np.float32)  # 2: never reached
        for row, (cell, x) in enumerate(zip(cells, scores)):
            table[row, :len(x)] = x
            weights = (data.level_probabilities or {}).get(cell, np.full(len(x), 1 / len(x)))
            starts[row, :len(x) - 1] = np.cumsum(weights)[:-1]  # level k is drawn when u >= starts[k - 1]
        return ([np.ascontiguousarray(starts[:, k].reshape(low.shape))[..., None] for k in range(starts.shape[1])],
                per_cell(np.arange(len(cells)).reshape(low.shape) * width, np.intp), table.ravel())

    def _allocate(self, capacity: int) -> None:
        """Work space, allocated once: fresh large arrays in every chunk would cost page faults."""
        n_venues = self.shape[0]
        self.capacity = capacity
        self.scores = np.zeros(self.shape + (capacity,), dtype=np.float32)
        self._uniform = np.empty(self.n_groups * capacity, dtype=np.float32)
        block_sizes = {kind: n_venues * (columns.stop - columns.start) * capacity
                       for kind, columns, _, _ in self.blocks}
        gathered = [block_sizes[kind] for kind, _, draws, _ in self.blocks if not isinstance(draws, slice)]
        self._gathered = np.empty(max(gathered, default=0), dtype=np.float32)
        self._levels = np.empty(block_sizes.get("rubric", 0), dtype=np.float32)
        self._index = np.empty(block_sizes.get("rubric", 0), dtype=np.intp)
        self._reached = np.empty(block_sizes.get("rubric", 0), dtype=bool)

    def uniform_draws(self, n: int) -> np.ndarray:
        """The uniform draws of the last `fill` of n samples: group row x sample (a view)."""
        return self._uniform[:self.n_groups * n].reshape(self.n_groups, n)

    def fill(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Draw n samples (n <= capacity); returns venue x uncertain indicator x sample scores (a view)."""
        uniform = self._uniform[:self.n_groups * n].reshape(self.n_groups, n)
        rng.random(out=uniform, dtype=np.float32)
        for kind, columns, draws, params in self.blocks:
            out = self.scores[:, columns, :n]
            if isinstance(draws, slice):  # one draw per group, shared by the group's cells
                u = uniform[draws].reshape(out.shape)
            else:
                u = self._gathered[:out.size].reshape(out.shape)
                np.take(uniform, draws, axis=0, out=u, mode="clip")  # valid rows; "clip" avoids a buffer
            if kind == "linear":
                offset, slope = params
                np.multiply(u, slope, out=out)
                out += offset
                np.clip(out, 0, 1, out=out)
            elif kind == "log":
                low, span, smallest, largest, slope, offset = params
                np.multiply(u, span, out=out)
                out += low
                np.clip(out, smallest, largest, out=out)
                np.log(out, out=out)
                out *= slope
                out += offset
                np.clip(out, 0, 1, out=out)
            else:  # rubric: the level whose share of [0, 1) holds u, then its score
                starts, rows, table = params
                levels = self._levels[:out.size].reshape(out.shape)
                index = self._index[:out.size].reshape(out.shape)
                index[...] = rows
                for start in starts:
                    np.greater_equal(u, start, out=self._reached[:out.size].reshape(out.shape))
                    index += self._reached[:out.size].reshape(out.shape)
                # Into contiguous memory first: `take` into a strided view is three times slower.
                np.take(table, index, out=levels, mode="clip")  # valid indices; "clip" avoids a buffer
                out[...] = levels
        return self.scores[..., :n]


def _kind(scale: ValueFunction | RubricScale) -> str:
    """The kind of a scale, as the sampler groups them: its shape, or 'rubric'."""
    return "rubric" if isinstance(scale, RubricScale) else scale.shape
