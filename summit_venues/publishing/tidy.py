"""The notebooks' own navigation, and the tags that tell the report which cells a reader need not see.

`summit-venues tidy` (run by `make notebooks`) rewrites, in every notebook:

- a contents line and previous/next links as the first and the last cell (tag `navigation`), so that
  readers on GitHub or nbviewer can move between the notebooks; the report has its own navigation and
  leaves these cells out;
- the tag `check` on a code cell that only asserts (the notebook checking the figures its prose quotes),
  and `setup` on a code cell without output that imports the package: the report hides both, and
  JupyterLab shows a check's code collapsed (`jupyter.source_hidden`).

The tags come from the cells' code (parsed, not matched as text), so the rule is the same for every
notebook and a test checks that running it again changes nothing.
"""
from __future__ import annotations

import ast
import re
from collections.abc import Callable
from pathlib import Path

import nbformat

NAVIGATION, CHECK, SETUP = "navigation", "check", "setup"
#: Cells the report leaves out: its own navigation replaces the notebook's; checks and set-up are for the code.
HIDDEN_IN_REPORT = (NAVIGATION, CHECK, SETUP, "parameters")


def title_of(nb: nbformat.NotebookNode) -> str | None:
    """The notebook's title: its first level-one heading, outside the navigation cells."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and NAVIGATION not in cell.metadata.get("tags", []):
            heading = re.search(r"^#\s+(.+)$", cell.source, re.MULTILINE)
            if heading:
                return heading.group(1).strip()
    return None


def short_label(stem: str, title: str | None) -> str:
    """The navigation's label: the notebook's number and its title up to the first colon, question mark or comma
    (`07` + `The decision: who wins, ...` -> `07 The decision`), so that label and title always match."""
    number, _, words = stem.partition("-")
    if not title:
        return f"{number} {words.replace('-', ' ').capitalize()}".strip()
    short = re.split(r"[:,]|(?<=\?)", title, maxsplit=1)[0].strip()  # a question mark stays, a colon or comma not
    return f"{number} {re.sub(r'[*`_]', '', short)}"


def labels(paths: list[Path]) -> list[str]:
    """Each notebook's label (`07 The decision`), read once: the same short labels as the report's navigation."""
    return [short_label(path.stem, title_of(nbformat.read(path, as_version=4))) for path in paths]


def _statements(source: str) -> list[ast.stmt] | None:
    """The cell's top-level statements, IPython magics left out; None if it does not parse."""
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
    try:
        return ast.parse(code).body
    except SyntaxError:
        return None


def _is_check(statement: ast.stmt) -> bool:
    """An assert, a call of an assert function (`pd.testing.assert_frame_equal`), or a loop of them."""
    if isinstance(statement, ast.Assert):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call):
        func = statement.value.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        return name.startswith("assert")
    if isinstance(statement, ast.For):
        return all(_is_check(s) for s in statement.body)
    return False


def code_tags(cell: nbformat.NotebookNode) -> set[str]:
    """`check` for a cell without output that only checks (asserts, and the names they need);
    `setup` for a cell without output that imports the package."""
    statements = _statements(cell.source)
    if not statements or cell.get("outputs"):
        return set()
    checks = [s for s in statements if _is_check(s)]
    if checks and all(_is_check(s) or isinstance(s, ast.Assign | ast.AnnAssign) for s in statements):
        return {CHECK}
    imports_package = any(isinstance(s, ast.Import | ast.ImportFrom) and "summit_venues" in ast.unparse(s)
                          for s in statements)
    return {SETUP} if imports_package else set()


def navigation_cells(paths: list[Path], position: int,
                     names: list[str]) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """The contents line (top) and the previous/next links (bottom) of notebook `position` of `paths`,
    labelled with `names` (`labels`)."""
    link = lambda i: f"[{names[i]}]({paths[i].name})"  # noqa: E731 - a one-line formatter
    contents = " · ".join(f"**{names[i]}**" if i == position else link(i) for i in range(len(paths)))
    before = f"← {link(position - 1)}" if position > 0 else ""
    after = f"{link(position + 1)} →" if position + 1 < len(paths) else ""
    pager = " | ".join(part for part in (before, after) if part)
    top = nbformat.v4.new_markdown_cell(f"**Contents:** {contents}", id="navigation-top",
                                        metadata={"tags": [NAVIGATION]})
    bottom = nbformat.v4.new_markdown_cell(f"{pager}\n\n**Contents:** {contents}", id="navigation-bottom",
                                           metadata={"tags": [NAVIGATION]})
    return top, bottom


def tidied(nb: nbformat.NotebookNode, paths: list[Path], position: int,
           names: list[str] | None = None) -> nbformat.NotebookNode:
    """A copy of `nb` with fresh navigation cells (labelled `names`, else read from `paths`) and the report's tags
    set from each cell's code."""
    nb = nbformat.from_dict(nb)
    cells = [c for c in nb.cells if NAVIGATION not in c.metadata.get("tags", [])]
    for cell in cells:
        if cell.cell_type != "code":
            continue
        tags = [t for t in cell.metadata.get("tags", []) if t not in (CHECK, SETUP)]
        tags += sorted(code_tags(cell))
        if tags:
            cell.metadata["tags"] = tags
        else:
            cell.metadata.pop("tags", None)
        # JupyterLab shows a check collapsed to one line, as the report hides it.
        view = cell.metadata.get("jupyter", {})
        view.pop("source_hidden", None)
        if CHECK in tags:
            view["source_hidden"] = True
        if view:
            cell.metadata["jupyter"] = view
        else:
            cell.metadata.pop("jupyter", None)
    top, bottom = navigation_cells(paths, position, labels(paths) if names is None else names)
    nb.cells = [top, *cells, bottom]
    return nb


def tidy_notebooks(paths: list[Path], save: Callable[[nbformat.NotebookNode, Path], None]) -> list[Path]:
    """Tidy every notebook of `paths` (in reading order), saving with `save(nb, path)` only those that change."""
    changed, names = [], labels(paths)
    for position, path in enumerate(paths):
        nb = nbformat.read(path, as_version=4)
        new = tidied(nb, paths, position, names)
        if new != nb:
            save(new, path)
            changed.append(path)
    return changed
