"""The decision across perspectives and methods: tables the decision notebook shows."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from ..inputs.dataset import Dataset
from . import aggregation, profiles, wording
from .scoring import ALL_EXTENSIONS, criterion_scores, ranking

if TYPE_CHECKING:
    from .choices import ChoiceFigure


def profile_results(data: Dataset, scores: pd.DataFrame) -> pd.DataFrame:
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


def method_comparison(data: Dataset, scores: pd.DataFrame, weights: pd.Series) -> pd.DataFrame:
    """Each venue's value and rank under the weighted sum and the two cross-check methods."""
    table = {}
    for method, function in aggregation.METHODS.items():
        values = function(scores.to_numpy(), weights[scores.columns].to_numpy())
        table[(method, "value")] = values
        table[(method, "rank")] = aggregation.ranks(values)
    return pd.DataFrame(table, index=data.venues.name[scores.index])


def chosen_venue(data: Dataset) -> str:
    """The venue announced on the analysis's decision date, read from history.csv by its id (never used to score)."""
    decision = data.analysis.decision_date.iloc[0]
    on_the_day = data.history[(data.history.date == decision) & data.history.place.isin(data.venue_ids)]
    if len(on_the_day) != 1:  # the loader refuses such data; kept for a Dataset built by hand
        raise ValueError(f"history.csv names {len(on_the_day)} venues on the decision date {decision}, not one")
    return on_the_day.place.iloc[0]


def reality_check(data: Dataset, scores: pd.DataFrame) -> pd.DataFrame:
    """Per profile: the model's first choice next to the venue actually chosen."""
    results = profile_results(data, scores)
    actual = data.venues.name[chosen_venue(data)]
    return pd.DataFrame({"profile": results.profile, "model's choice": results.winner,
                         f"chosen in {data.analysis.decision_date.iloc[0][:4]}": actual,
                         "agree": results.winner == actual})


@dataclass(frozen=True)
class Robustness:
    """How firm the verdict is, in the senses a careful reader checks, what it rests on, and what happened.

    Every share is of the leader ranking first; `margin` is the leader's lead over the runner-up.
    """

    leader: str
    runner_up: str
    margin: float
    weight_shift: float | None  # least share of the total weight that must move for the runner-up to draw level
    weights_share: float  # weights drawn at random, values as scored
    data_share: float  # values (and rubric levels) drawn within their plausible ranges, these weights
    joint_share: float  # values and weights drawn together
    choices: dict[str, ChoiceFigure]  # family -> figure: combinations of model choices that keep the leader first
    largest_choice: str  # the name of the single choice that moves the margin most
    largest_change: float  # ... and by how much (negative: towards the runner-up)
    extended_leader: str  # the leader with every extension switched on
    extended_margin: float
    contributions: pd.Series = field(repr=False)  # what each indicator adds to the margin (they sum to it)
    hinges: pd.DataFrame = field(repr=False)  # hinges.hinges(): the inputs whose change alone ties, nearest first
    chosen: str | None = None  # the venue announced on the decision date (history.csv), if one
    decision_date: str = ""

    def sentences(self, names: Mapping[str, str]) -> list[str]:
        """The bottom line in plain words, one sentence per sense."""
        lead, other = names[self.leader], names[self.runner_up]
        shift = (f"{self.weight_shift:.1%} of the total weight would have to move for {other} to draw level"
                 if self.weight_shift is not None else f"no change of weights lets {other} draw level")
        article, extensions = self.choices["article"], self.choices["extensions"]
        extended = (f"With every extension the team added switched on, {names[self.extended_leader]} leads by "
                    f"{self.extended_margin:.3f}.")
        return [
            f"The article's model puts {lead} ahead of {other} by {self.margin:.3f} (out of 1).",
            f"Weights: {shift}; with weights drawn at random, {lead} ranks first in {self.weights_share:.0%} of draws.",
            f"Data: with every value drawn within its plausible range (and rubric levels graded B or worse moving a "
            f"step at the rate their grade sets), {lead} ranks first in {self.data_share:.0%} of draws at these "
            f"weights, and in {self.joint_share:.0%} with values and weights drawn together.",
            f"Model choices: {lead} stays first in {_counted(article)} of {article.label} and in "
            f"{_counted(extensions)} of {extensions.label}; the single choice that moves the margin most is "
            f"{self.largest_choice} ({self.largest_change:+.3f}).",
            f"What it hinges on: {self.hinges.sentence.iloc[0]}" if len(self.hinges) else
            f"What it hinges on: no single input can let {other} draw level.",
            extended,
        ]

    def lede(self, names: Mapping[str, str], reading: str = "On the article's literal criteria") -> str:
        """The first words a reader sees: who leads, by how much, what the lead rests on and what would turn it
        (the top hinge), then how firm it is and what happened. `reading` names the model and weights ("On the
        article's literal criteria", for the neutral weights)."""
        lead, other = names[self.leader], names[self.runner_up]
        verb = "edges" if self.margin < 0.05 else "leads"
        rests = _rests_on(self.contributions, self.margin, lead, other)
        turn = f"; {other} would draw level {_condition(self.hinges.sentence.iloc[0])}" if len(self.hinges) else ""
        first = f"{reading} {lead} {verb} {other} by {self.margin:.3f} of 1, {rests}{turn}."
        article, extensions = self.choices["article"], self.choices["extensions"]
        shares = (f"{1 - article.share:.0%} of the combinations of judgements within the article's model, "
                  f"{1 - extensions.share:.0%} of those of the team's extensions")
        if article.share < 0.5 and extensions.share < 0.5:
            firm = f"Under most of the team's alternative judgements {other} leads instead ({shares})."
        else:
            firm = (f"{lead} stays first in {article.share:.0%} of the combinations of judgements within the "
                    f"article's model and {extensions.share:.0%} of those of the team's extensions.")
        happened = "" if self.chosen is None else (f" {names[self.chosen]} was chosen, on "
                                                  f"{_long_date(self.decision_date)}.")
        return f"{first} {firm}{happened}"


def lede_reading(data: Dataset, profile: str | None = None) -> str:
    """How the lede names the model and weights: the article's literal criteria, or a party's weights on them."""
    if profile in (None, profiles.NEUTRAL):
        return "On the article's literal criteria"
    return f"On the article's criteria with the weights of the {data.profiles.name[profile]}"


def _counted(figure: ChoiceFigure) -> str:
    """'87 of 288 combinations (30%)', with the sample stated when not every combination was scored."""
    counted = f"{figure.first:,} of {figure.evaluated:,} combinations ({figure.share:.0%})"
    return counted if figure.exact else f"{counted}, a seeded sample of all {figure.combinations:,}"


def _rests_on(contributions: pd.Series, margin: float, leader: str, other: str) -> str:
    """What the lead rests on, from what each indicator adds to it: one indicator, or the criteria for and against.

    `contributions.attrs` carries each indicator's name ('names') and its criterion's name ('criteria').
    """
    top = contributions.idxmax()
    if contributions[top] >= margin and (contributions.drop(top) <= 0).all():
        name = wording.of(leader, contributions.attrs["names"][top])
        return f"entirely through {name}, every other difference favouring {other}"
    by_criterion = contributions.groupby(contributions.index.map(contributions.attrs["criteria"]), sort=False).sum()
    ordered = by_criterion.sort_values(ascending=False)
    part = lambda items: _listed([f"{c} ({v:+.3f})" for c, v in items.items()])  # noqa: E731
    gains, losses = ordered[ordered > 0], ordered[ordered < 0]
    return f"through {part(gains)}" + (f", against {part(losses.sort_values())}" if len(losses) else "")


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _condition(sentence: str) -> str:
    """The condition of a hinge sentence ('... would draw level with X if <condition>.'), without its full stop."""
    return sentence[sentence.index(" if ") + 1:].rstrip(".")


def _long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {day:%B %Y}"


def robustness_in_three_senses(data: Dataset, weights: pd.Series, samples: int = 100_000,
                               seed: int = 2019) -> Robustness:
    """The verdict of the article's model, its robustness to weights, data and model choices, and its hinges."""
    from . import choices, hinges, sensitivity, smaa, uncertainty  # the tables above do not need these
    from .scoring import margin_by_indicator

    scores = criterion_scores(data)
    ranked = ranking(scores, weights)
    leader, runner_up = ranked.index[0], ranked.index[1]
    shift = sensitivity.smallest_shift(scores, weights, challenger=runner_up)
    uncertain = uncertainty.uncertain_scores(data)
    singles = choices.single_switches(data, weights)
    extended = ranking(criterion_scores(data, ALL_EXTENSIONS), weights)
    contributions = margin_by_indicator(data, weights, leader, runner_up)
    contributions.attrs["names"] = dict(data.indicators.short_name[contributions.index])
    contributions.attrs["criteria"] = dict(data.criteria.short_name[data.indicators.criterion_id[contributions.index]]
                                           .set_axis(contributions.index))
    try:
        chosen = chosen_venue(data)
    except ValueError:  # a data folder whose history names no single venue on the decision date
        chosen = None
    return Robustness(
        leader=leader, runner_up=runner_up, margin=float(ranked.overall.iloc[0] - ranked.overall.iloc[1]),
        weight_shift=shift.moved if shift else None,
        weights_share=float(smaa.acceptability(scores, samples, seed=seed).first_rank[leader]),
        data_share=float(smaa.joint_acceptability(uncertain, samples, seed=seed, weights=weights).first_rank[leader]),
        joint_share=float(smaa.joint_acceptability(uncertain, samples, seed=seed).first_rank[leader]),
        choices=choices.choice_figures(data, weights, seed=seed),
        largest_choice=data.model_choices.set_index("choice_id").name[singles.index[0]],
        largest_change=float(singles.change.iloc[0]),
        extended_leader=extended.index[0],
        extended_margin=float(extended.overall.iloc[0] - extended.overall.iloc[1]),
        contributions=contributions, hinges=hinges.hinges(data, weights, pair=(leader, runner_up)),
        chosen=chosen, decision_date=data.analysis.decision_date.iloc[0],
    )
