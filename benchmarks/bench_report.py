"""How long the main command takes: `summit-venues report` (what `make report` runs), end to end.

    python benchmarks/bench_report.py [repeats]

Not a timed test: timings depend on the machine. Each run is the whole command in a fresh
process (imports, data checks, every notebook on a fresh kernel with `--fresh`, pages, index), writing to a
scratch folder; the script prints each run's wall time, the best, and whether every run
wrote the same bytes. The committed analysis is built: a SUMMIT_* variant set in the shell is
not passed on. `bench_speed.py` measures this and the other commands against their goals.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VARIANT_VARIABLES = ("SUMMIT_DATA_DIR", "SUMMIT_EXTRA_VENUES", "SUMMIT_PROFILE")


def digest(folder: Path) -> str:
    """One hash of every file's name and bytes."""
    h = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:16]


def timed_build(out: Path, jobs: int | None) -> float:
    command = [sys.executable, "-m", "summit_venues", "report", "--fresh", "--out", str(out)]
    command += ["--jobs", str(jobs)] if jobs else []
    env = {k: v for k, v in os.environ.items() if k not in VARIANT_VARIABLES}
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main(repeats: int = 2) -> None:
    print(f"{os.cpu_count()} cores; {repeats} runs each")
    with tempfile.TemporaryDirectory() as scratch:
        for jobs, label in ((None, "default (one kernel per core)"), (1, "one notebook at a time")):
            times, digests = [], set()
            for run in range(repeats):
                out = Path(scratch) / f"report-{jobs}-{run}"
                times.append(timed_build(out, jobs))
                digests.add(digest(out))
            print(f"{label:<32} best {min(times):5.1f} s   runs {', '.join(f'{t:.1f}' for t in times)} s   "
                  f"{'identical bytes' if len(digests) == 1 else 'BYTES DIFFER'}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
