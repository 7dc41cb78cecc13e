"""The one-page brief: the question, the bottom line and how firm it is, the hero chart (the margin under every
reading, and the weight draws as 100 dots), the scores, the three caveats that matter most, how many values are
sourced at which grade (in the third caveat), and who made it from what: the analysis and build dates, the project
and its version, the data fingerprint and, given one (`--url`, or $SUMMIT_REPORT_URL), the full report's address.

`brief_html` writes it as a self-contained HTML page (the report writes it beside its index, as brief.html);
`summit-venues brief` prints that page to an A4 PDF with headless Chromium. Every number comes from the package,
every text from the data escaped: the page is rendered by the report's templates (`pages`), with autoescape.
"""
from __future__ import annotations

import os
import time
from datetime import UTC, datetime
from importlib import metadata

import pandas as pd
from markupsafe import Markup

from ..decision import robustness, uncertainty
from ..inputs import provenance
from ..inputs.dataset import Dataset
from . import pages

HTML, PDF = "brief.html", "brief.pdf"
#: Print settings: A4 in inches, as the DevTools protocol takes them, margins from the page's CSS.
A4_INCHES = (8.27, 11.69)
#: Where the full report is published, when no `--url` is given (none: the brief says how to build it).
URL_VARIABLE = "SUMMIT_REPORT_URL"


def build_date() -> str:
    """The day the brief is built, as '6 December 2026': $SOURCE_DATE_EPOCH's day when set (reproducible builds:
    the same data, code and epoch give the same bytes), else today's, in UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch) if epoch else time.time(), UTC)
    return pages.long_date(moment.date().isoformat())


def report_url(given: str | None = None) -> str | None:
    """The full report's address: the one given, else $SUMMIT_REPORT_URL, else none."""
    url = given if given is not None else os.environ.get(URL_VARIABLE, "")
    return url.strip() or None


def _version() -> str:
    try:
        return metadata.version("summit-venues")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "(uninstalled)"


def grade_counts(data: Dataset) -> dict[str, int]:
    """How many sourced values carry each grade: the one count of grades the index and the brief show."""
    return {grade: int(n) for grade, n in provenance.grade_counts(data).loc["all"].items()}


def beside_the_chart(firmness: list[str]) -> list[str]:
    """How firm the verdict is, as the brief puts it beside the hero chart: the lede already names the top hinge, and
    the chart shows every extension switched on, so the lines that would repeat them are left out."""
    return [line for line in firmness if not line.startswith(("What it hinges on", "With every extension"))]


def caveats(data: Dataset, ranked: pd.DataFrame) -> list[str]:
    """The three caveats that matter most, in plain words, with their numbers from the data."""
    chosen = robustness.chosen_venue(data)
    leader = ranked.index[0]
    flagged = int(uncertainty.scored_as_range(data).to_numpy().sum())
    grades = grade_counts(data)
    outcome = ("which the model also puts first" if chosen == leader else
               f"which the model ranks {ranked.loc[chosen, 'rank']} of {len(ranked)}")
    return [
        f"Not a forecast. {data.venues.name[chosen]} was announced on "
        f"{pages.long_date(data.analysis.decision_date.iloc[0])}, "
        f"{outcome}; the weights and scales were never tuned to it, and the decision notebook compares the two "
        "openly and says what the criteria leave out.",
        f"Known then, not now. Scores use what was knowable on {pages.long_date(data.analysis_date)}; {flagged} "
        "values not found for that date are scored at the middle of a plausible range, and the decision notebook "
        "draws every value within its range to see whether the verdict holds.",
        f"Weak values. Every value carries its source, its as-of date and a confidence grade: "
        f"{pages.grades_sentence(grades)}. Several scales' anchors are judgements, written down with their reasons "
        "in data/indicators.csv.",
    ]


def brief_html(title: str, data: Dataset, weights: pd.Series, scores: pd.DataFrame, ranked: pd.DataFrame, verdict: str,
               firmness: list[str], fingerprint: str, banner: Markup | str = "", lede: str = "",
               hero: Markup | str = "", url: str | None = None) -> str:
    """The brief as one self-contained page; a variant's `banner` (pages.variant_banner) says what it changes, `hero`
    is the hero chart (`hero_section` of the report's figures, which puts `firmness` beside it) and `url` the full
    report's address (`report_url`)."""
    table = pages.score_table(ranked, scores, data.venues.name, data.criteria.name, weights)
    return pages.brief_page(title=title, question=str(data.analysis.question.iloc[0]),
                            analysis_date=pages.long_date(data.analysis_date), built=build_date(), lede=lede,
                            verdict=verdict, hero=hero, table=table,
                            caveats=caveats(data, ranked),
                            fingerprint=fingerprint, banner=banner, url=url, version=_version())
