"""Kernels forked from a warm server are fresh kernels: as a notebook sees them, they are the kernels started the
usual way, and they stop as those do.

The strongest check is elsewhere: every committed notebook, run under nbval on kernels from the session's
server, gives the stored outputs byte for byte, charts included (test_report_build.py). Here, what a notebook
could tell apart, one thing at a time, and the server's rules.
"""
import os
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from tiny_notebooks import write_notebook

from summit_venues.publishing import warm_kernels

pytestmark = pytest.mark.slow


@pytest.fixture
def own_server(monkeypatch):
    """A test that stops its server starts one of its own, not the session's, whose kernels are others' too."""
    monkeypatch.delenv(warm_kernels.SERVER_VAR, raising=False)

#: What a notebook could see of its kernel: the folder, the environment, the import path, pandas' idea of the
#: screen (a library that looks for a kernel when imported), matplotlib's backend, the shell, signals.
LOOK = ("import os, sys\nprint(os.getcwd(), os.environ['SUMMIT_PROBE'], sys.path, sys.argv[1:2])",
        "import signal, pandas as pd, matplotlib\n"
        "print(pd.get_option('display.max_columns'), matplotlib.get_backend())\n"
        "print(get_ipython().__class__.__name__, __name__, signal.getsignal(signal.SIGTERM),\n"
        "      os.getpgid(0) == os.getpid())")
#: What a server whose forks these tests only start and stop need import (the real one takes seconds more).
LIGHT = ("ipykernel.kernelapp",)
#: The one difference: the modules the server preloaded are loaded before the notebook imports them.
PRELOADED = "import sys\nprint('shapely' in sys.modules, 'summit_venues' in sys.modules)"


def run_on(path: Path, manager) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name="python3", kernel_manager_class=manager,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(env={**os.environ, "SUMMIT_PROBE": "seen"})
    return ["".join(o.get("text", "") for o in cell.outputs) for cell in nb.cells if cell.cell_type == "code"]


def test_a_forked_kernel_shows_a_notebook_what_a_kernel_started_the_usual_way_shows(tmp_path, monkeypatch):
    path = write_notebook(tmp_path / "nb", "00-look.ipynb", *LOOK, PRELOADED)
    if os.environ.get(warm_kernels.SERVER_VAR) == warm_kernels.OFF:  # a session without a server: one here
        monkeypatch.delenv(warm_kernels.SERVER_VAR)
    with warm_kernels.kernel_server(tmp_path) as server:  # the session's, if it has one
        assert server is not None
        forked = run_on(path, warm_kernels.WarmKernelManager)
    monkeypatch.setenv(warm_kernels.SERVER_VAR, warm_kernels.OFF)
    cold = run_on(path, warm_kernels.WarmKernelManager)
    assert forked[:2] == cold[:2]
    assert forked[0].startswith(f"{tmp_path / 'nb'} seen [") and "'-f']" in forked[0]
    assert forked[1].startswith("20 module://matplotlib_inline.backend_inline\nZMQInteractiveShell __main__")
    assert (forked[2], cold[2]) == ("True True\n", "False False\n")


def test_the_server_declines_a_kernel_it_could_not_give_as_asked(tmp_path):
    """Another import path (PYTHONPATH) or another Python: the kernel starts the usual way."""
    with warm_kernels.kernel_server(tmp_path):
        env = dict(os.environ)
        assert warm_kernels.fork_kernel(["-f", str(tmp_path / "k.json")], {**env, "PYTHONPATH": str(tmp_path)},
                                        str(tmp_path)) is None
    with_off = {**os.environ, warm_kernels.SERVER_VAR: warm_kernels.OFF}
    assert warm_kernels.fork_kernel(["-f", str(tmp_path / "k.json")], with_off, str(tmp_path)) is None


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not status.is_file() or "zombie" not in status.read_text().lower()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the processes' state from /proc")
def test_kernels_stop_with_their_client_or_their_server(tmp_path, own_server):
    with warm_kernels.kernel_server(tmp_path, preload=LIGHT) as server:
        manager = warm_kernels.WarmSyncKernelManager(kernel_name="python3")
        manager.start_kernel(cwd=str(tmp_path))
        pid = manager.provisioner.pid
        assert isinstance(manager.provisioner.process, warm_kernels.ForkedKernel) and alive(pid)
        manager.shutdown_kernel(now=True)  # as Ctrl-C and a failed build stop the kernels: killed
        deadline = time.monotonic() + 2
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(pid), "the kernel outlived its kill"
        survivor = warm_kernels.fork_kernel(["-f", str(tmp_path / "k.json")], dict(os.environ), str(tmp_path))
        assert survivor is not None and alive(survivor.pid)
    deadline = time.monotonic() + 3
    while alive(survivor.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(survivor.pid), "a kernel outlived its server"
    assert not Path(server).exists(), "the server's socket was left behind"


def test_a_kernel_not_yet_leading_a_group_of_its_own_is_killed_all_the_same():
    """Before: the server killed a kernel by its process group alone, so one forked a moment before (not yet in a
    session of its own) outlived a build that died."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])  # in this test's group
    try:
        warm_kernels._kill(child.pid)
        assert child.wait(timeout=10) == -9
    finally:
        child.kill()


def test_the_server_stops_when_the_process_that_started_it_ends(tmp_path, own_server):
    script = (f"import sys; sys.path.insert(0, {str(Path(warm_kernels.__file__).parents[2])!r})\n"
              "from summit_venues.publishing import warm_kernels\n"
              f"server = warm_kernels.kernel_server({str(tmp_path)!r}, preload={LIGHT!r}).__enter__()\n"
              "print(server, flush=True)\n"
              "import os; os._exit(0)")  # ends without closing anything, as a killed build would
    address = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                             check=True).stdout.strip()
    deadline = time.monotonic() + 5
    while Path(address).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not Path(address).exists(), "the server outlived the process that started it"
