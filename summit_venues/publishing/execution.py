"""Running notebooks top to bottom on fresh kernels, several at a time, with a variant's settings.

A variant reaches a notebook two ways: environment variables, which the notebook reads at
its top (see `settings`), and, for a notebook with a cell tagged `parameters` (papermill's
convention), a cell injected after it that sets the parameters that cell defines.

Ctrl-C stops a run at once: the kernels are killed rather than asked to finish, and their
socket folder and connection files are removed (see `run_notebooks`).
"""
from __future__ import annotations

import ast
import asyncio
import atexit
import os
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import nbformat
from jupyter_client.manager import KernelManager
from jupyter_core.utils import ensure_async
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from .warm_kernels import WarmKernelManager, kernel_server

INJECTED_TAG = "injected-parameters"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class NotebookFailed(RuntimeError):
    """A notebook raised (or its kernel died); the message names the notebook and the cell."""

    def __init__(self, message: str, path: Path | None = None):
        super().__init__(message)
        self.path = path


@dataclass(frozen=True)
class Run:
    """How to run the notebooks: the kernels' environment, the parameters to inject, and the tags of the
    cells to leave out (a report variant leaves out the notebooks' checks of the committed figures)."""

    environment: Mapping[str, str]
    parameters: Mapping[str, object]
    timeout: int = 600
    skip_tags: tuple[str, ...] = ()


def without_cells_tagged(nb: nbformat.NotebookNode, tags: tuple[str, ...]) -> nbformat.NotebookNode:
    """The notebook less its cells tagged with any of `tags`: they are not run, and not shown."""
    if tags:
        nb.cells = [c for c in nb.cells if not set(c.get("metadata", {}).get("tags", [])) & set(tags)]
    return nb


@dataclass(frozen=True)
class Finished:
    """A notebook that ran to the end, with its outputs, and how long it took."""

    path: Path
    notebook: nbformat.NotebookNode
    seconds: float


def parameter_names(source: str) -> set[str]:
    """The names a parameters cell assigns at top level."""
    names: set[str] = set()
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return names


def inject_parameters(nb: nbformat.NotebookNode, parameters: Mapping[str, object]) -> nbformat.NotebookNode:
    """Insert, after the cell tagged `parameters`, a cell setting those of `parameters` it defines."""
    for position, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            wanted = {k: v for k, v in parameters.items() if k in parameter_names(cell.source)}
            if wanted:
                source = "# Parameters of this report variant\n" + "".join(
                    f"{name} = {value!r}\n" for name, value in sorted(wanted.items()))
                # A fixed id, not nbformat's random one: the id is written into the page.
                injected = nbformat.v4.new_code_cell(source, id=INJECTED_TAG, metadata={"tags": [INJECTED_TAG]})
                nb.cells.insert(position + 1, injected)
            break
    return nb


def failed_cell(nb: nbformat.NotebookNode) -> str:
    """Which code cell stored an error, counted as a reader counts them, with its first line."""
    code_cells = [c for c in nb.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, start=1):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            first_line = next((line for line in cell.source.splitlines() if line.strip()), "")
            return f"code cell {number} of {len(code_cells)} ({first_line.strip()[:60]!r})"
    return "an unknown cell"


async def run_notebook(path: Path, run: Run, socket_dir: Path,
                       on_client: Callable[[NotebookClient], None] = lambda client: None) -> Finished:
    """Run one notebook in its own folder on a fresh python3 kernel; raise NotebookFailed naming the cell.

    `on_client` is handed the notebook's client before its kernel starts (so that it can be stopped).
    """
    started = time.monotonic()
    nb = inject_parameters(without_cells_tagged(nbformat.read(path, as_version=4), run.skip_tags), run.parameters)
    # Once the last cell has run, its outputs are in hand and the kernel is killed, as nbval does, rather than asked
    # to shut down: its own shutdown costs it a tenth of a second of clean-up nothing here needs, and ipykernel 7.4's
    # can hang until the kernel manager kills it after all, four seconds on (its control thread waits to flush the
    # output channel that the shutdown has just closed; a race that small changes in timing bring out).
    client = NotebookClient(nb, timeout=run.timeout, kernel_name="python3", record_timing=False,
                            kernel_manager_class=WarmKernelManager, resources={"metadata": {"path": str(path.parent)}},
                            shutdown_kernel="immediate")
    client.km = client.create_kernel_manager()
    # IPC sockets instead of TCP: nothing listens on a port, and ipykernel stops warning
    # on every start that TCP is unencrypted (the warning cluttered the progress lines).
    # Each kernel gets its own socket path: the default, ./kernel-ipc, is shared by every
    # kernel started in the same folder, and kernels running side by side then hang.
    client.km.transport = "ipc"
    client.km.ip = str(socket_dir / path.stem)
    on_client(client)
    try:
        await client.async_execute(env=dict(run.environment))
    except asyncio.CancelledError:
        await _kill_kernel(client)  # a kernel still starting is not yet nbclient's to clean up
        raise
    except CellExecutionError as exc:
        raise NotebookFailed(f"{path.name}, {failed_cell(nb)}: {exc.ename}: {exc.evalue}", path) from None
    except Exception as exc:  # a dead kernel or a cell timeout: still say which notebook
        raise NotebookFailed(f"{path.name}: {type(exc).__name__}: {exc}", path) from None
    return Finished(path, coalesce_streams(nb), time.monotonic() - started)


async def _kill_kernel(client: NotebookClient, km: KernelManager | None = None) -> None:
    """Kill the kernel of `client` if it still runs, and remove what it left (connection file, sockets).

    `km` is the client's kernel manager, for when nbclient has let go of it: a graceful shutdown
    cut short by Ctrl-C forgets a kernel that is still running.
    """
    atexit.unregister(client._cleanup_kernel)  # registered by nbclient before the kernel started
    unfinished = client.km is not None  # nbclient did not get to clean up after its kernel
    km = client.km if km is None else km
    kc, client.km, client.kc = client.kc, None, None
    if km is not None:
        if await ensure_async(km.is_alive()):
            await ensure_async(km.shutdown_kernel(now=True))  # kills it, then removes its files
        elif unfinished:
            await ensure_async(km.cleanup_resources())  # a kernel stopped while starting: its connection file
    if kc is not None:
        kc.stop_channels()  # not a coroutine, in the asynchronous client too


def for_the_repository(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as committed: widget views and widget state left out, so that unchanged code gives the same bytes.

    A widget's model ids are random, so storing its view (and the state JupyterLab would draw it
    from) would rewrite the notebook on every run. Its text output (`VBox(children=(FloatSlider(...`)
    stays, and nbval compares it; running the cell brings the live widget back.
    """
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data is not None and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if not data:
                    continue  # a view with no text: nothing left to store
            outputs.append(output)
        if "outputs" in cell:
            cell["outputs"] = outputs
    return nb


def coalesce_streams(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Merge each cell's consecutive stdout (or stderr) outputs into one.

    The kernel may send one print in several messages, depending on when its buffer flushes:
    without this, two runs of the same notebook can store the same text split differently,
    and the report's pages would not be byte-identical.
    """
    for cell in nb.cells:
        merged: list[nbformat.NotebookNode] = []
        for output in cell.get("outputs", []):
            previous = merged[-1] if merged else None
            if (output.get("output_type") == "stream" and previous is not None
                    and previous.get("output_type") == "stream" and previous.get("name") == output.get("name")):
                previous["text"] += output["text"]
            else:
                merged.append(output)
        if "outputs" in cell:
            cell["outputs"] = merged
    return nb


def _wait(done: threading.Event, meanwhile: Callable[[], object] | None = None) -> None:
    """Wait for `done`, in short steps, so that Ctrl-C raises KeyboardInterrupt here within a tenth of a second;
    between the steps, do `meanwhile` (a short piece of the caller's own work) if given.

    A blocking wait is not enough: SIGINT may reach another thread (the event loop's, zmq's), and
    the main thread would go on waiting. Nor is worker.join(): a join that Ctrl-C interrupts marks
    the thread as ended while it still runs (CPython 3.11), and it would not be waited for.
    """
    while not done.wait(0.1):
        if meanwhile is not None:
            meanwhile()


class _Batch:
    """Notebooks running on an event loop in a thread of their own, so that Ctrl-C stops them at once.

    Ctrl-C raises KeyboardInterrupt in the main thread, which waits here. It has the kernels
    killed (nbclient would otherwise ask each to shut down and wait for it) and the tasks
    cancelled, waits for that, removes the kernels' socket folder, and raises KeyboardInterrupt
    again. (On the main thread's own loop, nbclient would catch Ctrl-C itself and tear the
    kernels down under the running cells, which then fail with an empty AssertionError.)
    """

    def __init__(self, paths: list[Path], run: Run, jobs: int,
                 on_finish: Callable[[Path, Finished | NotebookFailed], None],
                 meanwhile: Callable[[], object] | None = None):
        self.paths, self.run, self.jobs, self.on_finish = paths, run, jobs, on_finish
        self.meanwhile = meanwhile
        self.clients: list[tuple[NotebookClient, KernelManager | None]] = []  # each client with its kernel manager
        self.stopping = False

    def results(self) -> list[Finished]:
        with tempfile.TemporaryDirectory(prefix="summit-kernels-") as socket_dir:
            loop = asyncio.new_event_loop()
            main = loop.create_task(self._all(Path(socket_dir)))
            done = threading.Event()
            worker = threading.Thread(target=self._work, args=(loop, main, done), name="summit-notebooks")
            try:
                worker.start()
                _wait(done, self.meanwhile)  # the caller's own work, in pieces, while the kernels run
            except KeyboardInterrupt:
                self.stopping = True
                if worker.ident is None:  # stopped before the thread started: no notebook ran
                    main.cancel()
                    loop.run_until_complete(asyncio.gather(main, return_exceptions=True))
                    loop.close()
                    raise
                try:
                    loop.call_soon_threadsafe(self._stop, main)
                except RuntimeError:
                    pass  # the loop had just finished and closed
                while not done.is_set():
                    try:
                        _wait(done)
                    except KeyboardInterrupt:
                        continue  # a second Ctrl-C: the kernels are being killed already
                raise
            finally:
                if worker.ident is not None:
                    worker.join()
        return main.result()

    def _work(self, loop: asyncio.AbstractEventLoop, main: asyncio.Task, done: threading.Event) -> None:
        """Run the notebooks; then, as asyncio.run does, end every task left, and kill any kernel left."""
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(main)
        except BaseException:
            pass
        finally:
            try:
                left = asyncio.all_tasks(loop)  # nbclient's pollers, after an interruption
                for task in left:
                    task.cancel()
                loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
                loop.run_until_complete(asyncio.gather(*(_kill_kernel(c, km) for c, km in self.clients),
                                                       return_exceptions=True))
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                asyncio.set_event_loop(None)
                loop.close()
                done.set()

    def _stop(self, main: asyncio.Task) -> None:
        for client, _ in self.clients:
            client.shutdown_kernel = "immediate"  # killed, not asked to finish the running cell first
        main.cancel()

    async def _all(self, socket_dir: Path) -> list[Finished]:
        """Run the notebooks; at the first failure, kill every other kernel and raise it (the rest never start)."""
        slots = asyncio.Semaphore(self.jobs)

        async def one(path: Path) -> Finished:
            async with slots:
                try:
                    result = await run_notebook(path, self.run, socket_dir,
                                                on_client=lambda client: self.clients.append((client, client.km)))
                except NotebookFailed:
                    if self.stopping:  # its kernel was killed under it: not a failure of the notebook
                        raise asyncio.CancelledError from None
                    raise
            self.on_finish(path, result)
            return result

        tasks = [asyncio.ensure_future(one(path)) for path in self.paths]
        try:
            for next_done in asyncio.as_completed(tasks):
                await next_done
        except NotebookFailed as failure:
            if failure.path is not None:  # run_notebook always names it
                self.on_finish(failure.path, failure)
            raise
        finally:
            # The first failure (or Ctrl-C, which cancels this task) stops the others at once, as Ctrl-C does:
            # their kernels are killed, not asked to finish the running cell, and no other notebook starts.
            if not all(task.done() for task in tasks):
                self.stopping = True
                for client, _ in self.clients:
                    client.shutdown_kernel = "immediate"
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        return [task.result() for task in tasks]


def run_notebooks(paths: list[Path], run: Run, jobs: int = 1,
                  on_finish: Callable[[Path, Finished | NotebookFailed], None] = lambda path, result: None,
                  meanwhile: Callable[[], object] | None = None) -> list[Finished]:
    """Run every notebook, `jobs` at a time, and return the results in the given order.

    `on_finish` is called as each notebook finishes (with its Finished), and for the first that fails (with
    its NotebookFailed, which is then raised): that failure stops the run at once, every other kernel is
    killed and no other notebook starts. Ctrl-C (KeyboardInterrupt) does the same, and is raised again.
    `meanwhile` is called in this thread, again and again while the kernels run, for a short piece of the
    caller's own work each time.
    """
    with kernel_server():  # each kernel forked from a process that has imported the libraries (warm_kernels)
        return _Batch(paths, run, max(1, jobs), on_finish, meanwhile).results()


def default_jobs(count: int) -> int:
    """As many kernels at a time as there are cores, and no more than notebooks."""
    return max(1, min(count, os.cpu_count() or 1))
