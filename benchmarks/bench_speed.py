"""How fast the everyday commands are, each against its goal (issues 10, 17 and 20).

    python benchmarks/bench_speed.py                 # every row; the test suite once (it takes a minute or more)
    python benchmarks/bench_speed.py --skip-tests    # every row but the test suite
    python benchmarks/bench_speed.py --runs 5 --report-runs 2 --test-runs 1

Not a timed test: timings depend on the machine and on what else runs on it. Every
measurement is a fresh process started from here, as a user starts it, and each row is the
median of its runs. The data are as committed, and no SUMMIT_* variant is passed on. Before
the rows, one process loads every data set a report build loads, so that the cache of derived tables
is warm: the goals are for a machine where nothing changed since the last run.

Rows: the whole test suite as `make test` runs it (goal at most 90 s) and its inner loop, `pytest -m "not
slow"` (40 s); `summit-venues report` to a scratch folder, once with `--fresh` (every notebook run: 18 s) and
then rebuilt with nothing changed, when the notebooks' outputs are reused (15 s); `summit-venues --help`
(0.5 s); `rank` and `validate` (2 s each); `load_dataset()` in a process that has imported `summit_venues`
(0.3 s); and whether every report build gives the same bytes. Prints now, goal and PASS or FAIL for each, and
exits 1 if any row fails. Other work on the machine slows every row: the load averages before and after are
printed with the rows, to be quoted with them, and so is the CPU time each run of the suite used: on a
virtual machine the same work takes more of it while the host is busy (on this project's 2-core machine the
whole suite once took 160 s of CPU and, minutes later, the same code 180 s).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
VARIANT_VARIABLES = ("SUMMIT_DATA_DIR", "SUMMIT_EXTRA_VENUES", "SUMMIT_PROFILE")
# Run in a fresh interpreter: the time of load_dataset() alone, the import of the package excluded.
LOAD_DATASET = ("import time, summit_venues\n"
                "started = time.perf_counter()\n"
                "summit_venues.load_dataset()\n"
                "print(time.perf_counter() - started)")

WARM_UP = "from summit_venues.measures.readings import warm_up\nwarm_up()"


@dataclass
class Row:
    what: str
    now: str
    goal: str
    passed: bool | None  # None: not measured
    note: str = ""


def environment() -> dict[str, str]:
    """This shell's environment less the variables that would make the commands build a variant."""
    return {k: v for k, v in os.environ.items() if k not in VARIANT_VARIABLES}


def command(*args: str) -> list[str]:
    """`summit-venues ARGS` as installed beside this Python (the console script), else `python -m summit_venues`."""
    script = Path(sys.executable).with_name("summit-venues")
    return [str(script), *args] if script.is_file() else [sys.executable, "-m", "summit_venues", *args]


def run(cmd: list[str], timeout: float = 1800) -> tuple[float, subprocess.CompletedProcess]:
    """Run `cmd` in the project folder; its wall time in seconds, and its result (output captured)."""
    started = time.perf_counter()
    result = subprocess.run(cmd, cwd=PROJECT_DIR, env=environment(), capture_output=True, text=True, timeout=timeout,
                            check=False)
    return time.perf_counter() - started, result


def children_cpu() -> float:
    """CPU seconds (user and system) of every finished process started from here, theirs included."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def failed(result: subprocess.CompletedProcess) -> str:
    """'' when the command succeeded, else the last line it wrote, to show beside the row."""
    if result.returncode == 0:
        return ""
    lines = (result.stderr or result.stdout).strip().splitlines()
    return f"exit status {result.returncode}: {lines[-1][:100] if lines else 'no output'}"


def timed(what: str, cmd: list[str], goal: float, runs: int) -> Row:
    """The median wall time of `runs` runs of `cmd` against `goal` seconds; a run that fails fails the row."""
    times, problems = [], []
    for _ in range(runs):
        seconds, result = run(cmd)
        times.append(seconds)
        problems.append(failed(result))
    median = statistics.median(times)
    problem = next((p for p in problems if p), "")
    return Row(what, f"{median:.2f} s", f"<= {goal:g} s", median <= goal and not problem,
               problem or f"runs: {', '.join(f'{t:.2f}' for t in times)}")


def load_dataset_row(goal: float, runs: int) -> Row:
    times, problem = [], ""
    for _ in range(runs):
        _, result = run([sys.executable, "-c", LOAD_DATASET])
        problem = problem or failed(result)
        if not problem:
            times.append(float(result.stdout.strip().splitlines()[-1]))
    if problem:
        return Row("load_dataset() after import summit_venues", "-", f"<= {goal:g} s", False, problem)
    median = statistics.median(times)
    return Row("load_dataset() after import summit_venues", f"{median:.3f} s", f"<= {goal:g} s", median <= goal,
               f"runs: {', '.join(f'{t:.3f}' for t in times)}")


def digest(folder: Path) -> str:
    """One hash of every file's name and bytes."""
    h = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def report_rows(goal: float, runs: int, fresh_goal: float) -> list[Row]:
    """`summit-venues report --fresh` once (every notebook run), then `runs` rebuilds with nothing changed (the
    notebooks' outputs reused), each into a fresh folder; and whether every build holds the same bytes."""
    times, digests, problem, fresh_seconds = [], [], "", None
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as scratch:
        for number in range(runs + 1):
            out = Path(scratch) / f"report-{number}"
            seconds, result = run(command("report", "--out", str(out), *(["--fresh"] if number == 0 else [])))
            problem = problem or failed(result)
            if problem:
                break
            if number == 0:
                fresh_seconds = seconds
            else:
                times.append(seconds)
            digests.append(digest(out))
    what = "summit-venues report, nothing changed (outputs reused)"
    if problem or not times:
        return [Row(what, "-", f"<= {goal:g} s", False, problem or "no rebuild finished"),
                Row("report builds give the same bytes", "-", "same bytes", None, "no build finished")]
    median = statistics.median(times)
    same = len(set(digests)) == 1
    return [Row("summit-venues report --fresh (every notebook run)", f"{fresh_seconds:.1f} s", f"<= {fresh_goal:g} s",
                fresh_seconds <= fresh_goal, "the time after a change to the data or the code"),
            Row(what, f"{median:.1f} s", f"<= {goal:g} s", median <= goal,
                f"runs: {', '.join(f'{t:.1f}' for t in times)}"),
            Row("report builds give the same bytes", "same" if same else "DIFFER", "same bytes", same,
                f"{len(digests)} builds, the first --fresh: {', '.join(digests)}")]


def test_suite_row(goal: float, runs: int, what: str = "make test (python -m pytest, the whole suite)",
                   options: tuple[str, ...] = ()) -> Row:
    """The suite as `make test` runs it (`python -m pytest`, options from pyproject.toml), or a tier of it."""
    times, cpu, summary, problem = [], [], "", ""
    for _ in range(runs):
        before = children_cpu()
        seconds, result = run([sys.executable, "-m", "pytest", "-q", *options], timeout=3600)
        times.append(seconds)
        cpu.append(children_cpu() - before)
        lines = result.stdout.strip().splitlines()
        summary = lines[-1] if lines else ""
        problem = problem or (f"exit status {result.returncode}: {summary}" if result.returncode else "")
    median = statistics.median(times)
    return Row(what, f"{median:.1f} s", f"<= {goal:g} s", median <= goal and not problem,
               problem or f"{summary}; runs: {', '.join(f'{t:.1f}' for t in times)}; CPU "
               f"{', '.join(f'{c:.0f}' for c in cpu)} s")


def load() -> str:
    """The machine's load averages over 1, 5 and 15 minutes: other work slows every row."""
    return "load average " + ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-tests", action="store_true", help="leave out the test suite (the slow row)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each quick command (default 5)")
    parser.add_argument("--report-runs", type=int, default=3, help="report builds (default 3; 2 or more to compare)")
    parser.add_argument("--test-runs", type=int, default=1, help="runs of the test suite (default 1)")
    args = parser.parse_args(argv)

    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, in {PROJECT_DIR}; medians of fresh processes;"
          f" {load()}", flush=True)
    # Warm the disk cache for every data set a build loads (the field and the backtest too, as the kernel server
    # does): the goals are for a machine where nothing changed since the last run.
    run([sys.executable, "-c", WARM_UP])
    skipped = "skipped (--skip-tests)"
    measurements = [
        lambda: [test_suite_row(90, args.test_runs) if not args.skip_tests else
                 Row("make test (python -m pytest, the whole suite)", "-", "<= 90 s", None, skipped)],
        lambda: [test_suite_row(40, args.test_runs, 'the inner loop (python -m pytest -m "not slow")',
                                ("-m", "not slow")) if not args.skip_tests else
                 Row('the inner loop (python -m pytest -m "not slow")', "-", "<= 40 s", None, skipped)],
        lambda: report_rows(15, args.report_runs, fresh_goal=18),
        lambda: [timed("summit-venues --help", command("--help"), 0.5, args.runs)],
        lambda: [timed("summit-venues rank", command("rank"), 2, args.runs)],
        lambda: [timed("summit-venues validate", command("validate"), 2, args.runs)],
        lambda: [load_dataset_row(0.3, args.runs)],
    ]
    rows = []
    for measure in measurements:
        for row in measure():
            rows.append(row)
            print(f"  {row.what}: {row.now} ({row.note})", flush=True)

    width = max(len(r.what) for r in rows)
    print(f"\n{'what':<{width}}  {'now':>9}  {'goal':<10}  result   ({load()} at the end)")
    for r in rows:
        verdict = {True: "PASS", False: "FAIL", None: "-"}[r.passed]
        print(f"{r.what:<{width}}  {r.now:>9}  {r.goal:<10}  {verdict}" + (f"  ({r.note})" if not r.passed else ""))
    return 1 if any(r.passed is False for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
