"""Scoring on fixed scales and the weighted-sum aggregation.

The steps are explicit and in this order: raw value -> value function (direction and
fixed anchors) -> indicator score in [0, 1] -> weighted mean within a criterion ->
weighted sum across criteria. Nothing depends on which other venues are compared.

Everything here takes its inputs as arguments and reads no environment variable: the
notebooks, the report builder and the command line read a variant's settings
(`summit_venues.settings`) and pass what they read.
"""
from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..inputs.dataset import Dataset
from ..inputs.errors import DataError, Problem
from . import uncertainty
from .aggregation import normalised_weights, weighted_sum
from .extensions import ALL_EXTENSIONS, Extensions, active_indicators
from .profiles import NEUTRAL, profile_weights
from .value_functions import value_function

__all__ = ["ALL_EXTENSIONS", "active_indicators", "contributions", "criterion_scores", "default_weights",
           "indicator_scores", "normalised_weights", "overall_scores", "ranking", "verdict", "weights_label"]


#: What a missing derived value means, in the user's words, for the columns whose inputs a new venue forgets.
_MISSING_INPUT = {
    "rail_km_from_border": "no rail leg reaches {venue} from a border crossing or another venue: add the legs "
                           "to overland_legs.csv, or a row with no from_place and no km stating that none exists",
    "road_km_from_border": "no road leg reaches {venue} from a border crossing or another venue: add the legs "
                           "to overland_legs.csv, or a row with no from_place and no km stating that none exists",
}


def _why_missing(data: Dataset, indicator: str, venue: str) -> str:
    column = data.indicators.column[indicator]
    reason = _MISSING_INPUT.get(column, "the inputs it is computed from are incomplete for this venue "
                                        "(see the derived values in data/README.md)")
    return f"no value to score indicator '{indicator}': {reason.format(venue=venue)}"


def indicator_scores(data: Dataset, extensions: Extensions = ()) -> pd.DataFrame:
    """Venue x indicator table of scores in [0, 1], for the article's model plus `extensions`.

    A value not found at the analysis date is scored at the middle of its plausible range
    (uncertainty.point_values). A missing raw value with no range is an error, never a silent
    zero: it can only come from a derived column whose inputs are incomplete (say, a venue
    with no overland leg to a border).
    """
    members = active_indicators(data, extensions).index
    values = uncertainty.point_values(data, members)
    scores = {indicator_id: value_function(data, indicator_id)(values[indicator_id].to_numpy())
              for indicator_id in members}
    table = pd.DataFrame(scores, index=data.venue_table.index).rename_axis(index="venue_id", columns="indicator_id")
    missing = [Problem("data (derived columns)", venue, data.indicators.column[indicator],
                       _why_missing(data, indicator, venue))
               for indicator in table.columns for venue in table.index[table[indicator].isna()]]
    if missing:
        raise DataError(missing)
    return table


def criterion_scores(data: Dataset, extensions: Extensions = ()) -> pd.DataFrame:
    """Venue x criterion table: the weighted mean of each criterion's indicator scores.

    By default the article's model; `extensions` adds the team's extensions (or ALL_EXTENSIONS).
    """
    scores = indicator_scores(data, extensions)
    active = active_indicators(data, extensions)
    result = {}
    for criterion_id in data.criteria.index:
        members = active[active.criterion_id == criterion_id]
        weights = members.weight / members.weight.sum()  # within a criterion: a weighted mean
        result[criterion_id] = weighted_sum(scores[members.index].to_numpy(), weights.to_numpy())
    return pd.DataFrame(result, index=scores.index).rename_axis(columns="criterion_id")


def indicator_weights(data: Dataset, weights: Mapping[str, float] | pd.Series,
                      extensions: Extensions = ()) -> pd.Series:
    """Each active indicator's share of the overall score: its criterion's weight times its share within it.

    The shares sum to 1, so an overall score is the indicator scores weighted by them.
    """
    active = active_indicators(data, extensions)
    criterion = normalised_weights(weights, list(data.criteria.index))
    within = active.weight / active.groupby("criterion_id").weight.transform("sum")
    return (within * criterion[active.criterion_id].to_numpy()).rename("weight")


def margin_by_indicator(data: Dataset, weights: Mapping[str, float] | pd.Series, leader: str, other: str,
                        extensions: Extensions = ()) -> pd.Series:
    """How much of `leader`'s lead over `other` each indicator gives (negative: where it loses ground).

    They sum to the difference of the two overall scores.
    """
    scores = indicator_scores(data, extensions)
    shares = indicator_weights(data, weights, extensions)
    return (shares * (scores.loc[leader] - scores.loc[other])[shares.index]).rename("margin")


def default_weights(data: Dataset, profile: str | None = None) -> pd.Series:
    """The weights of `profile` (data/profiles.csv), by default the neutral profile's; summing to 1."""
    return profile_weights(data, profile or NEUTRAL)


def contributions(criterion_table: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Venue x criterion: weight times score, so that each row sums to the venue's overall score."""
    w = normalised_weights(weights, list(criterion_table.columns))
    return criterion_table * w


def overall_scores(criterion_table: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> pd.Series:
    """Weighted sum of criterion scores, in [0, 1]."""
    w = normalised_weights(weights, list(criterion_table.columns))
    return pd.Series(weighted_sum(criterion_table.to_numpy(dtype=float), w.to_numpy()),
                     index=criterion_table.index, name="overall")


def ranking(criterion_table: pd.DataFrame, weights: Mapping[str, float] | pd.Series) -> pd.DataFrame:
    """Venues ordered best first, with score and rank (ties share the better rank)."""
    overall = overall_scores(criterion_table, weights)
    table = overall.to_frame()
    table["rank"] = overall.rank(ascending=False, method="min").astype(int)
    return table.sort_values(["rank", "overall"], ascending=[True, False])


#: How verdicts name the baseline the scores come from.
ARTICLE_MODEL = "the article's model"


def weights_label(profile: str | None = None, model: str | None = None,
                  profile_names: Mapping[str, str] | None = None) -> str:
    """How a verdict names its weights: the neutral ones, or those of `profile`; `model` says on what.

    With `profile_names` (the data's `profiles.name`) a profile reads by its name, as a reader should meet it.

    >>> weights_label(None, "the article's model")
    "the neutral weights of the article's model"
    >>> weights_label("usa", "the article's model", {"usa": "US delegation"})
    "the US delegation's weights, on the article's model"
    >>> weights_label("usa")
    "the weights of profile 'usa'"
    """
    if profile in (None, NEUTRAL):
        return "the neutral weights" + (f" of {model}" if model else "")
    named = f"the {profile_names[profile]}'s weights" if profile_names is not None and profile in profile_names \
        else f"the weights of profile '{profile}'"
    return named + (f", on {model}" if model else "")


def verdict(ranked: pd.DataFrame, names: Mapping[str, str], weights_label: str) -> str:
    """One sentence stating the winner and every venue's score, for the top of a notebook.

    `weights_label` names the weights the ranking used (see `weights_label()`), e.g. "the neutral weights".
    """
    scores = ", ".join(f"{names[v]} {row.overall:.2f}" for v, row in ranked.iterrows())
    leaders = ranked.index[ranked["rank"] == 1]
    if len(leaders) > 1:
        return f"Under {weights_label}, the venues tie at the top: {scores} (out of 1)."
    return f"Under {weights_label}, {names[leaders[0]]} ranks first: {scores} (out of 1)."
