"""The one-page brief: the question, the bottom line and how firm it is, the main chart, the scores, the three
caveats that matter most, and how many values are sourced at which grade.

`brief_html` writes it as a self-contained HTML page (the report writes it beside its index, as brief.html);
`summit-venues brief` prints that page to an A4 PDF with headless Chromium. Every number comes from the package,
every text from the data escaped: the page is rendered by the report's templates (`pages`), with autoescape.
"""
from __future__ import annotations

import base64

import pandas as pd
from markupsafe import Markup

from ..decision import robustness, uncertainty
from ..decision.scoring import contributions
from ..inputs import provenance
from . import charts, pages

HTML, PDF = "brief.html", "brief.pdf"
#: Print settings: A4 in inches, as the DevTools protocol takes them, margins from the page's CSS.
A4_INCHES = (8.27, 11.69)


def caveats(data, ranked: pd.DataFrame) -> list[str]:
    """The three caveats that matter most, in plain words, with their numbers from the data."""
    chosen = robustness.chosen_venue(data)
    leader = ranked.index[0]
    flagged = int(uncertainty.scored_as_range(data).to_numpy().sum())
    grades = data.sources.grade.value_counts()
    outcome = ("which the model also puts first" if chosen == leader else
               f"which the model ranks {ranked.loc[chosen, 'rank']} of {len(ranked)}")
    return [
        f"Not a forecast. {data.venues.name[chosen]} was announced on {data.analysis.decision_date.iloc[0]}, "
        f"{outcome}; the weights and scales were never tuned to it, and the decision notebook compares the two "
        "openly and says what the criteria leave out.",
        f"Known then, not now. Scores use what was knowable on {data.analysis_date}; {flagged} values not found "
        "for that date are scored at the middle of a plausible range, and the ranges are drawn in the robustness "
        "figures above.",
        f"Weak values. {grades.get('C', 0)} source rows are graded C (a weak source or conflicting ones) and "
        f"{grades.get('estimate', 0)} are estimates, each with its reasoning; several scales' anchors are "
        "judgements, written down with their reasons in data/indicators.csv.",
    ]


def brief_html(title: str, data, weights: pd.Series, scores: pd.DataFrame, ranked: pd.DataFrame, verdict: str,
               firmness: list[str], fingerprint: str, banner: Markup | str = "", lede: str = "") -> str:
    """The brief as one self-contained page; a variant's `banner` (pages.variant_banner) says what it changes."""
    chart = charts.contribution_chart(contributions(scores, weights), data.venues.name, data.criteria.name,
                                      "Overall score, split into the criteria")
    chart.figure.set_size_inches(7.2, 0.32 * len(scores) + 1.25)
    image = Markup(f'<img alt="Overall score of each venue, split into the criteria" '
                   f'src="data:image/png;base64,{base64.b64encode(chart.png()).decode()}">')
    table = pages.score_table(ranked, scores, data.venues.name, data.criteria.name, weights)
    grades = provenance.grade_counts(data).loc["all"]
    # The lede already names the top hinge: the brief leaves out the line that repeats it, to stay on one page.
    firmness = [line for line in firmness if not line.startswith("What it hinges on")]
    return pages.brief_page(title=title, question=str(data.analysis.question.iloc[0]), date=data.analysis_date,
                            lede=lede, verdict=verdict, firmness=firmness, chart=image, table=table,
                            caveats=caveats(data, ranked), grades=[(g, int(n)) for g, n in grades.items()],
                            fingerprint=fingerprint, banner=banner)
