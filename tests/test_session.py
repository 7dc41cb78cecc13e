"""The test suite leaves no trace on the user's machine, and stops at once, saying why, where no kernel can start.

Each runs pytest itself, in a process of its own, on a few tests that start kernels and build a report.
"""
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from session import loopback_problem

PROJECT_DIR = Path(__file__).resolve().parents[1]
#: A test that writes what a session writes: kernels (IPython's and Jupyter's folders, matplotlib's cache) and
#: the report builder's record of each notebook's time (the cache folder, where the route cache and the executed
#: notebooks go too).
SAMPLE = ["tests/publishing/test_execution.py::test_refreshing_unchanged_notebooks_gives_the_same_bytes"]


def pytest_in(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", *args], cwd=PROJECT_DIR,
                          env=env, capture_output=True, text=True, timeout=timeout)


def session_env(**changes: str) -> dict[str, str]:
    """The environment a user's shell would give pytest: none of this session's own folders."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "SUMMIT_", "XDG_", "JUPYTER_"))
           and k not in ("IPYTHONDIR", "MPLCONFIGDIR", "HOME")}
    env.update(changes)
    return env


@pytest.mark.slow
def test_a_session_writes_nothing_under_the_users_home(tmp_path):
    """Before: the executed notebooks of the report tests landed in ~/.cache/summit-venues, and IPython's profile
    and history in ~/.ipython."""
    home = tmp_path / "home"
    home.mkdir()
    # Its few kernels forked by this session's server (each with that session's environment), if there is one.
    server = {"SUMMIT_KERNEL_SERVER": os.environ.get("SUMMIT_KERNEL_SERVER") or "off"}
    result = pytest_in(session_env(HOME=str(home), **server), *SAMPLE)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert written == [], f"the tests wrote under the home: {written[:10]}"


def unshare() -> list[str] | None:
    """A command prefix that runs a process in a network namespace of its own, loopback down, if allowed here."""
    if not shutil.which("unshare"):
        return None
    trial = subprocess.run(["unshare", "-rn", "true"], capture_output=True)
    return ["unshare", "-rn"] if trial.returncode == 0 else None


@pytest.mark.slow
@pytest.mark.skipif(unshare() is None, reason="this machine does not allow a network namespace (unshare -rn)")
def test_no_loopback_stops_the_session_within_15_s_with_one_line_saying_why():
    """Before: each notebook waited 60 s for its kernel (402 s and a 173,000-line log for the whole suite)."""
    started = time.monotonic()
    result = subprocess.run([*unshare(), sys.executable, "-m", "pytest", "-q", "notebooks/01-data.ipynb",
                             "tests/test_lint.py"], cwd=PROJECT_DIR, env=session_env(), capture_output=True,
                            text=True, timeout=120)
    took = time.monotonic() - started
    said = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert took < 15, f"took {took:.0f} s"
    assert result.returncode != 0 and len(said) == 1, said[:20]
    assert "no Jupyter kernel can start here: 127.0.0.1 refuses connections" in said[0], said


def test_the_loopback_check_passes_here_and_fails_where_connections_are_refused(monkeypatch):
    import socket

    assert loopback_problem() is None

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(socket, "create_connection", refuse)
    assert loopback_problem() == ("no Jupyter kernel can start here: 127.0.0.1 refuses connections (Connection "
                                  "refused); bring the loopback interface up (ip link set lo up) and run the tests "
                                  "again")
