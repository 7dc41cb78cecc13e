"""pytest's set-up for the whole project, the notebooks under nbval and the tests alike (the tests' own fixtures
are in tests/conftest.py): each session gets a home and a cache of its own and stops at once where no kernel can
start (tests/session.py), and the notebooks nbval runs are kept for the report tests (tests/nbval_runs.py).
"""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

import nbval_runs
import session


@pytest.hookimpl(trylast=True)  # after pytest's own tmp_path set-up
def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # once, in the process that starts the others
        problem = session.loopback_problem()
        if problem:
            raise pytest.UsageError(problem)  # one line, "ERROR: ...", exit status 4
    session.confine(session.session_root(config))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if nbval_runs.is_nbval_cell(item):
        nbval_runs.record(item, outcome.get_result(), session.session_root(item.config))
