"""The report's HTML: one page per executed notebook, an index page, and the navigation they share.

Every page is self-contained and offline: figures are inline PNGs, styles inline CSS, and no
page loads a script. nbconvert's lab template links require.js, MathJax, Mermaid and the
widget manager from a CDN; the report template below drops them. The notebooks show no
diagrams or TeX math (tests/test_report.py fails the day one uses TeX math), and a widget,
which needs a kernel, is replaced by a note saying where to use it.

The report's own HTML (the index page, the navigation, the pager, the variant banner and the
table of scores) comes from the jinja2 templates below, rendered with autoescape: every text
that comes from the data is escaped, so a venue named `<script>` is shown as text, and only
fragments these templates rendered themselves pass unescaped.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache

import jinja2
import nbformat
import pandas as pd
from markupsafe import Markup
from nbconvert import HTMLExporter

from .execution import WIDGET_VIEW
from .tidy import HIDDEN_IN_REPORT, NAVIGATION, short_label, title_of

INDEX = "index.html"
WIDGET_NOTE = ('<p class="report-widget"><em>Here the notebook shows interactive controls (sliders), which need a '
               "running kernel: open the notebook in JupyterLab to use them.</em></p>")

REPORT_CSS = """
.report-nav { font: 14px/1.5 system-ui, sans-serif; padding: 8px 16px; background: #f3f5f7;
  border-bottom: 1px solid #d0d7de; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.report-nav a { color: #0b5cad; text-decoration: none; }
.report-nav a[aria-current="page"] { color: #111; font-weight: 600; }
.report-pager { font: 14px/1.5 system-ui, sans-serif; display: flex; justify-content: space-between;
  padding: 16px; border-top: 1px solid #d0d7de; margin-top: 24px; }
.report-pager a { color: #0b5cad; }
.report-variant { font: 14px/1.5 system-ui, sans-serif; background: #fff4d6; border: 1px solid #e3c565;
  padding: 8px 16px; margin: 8px 16px; }
.report-code > summary { font: 12px/1.5 system-ui, sans-serif; color: #59636e; cursor: pointer; margin: 2px 0; }
.report-table > summary { font: 13px/1.5 system-ui, sans-serif; color: #0b5cad; cursor: pointer; margin: 4px 0; }
"""

# The lab template minus everything it would fetch from a CDN, plus the report's navigation.
NOTEBOOK_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block extra_css -%}<style type="text/css">{{ resources.report.css }}</style>{%- endblock extra_css -%}
{%- block body_header -%}{{ super() }}
{{ resources.report.nav }}{{ resources.report.banner }}
{%- endblock body_header -%}
{%- block body_footer -%}{{ resources.report.pager }}
{{ super() }}
{%- endblock body_footer -%}
{%- block rawcell -%}
{%- if cell.metadata.get("report_live") -%}{{ resources.report.live }}{%- else -%}{{ super() }}{%- endif -%}
{%- endblock rawcell -%}
{%- block input_group -%}
<details class="report-code"><summary>Code</summary>
{{ super() }}
</details>
{%- endblock input_group -%}
"""

# The report's own pages and fragments. Rendered by REPORT_TEMPLATES, with autoescape.
TEMPLATES = {
    "nav.html.j2": (
        '<nav class="report-nav" aria-label="Report pages">'
        '{% for text, href in links %}<a href="{{ href }}"{% if href == current %} aria-current="page"{% endif %}>'
        "{{ text }}</a>{% endfor %}</nav>"),
    "pager.html.j2": (
        '<nav class="report-pager" aria-label="Previous and next">'
        '{% if before %}<a href="{{ before.file }}">← {{ before.label }}</a>'
        '{% else %}<a href="{{ index }}">← Report home</a>{% endif %}'
        '{% if after %}<a href="{{ after.file }}">{{ after.label }} →</a>'
        '{% else %}<a href="{{ index }}">Report home →</a>{% endif %}</nav>'),
    "banner.html.j2": (
        '{% if lines %}<aside class="report-variant"><strong>Variant report.</strong> Tables and charts use:<ul>'
        "{% for line in lines %}<li>{{ line }}</li>{% endfor %}</ul>"
        "Figures quoted in the prose, and the notebooks' own checks of them (switched off here), "
        "are those of the committed data under neutral weights.</aside>{% endif %}"),
    "scores.html.j2": (
        '<table class="scores"><thead><tr><th>venue</th><th>overall</th>'
        "{% for name, weight in header %}<th>{{ name }}<br><small>weight {{ weight }}</small></th>{% endfor %}"
        "</tr></thead><tbody>"
        "{% for rank, name, overall, cells in rows %}<tr><td>{{ rank }}. {{ name }}</td>"
        "<td><strong>{{ overall }}</strong></td>{% for cell in cells %}<td>{{ cell }}</td>{% endfor %}</tr>"
        "{% endfor %}</tbody></table>"),
    "live.html.j2": """<section id="try-weights" hidden>
<h2>Try other weights</h2>
<p>Move a criterion's weight, or start from a party's profile: the venues are ranked again in this page, on the
article's model, as <code>summit-venues rank --weights</code> ranks them. Weights are relative; 0 leaves a criterion
out.</p>
<p><label>Start from a profile: <select id="weights-profile">{% for p in live.profiles %}
<option value="{{ loop.index0 }}">{{ p.name }}</option>{% endfor %}
</select></label></p>
<table class="weights"><tbody>{% for c in live.criteria %}
<tr><td><label for="weight-{{ loop.index0 }}">{{ c.name }}</label></td>
<td><input type="range" id="weight-{{ loop.index0 }}" min="0" max="5" step="0.5"
 value="{{ live.initial[loop.index0] }}"></td>
<td><output id="weight-{{ loop.index0 }}-value">{{ live.initial[loop.index0] }}</output></td></tr>{% endfor %}
</tbody></table>
<p id="live-note" role="status"></p>
<table id="live-ranking"><thead><tr><th>venue</th><th>overall</th></tr></thead><tbody></tbody></table>
</section>
<script type="application/json" id="report-data">{{ live_json }}</script>
<script>{{ live_script }}</script>""",
    "brief.html.j2": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ title }}: the brief</title>
<style type="text/css">
@page { size: A4; margin: 12mm 14mm; }
body { margin: 0 auto; max-width: 182mm; font: 9.4pt/1.33 system-ui, sans-serif; color: #1f2328; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 10.5pt; margin: 3mm 0 1mm; }
p { margin: 1mm 0; }
.lede { font-size: 10pt; font-weight: 600; }
.verdict { font-weight: 600; }
.firm { font-size: 8.8pt; }
img { width: 100%; }
table { border-collapse: collapse; margin: 1mm 0; font-size: 8.6pt; }
th, td { padding: 1px 6px; border-bottom: 1px solid #d0d7de; text-align: right; }
th:first-child, td:first-child { text-align: left; }
ol { margin: 1mm 0; padding-left: 5mm; }
footer { color: #59636e; font-size: 7.5pt; margin-top: 2mm; }
</style>
</head>
<body>
<h1>{{ title }}</h1>
{{ banner }}
<p><strong>The question.</strong> {{ question }} Scored as of {{ date }} on the criteria of the Asia Times article
of 6 February 2019, on fixed scales.</p>
<h2>The bottom line</h2>
{% if lede %}<p class="lede">{{ lede }}</p>
{% endif %}<p class="verdict">{{ verdict }}</p>
{% for line in firmness %}<p class="firm">{{ line }}</p>
{% endfor %}{{ chart }}
{{ table }}
<h2>Three caveats</h2>
<ol>{% for caveat in caveats %}<li>{{ caveat }}</li>{% endfor %}</ol>
<h2>Where the values come from</h2>
<p>Source rows by grade (A: official or two agreeing; B: one reputable outlet; C: weak or conflicting;
estimate: worked out, with its reasoning):
{% for grade, count in grades %}{{ grade }} {{ count }}{% if not loop.last %}, {% endif %}{% endfor %}.</p>
<footer>Data fingerprint <code>{{ fingerprint }}</code>. The full report, with every notebook, is index.html beside
this page; <code>summit-venues brief</code> prints this page to brief.pdf.</footer>
</body>
</html>
""",
    "index.html.j2": """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{{ title }}</title>
<style type="text/css">
body { margin: 0; font: 16px/1.55 system-ui, sans-serif; color: #1f2328; }
main { max-width: 960px; margin: 0 auto; padding: 8px 24px 32px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { padding: 4px 10px; border-bottom: 1px solid #d0d7de; text-align: right; }
th:first-child, td:first-child { text-align: left; white-space: nowrap; }
.lede { font-size: 1.2em; font-weight: 600; }
.verdict { font-weight: 600; }
.weights td { border: none; text-align: left; padding: 2px 10px; }
#live-note { color: #8a4b00; }
.pages li { margin-bottom: 10px; }
footer { color: #59636e; font-size: 13px; }
{{ css }}
</style>
</head>
<body>
{{ nav }}
<main>
{{ banner }}
<h1>{{ title }}</h1>
<h2>The bottom line</h2>
{% if lede %}<p class="lede">{{ lede }}</p>
{% endif %}<p class="verdict">{{ verdict }}</p>
{% for line in robustness %}<p>{{ line }}</p>{% if not loop.last %}
{% endif %}{% endfor %}
{{ score_table }}
{% if live %}{{ live_section }}{% endif %}
<p>One page to print or pass on: <a href="brief.html">the brief</a>.</p>
<h2>The notebooks</h2>
<ol class="pages">
{% for p in pages %}<li><a href="{{ p.file }}">{{ p.title }}</a><br>{{ p.summary }}</li>{% if not loop.last %}
{% endif %}{% endfor %}
</ol>
<footer>
<p>Built from {{ data_label }}, data fingerprint <code>{{ fingerprint }}</code>, by <code>summit-venues report</code>.
Every page is self-contained and works offline.</p>
</footer>
</main>
</body>
</html>
""",
}


def _escaped(value):
    """Autoescape as the standard library's `html.escape` writes it (`&#x27;` for an apostrophe, as the
    report always has), rather than markupsafe's `&#39;`: the same text gives the same bytes."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value))
    return value


REPORT_TEMPLATES = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True, finalize=_escaped,
                                      keep_trailing_newline=True, undefined=jinja2.StrictUndefined)


def _render(template: str, **values) -> Markup:
    """One of the report's templates, rendered; the result is HTML that other templates insert as it is."""
    return Markup(REPORT_TEMPLATES.get_template(template).render(**values))


@dataclass(frozen=True)
class Page:
    """One notebook's page: its file name, its short label for the navigation, and its title."""

    stem: str
    label: str
    title: str
    summary: str

    @property
    def file(self) -> str:
        return f"{self.stem}.html"


def _plain(markdown: str) -> str:
    """Markdown inline syntax reduced to its text: links to their words, emphasis and code marks dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    return re.sub(r"[*`]+|(?<!\w)_+|_+(?!\w)", "", text).strip()


def page_for(stem: str, nb: nbformat.NotebookNode) -> Page:
    """The page of a notebook named `stem`: title from its first heading, its label from the title (tidy.py),
    and for summary its answer (the paragraph that opens "**The answer.**"), else its question, else its first
    plain paragraph."""
    heading = title_of(nb)
    label = short_label(stem, heading)
    title = _plain(heading) if heading else label
    markdown = "\n\n".join(c.source for c in nb.cells
                            if c.cell_type == "markdown" and NAVIGATION not in c.metadata.get("tags", []))
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", markdown)]
    opening = [next((p for p in paragraphs if re.match(rf"\*\*The {word}[.:]?\*\*", p)), None)
               for word in ("answer", "question")]
    prose = next((p for p in opening if p), None) or next(
        (p for p in paragraphs if p and not p.startswith(("#", ">", "|", "- ", "* ", "!["))), "")
    prose = re.sub(r"^\*\*The answer[.:]?\*\*[.:]?\s*", "", prose)
    summary = " ".join(_plain(prose).split())
    if len(summary) > 280:
        summary = summary[:280].rsplit(" ", 1)[0] + " …"
    return Page(stem, label, title, summary)


def navigation(pages: list[Page], current: str) -> Markup:
    """The bar at the top of every page: the index, then every notebook in reading order."""
    links = [("Report home", INDEX)] + [(p.label, p.file) for p in pages]
    return _render("nav.html.j2", links=links, current=current)


def pager(pages: list[Page], position: int) -> Markup:
    """Previous and next links at the foot of a notebook's page."""
    before = pages[position - 1] if position > 0 else None
    after = pages[position + 1] if position + 1 < len(pages) else None
    return _render("pager.html.j2", before=before, after=after, index=INDEX)


def variant_banner(lines: list[str]) -> Markup:
    """A note on every page of a variant report saying what differs from the committed analysis (none: empty)."""
    return _render("banner.html.j2", lines=lines)


def link_notebooks(html: str, pages: list[Page]) -> str:
    """Links between notebooks (`01-data.ipynb`) point to their pages (`01-data.html`) instead."""
    stems = "|".join(re.escape(p.stem) for p in pages)
    if not stems:
        return html
    return re.sub(rf'href="(?:\./)?({stems})\.ipynb(#[^"]*)?"', r'href="\1.html\2"', html)


def without_widgets(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Widgets in place of a note: they need a kernel (and the widget manager from a CDN), and their ids are random."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                output["data"] = {"text/html": WIDGET_NOTE}
    return nb


_URL = re.compile(r"https?://[^\s<>\"']+")


def _linked(cell, soup) -> None:
    """Every web address written in a table cell becomes a link (trailing punctuation left outside it)."""
    for text in list(cell.find_all(string=_URL)):
        pieces, last = [], 0
        for match in _URL.finditer(text):
            url = match.group(0).rstrip(").,;:")
            pieces.append(text[last:match.start()])
            link = soup.new_tag("a", href=url)
            link.string = url
            pieces.append(link)
            last = match.start() + len(url)
        pieces.append(text[last:])
        for piece in pieces:
            text.insert_before(piece)
        text.extract()


#: A table longer than this is folded in the report, under a line that says how long it is.
FOLD_ROWS = 15


def readable_tables(fragment: str) -> str:
    """A pandas table as a reader wants it: no 0, 1, 2 ... row numbers, its web addresses as links, and folded
    (a `<details>`, no script) when it is long: the text around it says what it holds."""
    if not _needs_reading(fragment):
        return fragment
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(fragment, "html.parser")
    for table in soup.select("table.dataframe"):
        if len(table.select("tbody > tr")) > FOLD_ROWS:
            fold = soup.new_tag("details", attrs={"class": "report-table"})
            summary = soup.new_tag("summary")
            summary.string = f"The full table: {len(table.select('tbody > tr'))} rows"
            table.wrap(fold)
            fold.insert(0, summary)
        rows = table.select("tbody > tr")
        labels = [row.find(["th", "td"]) for row in rows]
        header = table.select("thead > tr")
        numbered = rows and all(label is not None and label.name == "th" and label.get_text() == str(i)
                                for i, label in enumerate(labels))
        if numbered and len(header) == 1 and header[0].find("th").get_text() == "":
            header[0].find("th").decompose()
            for label in labels:
                label.decompose()
        for cell in table.select("td"):
            _linked(cell, soup)
    return str(soup)


def _needs_reading(fragment: str) -> bool:
    """Whether `readable_tables` would change the fragment: a long table, a 0, 1, 2 ... index or a web address.
    Most tables have none of these, and parsing every table costs a second or two per report."""
    return (fragment.count("<tr") > FOLD_ROWS or re.search(r"<tbody>\s*<tr>\s*<th>0</th>", fragment) is not None
            or "http://" in fragment or "https://" in fragment)


#: A markdown cell with this tag marks where a notebook page of the report shows the live weights.
LIVE_TAG = "live-weights"


@cache
def _exporter() -> HTMLExporter:
    """One exporter for every page: it compiles the lab template and reads its stylesheets once, not per page
    (about a second for the ten notebooks). Each page's own parts come with its resources."""
    return HTMLExporter(template_name="lab", template_file="summit_report.html.j2",
                        extra_loaders=[jinja2.DictLoader({"summit_report.html.j2": NOTEBOOK_TEMPLATE})])


def notebook_page(nb: nbformat.NotebookNode, pages: list[Page], position: int, banner: str,
                  live: dict | None = None) -> str:
    """The HTML page of one executed notebook, with the report's navigation (and the live weights, where a cell
    tagged `live-weights` asks for them and `live` gives their data)."""
    exporter = _exporter()
    page = pages[position]
    nb = without_widgets(nbformat.from_dict(nb))
    # The notebook's own navigation, its checks and its set-up are for readers of the code (tidy.py's tags);
    # the remaining code is folded under "Code", open with a click and no script.
    nb.cells = [c for c in nb.cells if not set(c.metadata.get("tags", [])) & set(HIDDEN_IN_REPORT)]
    for i, cell in enumerate(nb.cells):
        if live and LIVE_TAG in cell.metadata.get("tags", []):
            # The report's own section, rendered by its templates; nbconvert would sanitise a raw cell's HTML.
            nb.cells[i] = nbformat.v4.new_raw_cell("", id=cell.get("id", "live"),
                                                   metadata={"raw_mimetype": "text/html", "report_live": True})
            continue
        for output in cell.get("outputs", []):
            html_table = output.get("data", {}).get("text/html")
            if html_table and 'class="dataframe"' in html_table:
                output["data"]["text/html"] = readable_tables(html_table)
    nb.metadata["title"] = page.title
    report = {"css": REPORT_CSS, "nav": navigation(pages, page.file), "banner": banner,
              "pager": pager(pages, position), "live": live_section(live) if live else ""}
    body, _ = exporter.from_notebook_node(nb, resources={"report": report})
    return link_notebooks(body, pages)


def score_table(ranked: pd.DataFrame, criterion_scores: pd.DataFrame, names: pd.Series,
                criterion_names: pd.Series, weights: pd.Series) -> Markup:
    """Rank, overall score and criterion scores of every venue, with each criterion's weight in its header."""
    header = [(str(criterion_names[c]), f"{weights[c]:.2f}") for c in criterion_scores.columns]
    rows = [(int(row["rank"]), str(names[venue]), f"{row['overall']:.2f}",
             [f"{criterion_scores.loc[venue, c]:.2f}" for c in criterion_scores.columns])
            for venue, row in ranked.iterrows()]
    return _render("scores.html.j2", header=header, rows=rows)


#: The index's one script: it re-ranks the venues for the weights of the sliders. It reads the numbers from the
#: page's JSON (`live_weights`), writes text only (`textContent`), fetches nothing, and without it the section
#: stays hidden and the static table above says all. The arithmetic is the package's: weights rescaled to sum
#: to 1, a weighted sum, ties sharing the better rank, scores shown to two decimals.
LIVE_SCRIPT = """(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var section = document.getElementById("try-weights"), picker = document.getElementById("weights-profile");
  var body = document.querySelector("#live-ranking tbody"), note = document.getElementById("live-note");
  var sliders = data.criteria.map(function (c, i) { return document.getElementById("weight-" + i); });
  function rank() {
    var raw = sliders.map(function (s) { return parseFloat(s.value); });
    sliders.forEach(function (s, i) { document.getElementById("weight-" + i + "-value").textContent = s.value; });
    var total = raw.reduce(function (a, b) { return a + b; }, 0);
    body.textContent = "";
    if (!(total > 0)) {
      note.textContent = "Every weight is 0: give at least one criterion a weight to rank the venues.";
      return;
    }
    note.textContent = "";
    var rows = data.venues.map(function (v) {
      var overall = 0;
      v.scores.forEach(function (score, i) { overall += (raw[i] / total) * score; });
      return {name: v.name, overall: overall};
    });
    rows.sort(function (a, b) { return b.overall - a.overall; });
    rows.forEach(function (row, i) {
      var tr = document.createElement("tr"), name = document.createElement("td"), score = document.createElement("td");
      var place = rows.findIndex(function (other) { return other.overall === row.overall; }) + 1;
      name.textContent = place + ". " + row.name;
      score.textContent = row.overall.toFixed(2);
      tr.appendChild(name); tr.appendChild(score); body.appendChild(tr);
    });
  }
  picker.addEventListener("change", function () {
    data.profiles[picker.value].weights.forEach(function (w, i) { sliders[i].value = w; });
    rank();
  });
  sliders.forEach(function (s) { s.addEventListener("input", rank); });
  section.hidden = false;
  rank();
})();"""


def _json_for_html(value) -> Markup:
    """JSON that can sit inside a <script> element: every <, > and & escaped, so data can never end it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def live_weights(scores: pd.DataFrame, names: pd.Series, criterion_names: pd.Series, profile_weights: pd.DataFrame,
                 profile_names: pd.Series, initial: pd.Series) -> dict:
    """What the index's sliders need: each venue's criterion scores, each profile's raw weights, the start."""
    criteria = list(scores.columns)
    return {"criteria": [{"id": c, "name": str(criterion_names[c])} for c in criteria],
            "venues": [{"id": v, "name": str(names[v]), "scores": [float(scores.loc[v, c]) for c in criteria]}
                       for v in scores.index],
            "profiles": [{"id": p, "name": str(profile_names[p]),
                          "weights": [float(profile_weights.loc[p, c]) for c in criteria]}
                         for p in profile_weights.index],
            "initial": [float(initial[c]) for c in criteria]}


def index_page(title: str, verdict: str, table: Markup, pages: list[Page], banner: Markup,
               data_label: str, fingerprint: str, robustness: list[str] = (), live: dict | None = None,
               lede: str = "") -> str:
    """The report's first page: the bottom line, how firm it is, every venue's scores, live weights, every notebook.

    `table` and `banner` are fragments rendered here (`score_table`, `variant_banner`); any other text is escaped,
    and `live` (`live_weights`) reaches the page's script as JSON data, never as code.
    """
    return str(_render("index.html.j2", title=title, css=Markup(REPORT_CSS), nav=navigation(pages, INDEX),
                       banner=banner, lede=lede, verdict=verdict, robustness=list(robustness), score_table=table,
                       pages=pages, data_label=data_label, fingerprint=fingerprint, live=live,
                       live_section=live_section(live) if live else ""))


def live_section(live: dict) -> Markup:
    """The sliders, the profile picker and the ranking they drive: the section, its JSON data and its script."""
    return _render("live.html.j2", live=live, live_json=_json_for_html(live), live_script=Markup(LIVE_SCRIPT))


def brief_page(**values) -> str:
    """The one-page brief (`brief.brief_html` gathers its values); `chart` and `table` are fragments rendered here."""
    return str(_render("brief.html.j2", **values))
