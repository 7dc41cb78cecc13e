"""Ctrl-C stops `summit-venues report` at once, says so, and leaves the previous report and nothing else behind.

The build runs as a user runs it, `python -m summit_venues report`, in a process of its own, on a copy of the
project whose notebooks are two tiny ones: one that finishes and one whose cell sleeps. Ctrl-C in a terminal
sends SIGINT to the whole foreground process group; so does this test.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from tiny_notebooks import write_notebook

from summit_venues.inputs import settings

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Not a timing test (the goal of about 2 s is the benchmark's): a build that waited for the sleeping cell (600 s)
# or for a kernel's own shutdown grace period would take far longer than this on any machine.
STOPPED_WITHIN = 20.0  # seconds from Ctrl-C to the end of the process


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the package and the data, with tiny notebooks in place of the eight."""
    copy = tmp_path / "project"
    shutil.copytree(PROJECT_DIR / "summit_venues", copy / "summit_venues",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PROJECT_DIR / "data", copy / "data")
    notebooks = copy / "notebooks"
    write_notebook(notebooks, "00-quick.ipynb", "print('done')")
    write_notebook(notebooks, "01-slow.ipynb",
                   "import os, pathlib, time\npathlib.Path('started').write_text(str(os.getpid()))\ntime.sleep(600)")
    return copy


def kernels_of(folder: Path) -> list[int]:
    """Processes whose command line names a file in `folder`: the build's kernels, started with
    `-f <TMPDIR>/tmp....json` (jupyter_client writes a kernel's connection file with mkstemp)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(folder).encode() in command:
                found.append(int(entry.name))
    return found


def wait_for(condition, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


@pytest.fixture
def short_tmp():
    """A scratch folder with a short path: a Unix socket's path may not exceed about 107 bytes, and pytest's
    tmp_path (deeper still under xdist) can, so the kernels' IPC sockets could not be created there."""
    folder = Path(tempfile.mkdtemp(prefix="summit-int-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the kernels' command lines from /proc")
@pytest.mark.parametrize("moment", ["while a cell runs", "while the kernels start"])
def test_ctrl_c_stops_the_build_and_leaves_the_previous_report(project, tmp_path, short_tmp, moment):
    out = tmp_path / "out" / "report"
    out.mkdir(parents=True)
    (out / "index.html").write_text("the previous report")
    scratch = short_tmp  # the build's TMPDIR: kernel socket folders and connection files go there
    # The variant settings left out; the session's cache kept (the route geometry is computed once per session).
    env = {k: v for k, v in os.environ.items() if k not in settings.VARIABLES}
    env.update(PYTHONUNBUFFERED="1", PYTHONPATH=str(project), TMPDIR=str(scratch))
    build = subprocess.Popen([sys.executable, "-m", "summit_venues", "report", "--out", str(out), "--jobs", "2"],
                             cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True,  # its own process group, as a shell gives a command
                             # and Ctrl-C's default meaning, as a terminal's shell gives it: a shell's job in
                             # the background (a CI step, a benchmark) starts with SIGINT ignored
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        if moment == "while a cell runs":
            wait_for(lambda: (project / "notebooks" / "started").exists() or build.poll() is not None,
                     "the slow cell to start")
        else:
            wait_for(lambda: kernels_of(scratch) or build.poll() is not None, "the kernels to start")
        assert build.poll() is None, f"the build ended early: {build.communicate()}"
        interrupted = time.monotonic()
        os.killpg(build.pid, signal.SIGINT)
        stdout, stderr = build.communicate(timeout=30)
        took = time.monotonic() - interrupted
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
    assert build.returncode == 130, (build.returncode, stdout, stderr)
    assert took < STOPPED_WITHIN, f"stopped {took:.1f} s after Ctrl-C"
    assert stderr.strip().endswith("summit-venues report: interrupted"), stderr
    assert "Error" not in stderr and "Traceback" not in stderr and "FAILED" not in stdout, (stdout, stderr)
    assert [p.name for p in out.iterdir()] == ["index.html"] and (out / "index.html").read_text() == \
        "the previous report", "the previous report is left as it was"
    assert [p.name for p in out.parent.iterdir()] == ["report"], "no scratch folder (report.tmp*) left"
    assert list(scratch.iterdir()) == [], "no kernel socket folder or connection file left"
    wait_for(lambda: not kernels_of(scratch), "the kernels to be gone", timeout=5)


# A command stopped by Ctrl-C, in a process of its own run as `python -m summit_venues` is (only under `-m` does
# CPython end the process by SIGINT when it thinks a KeyboardInterrupt went unhandled): `cli.main` with a stand-in
# command, then the process's end.
STOPPED_COMMAND = """
import signal, sys
from summit_venues.publishing import cli

signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C's meaning in a terminal, even in a background job

def stopped(args):
    {during}

cli.COMMANDS["validate"] = stopped
sys.argv[1:] = ["validate"]  # the process's own command line, as `python -m summit_venues validate` gives it
status = cli.main()
{after}
sys.exit(status)
"""


@pytest.mark.slow
@pytest.mark.parametrize("during, after", [
    # Ctrl-C inside code run by exec() of a string, as when it comes while scipy is imported (scipy imports numpy's
    # names so; the report imports scipy while its kernels start): CPython ended the process by SIGINT, status -2
    ('exec("signal.raise_signal(signal.SIGINT)")', ""),
    # Ctrl-C pressed twice: the second arrives while the process ends
    ("signal.raise_signal(signal.SIGINT)", "signal.raise_signal(signal.SIGINT)"),
], ids=["inside code run by exec", "pressed twice"])
def test_a_command_stopped_by_ctrl_c_ends_with_status_130(tmp_path, during, after):
    (tmp_path / "stopped_command.py").write_text(STOPPED_COMMAND.format(during=during, after=after))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(PROJECT_DIR)])}
    ended = subprocess.run([sys.executable, "-m", "stopped_command"], env=env, capture_output=True, text=True,
                           timeout=60)
    assert (ended.returncode, ended.stderr) == (130, "summit-venues validate: interrupted\n")


def test_ctrl_c_in_a_command_called_in_process_leaves_ctrl_c_as_it_was(monkeypatch, capsys):
    """`main([...])` in a process that goes on (a notebook's kernel): it is stopped, and the next Ctrl-C stops the
    process's own work again."""
    from summit_venues.publishing import cli

    def stopped(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(cli.COMMANDS, "validate", stopped)
    before = signal.getsignal(signal.SIGINT)
    assert cli.main(["validate"]) == cli.INTERRUPTED
    assert signal.getsignal(signal.SIGINT) is before
    assert capsys.readouterr().err == "summit-venues validate: interrupted\n"
