"""Every notebook carries its navigation and the tags the report reads, as `summit-venues tidy` writes them."""
import re

import nbformat
import pytest
from tiny_notebooks import write_notebook

from summit_venues.publishing import pages, tidy
from summit_venues.publishing.report import NOTEBOOK_DIR, notebook_paths

PATHS = notebook_paths()
LABELS = tidy.labels(PATHS)


@pytest.mark.parametrize("position", range(len(PATHS)), ids=[p.stem for p in PATHS])
def test_every_notebook_is_tidy(position):
    """Running `summit-venues tidy` again would change nothing: navigation and tags are current."""
    nb = nbformat.read(PATHS[position], as_version=4)
    assert tidy.tidied(nb, PATHS, position, LABELS) == nb, f"run `summit-venues tidy` ({PATHS[position].name})"


@pytest.mark.parametrize("position", range(len(PATHS)), ids=[p.stem for p in PATHS])
def test_the_navigation_links_the_notebooks_in_order_at_top_and_bottom(position):
    nb = nbformat.read(PATHS[position], as_version=4)
    top, bottom = nb.cells[0], nb.cells[-1]
    assert tidy.NAVIGATION in top.metadata["tags"] and tidy.NAVIGATION in bottom.metadata["tags"]
    linked = re.findall(r"\]\(([^)]+)\)", top.source)
    assert linked == [p.name for p in PATHS if p != PATHS[position]]
    assert all((NOTEBOOK_DIR / name).is_file() for name in linked)
    pager = re.findall(r"\]\(([^)]+)\)", bottom.source.split("\n\n")[0])
    assert pager == [p.name for p in (PATHS[position - 1:position] if position else [])
                     + PATHS[position + 1:position + 2]]


def _cell(source, outputs=()):
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = list(outputs)
    return cell


@pytest.mark.parametrize("source, outputs, tags", [
    ("assert 1 == 1", (), {"check"}),
    ("x = f()\nassert x > 0  # a comment\npd.testing.assert_frame_equal(a, b)", (), {"check"}),
    ("for t in ts:\n    pd.testing.assert_series_equal(t, t)", (), {"check"}),
    ("x = f()\nassert x > 0", [nbformat.v4.new_output("stream", text="x")], set()),  # it shows something
    ("print(x)\nassert x > 0", (), set()),  # not only checks
    ("%matplotlib inline\nimport summit_venues as sv\ndata = sv.load_dataset()", (), {"setup"}),
    ("import pandas as pd", (), set()),  # not the package
    ("x = = broken", (), set()),
])
def test_the_tags_come_from_the_code(source, outputs, tags):
    assert tidy.code_tags(_cell(source, outputs)) == tags


def test_the_report_hides_checks_set_up_and_navigation_and_folds_the_rest(tmp_path):
    """The page of a tidied notebook, as run (outputs written here: no kernel needed to test the page)."""
    path = write_notebook(tmp_path / "nb", "00-one.ipynb", "import summit_venues as sv", "print('shown')",
                          "assert 6 * 7 == 42")
    tidy.tidy_notebooks([path], lambda nb, p: nbformat.write(nb, p))
    nb = nbformat.read(path, as_version=4)
    nb.cells[3].outputs = [nbformat.v4.new_output("stream", text="shown\n")]
    page = pages.notebook_page(nb, [pages.page_for("00-one", nb)], 0, "")
    assert "shown" in page and "6 * 7" not in page and "import summit_venues" not in page
    assert "Contents:" not in page  # the report's own navigation stands in for the notebook's
    assert page.count('<details class="report-code"><summary>Code</summary>') == 1
    assert "<script" not in page


def test_a_check_is_collapsed_in_jupyterlab_and_nothing_else_is():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# T"), _cell("assert 1"), _cell("x = 1")])
    nb.cells[2].metadata["jupyter"] = {"source_hidden": True, "outputs_hidden": False}  # set by hand: tidy resets
    done = tidy.tidied(nb, PATHS, 0, LABELS)
    check, plain = done.cells[2], done.cells[3]
    assert check.metadata["jupyter"] == {"source_hidden": True} and "check" in check.metadata["tags"]
    assert plain.metadata["jupyter"] == {"outputs_hidden": False}
