"""Fresh kernels in a tenth of the time: each forked from a process that has already imported the libraries.

A kernel started the usual way spends about a second and a half before its first cell: starting Python and
IPython, then importing pandas, matplotlib, shapely, pyproj and the package. Ten notebooks pay that ten times.
Here one server process imports them once (`PRELOAD`: imports, no notebook code; and the data sets the notebooks
load, which a kernel's `load_dataset` finds in memory while their files are unchanged) and then
forks a child for each kernel asked of it; the child becomes an ordinary IPython kernel, in the notebook's
folder, with the environment the kernel manager gave it. It is a fresh kernel in every sense a notebook can
see but one: a process of its own that has run nothing but imports and data loading, as a new kernel would be
after importing the same modules and loading the same data; only `sys.modules` tells, listing them before the
notebook imports them (and the garbage collector, which leaves what the server loaded to the server: see
`serve`). (tests/
test_warm_kernels.py compares what a notebook sees of the two kinds of kernel; under nbval every committed
notebook, run on kernels from the server, gives its stored outputs byte for byte, charts included.)

`WarmKernelManager` is jupyter_client's kernel manager with `WarmProvisioner`, which asks the server named by
$SUMMIT_KERNEL_SERVER for a kernel and falls back to starting one the usual way whenever it cannot (no server,
another Python, a changed PYTHONPATH, a kernel other than python3's); SUMMIT_KERNEL_SERVER=off starts every
kernel the usual way. `kernel_server()` starts a server for
the life of a `with` block. The server stops, and kills every kernel it forked, when the process that started
it ends (its stdin is that process's pipe); a kernel stops when the server does (ipykernel's parent poller),
and the server kills a kernel whose client is gone.
"""
from __future__ import annotations

import array
import contextlib
import gc
import importlib
import importlib.util
import json
import os
import pkgutil
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from jupyter_client.connect import KernelConnectionInfo
from jupyter_client.manager import AsyncKernelManager, KernelManager
from jupyter_client.provisioning import LocalProvisioner

SERVER_VAR = "SUMMIT_KERNEL_SERVER"
#: $SUMMIT_KERNEL_SERVER set to this: no server, every kernel started the usual way.
OFF = "off"
#: Imported by the server before it forks: the kernel itself, the libraries nearly every notebook imports, and
#: every module of the package's layers the notebooks call (`name.*`: the package and all its modules, so that
#: a module added later is preloaded too; scipy.optimize, which the hinges import, alone costs each kernel a
#: quarter of a second). Modules that set something up at import for a running IPython (matplotlib_inline's
#: figure hooks, ipywidgets' comm target) are not here: in the server there is none, so a kernel would miss what
#: they set up (sharing.interactive imports ipywidgets only when a widget is made).
#: An entry `module:function` is called once its module is imported: `readings.warm_up` loads the data sets of
#: the data folder that the notebooks load (and the borders), which a kernel's `load_dataset` then finds in the
#: memo it inherits (inputs/memo.py: a deep copy, keyed on the content of the files, so a kernel given other
#: data loads its own).
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.debugger", "numpy", "pandas",
           "matplotlib.figure", "matplotlib.backends.backend_agg", "shapely", "pyproj", "summit_venues",
           "summit_venues.inputs.*", "summit_venues.measures.*", "summit_venues.decision.*",
           "summit_venues.sharing.*", "summit_venues.measures.readings:warm_up")
#: Variables that decide what `import` finds: a kernel asked for with other values than the server's starts cold.
IMPORT_VARIABLES = ("PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH", "PYTHONNOUSERSITE", "PYTHONUSERBASE",
                    "PYTHONOPTIMIZE", "VIRTUAL_ENV")
_KERNEL_COMMAND = ("-m", "ipykernel_launcher")


# --- the client side: a kernel manager whose kernels come from the server -------------------------------------

class ForkedKernel:
    """The kernel process as subprocess.Popen shows one, for jupyter_client: its pid, poll, wait and signals.

    The kernel is the server's child, not this process's: its exit status comes over the connection to the
    server, which stays open while the kernel runs (closing it makes the server kill the kernel).
    """

    stdin = stdout = stderr = None

    def __init__(self, pid: int, connection: socket.socket):
        self.pid, self._connection = pid, connection
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None and select.select([self._connection], [], [], 0)[0]:
            self._read_exit()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.returncode is not None:
            return self.returncode
        ready = select.select([self._connection], [], [], timeout)[0]
        if not ready and timeout is not None:  # (with no timeout, select waits until the kernel has ended)
            raise subprocess.TimeoutExpired("kernel", timeout)
        return self._read_exit()

    def _read_exit(self) -> int:
        message = self._connection.recv(64)
        code = int(message.decode().split()[1]) if message.startswith(b"exit ") else -signal.SIGKILL
        self.returncode = code
        self._connection.close()
        return code

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def fork_kernel(args: list[str], env: dict[str, str], cwd: str) -> ForkedKernel | None:
    """A kernel forked by the server named in `env` (or this process's environment), or None if it cannot."""
    address = env.get(SERVER_VAR) or os.environ.get(SERVER_VAR)
    if not address or address == OFF or not _answers(address, timeout=30):  # it may still be starting
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(address)
        request = json.dumps({"args": args, "env": env, "cwd": cwd, "executable": sys.executable}).encode()
        devnull = os.open(os.devnull, os.O_RDONLY)
        try:  # the kernel's standard streams: no input, and this process's output and errors (as Popen's)
            fds = [devnull, 1, 2]
            connection.sendmsg([len(request).to_bytes(8, "big") + request],
                               [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])
        finally:
            os.close(devnull)
        answer = _receive_line(connection)
    except (OSError, ValueError):
        connection.close()
        return None
    if not answer.startswith("pid "):
        connection.close()
        return None  # the server declined: another Python, or other import settings
    return ForkedKernel(int(answer.split()[1]), connection)


def _receive_line(connection: socket.socket) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = connection.recv(64)
        if not chunk:
            raise ValueError("the kernel server closed the connection")
        data += chunk
    return data.decode().strip()


class WarmProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, but the kernel is forked by the server when one is running."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any) -> KernelConnectionInfo:
        env = dict(kwargs.get("env") or os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        forked = None
        if len(cmd) > 3 and tuple(cmd[1:3]) == _KERNEL_COMMAND and cmd[0] == sys.executable:
            forked = fork_kernel(cmd[3:], env, cwd)
        if forked is None:
            return await super().launch_kernel(cmd, **kwargs)
        # jupyter_client types its process as a Popen, but uses only what ForkedKernel has (pid, poll, wait, signals).
        self.process = forked  # type: ignore[assignment]
        self.pid, self.pgid, self.cwd = forked.pid, forked.pid, cwd  # its own group
        return self.connection_info


class _Warm(KernelManager):
    """Kernel managers that use WarmProvisioner (jupyter_client reads the provisioner from the kernel spec)."""

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        if self.provisioner is None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or _new_id()
            self.provisioner = WarmProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
        return await super()._async_pre_start_kernel(**kw)


class WarmKernelManager(_Warm, AsyncKernelManager):
    """nbclient's kernel manager, with kernels from the server when one is running."""


class WarmSyncKernelManager(_Warm, KernelManager):
    """The blocking kernel manager (nbval's), with kernels from the server when one is running."""


def _new_id() -> str:
    import uuid

    return str(uuid.uuid4())


@contextlib.contextmanager
def kernel_server(folder: Path | None = None, timeout: float = 60, wait: bool = True,
                  preload: tuple[str, ...] = PRELOAD) -> Iterator[str | None]:
    """A kernel server for the `with` block, named in $SUMMIT_KERNEL_SERVER meanwhile; if one is already named
    and answers (within `timeout`, while it starts), that one. Without a server (it failed to start), kernels
    start the usual way. `wait=False` names the server at once, before it has imported what it preloads: the
    first to ask for a kernel waits for it then (a test session starts one so, while its workers start).
    `preload` are the modules the server imports before it forks."""
    current = os.environ.get(SERVER_VAR)
    if current == OFF:
        yield None
        return
    if current and _answers(current, timeout):
        yield current
        return
    with tempfile.TemporaryDirectory(prefix="summit-kernels-", dir=folder) as where:
        address = str(Path(where) / "server")
        # Run by its path, not `-m`: that would import the package, and pandas with it, before the server
        # could import them as a kernel does (see `_import_as_in_a_kernel`).
        server = subprocess.Popen([sys.executable, __file__, address, *preload], stdin=subprocess.PIPE,
                                  stdout=subprocess.DEVNULL if not wait else subprocess.PIPE,
                                  stderr=subprocess.DEVNULL)
        try:
            ready = not wait or _says_ready(server, timeout)
            if ready:
                os.environ[SERVER_VAR] = address
            yield address if ready else None
        finally:
            if current:
                os.environ[SERVER_VAR] = current
            else:
                os.environ.pop(SERVER_VAR, None)
            if server.stdin is not None:  # the server's life line (a pipe): it kills its kernels and exits
                server.stdin.close()
            try:
                server.wait(5)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _says_ready(server: subprocess.Popen[bytes], timeout: float) -> bool:
    """Whether the server has written that it is ready, within `timeout`."""
    out = server.stdout
    return out is not None and bool(select.select([out], [], [], timeout)[0]) and out.readline() == b"ready\n"


def _answers(address: str, timeout: float = 0) -> bool:
    """Whether a server listens at `address`, waiting up to `timeout` while it starts (its folder is there)."""
    deadline = time.monotonic() + timeout
    while True:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            try:
                probe.connect(address)
                return True
            except OSError:
                pass
        if time.monotonic() >= deadline or not Path(address).parent.is_dir():
            return False
        time.sleep(0.05)


# --- the server: imports once, forks a kernel per request ------------------------------------------------------

def serve(address: str, preload: tuple[str, ...] = PRELOAD) -> None:
    """Import `preload`, then fork a kernel for each request on the socket `address`, until stdin closes."""
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")  # as ipykernel sets it
    _import_as_in_a_kernel(preload)
    # What the server loaded stays for each kernel's life: frozen, it is left out of the kernel's collections of
    # garbage, each of which would otherwise go through all of it (a tenth of a second per kernel, and a copy of
    # each page of memory it touches).
    gc.collect()
    gc.freeze()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the build: it stops the kernels through us
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    kernels: dict[int, socket.socket] = {}  # pid -> its client's connection
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    life_line = sys.stdin.fileno()
    try:
        while True:
            watched = [listener, life_line, *kernels.values()]
            readable = select.select(watched, [], [], 0.2)[0]
            if life_line in readable and not os.read(life_line, 64):
                break
            if listener in readable:
                connection = listener.accept()[0]
                pid = _answer(connection, listener, kernels.values())
                if pid:
                    kernels[pid] = connection
            for pid, connection in list(kernels.items()):
                if connection in readable:  # the client closed its end (or died): the kernel goes too
                    _kill(pid)
            _reap(kernels)
    finally:
        for pid in kernels:
            _kill(pid)
        deadline = time.monotonic() + 2
        while kernels and time.monotonic() < deadline:
            _reap(kernels)
            time.sleep(0.02)
        listener.close()
        Path(address).unlink(missing_ok=True)


class _KernelShell:
    """What `get_ipython()` gives code running in a Jupyter kernel: a shell with a `kernel`."""

    kernel = True


def _import_as_in_a_kernel(modules: Iterable[str]) -> None:
    """Import `modules` as a notebook's first cell would: inside a kernel, which some libraries look for when
    imported (pandas lets a terminal, but not a kernel, size its tables to the screen: `display.max_columns`)."""
    import builtins

    shared = vars(builtins)  # get_ipython is IPython's name, not one the builtins module declares
    shared["get_ipython"] = _KernelShell
    try:
        for module in modules:
            name, _, function = module.partition(":")
            for each in _with_submodules(name):
                importlib.import_module(each)
            if function:
                getattr(sys.modules[name], function)()
    finally:
        del shared["get_ipython"]


def _with_submodules(module: str) -> list[str]:
    """`module`, or for `package.*` the package and every module in it, found without importing them first."""
    if not module.endswith(".*"):
        return [module]
    package = module[:-2]
    spec = importlib.util.find_spec(package)
    folders = list(spec.submodule_search_locations or []) if spec else []
    return [package, *sorted(info.name for info in pkgutil.walk_packages(folders, prefix=f"{package}."))]


def _answer(connection: socket.socket, listener: socket.socket, others: Iterable[socket.socket]) -> int | None:
    """Read one request; fork its kernel and answer 'pid N', or answer 'cold' (start it the usual way)."""
    try:
        size_and_fds = connection.recvmsg(8, socket.CMSG_SPACE(3 * array.array("i").itemsize))
        size = int.from_bytes(size_and_fds[0], "big")
        fds = array.array("i")
        for level, kind, data in size_and_fds[1]:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds.frombytes(data[:len(data) - len(data) % fds.itemsize])
        body = b""
        while len(body) < size:
            chunk = connection.recv(size - len(body))
            if not chunk:
                raise ValueError("request cut short")
            body += chunk
        request = json.loads(body)
    except (OSError, ValueError):
        connection.close()
        return None
    same_python = request["executable"] == sys.executable and all(
        request["env"].get(name) == os.environ.get(name) for name in IMPORT_VARIABLES)
    if not same_python or len(fds) != 3:
        connection.sendall(b"cold\n")
        connection.close()
        for fd in fds:
            os.close(fd)
        return None
    pid = os.fork()
    if pid == 0:  # the kernel: it never returns into the server's loop
        code = 1
        try:
            for other in (listener, connection, *others):
                other.close()
            _become_kernel(request, list(fds))
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            import atexit

            atexit._run_exitfuncs()  # as a process ending normally runs them (IPython's history, ...)
            os._exit(code)
    for fd in fds:
        os.close(fd)
    connection.sendall(f"pid {pid}\n".encode())
    return pid


def _become_kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: the kernel's own session, streams, folder, environment and arguments; then run it."""
    os.setsid()  # its own process group, as jupyter_client gives a kernel: signals reach it and its children
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
        signal.signal(signum, signal.SIG_DFL)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    del sys.path[0]  # the server's folder: ipykernel_launcher removes the entry `python -m` puts first, too
    # The kernel stops if the server goes (ipykernel's parent poller); given as an argument because ipykernel
    # read JPY_PARENT_PID when the server imported it.
    args = [*request["args"], f"--IPKernelApp.parent_handle={os.getppid()}"]
    sys.argv = [sys.executable, *args]
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(args)
    _let_the_control_thread_finish(kernelapp.IPKernelApp.instance())


def _let_the_control_thread_finish(app: Any, timeout: float = 2.0) -> None:
    """Wait for the control thread to finish the message it is handling (the shutdown request) before the exit
    handlers close the output channel: ipykernel 7.4 closes it first, and a control thread still flushing its
    output then waits for a channel that is gone, until the kernel manager kills the kernel four seconds on."""
    import threading

    control = getattr(app, "control_thread", None)
    if control is not None and control.is_alive():
        done = threading.Event()
        control.io_loop.add_callback(done.set)
        done.wait(timeout)


def _kill(pid: int) -> None:
    """Kill a kernel and the processes it started (its process group); a kernel forked a moment ago may not lead a
    group of its own yet, and is then killed alone."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def _reap(kernels: dict[int, socket.socket]) -> None:
    """Tell each client whose kernel ended its exit status, and forget it."""
    for pid, connection in list(kernels.items()):
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done, status = pid, 0
        if done:
            code = os.waitstatus_to_exitcode(status)
            with contextlib.suppress(OSError):
                connection.sendall(f"exit {code}\n".encode())
            connection.close()
            del kernels[pid]


if __name__ == "__main__":
    sys.path[0] = os.getcwd()  # as under `python -m`: not this file's folder, whose modules would shadow others
    serve(sys.argv[1], tuple(sys.argv[2:]))
