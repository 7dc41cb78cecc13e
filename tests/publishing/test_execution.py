"""Notebooks run on fresh kernels with the variant's settings, and a failure names its notebook and cell."""
import os
import time
from pathlib import Path

import nbformat
import pytest
from tiny_notebooks import write_notebook

from summit_venues.publishing.execution import (
    INJECTED_TAG,
    NotebookFailed,
    Run,
    inject_parameters,
    parameter_names,
    run_notebooks,
)


def session_env(**more: str) -> dict[str, str]:
    """The session's environment (its home and caches, session.py: a kernel given none would write its IPython
    profile under the user's home) with `more`."""
    return {**os.environ, **more}


def outputs_text(nb) -> str:
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def test_parameter_names_are_the_top_level_assignments():
    assert parameter_names("profile = 'neutral'\nn: int = 3\nx, y = 1, 2\nif 1:\n    hidden = 1\n") == {"profile", "n"}


def test_only_parameters_the_notebook_defines_are_injected_after_its_parameters_cell(tmp_path):
    path = write_notebook(tmp_path, "00-p.ipynb", "print(profile)", parameters="profile = 'neutral'")
    nb = inject_parameters(nbformat.read(path, as_version=4), {"profile": "usa", "unknown": 1})
    injected = nb.cells[2]
    assert nb.cells[1].metadata.tags == ["parameters"]
    assert injected.metadata.tags == [INJECTED_TAG] and injected.id == INJECTED_TAG
    assert "profile = 'usa'" in injected.source and "unknown" not in injected.source


def test_a_notebook_without_parameters_cell_is_left_as_it_is(tmp_path):
    path = write_notebook(tmp_path, "00-p.ipynb", "print(1)")
    nb = inject_parameters(nbformat.read(path, as_version=4), {"profile": "usa"})
    assert len(nb.cells) == 2


@pytest.mark.slow
def test_kernels_get_the_environment_and_parameters_and_run_in_the_notebook_folder(tmp_path):
    first = write_notebook(tmp_path / "nb", "00-a.ipynb", "import os\nprint(os.environ['SUMMIT_PROFILE'])",
                           "import pathlib\nprint(pathlib.Path.cwd().name)")
    second = write_notebook(tmp_path / "nb", "01-b.ipynb", "print('profile is', profile)",
                            parameters="profile = 'neutral'")
    results = run_notebooks([first, second], Run(session_env(SUMMIT_PROFILE="usa", PATH="/usr/bin:/bin"),
                                                 {"profile": "usa"}), jobs=2)
    assert [r.path for r in results] == [first, second], "results keep reading order, whichever ends first"
    assert outputs_text(results[0].notebook) == "usa\nnb\n"
    assert outputs_text(results[1].notebook) == "profile is usa\n"
    assert not list((tmp_path / "nb").glob("kernel-*")), "no kernel socket files left beside the notebooks"


@pytest.mark.slow
def test_cells_of_checks_are_left_out_only_when_the_run_says_so(tmp_path):
    path = write_notebook(tmp_path, "00-a.ipynb", "print('before')", "assert False, 'checked'", "print('ran on')")
    nb = nbformat.read(path, as_version=4)
    nb.cells[2].metadata["tags"] = ["check"]
    nbformat.write(nb, path)
    skipped = run_notebooks([path], Run(session_env(), {}, skip_tags=("check",)))[0].notebook
    assert outputs_text(skipped) == "before\nran on\n" and len(skipped.cells) == 3
    with pytest.raises(NotebookFailed, match="AssertionError: checked"):
        run_notebooks([path], Run(session_env(), {}))


@pytest.mark.slow
def test_a_failure_names_its_notebook_and_code_cell(tmp_path):
    good = write_notebook(tmp_path, "00-good.ipynb", "print('fine')")
    bad = write_notebook(tmp_path, "01-bad.ipynb", "x = 1", "\n# divide\n1 / 0", "print('never')")
    seen = []
    with pytest.raises(NotebookFailed) as failure:
        run_notebooks([good, bad], Run(session_env(), {}), jobs=1, on_finish=lambda path, result: seen.append(
            (path.name, type(result).__name__)))
    assert str(failure.value) == ("01-bad.ipynb, code cell 2 of 3 ('# divide'): "
                                  "ZeroDivisionError: division by zero")
    assert failure.value.path == bad
    assert seen == [("00-good.ipynb", "Finished"), ("01-bad.ipynb", "NotebookFailed")], "progress for each"


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").is_dir() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the kernel's state from /proc")
def test_the_first_failure_stops_the_run_at_once(tmp_path):
    """The other kernel is killed at once (well before its cell would end), and no other notebook starts.

    Before: every notebook ran to its end after the first failure (here 30 s of a sleeping cell, and the third).
    """
    slow = write_notebook(tmp_path, "00-slow.ipynb", "import os, pathlib, time\n"
                          "pathlib.Path('slow.pid').write_text(str(os.getpid()))\ntime.sleep(30)")
    bad = write_notebook(tmp_path, "01-bad.ipynb", "import pathlib, time\n"
                         "while not pathlib.Path('slow.pid').exists():\n    time.sleep(0.05)",
                         "raise ValueError('bad data')")
    third = write_notebook(tmp_path, "02-third.ipynb", "import pathlib\npathlib.Path('third.ran').touch()")
    failed_at = []
    with pytest.raises(NotebookFailed, match="01-bad.ipynb, code cell 2 of 2"):
        run_notebooks([slow, bad, third], Run(session_env(), {}), jobs=2,
                      on_finish=lambda path, result: failed_at.append(time.monotonic()))
    stopped = time.monotonic() - failed_at[0]
    # The sleeping cell would run 30 s: stopping well before that is what is tested, not how fast (a loaded
    # machine may take a few seconds to kill a kernel).
    assert stopped < 15, f"the run went on {stopped:.1f} s after the first failure"
    assert not alive(int((tmp_path / "slow.pid").read_text())), "the other notebook's kernel still runs"
    assert not (tmp_path / "third.ran").exists(), "a notebook started after the first failure"


def test_a_print_split_across_messages_is_stored_as_one_output():
    """The kernel may flush one print in two messages; the stored notebook must not depend on that."""
    from summit_venues.publishing.execution import coalesce_streams

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(text)", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="One event can show"),
        nbformat.v4.new_output("stream", name="stdout", text="\n"),
        nbformat.v4.new_output("stream", name="stderr", text="a warning\n"),
        nbformat.v4.new_output("stream", name="stdout", text="after the warning\n")])])
    outputs = coalesce_streams(nb).cells[0].outputs
    assert [(o.name, o.text) for o in outputs] == [
        ("stdout", "One event can show\n"), ("stderr", "a warning\n"), ("stdout", "after the warning\n")]


WIDGET_CELL = "import ipywidgets as widgets\nwidgets.VBox([widgets.FloatSlider(value=0.2, description='weight')])"


@pytest.mark.slow
def test_a_widget_view_and_its_state_are_not_committed_but_its_text_is(tmp_path):
    from summit_venues.publishing.execution import WIDGET_VIEW, for_the_repository

    path = write_notebook(tmp_path, "00-w.ipynb", WIDGET_CELL)
    nb = run_notebooks([path], Run(session_env(), {}))[0].notebook
    output = nb.cells[-1].outputs[0]
    assert WIDGET_VIEW in output.data and "widgets" in nb.metadata, "a live run stores the view and its state"
    committed = for_the_repository(nb)
    assert "widgets" not in committed.metadata
    assert list(committed.cells[-1].outputs[0].data) == ["text/plain"]
    assert committed.cells[-1].outputs[0].data["text/plain"].startswith("VBox(children=(FloatSlider(value=0.2")


@pytest.mark.slow
def test_refreshing_unchanged_notebooks_gives_the_same_bytes(tmp_path):
    """`make notebooks` (report.refresh_in_place) twice on unchanged code: byte-identical files, widgets included."""
    from summit_venues.publishing.report import refresh_in_place

    table = "import pandas as pd\npd.DataFrame({'a': [0.5]})"
    paths = [write_notebook(tmp_path, "00-a.ipynb", "print('scores')", table, WIDGET_CELL),
             write_notebook(tmp_path, "01-b.ipynb", "for i in range(3):\n    print(i)",
                            parameters="profile = 'neutral'")]
    refresh_in_place(paths, jobs=2, log=lambda line: None)
    first = [p.read_bytes() for p in paths]
    refresh_in_place(paths, jobs=2, log=lambda line: None)
    assert [p.read_bytes() for p in paths] == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["00-a.ipynb", "01-b.ipynb"], "no scratch file left"
    assert b"model_id" not in first[0] and b"VBox(children=" in first[0]
