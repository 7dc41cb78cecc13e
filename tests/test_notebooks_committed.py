"""The committed notebooks are clean: run top to bottom on a fresh kernel, outputs kept, nothing machine-specific."""
import json
import re
import socket
from pathlib import Path

import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[1] / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
# Paths that only exist on one machine: home folders, temporary folders, installed packages, drive letters.
MACHINE_PATH = re.compile(r"(/home/|/root/|/Users/|/tmp/|/work/|/private/var/|site-packages|\.venv/|[A-Z]:\\\\)")


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(nb):
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def output_text(cell) -> str:
    return json.dumps(cell.get("outputs", []))


def test_there_are_notebooks_in_reading_order():
    names = [p.name for p in NOTEBOOKS]
    assert names[:2] == ["00-overview.ipynb", "01-data.ipynb"]
    assert all(re.match(r"^\d\d-[a-z0-9-]+\.ipynb$", n) for n in names), names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_kernelspec_is_python3(path):
    assert load(path)["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_once_top_to_bottom_with_outputs(path):
    counts = [c["execution_count"] for c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1)), f"execution counts {counts}: re-run with `make notebooks`"
    assert any(c.get("outputs") for c in code_cells(load(path))), "no outputs stored"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_errors_stored(path):
    for number, cell in enumerate(code_cells(load(path)), start=1):
        errors = [o for o in cell.get("outputs", []) if o["output_type"] == "error"]
        assert not errors, f"code cell {number} stored {errors[0]['ename']}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_machine_paths_or_names_in_outputs(path):
    host = socket.gethostname()
    for number, cell in enumerate(code_cells(load(path)), start=1):
        text = output_text(cell)
        found = MACHINE_PATH.search(text)
        assert not found, f"code cell {number} output shows a machine path: {found.group(0)}"
        assert len(host) < 4 or host not in text, f"code cell {number} output names this machine"


def ignore_without_reason(source: str) -> bool:
    """An NBVAL_IGNORE_OUTPUT marker must be followed on its line by ': ' and a reason of three words or more."""
    for line in source.splitlines():
        if "NBVAL_IGNORE_OUTPUT" in line:
            reason = line.split("NBVAL_IGNORE_OUTPUT", 1)[1].lstrip(": ")
            if len(reason.split()) < 3:
                return True
    return False


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_ignored_output_says_why(path):
    for number, cell in enumerate(code_cells(load(path)), start=1):
        assert not ignore_without_reason("".join(cell["source"])), \
            f"code cell {number} ignores its output without a written reason"


def test_the_reason_check_can_fail():
    assert ignore_without_reason("# NBVAL_IGNORE_OUTPUT\nprint(1)")
    assert not ignore_without_reason("# NBVAL_IGNORE_OUTPUT: timings differ on every run\nprint(1)")


def test_the_checker_catches_a_machine_path():
    """The path check itself can fail: a typical absolute path in an output is caught."""
    cell = {"outputs": [{"output_type": "stream", "text": "loaded /home/ana/summit/data/venues.csv"}]}
    assert MACHINE_PATH.search(output_text(cell))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_assert_is_in_a_cell_of_checks(path):
    """A report variant leaves the cells tagged `check` out (their figures are the committed data's): an assert
    elsewhere would fail in a variant. `summit-venues tidy` tags a cell of asserts only."""
    import ast

    for number, cell in enumerate(code_cells(load(path)), start=1):
        if "check" in cell["metadata"].get("tags", []):
            continue
        code = "\n".join(line for line in "".join(cell["source"]).splitlines() if not line.lstrip().startswith("%"))
        asserts = [node for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Assert)]
        assert not asserts, f"code cell {number} asserts outside a cell of checks: move the asserts to their own cell"


# --- What a reader meets in the committed notebooks: no object reprs, no raw cells, no data ids ---------------------

#: A text output that is an object's repr rather than something written for a reader.
OBJECT_REPR = re.compile(r"^\s*(<[\w.]+ (object|at 0x)|<Figure size|\w+\(children=|<IPython\.core\.display)")
#: Cells a reader should never see: missing values, truth values, text cut short.
RAW_CELL = re.compile(r"^(NaN|nan|None|NaT|<NA>|True|False)$|(\.\.\.|…)$")
#: A bad-input message names each file, row and column as the file spells them, so that a reader can mend it: it
#: may show ids (01-data shows two such messages).
DATA_ERROR = re.compile(r"^\d+ problems? in the data:")


def data_ids() -> set[str]:
    """The ids of the data files (each file's first column) that are not words a reader would write: those with an
    underscore or a hyphen ('city_diplomacy', 'kim_range_7000', 'apec-2006')."""
    import csv

    data_dir = NOTEBOOK_DIR.parent / "data"
    ids = set()
    for path in sorted(data_dir.glob("*.csv")) + sorted(data_dir.glob("*/*.csv")):
        with path.open(encoding="utf-8") as file:
            rows = csv.reader(file)
            next(rows, None)
            ids.update(row[0] for row in rows if row and ("_" in row[0] or "-" in row[0]) and "." not in row[0])
    return ids


def reader_problems(outputs: list[dict], ids: set[str]) -> list[str]:
    """What a reader would see that they should not: an object repr shown as text, a raw table cell, a data id."""
    from html import unescape
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.cells, self.open = [], None

        def handle_starttag(self, tag, attrs):
            if tag in ("td", "th"):
                self.open = ""

        def handle_endtag(self, tag):
            if tag in ("td", "th") and self.open is not None:
                self.cells.append(self.open.strip())
                self.open = None

        def handle_data(self, data):
            if self.open is not None:
                self.open += data

    found_id = re.compile(r"(?<![\w/.#-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True)))
                          + r")(?![\w-]|\.\w)")  # not a file name: event_kinds.csv
    problems, texts = [], []
    for output in outputs:
        data = output.get("data", {})
        if "text/html" in data:
            page = "".join(data["text/html"])
            parser = Cells()
            parser.feed(page)
            problems += [f"table cell {cell!r}" for cell in parser.cells if RAW_CELL.search(cell)]
            texts.append(unescape(re.sub(r"<[^>]+>", " ", page)))
        elif "text/markdown" in data:
            texts.append("".join(data["text/markdown"]))
        elif "text/plain" in data and not {"image/png", "image/svg+xml"} & set(data):
            text = "".join(data["text/plain"])
            if OBJECT_REPR.search(text):
                problems.append(f"object repr {text[:40]!r}")
            texts.append(text)
        if output.get("output_type") == "stream" and not DATA_ERROR.match("".join(output["text"])):
            texts.append("".join(output["text"]))
    problems += [f"data id {found!r}" for text in texts for found in sorted(set(found_id.findall(text)))]
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_output_is_an_object_repr(path):
    for number, cell in enumerate(code_cells(load(path)), start=1):
        reprs = [p for p in reader_problems(cell.get("outputs", []), set()) if p.startswith("object repr")]
        assert not reprs, f"code cell {number} shows {reprs[0]}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_tables_and_words_are_reader_grade(path):
    ids = data_ids()
    for number, cell in enumerate(code_cells(load(path)), start=1):
        problems = reader_problems(cell.get("outputs", []), ids)
        assert not problems, f"code cell {number} shows {', '.join(problems[:3])}"


def test_the_reader_check_can_fail():
    """A raw data frame (NaN, True, a cut cell, an id) and a widget's repr are each caught."""
    table = ("<table><tr><th>choice_id</th><th>x</th></tr><tr><td>city_diplomacy</td><td>NaN</td></tr>"
             "<tr><td>True</td><td>The delegations' embass...</td></tr></table>")
    outputs = [{"output_type": "execute_result", "data": {"text/html": [table], "text/plain": ["..."]}},
               {"output_type": "execute_result", "data": {"text/plain": ["VBox(children=(FloatSlider(value=0.2…"]}},
               {"output_type": "stream", "name": "stdout", "text": "FNJ → DAD and kim_range_7000\n"}]
    problems = reader_problems(outputs, data_ids())
    assert {"table cell 'NaN'", "table cell 'True'", "table cell \"The delegations' embass...\"",
            "data id 'city_diplomacy'", "data id 'kim_range_7000'"} <= set(problems)
    assert any(p.startswith("object repr 'VBox(") for p in problems)
    assert reader_problems([{"output_type": "stream", "text": "Hanoi 0.78, Da Nang 0.81"}], data_ids()) == []


def test_opening_and_saving_in_jupyter_changes_no_byte(tmp_path):
    """JupyterLab saves through the server's contents manager: a notebook opened and saved unchanged (an autosave)
    must leave git with nothing to show. (What the browser's model adds on a run, widget state, is 07's concern:
    its committed outputs hold a static table and sentence beside the widget, which reopen without a kernel.)"""
    from jupyter_server.services.contents.filemanager import FileContentsManager

    for path in NOTEBOOKS:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    contents = FileContentsManager(root_dir=str(tmp_path))
    for path in NOTEBOOKS:
        model = contents.get(path.name, content=True)
        contents.save({"type": "notebook", "format": "json", "content": model["content"]}, path.name)
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), f"saving {path.name} rewrites it"
