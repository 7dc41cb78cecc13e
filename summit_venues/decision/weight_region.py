"""Regions of the weight simplex cut out by a venue's leads over its rivals, found exactly.

Under the weighted sum a venue ranks at least level with a rival at weights w exactly where
gap . w >= 0, gap being the venue's criterion scores minus the rival's. Weights lie on the
simplex (each >= 0, together 1), so several leads cut it to a convex polytope, the region.
Nothing here samples:

- whether the region is empty, and whether the venue can lead strictly anywhere in it, is one
  linear programme: the largest smallest lead (HiGHS, through scipy);
- the least and the most weight each criterion can have inside it are two more each;
- its vertices are the points where k - 1 of its constraints meet (k criteria), all of them
  tried: a handful of small linear systems, so the same code serves thousands of draws, or of
  sets of model choices, at once;
- its share of the simplex and its centroid come from splitting it into simplices (a cone from
  an inner point to each triangulated facet of its convex hull), in orthonormal coordinates on
  the plane where the weights sum to 1; there the whole simplex has volume sqrt(k) / (k - 1)!.

Ties count as agreement, so the region is closed. Where the venue can at best tie (a region
with no volume, or a rival with the very same scores) its status says so, and its share is 0.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.optimize import linprog
from scipy.spatial import ConvexHull

from .aggregation import Weights

#: The region's status: no weights at all; weights where the venue only ties; weights where it leads.
EMPTY, TIES_ONLY, CONSISTENT = "empty", "ties only", "consistent"
#: How close to zero counts as zero, for leads and weights that lie in [-1, 1].
TOLERANCE = 1e-9
#: Memory for the linear systems of one batch of draws.
CHUNK_BYTES = 16 << 20


@dataclass(frozen=True)
class Region:
    """The weight vectors at which every lead of `gaps` (rows x criteria) is >= 0."""

    gaps: pd.DataFrame
    status: str  # EMPTY, TIES_ONLY or CONSISTENT
    lead: float  # the largest, over the region, of the smallest lead (inf with no rival)
    bounds: pd.DataFrame  # criterion x (least, most): each weight's range inside the region (NaN if empty)
    share: float  # the region's share of the simplex: weights drawn uniformly fall in it this often
    centroid: pd.Series  # the region's centre of mass (NaN if empty)
    vertices: pd.DataFrame  # one row per vertex, by criterion

    @property
    def criteria(self) -> list[str]:
        return list(self.gaps.columns)

    @property
    def consistent(self) -> bool:
        return self.status == CONSISTENT

    @property
    def empty(self) -> bool:
        return self.status == EMPTY

    def contains(self, weights: pd.Series) -> bool:
        """Whether a weight vector (any positive scale; rescaled to sum 1) lies in the region."""
        w = _weights_on_simplex(weights, self.criteria)
        return bool((self.gaps.to_numpy() @ w >= -TOLERANCE).all())


def agrees(gaps: pd.DataFrame) -> bool:
    """Whether the venue leads every rival strictly at some weights (the region has volume): one linear programme."""
    matrix = _checked(gaps)
    zero_rows = ~matrix.any(axis=1)
    return not zero_rows.any() and _largest_smallest_lead(matrix) > TOLERANCE


def agrees_each(gaps: np.ndarray) -> np.ndarray:
    """`agrees` for each of many gap matrices (matrices x rows x criteria) at once: True where the venue leads
    every rival strictly at some weights. Found from each region's corners, as `draw_regions` finds them (the
    mean of the corners is a point where it leads, if there is one), so thousands of matrices take one pass.
    """
    gaps = np.asarray(gaps, dtype=float)
    if gaps.ndim != 3:
        raise ValueError(f"gaps must be matrices x rows x criteria; got the shape {gaps.shape}")
    return draw_regions(gaps, [f"criterion {j + 1}" for j in range(gaps.shape[2])]).consistent


def region(gaps: pd.DataFrame, programmes: bool = True) -> Region:
    """The region of the simplex where every row of `gaps` (leads per criterion) is >= 0, found exactly.

    Each weight's least and most inside it come from linear programmes; with `programmes` False, from the
    vertices instead (exact too, since a linear function is least and most at vertices; faster for many regions).
    """
    matrix = _checked(gaps)
    criteria = list(gaps.columns)
    k = len(criteria)
    zero_rows = ~matrix.any(axis=1)  # a rival with the very same scores: a tie at every weight
    lead = _largest_smallest_lead(matrix[~zero_rows])
    if zero_rows.any():
        lead = min(lead, 0.0)
    points, feasible = _basic_points(matrix[~zero_rows][None])
    points = _unique(points[0][feasible[0]])
    if lead < -TOLERANCE or not len(points):  # (no corner within rounding: at most a point, counted as none)
        nothing = pd.DataFrame(np.nan, index=pd.Index(criteria, name="criterion"), columns=["least", "most"])
        return Region(gaps, EMPTY, lead, nothing, 0.0, pd.Series(np.nan, index=criteria, name="centroid"),
                      pd.DataFrame(columns=criteria, dtype=float))
    strict = lead > TOLERANCE
    volume, centroid, dimension = _volume_and_centroid(points, full=k - 1 if strict else None)
    share = volume * math.factorial(k - 1) / math.sqrt(k) if strict and k > 1 else float(strict)
    least, most = _least_and_most(matrix) if programmes else (points.min(axis=0) + 0.0, points.max(axis=0) + 0.0)
    return Region(gaps, CONSISTENT if strict else TIES_ONLY, lead,
                  pd.DataFrame({"least": least, "most": most}, index=pd.Index(criteria, name="criterion")),
                  float(share), pd.Series(centroid, index=criteria, name="centroid"),
                  pd.DataFrame(points, columns=criteria))


def _checked(gaps: np.ndarray) -> np.ndarray:
    if not isinstance(gaps, pd.DataFrame):
        raise TypeError(f"gaps must be a DataFrame of leads (rows) by criterion (columns), not {type(gaps).__name__}")
    if gaps.shape[1] == 0:
        raise ValueError("gaps has no criteria: a region of weights needs at least one criterion")
    if gaps.columns.duplicated().any():
        raise ValueError(f"criterion '{gaps.columns[gaps.columns.duplicated()][0]}' appears twice in gaps")
    try:
        matrix = gaps.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise ValueError("gaps must hold numbers (a lead per criterion)") from None
    bad = np.argwhere(~np.isfinite(matrix))
    if len(bad):
        row, column = bad[0]
        raise ValueError(f"gaps, row '{gaps.index[row]}', criterion '{gaps.columns[column]}': the lead is "
                         f"{matrix[row, column]}; every lead must be a finite number")
    return matrix


def _weights_on_simplex(weights: Weights, criteria: list[str]) -> np.ndarray:
    w = pd.Series(weights, dtype=float).reindex(criteria)
    if w.isna().any() or (w < 0).any() or w.sum() <= 0:
        raise ValueError(f"weights must give every criterion ({', '.join(criteria)}) a number >= 0, "
                         "not all of them 0")
    return (w / w.sum()).to_numpy()


def _linprog(cost: ArrayLike, upper: tuple[Any, Any] | None = None,
             equal: tuple[Any, Any] | None = None, bounds: Any = (0, None)) -> np.ndarray:
    """One linear programme, minimised with HiGHS; (A, b) pairs for A x <= b and A x = b."""
    A_ub, b_ub = upper if upper is not None and len(upper[0]) else (None, None)
    A_eq, b_eq = equal if equal is not None else (None, None)
    result = linprog(cost, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if result.status != 0:  # the programmes here are feasible and bounded by construction
        raise RuntimeError(f"the linear programme failed: {result.message}")
    return result.x


def _largest_smallest_lead(matrix: np.ndarray) -> float:
    """max over the simplex of min over rows of gap . w: below 0 the region is empty, above 0 the venue can lead.

    Variables (w, t): maximise t subject to gap . w >= t for every row, w on the simplex.
    """
    rows, k = matrix.shape
    if rows == 0:
        return math.inf
    x = _linprog(np.r_[np.zeros(k), -1.0], upper=(np.c_[-matrix, np.ones(rows)], np.zeros(rows)),
                 equal=(np.r_[np.ones(k), 0.0][None], [1.0]), bounds=[(0, None)] * k + [(None, None)])
    return float(x[-1])


def _least_and_most(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each criterion's least and most weight inside a non-empty region: two linear programmes each."""
    k = matrix.shape[1]
    upper, equal = (-matrix, np.zeros(len(matrix))), (np.ones((1, k)), [1.0])
    least = [_linprog(np.eye(k)[c], upper, equal)[c] for c in range(k)]
    most = [_linprog(-np.eye(k)[c], upper, equal)[c] for c in range(k)]
    return np.clip(least, 0, 1) + 0.0, np.clip(most, 0, 1) + 0.0  # + 0.0: never a -0.0 in a table


@lru_cache(maxsize=64)
def _combinations(n: int, r: int) -> np.ndarray:
    combos = list(itertools.combinations(range(n), r))
    return np.array(combos, dtype=np.intp).reshape(len(combos), r)


def _basic_points(gaps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every point where k - 1 constraints meet, for each of many gap matrices at once (draws x rows x k).

    The constraints are the leads (gap . w >= 0) and the weights (w_i >= 0), with sum w = 1.
    Returns the points (draws x candidates x k) and which of them satisfy every constraint.
    """
    draws, rows, k = gaps.shape
    constraints = np.concatenate([gaps, np.broadcast_to(np.eye(k), (draws, k, k))], axis=1)
    combos = _combinations(rows + k, k - 1)
    systems = np.empty((draws, len(combos), k, k))
    systems[:, :, :k - 1, :] = constraints[:, combos, :]
    systems[:, :, k - 1, :] = 1.0  # the weights sum to 1
    # A system is regular when its determinant is not small next to the product of its rows' lengths.
    size = np.linalg.norm(systems, axis=-1).prod(axis=-1)
    regular = np.abs(np.linalg.det(systems)) > 1e-10 * size
    points = np.full((draws, len(combos), k), np.nan)
    right = np.zeros((int(regular.sum()), k, 1))
    right[:, -1] = 1.0
    points[regular] = np.linalg.solve(systems[regular], right)[..., 0]
    with np.errstate(invalid="ignore"):
        feasible = regular & (np.einsum("dck,drk->dcr", points, constraints) >= -TOLERANCE).all(axis=-1)
    return points, feasible


def _unique(points: np.ndarray) -> np.ndarray:
    """Points met from several sets of constraints (a degenerate vertex) counted once, in a stable order."""
    if not len(points):
        return points
    _, first = np.unique(np.round(points, 9), axis=0, return_index=True)
    return np.clip(points[np.sort(first)], 0.0, 1.0)


def _volume_and_centroid(points: np.ndarray, full: int | None = None) -> tuple[float, np.ndarray, int]:
    """The volume, centre of mass and dimension of the convex hull of `points`, in its own affine hull.

    `full` forces that dimension (a region known, from its linear programme, to have volume).
    """
    middle = points.mean(axis=0)
    centred = points - middle
    _, sizes, axes = np.linalg.svd(centred, full_matrices=False)
    dimension = full if full is not None else int((sizes > 1e-9).sum())
    coordinates = centred @ axes[:dimension].T
    if dimension == 0:
        return 1.0, middle, 0
    if dimension == 1:
        low, high = coordinates[:, 0].min(), coordinates[:, 0].max()
        return float(high - low), middle + (low + high) / 2 * axes[0], 1
    hull = ConvexHull(coordinates)
    apex = coordinates.mean(axis=0)  # inside a convex body: every facet and it span a simplex of the body
    facets = coordinates[hull.simplices] - apex  # facets x dimension x dimension
    volumes = np.abs(np.linalg.det(facets)) / math.factorial(dimension)
    centres = apex + facets.sum(axis=1) / (dimension + 1)
    volume = volumes.sum()
    return float(volume), middle + (volumes @ centres / volume) @ axes[:dimension], dimension


def least_shift_into(region: Region, weights: Weights) -> float:
    """The least share of the total weight that must move to bring `weights` into the region (0 inside it).

    Half the L1 distance, as in `sensitivity.smallest_shift`: one linear programme. NaN if the region is empty.
    """
    if region.empty:
        return math.nan
    p = _weights_on_simplex(weights, region.criteria)
    k, matrix = len(p), region.gaps.to_numpy(dtype=float)
    # Variables (w, u), u >= |w - p|: minimise sum(u) / 2 with w in the region.
    eye = np.eye(k)
    upper = (np.block([[eye, -eye], [-eye, -eye], [-matrix, np.zeros((len(matrix), k))]]),
             np.r_[p, -p, np.zeros(len(matrix))])
    x = _linprog(np.r_[np.zeros(k), np.full(k, 0.5)], upper, (np.r_[np.ones(k), np.zeros(k)][None], [1.0]))
    return float(max(0.0, 0.5 * np.abs(x[:k] - p).sum()))


def weight_moved(a: Weights, b: Weights) -> float:
    """The share of the total weight that changes hands between two weight vectors (half their L1 distance)."""
    a, b = pd.Series(a, dtype=float), pd.Series(b, dtype=float)
    return float(0.5 * (a / a.sum() - b / b.sum()).abs().sum())


def slice_gaps(gaps: pd.DataFrame, x: str, y: str, rest: pd.Series | None = None) -> pd.DataFrame:
    """The leads on a two-criterion slice: weights w_x and w_y, the remaining 1 - w_x - w_y shared among the
    other criteria in the proportions `rest` (default: equally). The slice of a region is the region of
    these three-column gaps (x, y, 'rest')."""
    others = [c for c in gaps.columns if c not in (x, y)]
    if x == y or len(others) != len(gaps.columns) - 2:
        raise ValueError(f"a slice needs two different criteria of the gaps ({', '.join(gaps.columns)})")
    rest = pd.Series(1.0, index=others) if rest is None else pd.Series(rest, dtype=float).reindex(others)
    if rest.isna().any() or (rest < 0).any() or rest.sum() <= 0:
        raise ValueError(f"the other criteria's proportions must be numbers >= 0 for each of {', '.join(others)}")
    shares = rest / rest.sum()
    return pd.DataFrame({x: gaps[x], y: gaps[y], "rest": gaps[others] @ shares})


def polygon(region: Region, x: str, y: str) -> np.ndarray:
    """The region's vertices on two criteria, in order round its centre: a polygon to draw (slices)."""
    points = region.vertices[[x, y]].to_numpy()
    if len(points) < 3:
        return points
    angles = np.arctan2(*(points - points.mean(axis=0)).T[::-1])
    return points[np.argsort(angles)]


@dataclass(frozen=True)
class RegionDraws:
    """The region in each of many draws of the gaps: whether the venue can lead, and each weight's range."""

    consistent: np.ndarray  # draws: True where the region has volume (the venue leads somewhere)
    least: pd.DataFrame  # draws x criteria: the least weight inside the region (NaN where it is empty)
    most: pd.DataFrame  # draws x criteria: the most

    @property
    def share_consistent(self) -> float:
        return float(self.consistent.mean())

    def spread(self, low: float = 0.05, high: float = 0.95) -> pd.DataFrame:
        """Per criterion, the least and the most weight across the draws where the region has volume:
        their median and the range holding the middle `high - low` of the draws."""
        kept = self.consistent
        columns = {}
        for name, table in (("least", self.least), ("most", self.most)):
            values = table[kept]
            columns[(name, f"{low:.0%}")] = values.quantile(low)
            columns[(name, "median")] = values.median()
            columns[(name, f"{high:.0%}")] = values.quantile(high)
        return pd.DataFrame(columns).rename_axis(index="criterion")


def draw_regions(gaps: np.ndarray, criteria: list[str]) -> RegionDraws:
    """The region for each of many gap matrices (draws x rows x criteria), by its vertices, all at once.

    A draw's region has volume exactly when the mean of its vertices (which lies inside the region's
    own interior) leads every rival strictly and gives every criterion some weight.
    """
    gaps = np.asarray(gaps, dtype=float)
    if gaps.ndim != 3 or gaps.shape[2] != len(criteria):
        raise ValueError(f"gaps must be draws x rows x criteria, with {len(criteria)} criteria; got {gaps.shape}")
    if not np.isfinite(gaps).all():
        raise ValueError("every drawn lead must be a finite number")
    draws, rows, k = gaps.shape
    least, most = np.full((draws, k), np.nan), np.full((draws, k), np.nan)
    consistent = np.zeros(draws, dtype=bool)
    step = max(1, CHUNK_BYTES // (len(_combinations(rows + k, k - 1)) * k * k * 8))  # memory of the systems
    for start in range(0, draws, step):
        chunk = gaps[start:start + step]
        points, feasible = _basic_points(chunk)
        found = np.asarray(feasible.any(axis=1))
        inside = feasible[..., None]
        lowest = np.where(inside, points, np.inf).min(axis=1)
        highest = np.where(inside, points, -np.inf).max(axis=1)
        # Clipped (a vertex on a face may come out as -1e-17), and + 0.0 turns a -0.0 into 0.0.
        least[start:start + step] = np.where(found[:, None], np.clip(lowest, 0, 1) + 0.0, np.nan)
        most[start:start + step] = np.where(found[:, None], np.clip(highest, 0, 1) + 0.0, np.nan)
        # The mean of the vertices met (a vertex met twice weighs double: still strictly inside).
        middle = np.where(inside, points, 0.0).sum(axis=1) / np.maximum(feasible.sum(axis=1), 1)[:, None]
        leads = np.einsum("drk,dk->dr", chunk, middle)
        every_criterion = np.asarray(chunk.any(axis=2)).all(axis=1)
        consistent[start:start + step] = (found & every_criterion & (leads > TOLERANCE).all(axis=1)
                                          & (middle > TOLERANCE).all(axis=1))
    frame = lambda values: pd.DataFrame(values, columns=pd.Index(criteria, name="criterion"))  # noqa: E731
    return RegionDraws(consistent, frame(least), frame(most))
