"""The report builder on small notebooks: pages, index, navigation, variants, escaping, atomic failure.

A small build still takes seconds (kernels start, and the index weighs how firm the verdict is),
so tests that only read a report share one: `tiny_report` here, `evil_report` in conftest.py.
"""
import json
import re
import shutil
from html import escape
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from tiny_notebooks import without_worked_out_parts, write_notebook

from summit_venues.publishing import pages
from summit_venues.publishing.report import NOTEBOOK_DIR, NotebookFailed, Variant, build_report, notebook_paths

EVIL_NAME = "<script>document.title='pwned'</script>Evil"


def write_two_notebooks(folder: Path) -> list[Path]:
    return [
        write_notebook(folder, "00-first-look.ipynb", "print('hello')",
                       markdown="# First look\n\nThe **bottom line**, then [the details](01-details.ipynb#top)."),
        write_notebook(folder, "01-details.ipynb", "print(2 + 2)", markdown="# The details\n\n> a quote\n\nFacts."),
    ]


@pytest.fixture
def two_notebooks(tmp_path):
    return write_two_notebooks(tmp_path / "notebooks")


def build(tmp_path, notebooks, variant=None, name="report"):
    return build_report(variant or Variant(), tmp_path / name, notebooks, jobs=2, log=lambda line: None,
                        fresh=True)


@pytest.fixture(scope="module")
def tiny_report(tmp_path_factory):
    """The report of the two notebooks for the committed analysis, for the tests that only read it."""
    folder = tmp_path_factory.mktemp("tiny")
    return build(folder, write_two_notebooks(folder / "notebooks"))


@pytest.mark.slow
def test_one_page_per_notebook_and_an_index_with_the_bottom_line(tiny_report):
    built = tiny_report
    assert sorted(p.name for p in built.folder.iterdir()) == ["00-first-look.html", "01-details.html", "brief.html",
                                                              "index.html"]
    index = (built.folder / "index.html").read_text()
    assert built.verdict == ("Under the neutral weights of the article's model, Da Nang ranks first: "
                             "Da Nang 0.81, Hanoi 0.78 (out of 1).")
    assert escape(built.verdict) in index and built.page_count == 2  # the page escapes its apostrophe
    assert '<a href="00-first-look.html">First look</a><br>The bottom line, then the details.' in index
    assert '<a href="01-details.html">The details</a><br>Facts.' in index


def parse(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
def test_every_page_has_the_same_navigation_and_no_script_but_the_indexs_own(tiny_report):
    folder = tiny_report.folder
    for page in sorted(set(folder.glob("*.html")) - {folder / "brief.html"}):  # the brief is a page to print
        soup = parse(page)
        nav = soup.select_one("nav.report-nav")
        assert [a["href"] for a in nav.find_all("a")] == ["index.html", "00-first-look.html", "01-details.html"]
        assert [a["href"] for a in nav.select('a[aria-current="page"]')] == [page.name]
        # (Not inside an inline image: base64 may spell anything.)
        assert "cdn" not in re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", page.read_text().lower())
        assert not soup.select("script[src]")
        scripts = soup.find_all("script")
        if page.name != "index.html":
            assert not scripts
            continue
        # The index: its data as JSON, and the one script of the live weights, the same on every report.
        data, code = scripts
        assert data["type"] == "application/json" and json.loads(data.string)["venues"][0]["name"] == "Hanoi"
        assert code.string == pages.asset("live.js") and soup.select_one("#try-weights").has_attr("hidden")
    first = parse(folder / "00-first-look.html")
    assert first.title.string == "First look"
    assert first.find("a", string="the details")["href"] == "01-details.html#top", "notebook links point to pages"
    assert [a.get_text() for a in first.select("nav.report-pager a")] == ["← Report home", "01 The details →"]


@pytest.mark.slow
def test_a_variant_says_so_on_every_page_and_gets_a_folder_of_its_own(tmp_path, two_notebooks, monkeypatch):
    without_worked_out_parts(monkeypatch)
    variant = Variant(profile="usa")
    assert variant.folder_name() == "report-usa" and Variant().folder_name() == "report"
    built = build(tmp_path, two_notebooks, variant, variant.folder_name())
    assert built.verdict.startswith("Under the US delegation's weights, on the article's model, Da Nang ranks first")
    for page in built.folder.glob("*.html"):
        banner = parse(page).select_one("aside.report-variant").get_text()
        assert banner.startswith("Variant report.") and "the US delegation's weights" in banner


def test_variant_environment_replaces_the_callers_settings():
    caller = {"PATH": "/bin", "SUMMIT_PROFILE": "dprk", "SUMMIT_EXTRA_VENUES": "stale.csv"}
    assert Variant().environment(caller) == {"PATH": "/bin"}
    env = Variant(extra_venues=(Path("x.csv"),)).environment(caller)
    assert env["SUMMIT_EXTRA_VENUES"] == str(Path("x.csv").resolve()) and "SUMMIT_PROFILE" not in env
    assert "PYTHONOPTIMIZE" not in env, "python -O would compile every library again in each kernel"
    assert Variant(profile="usa").run().skip_tags == ("check",), "the checks of committed figures are left out"
    assert Variant().run().skip_tags == ()


@pytest.mark.slow
def test_venue_names_are_escaped_on_the_index(evil_report):
    index = (evil_report / "index.html").read_text()
    # Two script elements, the live weights' own: the name is text in the page and escaped JSON in the data.
    assert index.count("<script") == 2 and "<script>document.title" not in index
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;Evil" in index
    assert "\\u003cscript\\u003edocument.title='pwned'\\u003c/script\\u003eEvil" in index


@pytest.mark.slow
def test_venue_names_are_escaped_in_every_way_a_notebook_shows_them(evil_report):
    """In a table, a printed line, a ranking and a verdict (tiny_notebooks.write_venue_notebook)."""
    page = evil_report / "00-venues.html"
    assert "<script" not in page.read_text(encoding="utf-8"), "the page lets the name's markup through"
    shown = parse(page).get_text().count(EVIL_NAME)
    assert shown == 4, f"the name is shown as text {shown} times, not once in each of the 4 outputs"


@pytest.mark.slow
def test_a_failed_build_leaves_the_previous_report_and_names_notebook_and_cell(tmp_path, two_notebooks, tiny_report):
    folder = tmp_path / "report"
    shutil.copytree(tiny_report.folder, folder)  # the previous report
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    broken = write_notebook(tmp_path / "notebooks", "02-broken.ipynb", "x = 1", "raise ValueError('bad data')")
    with pytest.raises(NotebookFailed, match=r"02-broken.ipynb, code cell 2 of 2 .*ValueError: bad data") as failure:
        build(tmp_path, two_notebooks + [broken])
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "report"], "no scratch folder left behind"
    assert str(failure.value).endswith(f"\nThe previous report in {folder}/ is unchanged.")


@pytest.mark.slow
def test_bad_weights_fail_before_any_kernel_starts(tmp_path, two_notebooks):
    from summit_venues import WeightError
    with pytest.raises(WeightError, match="unknown profile"):
        build(tmp_path, two_notebooks, Variant(profile="nobody"))
    assert not (tmp_path / "report").exists()


def test_page_labels_titles_and_summaries_come_from_the_notebook():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "# Travel *path*: a safe flight\n\n> \"quote\"\n\nThe [article](https://example.org) names `flight_path`.")])
    page = pages.page_for("02-flight-path", nb)
    assert (page.label, page.title, page.summary) == ("02 Travel path", "Travel path: a safe flight",
                                                      "The article names flight_path.")
    # The answer, where the notebook opens with one, is the summary; the label is the title up to its colon.
    nb.cells.append(nbformat.v4.new_markdown_cell("**The question.** Why?\n\n**The answer.** Because *it is*."))
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("**Contents:** ...", metadata={"tags": ["navigation"]}))
    page = pages.page_for("02-flight-path", nb)
    assert (page.label, page.summary) == ("02 Travel path", "Because it is.")


TEX_MATH = re.compile(r"\$\$|\\\(|\\\[|\\begin\{|\$[^$\n]*\\[A-Za-z]+[^$\n]*\$")


@pytest.mark.parametrize("path", notebook_paths(NOTEBOOK_DIR), ids=lambda p: p.name)
def test_no_tex_math_that_the_offline_report_could_not_show(path):
    """The report drops MathJax (a CDN script): TeX in a notebook would show as raw source."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            found = TEX_MATH.search("".join(cell["source"]))
            assert not found, f"TeX math {found.group(0)!r}: render it another way, or bring MathJax into the report"


def test_the_tex_check_can_fail():
    assert TEX_MATH.search(r"the weight $w_i \geq 0$") and TEX_MATH.search("$$x$$")
    assert not TEX_MATH.search("US$2,587, up US$198")


def test_a_widget_becomes_a_note_and_its_state_is_dropped():
    nb = nbformat.v4.new_notebook(metadata={"widgets": {"state": {"a1b2": {}}}}, cells=[nbformat.v4.new_code_cell(
        "slider", outputs=[nbformat.v4.new_output("display_data", data={
            pages.WIDGET_VIEW: {"model_id": "a1b2", "version_major": 2}, "text/plain": "IntSlider(value=1)"})])])
    html = pages.notebook_page(nb, [pages.Page("00-w", "00 W", "W", "")], 0, banner="")
    assert "a1b2" not in html and "<script" not in html and "open the notebook in JupyterLab" in html



@pytest.mark.slow
def test_the_slowest_notebooks_start_first_and_pages_keep_reading_order(tmp_path, monkeypatch, two_notebooks):
    """Start order follows the last run's times (unknown ones last); the report's pages do not change order."""
    from summit_venues.publishing import report

    monkeypatch.setenv("SUMMIT_CACHE_DIR", str(tmp_path / "cache"))
    first, second = two_notebooks
    assert report.longest_first([first, second]) == [first, second]  # nothing recorded yet: as given
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / report.SECONDS_FILE).write_text(json.dumps({first.name: 1.0, second.name: 9.0}))
    assert report.longest_first([first, second]) == [second, first]
    built = build(tmp_path, two_notebooks)
    recorded = json.loads((tmp_path / "cache" / report.SECONDS_FILE).read_text())
    assert set(recorded) == {first.name, second.name} and all(s > 0 for s in recorded.values())
    index = (built.folder / "index.html").read_text()
    assert index.index("00-first-look.html") < index.index("01-details.html")


def test_the_data_fingerprint_changes_with_every_file_beside_an_extra_venue(tmp_path):
    from summit_venues.publishing import report

    venue = tmp_path / "my_venue.csv"
    venue.write_text("venue_id\n")
    variant = Variant(extra_venues=(venue,))
    prints = [report.data_fingerprint(variant)]
    for kind in ("sources", "legs", "countries"):
        venue.with_suffix(f".{kind}.csv").write_text(f"{kind}\n")
        prints.append(report.data_fingerprint(variant))
    assert len(set(prints)) == 4


# --- outputs reused when nothing changed (sharing/executed.py) --------------------------------------------

def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.slow
def test_a_rebuild_with_nothing_changed_reuses_the_outputs_and_gives_the_same_bytes(tmp_path, monkeypatch):
    from summit_venues.inputs import cache
    from summit_venues.publishing import executed, report

    monkeypatch.setenv(cache.CACHE_DIR_VAR, str(tmp_path / "cache"))
    without_worked_out_parts(monkeypatch)
    notebooks = [write_notebook(tmp_path / "nb", "01-one.ipynb", "print(6 * 7)"),
                 write_notebook(tmp_path / "nb", "02-two.ipynb", "print('two')")]
    first = build_report(Variant(), tmp_path / "first", notebooks, jobs=2, log=lambda line: None)
    ran, lines = [], []
    real_run = report.run_notebooks
    monkeypatch.setattr(report, "run_notebooks", lambda paths, *a, **k: ran.extend(paths) or real_run(paths, *a, **k))
    second = build_report(Variant(), tmp_path / "second", notebooks, jobs=2, log=lines.append)
    assert ran == [] and "2 of 2 notebooks have run before" in lines[0]
    assert files(first.folder) == files(second.folder)
    # A changed notebook runs again, alone; a damaged kept one too; --fresh runs one kept all the same.
    write_notebook(tmp_path / "nb", "02-two.ipynb", "print('two, changed')")
    (entry,) = (tmp_path / "cache" / executed.FOLDER).glob("01-one.*.ipynb")
    entry.write_text("{not json")
    build_report(Variant(), tmp_path / "third", notebooks, jobs=2, log=lambda line: None)
    assert sorted(p.name for p in ran) == ["01-one.ipynb", "02-two.ipynb"]
    assert json.loads(entry.read_text())["cells"]  # kept again, whole
    ran.clear()
    build_report(Variant(), tmp_path / "fourth", notebooks[:1], jobs=1, log=lambda line: None, fresh=True)
    assert [p.name for p in ran] == ["01-one.ipynb"]


def test_the_key_covers_the_notebook_the_data_the_code_the_libraries_and_the_variant(tmp_path):
    from summit_venues.publishing import executed

    notebook = write_notebook(tmp_path, "01-one.ipynb", "print(1)")
    base = dict(notebook=notebook, data_digest="d", settings={"SUMMIT_PROFILE": "usa"}, parameters={"profile": "usa"},
                code="c", versions={"pandas": "2.2"})
    keys = {executed.key(**base)}
    for change in ({"data_digest": "d2"}, {"settings": {}}, {"parameters": {}}, {"code": "c2"},
                   {"versions": {"pandas": "2.3"}}):
        keys.add(executed.key(**{**base, **change}))
    write_notebook(tmp_path, "01-one.ipynb", "print(2)")
    keys.add(executed.key(**base))
    assert len(keys) == 7


def test_the_live_weights_data_keep_markup_out_of_the_script():
    """A name that would close the <script> element reaches the page escaped, and reads back as typed."""
    import pandas as pd

    name = "</script><script>alert(1)</script> & Co"
    scores = pd.DataFrame({"a": [0.5]}, index=["x"])
    live = pages.live_weights(scores, pd.Series({"x": name}), pd.Series({"a": "A"}),
                              pd.DataFrame({"a": [1.0]}, index=["neutral"]), pd.Series({"neutral": "N"}),
                              pd.Series({"a": 1.0}))
    text = str(pages._json_for_html(live))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["venues"][0]["name"] == name


@pytest.mark.slow
def test_the_brief_has_the_question_the_bottom_line_the_scores_three_caveats_and_the_grades(tiny_report):
    brief = parse(tiny_report.folder / "brief.html")
    index = parse(tiny_report.folder / "index.html")
    assert index.find("a", string="the brief")["href"] == "brief.html"
    text = brief.get_text(" ", strip=True)
    assert "Hanoi or Da Nang for the second Trump-Kim summit?" in text and tiny_report.verdict in text
    assert len(brief.select("ol li")) == 3 and "Hanoi was announced on 8 February 2019" in text
    assert brief.select_one("table.scores") and brief.find("img")["src"].startswith("data:image/png;base64,")
    assert len(brief.select(".hero img")) == 2 and "random weightings pick" in text
    assert not brief.find_all("script")
    # One count of grades, of sourced values, the same on the brief and on the index.
    counted = re.search(r"of the (\d+) sourced values, (\d+) are graded A .*?, (\d+) are graded B .*?, (\d+) are "
                        r"graded C .*? and (\d+) are estimates", text)
    total, *grades = (int(n) for n in counted.groups())
    assert total == sum(grades)
    assert counted.group(0).split(", ", 1)[1] in index.get_text(" ", strip=True).replace("\n", " ")
    assert "above" not in text and "below" not in text, "the brief points to a place on a page it is not on"


def test_report_tables_drop_row_numbers_keep_real_labels_and_link_addresses():
    import pandas as pd

    numbered = pd.DataFrame({"place": ["Da Nang", "Hanoi"],
                             "source": ['see https://example.org/a?b=1&c=2 (A), or "https://x.org/"', "none"]})
    with pd.option_context("display.max_colwidth", None):  # as the notebooks show long notes
        soup = BeautifulSoup(pages.readable_tables(numbered._repr_html_()), "html.parser")
    assert [th.get_text() for th in soup.select("thead th")] == ["place", "source"]
    assert not soup.select("tbody th") and len(soup.select("tbody tr")) == 2
    assert [a["href"] for a in soup.select("td a")] == ["https://example.org/a?b=1&c=2", "https://x.org/"]
    assert soup.select("td")[1].get_text() == numbered.source[0]  # the text reads as before
    labelled = pd.DataFrame({"x": [1, 2]}, index=pd.Index(["Hanoi", "Da Nang"], name="venue"))
    kept = BeautifulSoup(pages.readable_tables(labelled._repr_html_()), "html.parser")
    assert [th.get_text() for th in kept.select("tbody th")] == ["Hanoi", "Da Nang"]  # real labels stay


def test_a_long_report_table_is_folded_under_a_line_that_says_how_long_it_is():
    import pandas as pd

    short, long = pd.DataFrame({"x": range(pages.FOLD_ROWS)}), pd.DataFrame({"x": range(pages.FOLD_ROWS + 1)})
    assert "<details" not in pages.readable_tables(short._repr_html_())
    folded = BeautifulSoup(pages.readable_tables(long._repr_html_()), "html.parser").select_one("details.report-table")
    assert folded.summary.get_text() == f"The full table: {pages.FOLD_ROWS + 1} rows" and folded.table


def test_a_cell_tagged_live_weights_becomes_the_sliders_on_its_page():
    import pandas as pd

    note = "In the report, sliders re-rank the venues here."
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Decision"),
                                         nbformat.v4.new_markdown_cell(note, metadata={"tags": [pages.LIVE_TAG]})])
    live = pages.live_weights(pd.DataFrame({"a": [0.5]}, index=["x"]), pd.Series({"x": "X"}), pd.Series({"a": "A"}),
                              pd.DataFrame({"a": [1.0]}, index=["neutral"]), pd.Series({"neutral": "N"}),
                              pd.Series({"a": 1.0}))
    page = parse_text(pages.notebook_page(nb, [pages.page_for("07-decision", nb)], 0, "", live))
    assert page.select_one("section#try-weights") and note not in page.get_text()
    assert [s.get("type") for s in page.find_all("script")] == ["application/json", None]
    assert page.find_all("script")[1].string == pages.asset("live.js")
    without = parse_text(pages.notebook_page(nb, [pages.page_for("07-decision", nb)], 0, ""))
    assert note in without.get_text() and not without.find_all("script")


@pytest.mark.parametrize("widget", [{pages.WIDGET_VIEW: {"model_id": "a1", "version_major": 2}, "text/plain": "VBox()"},
                                    {"text/plain": "VBox(children=(FloatSlider(value=0.2, description='Travel')"}])
def test_where_the_live_weights_stand_a_widget_leaves_no_note_elsewhere_a_note(widget):
    import pandas as pd

    cells = [nbformat.v4.new_markdown_cell("# Decision"),
             nbformat.v4.new_markdown_cell("(sliders here)", metadata={"tags": [pages.LIVE_TAG]}),
             nbformat.v4.new_code_cell("explorer()", outputs=[nbformat.v4.new_output("display_data", data=widget)])]
    nb = nbformat.v4.new_notebook(cells=cells)
    live = pages.live_weights(pd.DataFrame({"a": [0.5]}, index=["x"]), pd.Series({"x": "X"}), pd.Series({"a": "A"}),
                              pd.DataFrame({"a": [1.0]}, index=["neutral"]), pd.Series({"neutral": "N"}),
                              pd.Series({"a": 1.0}))
    page = pages.notebook_page(nb, [pages.page_for("07-decision", nb)], 0, "", live)
    assert "running kernel" not in page and "VBox(" not in page and 'id="try-weights"' in page
    without = pages.notebook_page(nb, [pages.page_for("07-decision", nb)], 0, "")
    assert without.count("running kernel") == 1 and "VBox(" not in without


def parse_text(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


# --- a failed build stops at once, says what to do, and what is left -------------------------------------------

@pytest.fixture
def good_and_bad(tmp_path, monkeypatch):
    """The report's notebooks: one that runs, one that fails in its second cell; outputs kept in tmp_path/cache."""
    from summit_venues.inputs import cache
    from summit_venues.publishing import report

    monkeypatch.setenv(cache.CACHE_DIR_VAR, str(tmp_path / "cache"))
    without_worked_out_parts(monkeypatch)
    good = write_notebook(tmp_path / "nb", "00-good.ipynb", "print('fine')")
    bad = write_notebook(tmp_path / "nb", "01-bad.ipynb", "x = 1", "1 / 0")
    monkeypatch.setattr(report, "notebook_paths", lambda: [good, bad])
    return good, bad


@pytest.mark.slow
def test_a_failed_build_says_what_to_do_and_that_no_report_was_written(tmp_path, good_and_bad, capsys):
    """Before: 'report not built, the previous one is unchanged', when there was none."""
    from summit_venues.publishing import cli

    out = tmp_path / "report-new"
    assert cli.main(["report", "--out", str(out), "--jobs", "1", "--profile", "usa"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("summit-venues report: 01-bad.ipynb, code cell 2 of 2 ('1 / 0'): "
                          "ZeroDivisionError: division by zero\n"), err
    assert ("To see the whole error, open that notebook with this report's settings: SUMMIT_PROFILE=usa jupyter lab "
            ) in err and "01-bad.ipynb (its cells of checks, tagged check, do not hold for a variant: skip them)" in err
    assert ("Fix the notebook or the data, then run the same command again: the 1 notebook that finished is kept "
            "and will not run again.\nNo report was written (") in err and not out.exists()


@pytest.mark.slow
def test_a_retry_after_a_failure_runs_only_what_did_not_finish(tmp_path, good_and_bad, monkeypatch):
    """Before: the notebooks that finished were kept only when every one had, so a retry ran them all again."""
    from summit_venues.publishing import cli, report

    good, bad = good_and_bad
    out = tmp_path / "report-new"
    assert cli.main(["report", "--out", str(out), "--jobs", "1", "--profile", "usa"]) == 1
    write_notebook(tmp_path / "nb", "01-bad.ipynb", "x = 1", "print('fixed')")
    ran = []
    real_run = report.run_notebooks
    monkeypatch.setattr(report, "run_notebooks", lambda paths, *a, **k: ran.extend(paths) or real_run(paths, *a, **k))
    assert cli.main(["report", "--out", str(out), "--jobs", "1", "--profile", "usa"]) == 0
    assert ran == [bad] and out.is_dir()


# --- each variant keeps its own outputs, in a folder of capped size ----------------------------------------------

@pytest.mark.slow
def test_each_variant_keeps_its_own_outputs(tmp_path, monkeypatch):
    """Before: building another variant dropped the first one's outputs, and the next build ran everything again."""
    from summit_venues.inputs import cache
    from summit_venues.publishing import report

    monkeypatch.setenv(cache.CACHE_DIR_VAR, str(tmp_path / "cache"))
    without_worked_out_parts(monkeypatch)
    notebooks = [write_notebook(tmp_path / "nb", "01-one.ipynb", "print(6 * 7)")]
    ran, lines = [], []
    real_run = report.run_notebooks
    monkeypatch.setattr(report, "run_notebooks", lambda paths, *a, **k: ran.extend(paths) or real_run(paths, *a, **k))
    for variant in (Variant(), Variant(profile="usa"), Variant(), Variant(profile="usa")):
        build_report(variant, tmp_path / variant.folder_name(), notebooks, jobs=1, log=lines.append)
    assert len(ran) == 2, "each variant ran once, and was reused when built again"
    assert sum("1 of 1 notebooks have run before" in line for line in lines) == 2
    assert str(tmp_path / "cache" / "executed-notebooks") in lines[-1], "the log says where the outputs are kept"


def test_the_kept_outputs_stay_under_their_cap_least_recently_used_first(tmp_path, monkeypatch):
    import os

    from summit_venues.inputs import cache
    from summit_venues.publishing import executed

    monkeypatch.setenv(cache.CACHE_DIR_VAR, str(tmp_path / "cache"))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("x" * 1000)])
    for number, key in enumerate(("a" * 24, "b" * 24, "c" * 24)):
        executed.store("01-one", key, nb)
        os.utime(executed._entry("01-one", key), (1000 + number, 1000 + number))  # a, then b, then c
    size = executed._entry("01-one", "a" * 24).stat().st_size
    assert executed.load("01-one", "a" * 24) is not None  # a is used again: now the most recent
    executed.store("01-one", "d" * 24, nb, max_bytes=int(2.5 * size))
    kept = sorted(p.name.split(".")[1][0] for p in executed.folder().glob("*.ipynb"))
    assert kept == ["a", "d"], "the two used least recently (b, c) were removed"
    # A value a build worked out counts under the same cap: the one used least recently goes first.
    executed.store_value("hero", "e" * 24, "x" * 1000)
    os.utime(executed._entry("hero", "e" * 24, ".json"), (999, 999))
    executed.store("01-one", "f" * 24, nb, max_bytes=int(2.5 * size))
    assert executed.load_value("hero", "e" * 24) is None
    assert sorted(p.name.split(".")[1][0] for p in executed.folder().glob("*.*")) == ["d", "f"]


def test_the_worked_out_parts_are_kept_across_processes_and_never_a_stand_in_s(tmp_path, monkeypatch, data,
                                                                              weights):
    """How firm the verdict is and the hero chart's images (about 2 s of each build) are worked out once for the
    same data, profile, code and libraries, and kept in the store of executed notebooks: a later process (here, the
    memo of this one emptied) reads them back, the same values; another profile is worked out afresh; and a
    stand-in's result is never kept. (What they work out is the report tests' to check: here, cheap fakes.)"""
    import summit_venues as sv
    from summit_venues.inputs import cache
    from summit_venues.publishing import executed, report

    class Firm:
        def lede(self, names, reading):
            return f"{reading}: {names['danang']} leads."

        def sentences(self, names):
            return ["the verdict", "by weights", "by data"]

    class Chart:
        def __init__(self, *args, **kwargs):
            self.size = kwargs

        def png(self, dpi):
            return b"\x89PNG" + repr(sorted(self.size.items())).encode()

    monkeypatch.setenv(cache.CACHE_DIR_VAR, str(tmp_path / "cache"))
    monkeypatch.setattr(report, "_WORKED_OUT", {})
    monkeypatch.setattr(report.robustness, "robustness_in_three_senses", lambda *a: Firm())
    monkeypatch.setattr(report.hero, "margin_chart", Chart)
    monkeypatch.setattr(report.hero, "draws_chart", Chart)
    variant = Variant()
    digest = report.data_digest(variant)
    firm = report.kept_firmness(variant, digest, data, weights)
    assert firm == ("On the article's literal criteria: Da Nang leads.", ["by weights", "by data"])
    hero = report.kept_hero_charts(variant, digest, data, weights)
    assert hero[1:] == report.hero_images(hero[0], data.venues.name)  # bytes and widths, through JSON and back
    assert hero[1]["widths"] == (691, 211) and hero[1]["phone_png"].endswith(b"('stacked', True), ('width', 3.75)]")
    assert sorted(p.name.split(".")[0] for p in executed.folder().glob("*.json")) == ["firmness", "hero-on-screen"]

    monkeypatch.setattr(report, "_WORKED_OUT", {})  # a new process: nothing in memory
    monkeypatch.setattr(report.robustness, "robustness_in_three_senses", lambda *a: pytest.fail("worked out again"))
    monkeypatch.setattr(report.hero, "margin_chart", lambda *a, **k: pytest.fail("drawn again"))
    assert report.kept_firmness(variant, digest, data, weights) == firm
    assert report.kept_hero_charts(variant, digest, data, weights)[1:] == hero[1:]
    with pytest.raises(pytest.fail.Exception, match="worked out again"):  # another profile: other sentences
        report.kept_firmness(Variant(profile="usa"), digest, data, sv.default_weights(data, "usa"))

    monkeypatch.setattr(report, "firmness_sentences", lambda data, weights, profile=None: ("stand-in", []))
    assert report.kept_firmness(Variant(profile="dprk"), digest, data, weights) == ("stand-in", [])
    assert len(list(executed.folder().glob("firmness.*.json"))) == 1, "the stand-in's result was kept"


def test_the_brief_says_where_the_full_report_is_and_when_it_was_built(monkeypatch):
    from summit_venues.publishing import brief

    monkeypatch.delenv(brief.URL_VARIABLE, raising=False)
    assert brief.report_url() is None and brief.report_url("  ") is None
    assert brief.report_url("https://example.org/r/") == "https://example.org/r/"
    monkeypatch.setenv(brief.URL_VARIABLE, "https://example.org/configured/")
    assert brief.report_url() == "https://example.org/configured/"
    assert brief.report_url("https://example.org/given/") == "https://example.org/given/", "--url wins"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1551052800")  # 2019-02-25 00:00 UTC
    assert brief.build_date() == "25 February 2019"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1551139199")  # 2019-02-25 23:59:59 UTC: still that day, in UTC
    assert brief.build_date() == "25 February 2019"


def test_one_sentence_counts_the_grades_for_every_page():
    assert pages.grades_sentence({"A": 80, "B": 55, "C": 11, "estimate": 9}) == (
        "of the 155 sourced values, 80 are graded A (official, or two sources agreeing), 55 are graded B (one "
        "reputable outlet), 11 are graded C (a weak source, or conflicting ones) and 9 are estimates, each worked out "
        "with its reasoning")
    assert pages.grades_sentence({"A": 1, "B": 0, "C": 0, "estimate": 1}) == (
        "of the 2 sourced values, 1 is graded A (official, or two sources agreeing), 0 are graded B (one reputable "
        "outlet), 0 are graded C (a weak source, or conflicting ones) and 1 is an estimate, each worked out with its "
        "reasoning")
