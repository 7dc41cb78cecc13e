"""The report in a real browser: headless Chromium opens every page, offline.

Screenshots of every page are kept in test-artifacts/browser/ (ignored by git). Without a
Chromium the tests that need one skip, saying why (`pytest -rs` lists the reason), and nothing
is built for them; CI sets SUMMIT_REQUIRE_BROWSER=1 so that they fail instead.
"""
import json
import os
from pathlib import Path

import pytest
from session import NO_CHROMIUM

from summit_venues.publishing.browser import find_chromium

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
EVIL_NAME = "<script>document.title='pwned'</script>Evil"
#: The pages with the live weights: the index and the decision notebook's (its cell tagged live-weights).
LIVE_PAGES = ("index.html", "07-decision.html")
BROWSER_REQUIRED = bool(os.environ.get("SUMMIT_REQUIRE_BROWSER"))
# Decided once, for the whole module, before any report is built for these tests.
needs_chromium = pytest.mark.skipif(find_chromium() is None and not BROWSER_REQUIRED, reason=NO_CHROMIUM)


@pytest.fixture(scope="module")
def browser(chromium):
    """The worker's Chromium (conftest.py), its first tab: the tests here visit pages in it one after another."""
    return chromium


def visit_all(browser, folder: Path, artifacts: Path):
    """Every page of a report, index first, each with its screenshot saved."""
    visits = {}
    for page in sorted(folder.glob("*.html"), key=lambda p: (p.name != "index.html", p.name)):
        visits[page.name] = browser.visit(page.as_uri())
        browser.screenshot(artifacts / page.with_suffix(".png").name)
    return visits


@pytest.mark.slow
@needs_chromium
def test_every_page_loads_with_every_image_and_stylesheet_and_nothing_from_the_network(browser, built_report):
    visits = visit_all(browser, built_report, ARTIFACTS / "report")
    for name, visit in visits.items():
        # The first link skips the navigation (shown when the keyboard reaches it), which comes next.
        opening = visit.text.removeprefix("Skip to the content\n")
        assert visit.title and (opening.startswith("Report home") or name == "brief.html"), f"{name}: no navigation"
        assert visit.broken_images == [], f"{name}: images not shown"
        assert visit.unloaded_stylesheets == [] and visit.styles > 0, f"{name}: styles not applied"
        assert visit.failed_requests == {} and visit.remote_requests == [], f"{name}: {visit.remote_requests}"
        assert visit.exceptions == [], f"{name} raised {visit.exceptions}"
        # The live weights on the index and the decision page: their data and their one script.
        assert visit.scripts == (2 if name in LIVE_PAGES else 0), f"{name} runs scripts"
    assert sum(v.images for v in visits.values()) >= len(visits) - 2, "the charts are missing"
    assert "Da Nang ranks first" in visits["index.html"].text  # the article's model, 00-overview


@pytest.mark.slow
@needs_chromium
def test_a_venue_named_with_markup_is_shown_as_text_and_never_run(browser, evil_report):
    """The report of a small notebook that shows venue names each way the real ones do (tiny_notebooks.py)."""
    visits = visit_all(browser, evil_report, ARTIFACTS / "report-evil")
    assert sorted(visits) == ["00-venues.html", "brief.html", "index.html"]
    for name, visit in visits.items():
        assert visit.title != "pwned" and visit.exceptions == [], f"{name} ran the name"
        assert visit.scripts == (2 if name == "index.html" else 0), f"{name}: a script more than the live weights"
    assert EVIL_NAME in visits["index.html"].text, "the name is shown, as typed, on the index"
    shown = [name for name, visit in visits.items() if EVIL_NAME in visit.text]
    assert len(shown) == len(visits), f"the name appears as text on only {shown}"


@pytest.mark.slow
@needs_chromium
def test_the_browser_check_can_fail(browser, tmp_path):
    page = tmp_path / "broken.html"
    page.write_text('<html><head><title>t</title><link rel="stylesheet" href="missing.css"></head>'
                    '<body><img src="missing.png"><script>document.title = "ran"</script></body></html>')
    visit = browser.visit(page.as_uri())
    assert visit.title == "ran" and visit.scripts == 1
    # The probe cuts each image's address to 80 characters (a long temporary folder, as under xdist, cuts the name).
    assert visit.broken_images == [(tmp_path / "missing.png").as_uri()[:80]]
    assert [url.rsplit("/", 1)[1] for url in visit.unloaded_stylesheets] == ["missing.css"]
    assert len(visit.failed_requests) == 2


@pytest.mark.slow
@needs_chromium
def test_a_tab_is_a_fresh_browser_of_its_own_size(browser, tmp_path):
    """What the tests that stand for another reader's browser rely on: each tab is a browser context of its own
    (Chromium keeps no cookies, storage or cache of one context in another), at the size asked for."""
    def context(tab):
        return tab.send("Target.getTargetInfo")["targetInfo"]["browserContextId"]

    page = tmp_path / "blank.html"
    page.write_text("<html><body>blank</body></html>")
    with browser.tab(width=390, height=800) as fresh, browser.tab() as other:
        fresh.visit(page.as_uri())
        assert len({context(browser), context(fresh), context(other)}) == 3
        assert fresh.evaluate("window.innerWidth") == 390 and other.evaluate("window.innerWidth") == 1200
    browser.visit(page.as_uri())
    assert browser.evaluate("window.innerWidth") == 1200


def test_remote_requests_are_those_that_leave_the_machine():
    from summit_venues.publishing.browser import Visit
    visit = Visit("file:///r/index.html", "t", 0, [], 1, [], 0, "", requests=[
        "file:///r/index.html", "data:image/png;base64,AAAA", "https://cdnjs.example/require.js"])
    assert visit.remote_requests == ["https://cdnjs.example/require.js"]


#: Weight vectors set on the index's sliders (criteria in the order of data/criteria.csv), each re-ranked there.
WEIGHT_VECTORS = [[1, 1, 1, 1, 1], [5, 0, 0, 0, 0], [0, 5, 0, 0, 0], [0, 0, 0, 5, 0], [1, 2, 2, 2, 1],
                  [3, 1, 2, 1, 2], [0.5, 0, 4.5, 1, 0]]
SET_WEIGHTS = """(function (weights) {
  weights.forEach(function (w, i) {
    var slider = document.getElementById("weight-" + i);
    slider.value = w;
    slider.dispatchEvent(new Event("input"));
  });
  return JSON.stringify({note: document.getElementById("live-note").textContent,
    rows: [...document.querySelectorAll("#live-ranking tbody tr")].map(function (tr) {
      return [...tr.cells].map(function (cell) { return cell.textContent; });
    })});
})(%s)"""


def _evaluate(browser, expression: str):
    return json.loads(browser.send("Runtime.evaluate", expression=expression, returnByValue=True)["result"]["value"])


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize("page", LIVE_PAGES)
def test_the_weights_on_the_page_rank_the_venues_as_the_package_does(browser, built_report, page):
    import summit_venues as sv

    data = sv.load_dataset()
    scores = sv.criterion_scores(data)
    visit = browser.visit((built_report / page).as_uri())
    assert visit.exceptions == [] and "Try your own weights" in visit.text
    for weights in WEIGHT_VECTORS:
        shown = _evaluate(browser, SET_WEIGHTS % json.dumps(weights))
        ranked = sv.ranking(scores, dict(zip(scores.columns, weights)))
        assert shown == {"note": "", "rows": _as_ranked(ranked, data.venues.name)}, weights
    nothing = _evaluate(browser, SET_WEIGHTS % json.dumps([0, 0, 0, 0, 0]))
    assert nothing["rows"] == [] and nothing["note"].startswith("Every weight is 0")
    # A profile puts its raw weights on the sliders and ranks as the package does under that profile.
    picked = _evaluate(browser, """(function () {
      var picker = document.getElementById("weights-profile");
      picker.value = [...picker.options].findIndex(function (o) { return o.text === "North Korean delegation"; });
      picker.dispatchEvent(new Event("change"));
      return JSON.stringify([0, 1, 2, 3, 4].map(function (i) {
        return parseFloat(document.getElementById("weight-" + i).value); }));
    })()""")
    profile = data.profile_weights[data.profile_weights.profile_id == "dprk"].set_index("criterion_id").weight
    assert picked == [profile[c] for c in scores.columns]
    # Weights under which Hanoi scores 0.8121 and Da Nang 0.8051: three decimals, not 0.81 twice.
    shown = _evaluate(browser, SET_WEIGHTS % json.dumps([0, 3, 0, 1, 1]))
    assert shown["rows"] == [["1. Hanoi", "0.812"], ["2. Da Nang", "0.805"]]
    assert shown["rows"] == _as_ranked(sv.ranking(scores, dict(zip(scores.columns, [0, 3, 0, 1, 1]))),
                                       data.venues.name)


def _as_ranked(ranked, names) -> list[list[str]]:
    """The rows the live ranking shows: place and name, the score to two decimals, or three where two would show
    two different scores alike (worked out here apart from the page's script)."""
    rounded = [f"{score:.2f}" for score in ranked.overall]
    alike = any(a == b and x != y for a, b, x, y in zip(rounded, rounded[1:], ranked.overall, ranked.overall[1:]))
    return [[f"{int(row['rank'])}. {names[v]}", f"{row.overall:.{3 if alike else 2}f}"] for v, row in ranked.iterrows()]


def _pdf_text_operators(pdf: bytes) -> int:
    """How many text-showing operators (Tj, TJ) the PDF's compressed content streams hold: text, not a picture."""
    import re
    import zlib

    count = 0
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            count += len(re.findall(rb"\b(?:Tj|TJ)\b", zlib.decompress(stream)))
        except zlib.error:
            continue
    return count


@pytest.mark.slow
@needs_chromium
def test_the_brief_prints_on_exactly_one_a4_page_with_selectable_text(browser, built_report, tmp_path):
    import re

    visit = browser.visit((built_report / "brief.html").as_uri())
    assert visit.broken_images == [] and visit.remote_requests == [] and visit.scripts == 0
    pdf = browser.pdf(tmp_path / "brief.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1, "more than one page"
    (box,) = set(re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf))
    width, height = (float(v) for v in box.split()[2:])
    assert abs(width - 595) < 2 and abs(height - 842) < 2, "not A4"
    assert _pdf_text_operators(pdf) > 50 and b"/Font" in pdf, "the text is not selectable text"
    assert "Da Nang ranks first" in visit.text
    text = " ".join(visit.text.split())
    dates = r"Analysis date 6 February 2019 \(scored on what was knowable then\) · built \d{1,2} \w+ \d{4}"
    assert re.search(dates, text)
    assert re.search(r"Made with summit-venues \S+, the open-source project .* fingerprint [0-9a-f]{12}\.", text)
    assert "59 of 100 random weightings pick Da Nang" in text and "Every extension switched on" not in text, (
        "the hero chart's labels are in its picture; its words are the 100 dots'")
    assert not re.search(r"\b(above|below)\b", text), "the brief points to a place on a page it is not on"
    # No orphan words: a cell of the scores (a venue's name, a score) never wraps onto a second line.
    wrapped = _evaluate(browser, """JSON.stringify([...document.querySelectorAll("td")].filter(function (td) {
      var range = document.createRange(); range.selectNodeContents(td);
      return new Set([...range.getClientRects()].map(function (r) { return Math.round(r.top); })).size > 1;
    }).map(function (td) { return td.textContent; }))""")
    assert wrapped == []


@needs_chromium
@pytest.mark.slow
def test_the_brief_command_prints_the_brief_to_one_a4_page(tmp_path, capsys):
    """The README's story `summit-venues brief --url ...` (into a folder of the test's, not report/), for a variant:
    its banner and the North Korean weights' longer lede still fit on the page."""
    import re

    from bs4 import BeautifulSoup

    from summit_venues.publishing.cli import main

    assert main(["brief", "--out", str(tmp_path), "--url", "https://example.org/summit/", "--profile", "dprk"]) == 0
    assert capsys.readouterr().out.startswith("Brief: ")
    pdf = (tmp_path / "brief.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1, "more than one page"
    (box,) = set(re.findall(rb"/MediaBox\s*\[([^\]]*)\]", pdf))
    assert [round(float(v)) for v in box.split()[2:]] == [595, 842], "not A4"
    assert _pdf_text_operators(pdf) > 50, "the text is not selectable text"
    footer = BeautifulSoup((tmp_path / "brief.html").read_text(encoding="utf-8"), "html.parser").footer
    assert footer.find("a", href="https://example.org/summit/") and "Made with summit-venues" in footer.get_text()


#: A reader's own weights, set on the index without touching a slider: (route, what the reader enters, the weights
#: the sliders then hold, as `summit-venues rank --weights` takes them).
READER_ROUTES = [("rating", [5, 2, 0, 3, 1], [5, 2, 0, 3, 1]),
                 ("swing", [100, 50, 0, 80, 15], [100, 50, 0, 80, 15])]
ENTER = """(function (route, values) {
  document.querySelector("details.find-weights").open = true;
  values.forEach(function (v, i) {
    var field = document.getElementById((route === "rating" ? "rate-" : "swing-") + i);
    field.value = String(v);
    field.dispatchEvent(new Event("change"));
  });
  document.getElementById(route === "rating" ? "use-rating" : "use-swing").click();
  document.getElementById("copy-link").click();
  return JSON.stringify(%s);
})(%s, %s)"""
READ_STATE = """{picker: document.getElementById("weights-profile").selectedOptions[0].text,
  link: document.getElementById("share-link").value, address: location.href,
  sliders: [...document.querySelectorAll(".weights input[type=range]")].map(function (s) { return s.value; }),
  leader: document.getElementById("live-leader").textContent, note: document.getElementById("live-note").textContent,
  rows: [...document.querySelectorAll("#live-ranking tbody tr")].map(function (tr) {
    return [...tr.cells].map(function (cell) { return cell.textContent; }); })}"""


def _ranked_by_the_command(weights: list[float], capsys) -> list[list[str]]:
    """The venues as `summit-venues rank --weights` prints them: '1. Da Nang', '0.77', best first."""
    import re

    import summit_venues as sv
    from summit_venues.publishing.cli import main

    criteria = list(sv.load_dataset().criteria.index)
    capsys.readouterr()
    assert main(["rank", "--weights", ",".join(f"{c}={w}" for c, w in zip(criteria, weights))]) == 0
    lines = capsys.readouterr().out.splitlines()[3:]
    return [[f"{rank}. {name}", overall] for name, rank, overall in
            (re.match(r"\s*(.+?)\s+(\d+)\s+(\d\.\d\d)\s", line).groups() for line in lines)]


@pytest.mark.slow
@needs_chromium
@pytest.mark.parametrize(("route", "entered", "weights"), READER_ROUTES)
def test_a_readers_own_weights_travel_in_a_link_that_reopens_them(browser, built_report, capsys, route, entered,
                                                                  weights):
    visit = browser.visit((built_report / "index.html").as_uri())
    assert visit.exceptions == [] and "Try your own weights" in visit.text
    state = _evaluate(browser, ENTER % (READ_STATE, json.dumps(route), json.dumps(entered)))
    expected = _ranked_by_the_command(weights, capsys)
    assert state["rows"] == expected and state["note"] == "", route
    assert state["picker"] == "Your weights" and state["leader"].startswith(f"At these weights {expected[0][0][3:]}")
    assert state["link"] == state["address"] and "#weights=flight_path=" in state["link"]
    # The copied address, opened in a fresh browser (a context of its own: nothing kept from this page), shows the
    # same.
    with browser.tab() as fresh:
        reopened = fresh.visit(state["link"])
        assert reopened.exceptions == []
        again = _evaluate(fresh, f"JSON.stringify({READ_STATE})")
    assert again["rows"] == expected and again["picker"] == "Your weights" and again["sliders"] == state["sliders"]


@pytest.mark.slow
@needs_chromium
def test_moving_a_slider_says_your_weights_and_a_broken_link_says_so(browser, built_report):
    index = (built_report / "index.html").as_uri()
    browser.visit(index)
    assert _evaluate(browser, f"JSON.stringify({READ_STATE})")["picker"] == "Neutral reading of the article"
    _evaluate(browser, SET_WEIGHTS % json.dumps([1, 1, 1, 1, 2]))
    moved = _evaluate(browser, f"JSON.stringify({READ_STATE})")
    assert moved["picker"] == "Your weights" and moved["address"].endswith(
        "#weights=flight_path=1,facilities=1,security=1,economic_model=1,diplomatic_relations=2")
    with browser.tab() as fresh:
        fresh.visit(index + "#weights=flight_path=abc,security=2")
        broken = _evaluate(fresh, f"JSON.stringify({READ_STATE})")
    assert broken["note"].startswith("The link's weights could not be read (flight_path=abc)")
    assert broken["picker"] == "Neutral reading of the article" and len(broken["rows"]) == 2


@pytest.mark.slow
@needs_chromium
def test_the_index_has_a_skip_link_a_live_region_and_says_when_scripts_are_off(browser, built_report):
    with browser.tab() as scripts_off:
        scripts_off.send("Emulation.setScriptExecutionDisabled", value=True)
        visit = scripts_off.visit((built_report / "index.html").as_uri())
    assert "Try your own weights needs JavaScript" in " ".join(visit.text.split())
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_report / "index.html").read_text(encoding="utf-8"), "html.parser")
    skip = soup.body.find("a")
    assert skip["href"] == "#content" and soup.select_one("main#content"), "the first link skips the navigation"
    region = soup.select_one("#live-result")
    assert region["aria-live"] == "polite" and region.select_one("#live-ranking")
