"""The report of the committed notebooks: deterministic, free of machine paths, and self-contained.

One real build serves every test here (the `built_report` fixture, shared by the workers).
Two builds give the same bytes when (1) running a notebook gives the same outputs every time,
and (2) the same outputs give the same pages. (1) is checked against the committed notebooks,
which `make notebooks` stored from another run: every output of this build's run must equal
theirs, charts included (nbval, by contrast, compares text only). (2) is checked by building
the report again from the notebooks as this build ran them, with new random widget ids.
"""
import copy
import re
import uuid
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup

from summit_venues.publishing import report
from summit_venues.publishing.execution import Finished
from summit_venues.publishing.report import Variant, build_report, notebook_paths

MACHINE_PATH = re.compile(r"(/home/|/root/|/Users/|/tmp/|/work/|/private/var/|site-packages|\.venv/|[A-Z]:\\\\)")
# Attributes through which a page loads something (as opposed to links a reader may follow).
RESOURCE_ATTRIBUTES = {"img": "src", "script": "src", "iframe": "src", "source": "src", "embed": "src",
                       "object": "data", "audio": "src", "video": "src"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.slow
def test_a_page_per_notebook_and_an_index(built_report):
    assert sorted(files(built_report)) == sorted([p.with_suffix(".html").name for p in notebook_paths()]
                                                 + ["brief.html", "index.html"])


def without_widget_views(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook less what differs on every run by design: widget views and state, whose model ids are random.

    The report shows a note in place of a widget (test_report.py), and the committed notebooks
    may leave widget views out; an output that was nothing but a view is dropped.
    """
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if "outputs" in cell:
            for output in cell.outputs:
                output.get("data", {}).pop(WIDGET_VIEW, None)
            cell.outputs = [o for o in cell.outputs if "data" not in o or o.data]
    return nb


def differences(ran: nbformat.NotebookNode, committed: nbformat.NotebookNode) -> list[str]:
    """Where a run's notebook differs from the committed one, widget ids aside: the notebook's metadata, or a cell."""
    ran, committed = without_widget_views(ran), without_widget_views(committed)
    found = [] if ran.metadata == committed.metadata else ["the notebook's metadata"]
    if len(ran.cells) != len(committed.cells):
        return found + [f"{len(ran.cells)} cells instead of {len(committed.cells)}"]
    code = 0
    for new, old in zip(ran.cells, committed.cells):
        code += new.cell_type == "code"
        where = f"code cell {code}" if new.cell_type == "code" else f"a {new.cell_type} cell"
        if new.source != old.source or new.cell_type != old.cell_type:
            found.append(f"{where}: its source")
        elif new.get("execution_count") != old.get("execution_count"):
            found.append(f"{where}: its execution count")
        elif new.get("outputs") != old.get("outputs"):
            unmatched = ([o for o in new.outputs if o not in old.get("outputs", [])]
                         + [o for o in old.get("outputs", []) if o not in new.outputs])
            kinds = sorted({kind for o in unmatched for kind in (o.get("data") or {o.output_type: None})})
            found.append(f"{where}: its outputs ({', '.join(kinds) or 'their order'})")
    return found


@pytest.mark.slow
def test_a_run_gives_every_output_of_the_committed_notebooks_charts_included(built_notebooks):
    assert sorted(built_notebooks) == [p.name for p in notebook_paths()]
    for path in notebook_paths():
        found = differences(built_notebooks[path.name], nbformat.read(path, as_version=4))
        assert not found, (
            f"{path.name}, as the report build ran it, differs from the committed notebook in {'; '.join(found)}. "
            "Either running it does not give the same outputs every time (and then two builds of the report "
            "would not give the same bytes), or the committed notebook is out of date: `make notebooks`.")


def test_the_comparison_of_runs_can_fail():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1)\nchart", execution_count=1, outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="1\n"),
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"}),
        nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {"model_id": "a1"}, "text/plain": "VBox()"})])])
    assert differences(nb, copy.deepcopy(nb)) == []
    other_widget = copy.deepcopy(nb)
    other_widget.cells[0].outputs[2].data[WIDGET_VIEW]["model_id"] = "b2"
    assert differences(other_widget, nb) == [], "widget ids are random by design"
    chart = copy.deepcopy(nb)
    chart.cells[0].outputs[1].data["image/png"] = "iVBORw0KGgp="
    assert differences(chart, nb) == ["code cell 1: its outputs (image/png, text/plain)"]
    split = copy.deepcopy(nb)
    split.cells[0].outputs[0:1] = [nbformat.v4.new_output("stream", name="stdout", text=t) for t in ("1", "\n")]
    assert differences(split, nb) == ["code cell 1: its outputs (stream)"], "a print split in two"


def with_new_widget_ids(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as another run would give it: each widget's random model id replaced by a new one."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    views = [o.data[WIDGET_VIEW]["model_id"] for c in nb.cells for o in c.get("outputs", [])
             if WIDGET_VIEW in o.get("data", {})]
    text = nbformat.writes(nb)
    for model_id in set(state) | set(views):
        text = text.replace(model_id, uuid.uuid4().hex)
    return nbformat.reads(text, as_version=4)


@pytest.mark.slow
def test_the_same_outputs_give_the_same_bytes(built_report, built_notebooks, tmp_path, monkeypatch):
    def as_run_before(paths, *args, **kwargs):
        return [Finished(p, with_new_widget_ids(built_notebooks[p.name]), 0.0) for p in paths]

    monkeypatch.setattr(report, "run_notebooks", as_run_before)
    again = build_report(Variant(), tmp_path / "again", log=lambda line: None, fresh=True).folder
    first, second = files(built_report), files(again)
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"pages differ between two builds from the same outputs: {differing}"


@pytest.mark.slow
def test_no_machine_paths_in_the_report(built_report):
    for name, content in files(built_report).items():
        found = MACHINE_PATH.search(content.decode("utf-8"))
        assert not found, f"{name} shows a machine path: {found.group(0)}"


@pytest.mark.slow
def test_every_resource_is_inline_and_every_local_link_exists(built_report):
    for page in built_report.glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in RESOURCE_ATTRIBUTES.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                assert element[attribute].startswith("data:"), f"{page.name} loads {element[attribute][:80]}"
        for link in soup.find_all("link", href=True):
            assert link["href"].startswith("data:"), f"{page.name} links {link['href']}"
        for anchor in soup.find_all("a", href=True):
            href = anchor["href"].split("#")[0]
            if href and not re.match(r"^[a-z]+:", href):
                assert (built_report / href).is_file(), f"{page.name} links to {href}, which is not in the report"


@pytest.mark.slow
def test_index_says_how_firm_the_verdict_is(built_report):
    index = (built_report / "index.html").read_text(encoding="utf-8")
    # The overview's sentences, from the same function (decision.robustness_in_three_senses).
    assert "Weights: 5.8% of the total weight would have to move for Hanoi to draw level" in index
    assert "Da Nang ranks first in 82% of draws at these weights" in index
    assert "With every extension the team added switched on, Hanoi leads by 0.144." in index


def test_the_lede_and_the_model_choice_figure_are_the_same_on_every_page(built_report):
    """One figure, computed once (choices.choice_figures through robustness), quoted alike by the index, the brief,
    the overview, the decision notebook and the README."""
    import json

    from bs4 import BeautifulSoup

    from summit_venues.publishing import readme
    from summit_venues.publishing.report import PROJECT_DIR

    block = readme.committed_block(PROJECT_DIR / "README.md")
    lede = block.split("**")[1]
    figures = [line[2:] for line in block.splitlines() if line.startswith("- ")]
    assert len(figures) == 2 and lede.startswith("On the article's literal criteria Da Nang edges Hanoi")
    for page in ("index.html", "brief.html"):
        text = BeautifulSoup((built_report / page).read_text(encoding="utf-8"), "html.parser").get_text(" ")
        text = " ".join(text.split())
        assert lede in text, page
        for figure in figures:  # the firmness line quotes both families' counts
            counted = figure.split(" combinations")[0].split("stays first in ")[1]
            assert counted in text, (page, counted)
    overview = json.loads((PROJECT_DIR / "notebooks" / "00-overview.ipynb").read_text(encoding="utf-8"))
    shown = "".join("".join(o.get("data", {}).get("text/markdown", "")) for c in overview["cells"]
                    for o in c.get("outputs", []))
    assert f"**{lede}**" in shown and all(figure in shown for figure in figures)
    decision = json.loads((PROJECT_DIR / "notebooks" / "07-decision.ipynb").read_text(encoding="utf-8"))
    table = next("".join(o["data"]["text/html"]) for c in decision["cells"] for o in c.get("outputs", [])
                 if "counted" in "".join(o.get("data", {}).get("text/html", "")))
    for figure in figures:
        first, of = figure.split("stays first in ")[1].split(" combinations")[0].split(" of ")
        assert f"<td>{of}</td>" in table and f"<td>{first}</td>" in table  # as the lede writes them: 3,072


@pytest.mark.slow
def test_the_index_leads_with_the_hero_chart_and_says_how_we_did_this(built_report):
    import summit_venues as sv
    from summit_venues.sharing import hero

    soup = BeautifulSoup((built_report / "index.html").read_text(encoding="utf-8"), "html.parser")
    section = soup.select_one("section.hero")
    assert section.find_previous("p", class_="verdict"), "the hero chart comes after the bottom line"
    assert len(section.select("img")) == 2 and section.select_one("picture source[media]"), "a phone's chart too"
    draws = section.select_one("figure.hero-draws figcaption").get_text(" ", strip=True)
    assert draws.startswith("59 of 100 random weightings pick Da Nang.")
    # "59 of 100" and the index's "59% of draws" are one figure (robustness's), rounded alike.
    assert "Da Nang ranks first in 59% of draws" in soup.get_text(" ")
    data = sv.load_dataset()
    figures = hero.hero_figures(data, sv.default_weights(data))
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in section.select("table.readings tr")
            if tr.find("td")]
    assert rows == [[f"{r.group}: {r.label}", data.venues.name[figures.favoured(r)], f"{abs(r.margin):.3f}"]
                    for r in figures.readings]
    assert rows[0] == ["The article's model: Neutral weights", "Da Nang", "0.026"]
    assert ["The team's extensions: Every extension switched on", "Hanoi", "0.144"] in rows
    method = soup.select_one("section.method")
    assert method.h2.get_text() == "How we did this"
    text = " ".join(method.get_text(" ").split())
    assert "6 February 2019" in text and "sourced values" in text and "leaves out" in text
    links = {a["href"] for a in method.find_all("a")}
    assert links == {"01-data.html", "07-decision.html", "07-decision.html#Methods"}
    decision = BeautifulSoup((built_report / "07-decision.html").read_text(encoding="utf-8"), "html.parser")
    assert decision.find(id="Methods"), "the link to the decision's methods lands on its heading"


@pytest.mark.slow
def test_the_decision_page_has_the_live_weights_once_with_one_note(built_report):
    """Its sliders stand where the notebook's widget would: no note saying they need a kernel after them."""
    from summit_venues.publishing import pages

    html = (built_report / "07-decision.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.select("section#try-weights.live")) == 1
    assert pages.WIDGET_NOTE not in html and "VBox(" not in soup.get_text()
