"""pytest's set-up for the whole project, the notebooks under nbval and the tests alike (the tests' own fixtures
are in tests/conftest.py): each session gets a home and a cache of its own and stops at once where no kernel can
start (tests/session.py); its kernels, nbval's and the report builder's, are forked from one warm process
(summit_venues.publishing.warm_kernels); and the notebooks nbval runs are kept for the report tests
(tests/nbval_runs.py).
"""
import os
import sys
from pathlib import Path


def _keep_compiled_modules() -> None:
    """Let Python keep its compiled modules, where it keeps them by default: in `__pycache__/` beside each source
    (git ignores them), and the libraries' as pip compiled them when it installed them.

    A machine that sets PYTHONDONTWRITEBYTECODE (some images do) makes every process compile the package, and
    pytest rewrite every test module's asserts, afresh: about a sixth of the inner loop's time on 2 cores. The
    workers, kernels and commands the suite starts inherit the setting. (Not a PYTHONPYCACHEPREFIX: under one,
    Python ignores what pip compiled and compiles every library again on a new machine; importing pandas,
    matplotlib, scipy, nbconvert and ipykernel took 6.7 s rather than 2.9 s, in each process that did it first.)
    Outside a virtual environment the user's choice stands: nothing is written beside the system's Python.
    """
    if sys.prefix == sys.base_prefix:
        return
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


_keep_compiled_modules()  # before the imports below, whose modules are then kept compiled too

import pytest  # noqa: E402 - after the line above

from summit_venues.publishing import warm_kernels  # noqa: E402

# jsonschema imports rfc3987_syntax, when installed, to check IRI formats, which no notebook schema uses; it
# builds a grammar as it is imported, a second in every test process (the workers, each pytest run here).
sys.modules.setdefault("rfc3987_syntax", None)  # so: an ImportError, and jsonschema does without
pytest_plugins = ["nbval.plugin"]  # loaded here, after the line above, not by its entry point (-p no:nbval)
sys.path.insert(0, str(Path(__file__).resolve().parent / "tests"))

import nbval_runs  # noqa: E402 - in tests/, put on the path above; imports nbformat, after the line above
import session  # noqa: E402 - in tests/


@pytest.hookimpl(trylast=True)  # after pytest's own tmp_path set-up
def pytest_configure(config):
    if not hasattr(config, "workerinput"):  # once, in the process that starts the others
        problem = session.loopback_problem()
        if problem:
            raise pytest.UsageError(problem)  # one line, "ERROR: ...", exit status 4
    session.confine(session.session_root(config))
    # One kernel server for the session, whose address the workers inherit (none for the inner loop, `-m "not
    # slow"`, which starts no kernel; SUMMIT_KERNEL_SERVER=off: none, every kernel started the usual way).
    if not hasattr(config, "workerinput") and "not slow" not in (config.option.markexpr or ""):
        config._kernel_server = warm_kernels.kernel_server(session.session_root(config), wait=False)
        config._kernel_server.__enter__()
    import nbval.kernel

    nbval.kernel.KernelManager = warm_kernels.WarmSyncKernelManager  # nbval's kernels forked by it too


def pytest_unconfigure(config):
    server = getattr(config, "_kernel_server", None)
    if server is not None:
        server.__exit__(None, None, None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if nbval_runs.is_nbval_cell(item):
        nbval_runs.record(item, outcome.get_result(), session.session_root(item.config))
