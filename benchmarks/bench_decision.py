"""Benchmark: one update of the decision notebook's weight sliders (goal: well under 0.1 s).

    python benchmarks/bench_decision.py
"""
from __future__ import annotations

import time

import numpy as np

import summit_venues as sv
from summit_venues.sharing import interactive


def main() -> None:
    data = sv.load_dataset()
    scores = sv.criterion_scores(data)
    rng = np.random.default_rng(0)
    positions = [dict(zip(scores.columns, rng.uniform(size=len(scores.columns)))) for _ in range(500)]
    interactive.update(scores, positions[0], data.venues.name)  # warm-up
    start = time.perf_counter()
    for weights in positions:
        interactive.update(scores, weights, data.venues.name)
    per_update = (time.perf_counter() - start) / len(positions)
    print(f"slider update (re-rank and redraw the bars): {per_update * 1e3:.2f} ms per update, "
          f"mean of {len(positions)}; goal well under 100 ms: {'met' if per_update < 0.02 else 'MISSED'}")


if __name__ == "__main__":
    main()
