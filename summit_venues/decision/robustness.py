"""The decision across perspectives and methods: tables the decision notebook shows."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import aggregation, profiles
from .scoring import ALL_EXTENSIONS, criterion_scores, ranking


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
    """The venue announced on the analysis's decision date, read from history.csv by its id (never used to score)."""
    decision = data.analysis.decision_date.iloc[0]
    on_the_day = data.history[(data.history.date == decision) & data.history.place.isin(data.venue_ids)]
    if len(on_the_day) != 1:  # the loader refuses such data; kept for a Dataset built by hand
        raise ValueError(f"history.csv names {len(on_the_day)} venues on the decision date {decision}, not one")
    return on_the_day.place.iloc[0]


def reality_check(data, scores: pd.DataFrame) -> pd.DataFrame:
    """Per profile: the model's first choice next to the venue actually chosen."""
    results = profile_results(data, scores)
    actual = data.venues.name[chosen_venue(data)]
    return pd.DataFrame({"profile": results.profile, "model's choice": results.winner,
                         f"chosen in {data.analysis.decision_date.iloc[0][:4]}": actual,
                         "agree": results.winner == actual})


@dataclass(frozen=True)
class Robustness:
    """How firm the verdict is, in the three senses a careful reader checks, and what the extensions do.

    Every share is of the leader ranking first; `margin` is the leader's lead over the runner-up.
    """

    leader: str
    runner_up: str
    margin: float
    weight_shift: float | None  # least share of the total weight that must move for the runner-up to draw level
    weights_share: float  # weights drawn at random, values as scored
    data_share: float  # values drawn within their plausible ranges, these weights
    joint_share: float  # values and weights drawn together
    choices_share: float  # combinations of model choices (model_choices.csv) that keep the leader first
    largest_choice: str  # the single choice that moves the margin most
    largest_change: float  # ... and by how much (negative: towards the runner-up)
    extended_leader: str  # the leader with every extension switched on
    extended_margin: float

    def sentences(self, names) -> list[str]:
        """The bottom line in plain words, one sentence per sense."""
        lead, other = names[self.leader], names[self.runner_up]
        shift = (f"{self.weight_shift:.1%} of the total weight would have to move for {other} to draw level"
                 if self.weight_shift is not None else f"no change of weights lets {other} draw level")
        extended = (f"With every extension the team added switched on, {names[self.extended_leader]} leads by "
                    f"{self.extended_margin:.3f}.")
        return [
            f"The article's model puts {lead} ahead of {other} by {self.margin:.3f} (out of 1).",
            f"Weights: {shift}; with weights drawn at random, {lead} ranks first in {self.weights_share:.0%} of draws.",
            f"Data: with every value drawn within its plausible range, {lead} ranks first in {self.data_share:.0%} "
            f"of draws at these weights, and in {self.joint_share:.0%} with values and weights drawn together.",
            f"Model choices: {lead} stays first in {self.choices_share:.0%} of the combinations of the team's "
            f"alternative choices; the one that moves the margin most is '{self.largest_choice}' "
            f"({self.largest_change:+.3f}).",
            extended,
        ]


def robustness_in_three_senses(data, weights: pd.Series, samples: int = 100_000, seed: int = 2019,
                               combinations: int = 128) -> Robustness:
    """The verdict of the article's model and its robustness to weights, data and model choices."""
    from . import choices, sensitivity, smaa, uncertainty  # the tables above do not need these

    scores = criterion_scores(data)
    ranked = ranking(scores, weights)
    leader, runner_up = ranked.index[0], ranked.index[1]
    shift = sensitivity.smallest_shift(scores, weights, challenger=runner_up)
    uncertain = uncertainty.uncertain_scores(data)
    singles = choices.single_switches(data, weights)
    combos = choices.combinations(data, weights, limit=combinations, seed=seed)
    extended = ranking(criterion_scores(data, ALL_EXTENSIONS), weights)
    return Robustness(
        leader=leader, runner_up=runner_up, margin=float(ranked.overall.iloc[0] - ranked.overall.iloc[1]),
        weight_shift=shift.moved if shift else None,
        weights_share=float(smaa.acceptability(scores, samples, seed=seed).first_rank[leader]),
        data_share=float(smaa.joint_acceptability(uncertain, samples, seed=seed, weights=weights).first_rank[leader]),
        joint_share=float(smaa.joint_acceptability(uncertain, samples, seed=seed).first_rank[leader]),
        choices_share=float((combos.leader == leader).mean()),
        largest_choice=singles.index[0], largest_change=float(singles.change.iloc[0]),
        extended_leader=extended.index[0],
        extended_margin=float(extended.overall.iloc[0] - extended.overall.iloc[1]),
    )
