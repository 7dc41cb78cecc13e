"""Benchmark: notebook 10's whole analysis, every code cell as a kernel runs it (goal: at most 2 s; issue 19).

    python benchmarks/bench_reveal.py            # median of 3 fresh processes
    python benchmarks/bench_reveal.py --runs 5

Not a timed test: timings depend on the machine and on what else runs on it. Each run is a fresh
process that imports the libraries first (a kernel does that once, in its first cell; the time is
printed apart), then runs the notebook's code cells in order, exactly as written: the data loaded,
every region found, the smallest additions searched, the data's draws, the check by drawing weights,
every table rendered as the notebook shows it (HTML). The cells that draw the charts are measured
apart, since they are mostly matplotlib's time rather than the analysis's. Wall time is the goal's
measure; the CPU time beside it shows how much of it was spent waiting for a busy machine. Also
timed: `summit-venues reveal --with-analysis backtest-2018`, the command that prints the joint
region, as a user starts it.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
NOTEBOOK = PROJECT_DIR / "notebooks" / "10-what-the-choices-reveal.ipynb"
GOAL = 2.0

# Runs in a fresh interpreter: prints {"imports": s, "analysis": s, "charts": s, "cells": n} as JSON.
RUN_CELLS = r'''
import ast, json, sys, time
started = time.perf_counter()
import matplotlib, numpy, pandas, scipy.optimize, scipy.spatial  # noqa: E401
import summit_venues
from summit_venues.decision import reveal, weight_region
from summit_venues.sharing import revealed
imports = time.perf_counter() - started
cells = [c for c in json.load(open(sys.argv[1], encoding="utf-8"))["cells"]
         if c["cell_type"] == "code" and "".join(c["source"]).strip()]
namespace, analysis, cpu, charts = {}, 0.0, 0.0, 0.0
for cell in cells:
    tree = ast.parse("".join(cell["source"]))
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    started, started_cpu = time.perf_counter(), time.process_time()
    exec(compile(tree, "cell", "exec"), namespace)
    shown = eval(compile(ast.Expression(last.value), "cell", "eval"), namespace) if last else None
    if hasattr(shown, "_repr_png_"):  # a chart: the whole cell is the chart's time
        shown._repr_png_()  # what the kernel does to show it
        charts += time.perf_counter() - started
        continue
    if hasattr(shown, "_repr_html_"):
        shown._repr_html_()  # a table, as the notebook shows it
    analysis += time.perf_counter() - started
    cpu += time.process_time() - started_cpu
print(json.dumps({"imports": imports, "analysis": analysis, "cpu": cpu, "charts": charts, "cells": len(cells)}))
'''


def one_run() -> dict[str, float]:
    result = subprocess.run([sys.executable, "-c", RUN_CELLS, str(NOTEBOOK)], capture_output=True, text=True,
                            check=True, cwd=PROJECT_DIR)
    return json.loads(result.stdout.splitlines()[-1])


def command_seconds() -> float:
    script = Path(sys.executable).with_name("summit-venues")
    args = [str(script)] if script.is_file() else [sys.executable, "-m", "summit_venues"]
    started = time.perf_counter()
    subprocess.run([*args, "reveal", "--with-analysis", "backtest-2018"], capture_output=True, check=True,
                   cwd=PROJECT_DIR)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes to take the median of (default 3)")
    args = parser.parse_args()
    runs = [one_run() for _ in range(args.runs)]
    median = {key: statistics.median(r[key] for r in runs) for key in ("imports", "analysis", "cpu", "charts")}
    spread = [f"{r['analysis']:.2f}" for r in runs]
    met = median["analysis"] <= GOAL
    print(f"notebook 10, every one of its {runs[0]['cells']} code cells but the 3 that draw charts: "
          f"{median['analysis']:.2f} s (median of {len(runs)}: {', '.join(spread)} s; CPU time {median['cpu']:.2f} s, "
          f"which other work on the machine changes less); goal at most {GOAL:.0f} s: {'met' if met else 'MISSED'}")
    print(f"  besides: the 3 cells that draw charts {median['charts']:.2f} s; importing the libraries "
          f"{median['imports']:.2f} s")
    commands = [command_seconds() for _ in range(args.runs)]
    print(f"summit-venues reveal --with-analysis backtest-2018, a fresh process: {statistics.median(commands):.2f} s "
          f"(median of {len(commands)})")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
