"""Benchmark: SMAA over 1,000,000 weight samples for 8 venues x 8 criteria, against pymcdm.

Goals (issue 5), on the project's 2-core machine: sampling included, at most 0.25 s and at
most 300 MB for the weighted sum, and at least 500 times faster per sample than pymcdm's
TOPSIS called once per sample on the same matrix in the same run.

Joint SMAA (values and weights sampled together, `smaa.joint_acceptability`): 1,000,000
samples for 8 venues x 8 criteria, each criterion one uncertain indicator with a value drawn
of its own, in at most 1 s and at most 500 MB, the confidence pass (another 1,000,000 value
samples) included. Also measured, without a goal of its own: a realistic case of 8 venues x
20 indicators in 5 criteria, with log scales, cost indicators, rubrics, certain values and
national values shared by the cities of a country.

    python benchmarks/bench_smaa.py [--samples N] [--pymcdm-samples N]
"""
from __future__ import annotations

import argparse
import time
import tracemalloc
import warnings

import numpy as np
import pandas as pd
from pymcdm.methods import TOPSIS

from summit_venues.decision import smaa
from summit_venues.decision.aggregation import topsis
from summit_venues.decision.value_functions import RubricScale, ValueFunction

JOINT_SECONDS, JOINT_MEGABYTES = 1.0, 500  # goals for the joint analysis, 8 x 8


def best_time(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_megabytes(function) -> float:
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def pymcdm_per_sample(matrix: np.ndarray, samples: int) -> float:
    """Seconds per weight sample for pymcdm's TOPSIS, one call per sample (anchors added as rows)."""
    rng = np.random.default_rng(0)
    weights = smaa.sample_weights(matrix.shape[1], samples, rng)
    with_anchors = np.vstack([matrix, np.zeros(matrix.shape[1]), np.ones(matrix.shape[1])])
    method, types = TOPSIS(), np.ones(matrix.shape[1])
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the anchor rows dominate by design
        for w in weights:
            method(with_anchors, w, types)
    return (time.perf_counter() - start) / samples


def joint_case_8x8() -> smaa.UncertainScores:
    """8 venues x 8 criteria, one indicator each; every one of the 64 values uncertain on its own."""
    rng = np.random.default_rng(42)
    centre = rng.uniform(size=(8, 8))
    half_width = rng.uniform(0.05, 0.3, size=(8, 8))  # some ranges run past the anchors: clipped
    return smaa.UncertainScores(
        centre - half_width, centre + half_width, np.arange(64).reshape(8, 8), (ValueFunction(0, 1),) * 8,
        np.eye(8), [f"v{i}" for i in range(8)], [f"i{j}" for j in range(8)], [f"c{j}" for j in range(8)])


def joint_case_realistic() -> smaa.UncertainScores:
    """8 venues in 3 countries x 20 indicators in 5 criteria (4 each, unequal weights).

    Per criterion: a national value (one draw per country, shared by its cities, a rubric
    for relations), a linear and a log indicator, and a rubric; about a quarter of the
    city values are certain.
    """
    rng = np.random.default_rng(7)
    country = np.array([0, 0, 0, 1, 1, 2, 2, 2])
    rubric = RubricScale("r", ((0, 0.0), (1, 0.3), (2, 0.6), (3, 0.85), (4, 1.0)))
    scales, low, high, group = [], np.zeros((8, 20)), np.zeros((8, 20)), np.zeros((8, 20), dtype=int)
    membership = np.zeros((20, 5))
    for c in range(5):
        membership[4 * c:4 * c + 4, c] = [0.4, 0.3, 0.2, 0.1]
        for k, kind in enumerate(("national", "linear", "log", "rubric")):
            j = 4 * c + k
            group[:, j] = 1000 * j + (country if kind == "national" else np.arange(8))
            if kind == "rubric" or (kind == "national" and c == 4):
                scales.append(rubric)
                level = rng.integers(0, 4, size=8)
                low[:, j], high[:, j] = level, level + rng.integers(0, 2, size=8)
            elif kind == "log":
                scales.append(ValueFunction(1e3, 1e7, "log"))
                centre = 10 ** rng.uniform(3, 7, size=8)
                low[:, j], high[:, j] = centre / 1.5, centre * 1.5
            else:  # linear, the national ones as a cost (a peace-index rank, say)
                scales.append(ValueFunction(160, 1, direction="cost") if kind == "national"
                              else ValueFunction(0, 100))
                centre = rng.uniform(10, 90, size=8)
                if kind == "national":
                    centre = centre[country]
                low[:, j], high[:, j] = centre - 10, centre + 10
            if kind != "national":
                certain = rng.uniform(size=8) < 0.25
                high[certain, j] = low[certain, j]
    return smaa.UncertainScores(low, high, group, tuple(scales), membership, [f"v{i}" for i in range(8)],
                                [f"i{j}" for j in range(20)], [f"c{c}" for c in range(5)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000)
    parser.add_argument("--pymcdm-samples", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    matrix = np.random.default_rng(42).uniform(size=(8, 8))
    table = pd.DataFrame(matrix, columns=[f"c{j}" for j in range(8)])
    ours = {}
    for method in ("weighted_sum", "topsis"):
        run = lambda method=method: smaa.acceptability(table, args.samples, method=method)  # noqa: E731
        run()  # warm-up: imports, first-touch memory
        ours[method] = best_time(run, args.repeats), peak_megabytes(run)
    theirs = pymcdm_per_sample(matrix, args.pymcdm_samples)
    check = smaa.acceptability(table, 2_000, method="topsis")
    assert np.isfinite(topsis(matrix, np.full(8, 1 / 8))).all() and check.samples == 2_000

    print(f"SMAA, 8 venues x 8 criteria, {args.samples:,} weight samples, sampling included "
          f"(best of {args.repeats}):")
    for method, (seconds, megabytes) in ours.items():
        per_sample = seconds / args.samples
        print(f"  {method:13s} {seconds:6.3f} s  peak {megabytes:6.1f} MB  {per_sample * 1e6:6.3f} us/sample  "
              f"{theirs / per_sample:7.0f}x faster than pymcdm TOPSIS per sample")
    print(f"  pymcdm TOPSIS, one call per sample: {theirs * 1e6:.1f} us/sample ({args.pymcdm_samples:,} samples)")
    seconds, megabytes = ours["weighted_sum"]
    ratio = theirs / (ours["topsis"][0] / args.samples)
    print(f"goals: weighted sum <= 0.25 s: {'met' if seconds <= 0.25 else 'MISSED'}; "
          f"<= 300 MB: {'met' if megabytes <= 300 else 'MISSED'}; "
          f"TOPSIS >= 500x pymcdm: {'met' if ratio >= 500 else 'MISSED'}")

    print(f"\nJoint SMAA, values and weights sampled together: {args.samples:,} samples, plus {args.samples:,} value "
          f"samples for the confidence factor (best of {args.repeats}):")
    joint = {}
    for name, data in (("8 venues x 8 criteria", joint_case_8x8()),
                       ("8 venues x 20 indicators in 5 criteria", joint_case_realistic())):
        run = lambda data=data: smaa.joint_acceptability(data, args.samples)  # noqa: E731
        run()  # warm-up
        joint[name] = seconds, megabytes = best_time(run, args.repeats), peak_megabytes(run)
        what = f"{name} ({int((data.low < data.high).sum())} uncertain values)"
        print(f"  {what:62s} {seconds:6.3f} s  peak {megabytes:6.1f} MB  {seconds / args.samples * 1e6:6.3f} us/sample")
    seconds, megabytes = joint["8 venues x 8 criteria"]
    print(f"joint goals, 8 x 8: <= {JOINT_SECONDS:g} s: {'PASS' if seconds <= JOINT_SECONDS else 'FAIL'}; "
          f"<= {JOINT_MEGABYTES} MB: {'PASS' if megabytes <= JOINT_MEGABYTES else 'FAIL'} "
          f"(the realistic case has no goal of its own)")

if __name__ == "__main__":
    main()
