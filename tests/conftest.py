"""Fixtures: a private copy of the data folder that a test may corrupt at will, and reports built once per run.

`make test` spreads the tests over the cores with pytest-xdist (pyproject.toml): each notebook's
cells, and each test module, run together on one worker. A report that several tests read is
built once for the whole run, whichever worker asks first, and the others wait for it and reuse
it (`build_once`). The report of the committed notebooks is built from the runs nbval makes of
them (../conftest.py, nbval_runs.py), so they run once per session. The tests are ordered so that
the longest work starts first and the report tests after the notebooks (see
`pytest_collection_modifyitems`). The session's home and cache are its own (session.py).
"""
from __future__ import annotations

import csv
import fcntl
import gc
import os
import shutil
import traceback
from pathlib import Path

import nbformat
import pytest

import summit_venues as sv
from summit_venues.inputs import settings
from summit_venues.inputs.dataset import DEFAULT_DATA_DIR

PROJECT_DIR = Path(__file__).resolve().parents[1]

# The tests and nbval check the committed analysis: a variant left set in the shell would change it.
for _variable in settings.VARIABLES:
    os.environ.pop(_variable, None)


class DataCopy:
    """A copy of data/ in a temporary folder also named `data`, with small CSV editors."""

    def __init__(self, folder: Path):
        self.folder = folder

    def rows(self, file: str) -> list[dict[str, str]]:
        with open(self.folder / file, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))

    def write(self, file: str, rows: list[dict[str, str]], columns: list[str] | None = None) -> None:
        columns = columns or list(rows[0])
        with open(self.folder / file, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    def set(self, file: str, row_id: str, column: str, value: str) -> None:
        """Set one cell; the row is found by the value of the file's first column."""
        rows = self.rows(file)
        key = next(iter(rows[0]))
        matches = [r for r in rows if r[key] == row_id]
        assert matches, f"no row {row_id} in {file}"
        matches[0][column] = value
        self.write(file, rows)

    def drop_row(self, file: str, row_id: str) -> None:
        rows = self.rows(file)
        key = next(iter(rows[0]))
        kept = [r for r in rows if r[key] != row_id]
        assert len(kept) == len(rows) - 1, f"no row {row_id} in {file}"
        self.write(file, kept)

    def append(self, file: str, row: dict[str, str]) -> None:
        rows = self.rows(file)
        self.write(file, rows + [{c: row.get(c, "") for c in rows[0]}])


@pytest.fixture(scope="module")
def data():
    """The committed data set, loaded once for each test module that reads it (and changes nothing in it)."""
    return sv.load_dataset()


@pytest.fixture(scope="module")
def weights(data):
    """The neutral weights of the committed data: the article's reading."""
    return sv.default_weights(data)


@pytest.fixture
def data_copy(tmp_path) -> DataCopy:
    folder = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA_DIR, folder)
    return DataCopy(folder)


@pytest.fixture(scope="session")
def evil_venue_file(tmp_path_factory) -> Path:
    """An extra venues file whose venue name is markup, with its sources beside it."""
    from venue_fixture import TESTVILLE, legs_for, sources_row_for_testville, sources_rows_for_testville_legs

    folder = tmp_path_factory.mktemp("evil")
    row = dict(TESTVILLE, venue_id="evil", name="<script>document.title='pwned'</script>Evil")
    sources = [dict(sources_row_for_testville(), source_id="evil-all", record_id="evil"),
               *sources_rows_for_testville_legs("evil")]
    legs = legs_for("evil")
    with open(DEFAULT_DATA_DIR / "sources.csv", newline="", encoding="utf-8") as f:
        source_columns = next(csv.reader(f))
    for name, columns, records in (("evil.csv", list(row), [row]), ("evil.sources.csv", source_columns, sources),
                                   ("evil.legs.csv", list(legs[0]), legs)):
        with open(folder / name, "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows({c: record.get(c, "") for c in columns} for record in records)
    return folder / "evil.csv"


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the worker's tests that read pages in a browser: each test that needs a reader's
    fresh browser, a phone's screen or scripts turned off opens a tab of its own (`Chromium.tab`), with nothing
    shared with any other tab. Without a Chromium the test skips, saying why, or fails where CI requires one
    (SUMMIT_REQUIRE_BROWSER=1)."""
    from session import NO_CHROMIUM

    from summit_venues.publishing.browser import Chromium, find_chromium

    if find_chromium() is None:
        if os.environ.get("SUMMIT_REQUIRE_BROWSER"):
            pytest.fail(f"{NO_CHROMIUM}; SUMMIT_REQUIRE_BROWSER is set, so the browser tests must run")
        pytest.skip(NO_CHROMIUM)
    with Chromium() as browser:
        yield browser


def build_once(tmp_path_factory, name: str, build) -> Path:
    """The folder where `build(folder)` wrote what it builds, run once for the whole test run.

    Under pytest-xdist each worker has fixtures of its own, so a session fixture alone would build
    once per worker: here the first worker to ask builds, under a lock, into a folder all workers
    share, and the others wait for it. A failed build fails every test that asks for it, with the
    first failure's message, without building again.
    """
    root = session_root(tmp_path_factory)  # the run's, above the workers' own
    folder, failed = root / name, root / f"{name}.failed"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if failed.exists():
            pytest.fail(f"building {name} failed (in another worker):\n{failed.read_text()}", pytrace=False)
        if not (folder / ".built").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                build(folder)
            except BaseException:
                failed.write_text(traceback.format_exc())
                raise
            (folder / ".built").touch()
    return folder


def session_root(tmp_path_factory) -> Path:
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _run_committed_notebooks(folder: Path, session, root: Path) -> None:
    """Each committed notebook as it runs top to bottom on a fresh kernel, into `folder`.

    A notebook that nbval runs whole in this session is not run again: its run is nbval's (kept by
    nbval_runs.py where the report builder keeps its own runs). The others are run here, as the builder
    runs them, and kept there too, so that the report of the committed analysis runs nothing.
    """
    from nbval_runs import FOLDER, wait_for, whole_notebooks_in_session

    from summit_venues.publishing import executed, report

    paths = report.notebook_paths()
    by_nbval = whole_notebooks_in_session(session) & {p.name for p in paths}
    failures = wait_for(by_nbval, root)
    assert not failures, f"the committed notebooks did not run: {'; '.join(failures.values())}"
    for name in by_nbval:
        shutil.copy(root / FOLDER / name, folder / name)
    others = [p for p in paths if p.name not in by_nbval]
    if others:
        variant = report.Variant()
        keys = report._run_keys(others, report.data_digest(variant), variant.run())
        for result in report.run_notebooks(others, variant.run(), report.default_jobs(len(others))):
            nbformat.write(result.notebook, folder / result.path.name)
            executed.store(result.path.stem, keys[result.path], result.notebook)


@pytest.fixture(scope="session")
def built_notebooks(tmp_path_factory, request) -> dict[str, nbformat.NotebookNode]:
    """Each committed notebook as it ran in this session (nbval's run, else one of its own), by file name."""
    root = session_root(tmp_path_factory)
    folder = build_once(tmp_path_factory, "committed-notebooks",
                        lambda folder: _run_committed_notebooks(folder, request.session, root))
    return {p.name: nbformat.read(p, as_version=4) for p in sorted(folder.glob("*.ipynb"))}


@pytest.fixture(scope="session")
def built_report(tmp_path_factory, built_notebooks) -> Path:
    """The report of the committed notebooks and data, built once for every test that reads it: of the runs of
    `built_notebooks`, which it finds kept (so it runs no notebook; it fails if it would)."""
    from summit_venues.publishing import report

    def build(folder: Path) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(report, "run_notebooks", lambda paths, *a, **k: pytest.fail(
                f"the committed report ran {[p.name for p in paths]} again"))
            report.build_report(report.Variant(), folder / "report", log=lambda line: None)

    return build_once(tmp_path_factory, "committed-report", build) / "report"


@pytest.fixture(scope="session")
def evil_report(tmp_path_factory, evil_venue_file) -> Path:
    """A variant report with an extra venue named with a <script> element, of a small notebook that shows names."""
    from tiny_notebooks import without_worked_out_parts, write_venue_notebook

    from summit_venues.publishing import report

    def build(folder: Path) -> None:
        with pytest.MonkeyPatch.context() as patch:
            # How firm the verdict is and the hero chart's pictures name the two leading venues, never this one:
            # not what is tested here (the hero section's text, from the real figures, still is).
            without_worked_out_parts(patch)
            report.build_report(report.Variant(extra_venues=(evil_venue_file,)), folder / "report-evil",
                                [write_venue_notebook(folder / "notebooks")], log=lambda line: None, fresh=True)

    return build_once(tmp_path_factory, "evil-report", build) / "report-evil"


# The order in which tests start, longest work first, so that no worker is left with a long tail
# (pyproject.toml turns off xdist's own reordering, which puts the modules with most tests first):
# the README's stories, each a variant report of every notebook (the longest units); the notebooks
# under nbval; the tests that start kernels; the rest as collected; and last the tests that read the
# committed report, which is built from nbval's runs and so must wait for them. Modules are kept
# whole (xdist hands out a module at a time, at the place of its first test), so a module with one
# test of the committed report goes last: on any worker, every notebook is then handed out before the
# first test that waits for it, and no worker waits for a notebook it would only run later.
STORIES = "tests/test_stories.py"
#: Modules of several seconds each (builds, kernels, processes of their own, many maps), started before the short
#: ones: the type check among them, which takes seconds on a new machine (mypy's cache is cold). Collected late and
#: left there, each would end its worker's run while the other core had nothing left to do.
EARLY = ("tests/publishing/test_report.py", "tests/publishing/test_execution.py", "tests/publishing/test_interrupt.py",
         "tests/inputs/test_cache.py", "tests/publishing/test_warm_kernels.py", "tests/test_session.py",
         "tests/test_types.py", "tests/sharing/test_other_venues.py", "tests/publishing/test_gatekeeper.py",
         "tests/publishing/test_pages.py")
READS_THE_COMMITTED_REPORT = ("built_report", "built_notebooks")
BUILDS_A_REPORT = (*READS_THE_COMMITTED_REPORT, "evil_report")


def _module(item) -> str:
    return item.nodeid.split("::", 1)[0]


def pytest_xdist_auto_num_workers(config):
    """A worker per core, and one more when the slow tests run: a worker waiting for a kernel, a browser or a
    process of its own leaves its core to the others (on 2 cores, 3 workers finish the whole suite about a fifth
    sooner than 2, while the inner loop, which waits for nothing, is quicker with 2)."""
    return (os.cpu_count() or 1) + (0 if runs_no_slow_tests(config) else 1)


def runs_no_slow_tests(config) -> bool:
    """Whether the session leaves the slow tests out (`-m "not slow"`, the inner loop)."""
    return "not slow" in (config.option.markexpr or "")


def pytest_collection_finish(session):
    """Freeze what collecting made (the imported modules of every test module: most of a worker's objects,
    alive to its end), so that each full garbage collection during the tests passes over only what the tests
    made since (full collections took 6.2 s of the three workers' CPU in a run, 4.0 s frozen)."""
    gc.collect()
    gc.freeze()


def pytest_collection_modifyitems(items):
    for item in items:
        # Running the notebooks is the slow part, and so is any test that reads a report built from them
        # (`make test` runs these; a test that forgets its marker would put a build in the inner loop).
        builds = set(BUILDS_A_REPORT) & set(getattr(item, "fixturenames", ()))
        if _module(item).endswith(".ipynb") or builds:
            item.add_marker(pytest.mark.slow)
    last = {_module(i) for i in items if set(READS_THE_COMMITTED_REPORT) & set(getattr(i, "fixturenames", ()))}

    def start_order(item) -> int:
        module = _module(item)
        if module.startswith(STORIES):
            return 0
        if module.endswith(".ipynb"):
            return 1
        if module in EARLY:
            return 2
        # The report's readers (the browser's first, the longest) once the notebooks have run and their report
        # is built; the many short tests last, where they even out the workers' ends.
        return 3 if module in last else 4

    items.sort(key=start_order)  # stable: each notebook's cells keep their order
