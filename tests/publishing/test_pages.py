"""The report's own HTML: one templating path (jinja2 with autoescape) for the index and every fragment."""
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from markupsafe import Markup

from summit_venues.publishing import pages

EVIL = "<script>alert('x')</script> & \"friends\""
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;friends&quot;"


@pytest.fixture
def report_pages():
    return [pages.Page("00-first", "00 First", f"First {EVIL}", f"Summary {EVIL}"),
            pages.Page("01-second", f"01 {EVIL}", "Second", "More.")]


@pytest.fixture
def table():
    scores = pd.DataFrame({"a": [0.5, 0.25], "b": [1.0, 0.0]}, index=["x", "y"])
    ranked = pd.DataFrame({"overall": [0.75, 0.125], "rank": [1, 2]}, index=["x", "y"])
    return pages.score_table(ranked, scores, pd.Series({"x": EVIL, "y": "Y"}), pd.Series({"a": EVIL, "b": "B"}),
                             pd.Series({"a": 0.5, "b": 0.5}))


def index(report_pages, table, banner=None, **changes):
    values = dict(title=f"Title {EVIL}", verdict=f"Under {EVIL}", table=table, pages=report_pages,
                  banner=pages.variant_banner([f"the extra venues in {EVIL}"]) if banner is None else banner,
                  data_label=f"data/ with {EVIL}", fingerprint="abc123", robustness=[f"Weights: {EVIL}", "Data."])
    values.update(changes)
    return pages.index_page(**values)


def test_every_text_from_the_data_is_escaped_once(report_pages, table):
    html = index(report_pages, table)
    assert "<script" not in html
    # title twice, verdict, one robustness line, the data label, the banner line, a page's title and its summary,
    # a page's label in the navigation, a venue and a criterion in the table
    assert html.count(ESCAPED) == 11
    assert "&amp;lt;" not in html and "&amp;amp;" not in html, "a fragment was escaped twice"


def test_the_index_is_well_formed_and_keeps_its_css(report_pages, table):
    html = index(report_pages, table)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.string == f"Title {EVIL}" and soup.h1.string == f"Title {EVIL}"
    assert [a["href"] for a in soup.select("nav.report-nav a")] == ["index.html", "00-first.html", "01-second.html"]
    assert [p.get_text() for p in soup.select("main > p")][:3] == [f"Under {EVIL}", f"Weights: {EVIL}", "Data."]
    assert soup.select_one("table.scores td").get_text() == f"1. {EVIL}"
    assert '.report-nav a[aria-current="page"]' in html, "the style sheet is not escaped"
    assert soup.select_one("aside.report-variant li").get_text() == f"the extra venues in {EVIL}"


def test_only_fragments_the_templates_rendered_pass_as_html(report_pages, table):
    """A plain string where a fragment belongs is text: nothing reaches a page unescaped by accident."""
    html = index(report_pages, table, banner="<aside>not from a template</aside>")
    assert "&lt;aside&gt;not from a template&lt;/aside&gt;" in html
    assert isinstance(table, Markup) and isinstance(pages.variant_banner(["x"]), Markup)


def test_no_variant_no_banner(report_pages, table):
    assert pages.variant_banner([]) == ""
    assert "<aside" not in index(report_pages, table, banner=pages.variant_banner([]))


def test_navigation_and_pager(report_pages):
    nav = pages.navigation(report_pages, "01-second.html")
    assert nav == ('<nav class="report-nav" aria-label="Report pages"><a href="index.html">Report home</a>'
                   '<a href="00-first.html">00 First</a>'
                   f'<a href="01-second.html" aria-current="page">01 {ESCAPED}</a></nav>')
    first, last = pages.pager(report_pages, 0), pages.pager(report_pages, 1)
    assert first == ('<nav class="report-pager" aria-label="Previous and next"><a href="index.html">← Report home</a>'
                     f'<a href="01-second.html">01 {ESCAPED} →</a></nav>')
    assert last == ('<nav class="report-pager" aria-label="Previous and next"><a href="00-first.html">← 00 First</a>'
                    '<a href="index.html">Report home →</a></nav>')


def test_every_report_template_autoescapes():
    assert pages.REPORT_TEMPLATES.autoescape is True
    assert {"index.html.j2", "brief.html.j2", "live.html.j2", "nav.html.j2"} <= set(pages.TEMPLATES)
    for name in pages.TEMPLATES:
        assert pages.REPORT_TEMPLATES.get_template(name).environment is pages.REPORT_TEMPLATES


def test_the_templates_stylesheets_and_script_are_package_data_that_an_install_carries():
    """pages.py holds no markup: every template, stylesheet and script is a file in templates/, declared as
    package data, so that a non-editable install carries each of them."""
    import ast
    import fnmatch
    import inspect
    from importlib import resources

    folder = resources.files("summit_venues.publishing").joinpath("templates")
    files = sorted(p.name for p in folder.iterdir() if p.name.endswith((".j2", ".css", ".js")))
    assert {"report.css", "index.css", "brief.css", "live.js", "notebook.html.j2"} <= set(files)
    # No string in pages.py longer than a line of markup: a template written as Python would be one.
    tree = ast.parse(inspect.getsource(pages))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    literals = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and id(node) not in docstrings
                and isinstance(node.value, str) and "<" in node.value]
    assert not [text for text in literals if "\n" in text.strip() or len(text) > 120], "markup written in pages.py"
    assert pages.asset("live.js").startswith("// The report's one script")
    with pytest.raises(FileNotFoundError):
        pages.asset("missing.css")
    # A non-editable install carries what pyproject.toml declares as package data: every one of these files.
    declared = _package_data()["summit_venues.publishing"]
    assert [name for name in files if not any(fnmatch.fnmatch(f"templates/{name}", glob) for glob in declared)] == []


def _package_data() -> dict[str, list[str]]:
    import tomllib
    from pathlib import Path

    with open(Path(__file__).resolve().parents[2] / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["setuptools"]["package-data"]


@pytest.mark.parametrize(("text", "summary"), [
    ("Short. Two.", "Short. Two."),
    ("A first sentence. " + "B" * 300 + ".", "A first sentence."),
    ("x" * 300 + ". Next.", "x" * 300 + "."),  # the first sentence whole, however long
    ("Da Nang, by 0.026 (out of 1). The U.S. side agreed.", "Da Nang, by 0.026 (out of 1). The U.S. side agreed."),
])
def test_an_index_summary_is_whole_sentences_never_cut(text, summary):
    assert pages._first_sentences(text) == summary and "…" not in summary


# --- the notebook pages: nbconvert's exporter, less two passes that only cost time ------------------------------

def _nbconvert_exporter():
    """nbconvert's own HTML exporter with the report's template as it would be without its `input` block: the lab
    template's, which sanitises the highlighted code; and the exporter's BeautifulSoup pass."""
    import re

    import jinja2
    from nbconvert import HTMLExporter

    source = pages.TEMPLATE_LOADER.get_source(pages.REPORT_TEMPLATES, pages.NOTEBOOK_TEMPLATE)[0]
    lab_input = re.sub(r"\{#- The lab template passes.*?\{%- endblock input %\}", "", source, flags=re.S)
    assert lab_input != source and "{% block input %}" not in lab_input
    return HTMLExporter(template_name="lab", template_file="reference.html.j2",
                        extra_loaders=[jinja2.DictLoader({"reference.html.j2": lab_input})])


@pytest.mark.parametrize("name", ["02-flight-path.ipynb", "06-diplomatic-relations.ipynb"])
def test_a_page_is_what_nbconvert_s_own_exporter_gives(name):
    """The same elements, attributes and text as nbconvert's exporter (charts, tables and code cells included),
    whatever the order of attributes or the spelling of the markup."""
    import nbformat

    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    ours = pages._exporter().from_notebook_node(nb)[0]
    theirs = _nbconvert_exporter().from_notebook_node(nb)[0]
    assert ours != theirs, "the comparison would not see a difference"
    assert BeautifulSoup(ours, "html.parser") == BeautifulSoup(theirs, "html.parser")
    assert ours.count('tabindex="0"') == theirs.count('tabindex="0"') > 10
    assert "<img" in ours and ours.count("<img") == ours.count('<img alt="')


def test_focusable_adds_what_the_exporter_would_and_nothing_else():
    body = ('<div class="jp-Cell-inputWrapper"><img src="a.png"><img alt="A map" src="b.png"></div>'
            '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain">x</div>'
            '<div class="jp-OutputArea-child">y</div><div class="jp-Cell-inputWrapperish">z</div>')
    assert pages._focusable(body) == (
        '<div class="jp-Cell-inputWrapper" tabindex="0"><img alt="No description has been provided for this image" '
        'src="a.png"><img alt="A map" src="b.png"></div>'
        '<div class="jp-RenderedText jp-OutputArea-output" data-mime-type="text/plain" tabindex="0">x</div>'
        '<div class="jp-OutputArea-child">y</div><div class="jp-Cell-inputWrapperish">z</div>')


def test_the_sanitiser_leaves_every_committed_code_cell_as_pygments_wrote_it():
    """Why the report's template skips nbconvert's sanitiser on code: it changes nothing in our notebooks' code."""
    import nbformat
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.strings import clean_html

    highlight = Highlight2HTML(pygments_lexer="ipython3")
    cells = [c.source for p in sorted(NOTEBOOKS.glob("*.ipynb"))
             for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code"]
    assert len(cells) > 100
    highlighted = [highlight(c) for c in cells]
    assert [clean_html(h) for h in highlighted] == highlighted
