"""The decision across perspectives and methods: tables the decision notebook shows."""
from __future__ import annotations

import pandas as pd

from . import aggregation, profiles
from .scoring import ranking


def profile_results(data, scores: pd.DataFrame) -> pd.DataFrame:
    """One row per weight profile: each venue's overall score, the winner and its margin."""
    rows = []
    for profile_id, profile in data.profiles.iterrows():
        ranked = ranking(scores, profiles.profile_weights(data, profile_id))
        row = {"profile": profile["name"]}
        row.update({data.venues.name[v]: ranked.overall[v] for v in scores.index})
        row["winner"] = data.venues.name[ranked.index[0]] if ranked["rank"].iloc[1] > 1 else "tie"
        row["margin"] = ranked.overall.iloc[0] - ranked.overall.iloc[1]
        rows.append(row)
    return pd.DataFrame(rows, index=pd.Index(data.profiles.index, name="profile_id"))


def method_comparison(data, scores: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Each venue's value and rank under the weighted sum and the two cross-check methods."""
    table = {}
    for method, function in aggregation.METHODS.items():
        values = function(scores.to_numpy(), weights[scores.columns].to_numpy())
        table[(method, "value")] = values
        table[(method, "rank")] = aggregation.ranks(values)
    return pd.DataFrame(table, index=data.venues.name[scores.index])


def chosen_venue(data) -> str:
    """The venue that was announced in 2019, read from data/history.csv (never used to score)."""
    place = data.history.loc["hanoi_announced", "place"]
    return data.venues.index[data.venues.name == place][0]


def reality_check(data, scores: pd.DataFrame) -> pd.DataFrame:
    """Per profile: the model's first choice next to the venue actually chosen."""
    results = profile_results(data, scores)
    actual = data.venues.name[chosen_venue(data)]
    return pd.DataFrame({"profile": results.profile, "model's choice": results.winner,
                         "chosen in 2019": actual, "agree": results.winner == actual})


def robustness(data, scores: pd.DataFrame, weights: pd.Series, samples: int = 200_000, seed: int = 2019) -> list[str]:
    """Two sentences for a bottom line: the exact flip threshold, and the SMAA acceptability."""
    from . import sensitivity, smaa  # the decision tables above do not need these

    names, labels = data.venues.name, data.criteria.name
    shift = sensitivity.smallest_shift(scores, weights)
    first = shift.describe(names, labels) if shift else "No change of weights lets another venue draw level."
    leader = sensitivity.winner(scores, weights)
    share = smaa.acceptability(scores, samples, seed=seed).first_rank[leader]
    second = (f"With weights drawn at random from all possible ones, {names[leader]} ranks first in "
              f"{share:.0%} of {samples:,} draws.")
    return [first, second]
