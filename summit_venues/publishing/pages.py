"""The report's HTML: one page per executed notebook, an index page, and the navigation they share.

Every page is self-contained and offline: figures are inline PNGs, styles inline CSS, and no
page loads a script. nbconvert's lab template links require.js, MathJax, Mermaid and the
widget manager from a CDN; the report's notebook template (templates/notebook.html.j2) drops them. The notebooks show no
diagrams or TeX math (tests/publishing/test_report.py fails the day one uses TeX math), and a widget,
which needs a kernel, is replaced by a note saying where to use it.

The report's own HTML (the index page, the brief, the navigation, the pager, the variant banner and
the table of scores) comes from the jinja2 templates in templates/, package data files with the
report's stylesheets and its one script, rendered with autoescape: every text
that comes from the data is escaped, so a venue named `<script>` is shown as text, and only
fragments these templates rendered themselves pass unescaped.
"""
from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import jinja2
import nbformat
import pandas as pd
from markupsafe import Markup
from nbconvert import HTMLExporter

from .execution import WIDGET_VIEW
from .tidy import HIDDEN_IN_REPORT, NAVIGATION, short_label, title_of

if TYPE_CHECKING:
    from bs4 import BeautifulSoup, Tag  # imported where a table is read: most pages have none to read

    from ..sharing.hero import HeroFigures

INDEX = "index.html"
#: The report's templates (`.j2`), stylesheets (`.css`) and script (`.js`): package data, beside this module.
TEMPLATE_PACKAGE, TEMPLATE_FOLDER = __package__, "templates"
#: The notebook pages' template, which extends nbconvert's lab template (rendered by nbconvert, not below).
NOTEBOOK_TEMPLATE = "notebook.html.j2"


def _escaped(value: object) -> object:
    """Autoescape as the standard library's `html.escape` writes it (`&#x27;` for an apostrophe, as the
    report always has), rather than markupsafe's `&#39;`: the same text gives the same bytes."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(html.escape(value))
    return value


@cache
def asset(name: str) -> Markup:
    """A stylesheet or script of the report's, as it is written in its file, to be inlined in a page."""
    return Markup(resources.files(TEMPLATE_PACKAGE).joinpath(TEMPLATE_FOLDER, name).read_text(encoding="utf-8"))


#: The report's own pages and fragments, with autoescape: text from the data is escaped, only rendered fragments
#: and the report's own assets (`asset`) pass as HTML.
TEMPLATE_LOADER = jinja2.PackageLoader(TEMPLATE_PACKAGE, TEMPLATE_FOLDER)
REPORT_TEMPLATES = jinja2.Environment(loader=TEMPLATE_LOADER, autoescape=True, finalize=_escaped,
                                      undefined=jinja2.StrictUndefined)
REPORT_TEMPLATES.globals["asset"] = asset
#: The report's templates of its own pages and fragments (the notebook template is nbconvert's to render).
TEMPLATES = tuple(name for name in REPORT_TEMPLATES.list_templates(extensions=["j2"]) if name != NOTEBOOK_TEMPLATE)
WIDGET_NOTE = Markup(REPORT_TEMPLATES.get_template("widget-note.html.j2").render())


def _render(template: str, **values: object) -> Markup:
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
    plain paragraph: its first sentences, never cut inside one."""
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
    return Page(stem, label, title, _first_sentences(" ".join(_plain(prose).split())))


#: An index entry's summary is at most this long, unless its first sentence alone is longer.
SUMMARY_CHARS = 280


def _first_sentences(text: str, limit: int = SUMMARY_CHARS) -> str:
    """As many whole sentences as fit in `limit` characters (at least the first): never a sentence cut short."""
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])", text)
    kept = sentences[:1]
    for sentence in sentences[1:]:
        if len(" ".join([*kept, sentence])) > limit:
            break
        kept.append(sentence)
    return " ".join(kept)


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


#: The text form of a widget, as a notebook saved without its widget state shows it (`VBox(children=(...`).
WIDGET_TEXT = re.compile(r"^(?:[HV]Box|GridBox|Tab|Accordion|Output|\w+(?:Slider|Dropdown|Text|Button))\(")


def is_widget(output: nbformat.NotebookNode) -> bool:
    """Whether a cell's output is a widget: its view, or only the text form a notebook keeps without the view."""
    data = output.get("data", {})
    return WIDGET_VIEW in data or (set(data) == {"text/plain"}
                                   and WIDGET_TEXT.match("".join(data["text/plain"])) is not None)


def without_widgets(nb: nbformat.NotebookNode, live: bool = False) -> nbformat.NotebookNode:
    """Widgets in place of a note: they need a kernel (and the widget manager from a CDN), and their ids are random.
    On a page with the report's own live weights (`live`), which stand in for them, a widget leaves no note."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        if live:
            outputs[:] = [output for output in outputs if not is_widget(output)]
        for output in outputs:
            if is_widget(output):
                output["data"] = {"text/html": WIDGET_NOTE}
    return nb


_URL = re.compile(r"https?://[^\s<>\"']+")


def _linked(cell: Tag, soup: BeautifulSoup) -> None:
    """Every web address written in a table cell becomes a link (trailing punctuation left outside it)."""
    for text in list(cell.find_all(string=_URL)):
        pieces: list[str | Tag] = []  # the text around the addresses, and a link for each
        last = 0
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
    from bs4 import BeautifulSoup, Tag

    soup = BeautifulSoup(fragment, "html.parser")
    for table in soup.select("table.dataframe"):
        if len(table.select("tbody > tr")) > FOLD_ROWS:
            fold = soup.new_tag("details", attrs={"class": "report-table"})
            summary = soup.new_tag("summary")
            summary.string = f"The full table: {len(table.select('tbody > tr'))} rows"
            table.wrap(fold)
            fold.insert(0, summary)
        numbers = _row_numbers(table)
        header = table.select("thead > tr")
        corner = header[0].find("th") if len(header) == 1 else None
        if numbers and isinstance(corner, Tag) and corner.get_text() == "":
            corner.decompose()
            for number in numbers:
                number.decompose()
        for cell in table.select("td"):
            _linked(cell, soup)
    return str(soup)


def _row_numbers(table: Tag) -> list[Tag]:
    """The cells that start a table's rows, if they are header cells reading 0, 1, 2 ...; else none."""
    from bs4 import Tag

    rows = table.select("tbody > tr")
    firsts = [row.find(["th", "td"]) for row in rows]
    numbers = [cell for i, cell in enumerate(firsts)
               if isinstance(cell, Tag) and cell.name == "th" and cell.get_text() == str(i)]
    return numbers if len(numbers) == len(rows) else []


def _needs_reading(fragment: str) -> bool:
    """Whether `readable_tables` would change the fragment: a long table, a 0, 1, 2 ... index or a web address.
    Most tables have none of these, and parsing every table costs a second or two per report."""
    return (fragment.count("<tr") > FOLD_ROWS or re.search(r"<tbody>\s*<tr>\s*<th>0</th>", fragment) is not None
            or "http://" in fragment or "https://" in fragment)


#: A markdown cell with this tag marks where a notebook page of the report shows the live weights.
LIVE_TAG = "live-weights"


class _PageExporter(HTMLExporter):
    """nbconvert's HTML exporter without its last pass, which parses and rewrites the whole page with BeautifulSoup
    (1.4 s of the 3.5 s that the 11 pages took, most of it in the inline images): what that pass does, `_focusable`
    does on the text (tests/publishing/test_pages.py compares the two)."""

    # Typed as nbconvert's HTMLExporter types it, which overrides its base class the same way (it returns text).
    def from_notebook_node(self, nb: nbformat.NotebookNode, resources: dict | None = None,  # type: ignore[override]
                           **kw: object) -> tuple[str, dict]:
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        language = nb.metadata.get("language_info", {})
        lexer = language.get("pygments_lexer", language.get("name", None))
        self.register_filter("highlight_code", self.filters.get("highlight_code",
                                                                Highlight2HTML(pygments_lexer=lexer, parent=self)))
        resources = self._init_resources(resources)
        self.register_filter("filter_data_type", WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata,
                                                                       parent=self, resources=resources))
        body, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return _focusable(body), resources


#: An image without a text alternative, and the cells' input and output areas, which the keyboard should reach.
_IMAGE_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")
_FOCUSABLE_AREA = re.compile(r'(<div class="(?:jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"[^>]*)>')


def _focusable(body: str) -> str:
    """What nbconvert's HTML exporter adds to a page: a (generic) text alternative for each image that has none,
    and `tabindex="0"` on each cell's input and output areas."""
    body = _IMAGE_WITHOUT_ALT.sub('<img alt="No description has been provided for this image"', body)
    return _FOCUSABLE_AREA.sub(r'\1 tabindex="0">', body)


@cache
def _exporter() -> HTMLExporter:
    """One exporter for every page: it compiles the lab template and reads its stylesheets once, not per page
    (about a second for the ten notebooks). Each page's own parts come with its resources."""
    return _PageExporter(template_name="lab", template_file="summit_report.html.j2",
                         extra_loaders=[jinja2.DictLoader({"summit_report.html.j2": TEMPLATE_LOADER.get_source(
                             REPORT_TEMPLATES, NOTEBOOK_TEMPLATE)[0]})])


def notebook_page(nb: nbformat.NotebookNode, pages: list[Page], position: int, banner: str,
                  live: dict | None = None) -> str:
    """The HTML page of one executed notebook, with the report's navigation (and the live weights, where a cell
    tagged `live-weights` asks for them and `live` gives their data)."""
    exporter = _exporter()
    page = pages[position]
    shows_live = bool(live) and any(LIVE_TAG in c.get("metadata", {}).get("tags", []) for c in nb["cells"])
    nb = without_widgets(nbformat.from_dict(nb), live=shows_live)
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
    report = {"css": asset("report.css"), "nav": navigation(pages, page.file), "banner": banner,
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


def _json_for_html(value: object) -> Markup:
    """JSON that can sit inside a <script> element: every <, > and & escaped, so data can never end it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def live_weights(scores: pd.DataFrame, names: pd.Series, criterion_names: pd.Series, profile_weights: pd.DataFrame,
                 profile_names: pd.Series, initial: pd.Series) -> dict:
    """What the live weights need: each venue's criterion scores, each profile's raw weights, the start (and the
    profile it is, if one, for the picker to show)."""
    criteria = list(scores.columns)
    start = [float(initial[c]) for c in criteria]
    profiles = [{"id": p, "name": str(profile_names[p]),
                 "weights": [float(profile_weights.loc[p, c]) for c in criteria]} for p in profile_weights.index]
    return {"criteria": [{"id": c, "name": str(criterion_names[c])} for c in criteria],
            "venues": [{"id": v, "name": str(names[v]), "scores": [float(scores.loc[v, c]) for c in criteria]}
                       for v in scores.index],
            "profiles": profiles, "initial": start,
            "selected": next((i for i, p in enumerate(profiles) if p["weights"] == start), None)}


def index_page(title: str, verdict: str, table: Markup, pages: list[Page], banner: Markup,
               data_label: str, fingerprint: str, robustness: Sequence[str] = (), live: dict | None = None,
               lede: str = "", hero: Markup | str = "", method: Markup | str = "") -> str:
    """The report's first page: the bottom line, how firm it is, every venue's scores, live weights, every notebook.

    `table`, `banner`, `hero` and `method` are fragments rendered here (`score_table`, `variant_banner`,
    `hero_section`, `method_box`); any other text is escaped,
    and `live` (`live_weights`) reaches the page's script as JSON data, never as code.
    """
    return str(_render("index.html.j2", title=title, nav=navigation(pages, INDEX),
                       banner=banner, lede=lede, verdict=verdict, robustness=list(robustness), score_table=table,
                       pages=pages, data_label=data_label, fingerprint=fingerprint, live=live, hero=hero, method=method,
                       live_section=live_section(live) if live else ""))


def live_section(live: dict) -> Markup:
    """The sliders, the profile picker and the ranking they drive: the section, its JSON data and its script."""
    return _render("live.html.j2", live=live, live_json=_json_for_html(live))


def hero_section(figures: HeroFigures, names: Mapping[str, str], margin_png: bytes, draws_png: bytes,
                 widths: tuple[int, int], numbers: bool = True, notes: Sequence[str] = (),
                 phone_png: bytes | None = None) -> Markup:
    """The hero chart with its words (`hero.py` computes and draws it): the margin under every reading, the weight
    draws as 100 dots, and (`numbers`) the margin chart's caption and the readings as a folded table (the brief,
    short of room, leaves out both: its lede and verdict say the same). `widths` are the images' widths in CSS
    pixels; `notes` are lines of text under the dots (the brief's), and `phone_png`
    the margin chart drawn for a phone's width, which a narrow screen shows instead."""
    lead, other = names[figures.leader], names[figures.runner_up]
    readings = figures.readings
    ahead = sum(figures.favoured(r) == figures.leader for r in readings)
    turned = [r for r in readings if figures.favoured(r) != figures.leader]
    widest = max(turned, key=lambda r: -r.margin) if turned else None
    alt = (f"Dot plot of the margin between {lead} and {other} under {len(readings)} readings of the model: "
           f"{ahead} put {lead} ahead, {len(readings) - ahead} {other}"
           + (f", the widest by {-widest.margin:.3f} ({widest.label})." if widest else "."))
    caption = (f"Each dot is one reading of the model, its colour the venue that reading puts ahead: right of the "
               f"line, {lead}; left, {other}. The article's model puts {lead} ahead by {figures.margin:.3f} of 1; "
               f"{ahead} of the {len(readings)} readings put {lead} ahead.")
    rows = [(r.group, r.label, names[figures.favoured(r)], f"{abs(r.margin):.3f}") for r in readings] if numbers else []
    return _render("hero.html.j2", heading=f"How far {lead} leads, under every reading of the model",
                   margin_png=base64.b64encode(margin_png).decode(), margin_alt=alt,
                   phone_png=base64.b64encode(phone_png).decode() if phone_png else None, margin_caption=caption,
                   margin_width=widths[0], draws_png=base64.b64encode(draws_png).decode(),
                   draws_sentence=figures.draws_sentence(names), picks=figures.picks(), leader=lead,
                   draws_caption=("The criteria's weights drawn at random, every score as it is: each dot stands for "
                                  "one draw in a hundred."), draws_width=widths[1], rows=rows, notes=list(notes),
                   numbers=numbers)


#: What each confidence grade means (data/README.md), in the words of the index and the brief.
GRADE_MEANINGS = {"A": "official, or two sources agreeing", "B": "one reputable outlet",
                  "C": "a weak source, or conflicting ones"}


def grades_sentence(counts: dict[str, int]) -> str:
    """How many sourced values carry each grade, as one definition for every page: 'of the 154 sourced values, 82
    are graded A (official, or two sources agreeing), ..., and 8 are estimates, each worked out with its reasoning'."""
    parts = [f"{n} {'is' if n == 1 else 'are'} graded {grade} ({GRADE_MEANINGS[grade]})"
             for grade, n in counts.items() if grade in GRADE_MEANINGS]
    estimates = counts.get("estimate", 0)
    parts.append(f"{estimates} {'is an estimate' if estimates == 1 else 'are estimates'}, each worked out with "
                 "its reasoning")
    return f"of the {sum(counts.values())} sourced values, {', '.join(parts[:-1])} and {parts[-1]}"


def method_box(grades: dict[str, int], analysis_date: str, pages: list[Page]) -> Markup:
    """The index's "How we did this": graded sources, fixed scales, the analysis date, what the model leaves out,
    with links to the data notebook and the decision's methods where the report has them."""
    files = {p.stem: p.file for p in pages}
    decision = files.get("07-decision")
    links = {"data": files.get("01-data"), "decision": decision, "methods": f"{decision}#Methods" if decision else None}
    sentence = grades_sentence(grades)
    return _render("method.html.j2", grades=sentence[:1].upper() + sentence[1:], date=long_date(analysis_date),
                   links=links)


def long_date(iso: str) -> str:
    """'6 February 2019' for '2019-02-06'."""
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def brief_page(**values: object) -> str:
    """The one-page brief (`brief.brief_html` gathers its values); `chart` and `table` are fragments rendered here."""
    return str(_render("brief.html.j2", **values))
