"""The report as a data-visualisation editor reads it, page by page: every notebook's page, the index and the brief.

What a reader sees (the text outside code: code cells, `code` and `pre` are for readers of the code) holds no data
id (`city_diplomacy`: names from the data instead), no NaN, None, True or False cell ("not found", "yes", "no"), no
text cut with "…", and no Python repr of a chart or a widget (`<Figure size…`, `VBox(children=…`); and on a phone
(Chromium at 390 CSS pixels, laid out as a phone lays it out) no page is wider than the screen: a wide table scrolls
in its own box. Each page is a test of its own, so that a failure names the page and each problem on it.
"""
from __future__ import annotations

import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from summit_venues.publishing.report import notebook_paths

PHONE = 390
PAGES = [f"{p.stem}.html" for p in notebook_paths()] + ["index.html", "brief.html"]
#: Cell texts a reader should never meet: a missing value or a boolean as Python prints them.
RAW_CELLS = {"NaN", "nan", "None", "<NA>", "NaT", "True", "False"}
#: Python's text of a chart or a widget, where a picture or a control should be.
REPRS = re.compile(r"<Figure size|<Chart:|<matplotlib\.|(?:[HV]Box|\w+Slider)\(children=|\w+Slider\(value=")
#: What is code, for readers of the code: left out of what the editor reads.
CODE = ["script", "style", "code", "pre", "kbd", "samp", ".jp-InputArea", "details.report-code > summary"]


def data_ids(data) -> set[str]:
    """Every id of the data a reader might meet: the values of every `..._id` column and index, and the column
    names, of every table (only those with an underscore: `security` is an id and also a word)."""
    ids = set()
    for name in dir(data):
        table = getattr(data, name, None) if not name.startswith("_") else None
        if not isinstance(table, pd.DataFrame):
            continue
        ids |= {str(c) for c in table.columns}
        if table.index.name and str(table.index.name).endswith("_id"):
            ids |= set(map(str, table.index))
        for column in (c for c in table.columns if str(c).endswith("_id")):
            ids |= set(map(str, table[column].dropna()))
    return {i for i in ids if "_" in i}


def visible(html: str) -> BeautifulSoup:
    """The page without its code, scripts and styles; web addresses shown as link text are addresses, not prose."""
    soup = BeautifulSoup(html, "html.parser")
    for selector in CODE:
        for element in soup.select(selector):
            element.decompose()
    for link in soup.find_all("a"):
        if re.match(r"https?://", link.get_text().strip()):
            link.decompose()
    return soup


def problems(html: str, ids: set[str]) -> list[str]:
    """What an editor would send back on this page, one line each (empty: none)."""
    soup = visible(html)
    text = " ".join(soup.get_text(" ").split())
    found = []
    alternatives = "|".join(sorted(map(re.escape, ids), key=len, reverse=True))
    pattern = re.compile(r"(?<![\w/.-])(" + alternatives + r")(?![\w-])")
    shown = sorted({m.group(1) for m in pattern.finditer(text)})
    if shown:
        found.append(f"data ids in the text: {', '.join(shown[:12])}{' …' if len(shown) > 12 else ''}")
    cells = [" ".join(cell.get_text(" ").split()) for cell in soup.select("td, th")]
    raw = sorted({c for c in cells if c in RAW_CELLS})
    if raw:
        found.append(f"{sum(c in RAW_CELLS for c in cells)} cells read {', '.join(raw)}")
    # "[…]" marks words an editor left out of a quotation: not a cut.
    cut = [c for c in cells if "…" in c.replace("[…]", "") or c.endswith("...")]
    if cut or re.search(r"\w …(?:\s|$)|\w…(?:\s|$)", text.replace("[…]", "")):
        found.append(f"text cut with '…': {len(cut)} cells" + (f", e.g. {cut[0][-40:]!r}" if cut else ""))
    reprs = sorted(set(REPRS.findall(text)))
    if reprs:
        found.append(f"Python's text of an object: {', '.join(reprs)}")
    return found


@pytest.fixture(scope="module")
def ids():
    import summit_venues as sv

    return data_ids(sv.load_dataset())


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_names_values_and_pictures_not_code(built_report, ids, page):
    found = problems((built_report / page).read_text(encoding="utf-8"), ids)
    assert not found, f"{page}:\n  " + "\n  ".join(found)


@pytest.fixture(scope="module")
def phone(chromium):
    """A tab of the worker's Chromium (conftest.py) that lays pages out as a phone does."""
    with chromium.tab(width=PHONE, height=800, mobile=True) as tab:
        yield tab


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_no_page_is_wider_than_a_phone(built_report, phone, page):
    phone.visit((built_report / page).as_uri())
    width = phone.scroll_width()
    wide = phone.evaluate(f"""[...document.querySelectorAll("body *")].filter(function (e) {{
      var box = e.getBoundingClientRect(); return box.right > {PHONE} + 1 && getComputedStyle(e).position !== "fixed";
    }}).slice(0, 3).map(function (e) {{ return e.tagName.toLowerCase() + (e.className ? "." +
      String(e.className).split(" ")[0] : ""); }})""")
    assert width <= PHONE, f"{page} is {width} px wide on a {PHONE} px phone; widest: {wide}"


# The checks themselves, on pages written to fail each one (and one that passes them all).
CLEAN = ('<p>Da Nang leads by 0.026.</p><table><tr><td>not found</td><td>yes</td></tr></table>'
         '<pre>city_diplomacy = True</pre><p><code>kim_range_7000</code> in code is fine, as is '
         '<a href="https://example.org/a_b">https://example.org/kim_range_7000</a>.</p>')


@pytest.mark.parametrize(("html", "expected"), [
    (CLEAN, []),
    ("<p>The choice city_diplomacy moves it.</p>", ["data ids in the text: city_diplomacy"]),
    ("<table><tr><td>NaN</td><td>False</td><td>NaN</td></tr></table>", ["3 cells read False, NaN"]),
    ("<table><tr><td>A long sentence cut …</td></tr></table>",
     ["text cut with '…': 1 cells, e.g. 'A long sentence cut …'"]),
    ("<div>VBox(children=(FloatSlider(value=0.2))</div><p>&lt;Figure size 640x480 with 1 Axes&gt;</p>",
     ["Python's text of an object: <Figure size, FloatSlider(value=, VBox(children="]),
])
def test_the_editor_checks_find_each_problem(html, expected):
    assert problems(html, {"city_diplomacy", "kim_range_7000"}) == expected
