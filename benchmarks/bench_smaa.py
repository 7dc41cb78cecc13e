"""Benchmark: SMAA over 1,000,000 weight samples for 8 venues x 8 criteria, against pymcdm.

Goals (issue 5), on the project's 2-core machine: sampling included, at most 0.25 s and at
most 300 MB for the weighted sum, and at least 500 times faster per sample than pymcdm's
TOPSIS called once per sample on the same matrix in the same run.

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

from summit_venues import smaa
from summit_venues.aggregation import topsis


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
        run = lambda: smaa.acceptability(table, args.samples, method=method)  # noqa: E731
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


if __name__ == "__main__":
    main()
