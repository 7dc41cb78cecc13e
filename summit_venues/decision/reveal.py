"""What the real choices reveal: the criterion weights under which the model agrees with decisions that were made.

A decision (Hanoi chosen over Da Nang in 2019; Singapore over Ulaanbaatar and Panmunjom in 2018)
is read as evidence about the weights, within this model's criteria: the model agrees with it
at exactly those weights where the chosen venue ranks first against every rival. That set is a
region of the weight simplex (`weight_region`), found exactly. Several decisions on one model
give one region, where the model agrees with all of them at once.

Model choices (model_choices.csv, extensions included) are applied through `choices.apply` and
scored with `criterion_scores`, whatever their kind, so that a new kind of choice needs no code
here. The decision itself is read from history.csv (`robustness.chosen_venue`), never scored.
"""
from __future__ import annotations

import itertools
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from ..inputs.dataset import Dataset
from . import choices, profiles, smaa, uncertainty, weight_region
from .robustness import chosen_venue
from .scoring import ALL_EXTENSIONS, criterion_scores
from .weight_region import CONSISTENT, EMPTY, TIES_ONLY, Region, RegionDraws

__all__ = ["CONSISTENT", "EMPTY", "TIES_ONLY", "Decision", "DecisionDraws", "Reading", "additions_text",
           "choice_effects", "choice_label", "decision", "decision_draws", "model_label", "nearest_profile",
           "overview", "profile_table", "read", "reading_of", "region_draws", "region_of", "sampled_share",
           "smallest_additions", "summary"]


@dataclass(frozen=True)
class Decision:
    """One real choice as the model sees it: the venue chosen, its rivals, and their criterion scores."""

    label: str  # how tables name the decision: the year it was made
    chosen: str
    rivals: tuple[str, ...]
    scores: pd.DataFrame  # the chosen venue and its rivals x criteria
    names: pd.Series  # venue id -> name

    @cached_property
    def gaps(self) -> pd.DataFrame:
        """One row per rival: the chosen venue's criterion scores minus the rival's (its lead, criterion by
        criterion). Computed once; treat it as read-only."""
        rivals = list(self.rivals)
        gaps = self.scores.loc[rivals].rsub(self.scores.loc[self.chosen], axis=1)
        gaps.index = pd.Index([f"{self.label}: {self.names[self.chosen]} over {self.names[r]}" for r in rivals],
                              name="lead")
        return gaps.rename_axis(columns="criterion")

    def describe(self) -> str:
        """`2018: Singapore chosen over Ulaanbaatar and Panmunjom`."""
        return f"{self.label}: {self.names[self.chosen]} chosen over {_listed([self.names[r] for r in self.rivals])}"


def decision(data: Dataset, extensions=(), choice_ids: Sequence[str] = (), rivals: Sequence[str] | None = None,
             label: str | None = None) -> Decision:
    """The analysis's actual decision (history.csv), scored on the article's model plus `extensions` (ids, or
    ALL_EXTENSIONS) with the model choices `choice_ids` applied; every other venue is a rival unless
    `rivals` names them."""
    known = list(data.model_choices.choice_id)
    unknown = [c for c in choice_ids if c not in known]
    if unknown:
        raise ValueError(f"unknown model choice '{unknown[0]}' for the analysis of {data.analysis_date}; "
                         f"its choices are {', '.join(known)}")
    changed, switched_on = choices.apply(data, list(choice_ids)) if choice_ids else (data, [])
    if isinstance(extensions, str) and extensions == ALL_EXTENSIONS:
        scored_with = ALL_EXTENSIONS
    else:
        scored_with = list(dict.fromkeys([*([extensions] if isinstance(extensions, str) else extensions),
                                          *switched_on]))
    chosen, rivals = _chosen_and_rivals(data, rivals)
    scores = criterion_scores(changed, scored_with)
    year = label or data.analysis.decision_date.iloc[0][:4]
    return Decision(year, chosen, rivals, scores.loc[[chosen, *rivals]], data.venues.name)


def _chosen_and_rivals(data: Dataset, rivals: Sequence[str] | None) -> tuple[str, tuple[str, ...]]:
    """The venue chosen on the decision date (history.csv), and its rivals: `rivals`, checked, or every other."""
    chosen = chosen_venue(data)
    others = [v for v in data.venue_ids if v != chosen]
    rivals = others if rivals is None else list(dict.fromkeys(rivals))
    if not rivals:
        raise ValueError(f"the decision of {data.analysis.decision_date.iloc[0]} has no rival: a choice among "
                         "one venue reveals nothing about the weights")
    strangers = [r for r in rivals if r not in others]
    if strangers:
        what = "the chosen venue itself" if strangers[0] == chosen else "not a venue of the analysis"
        raise ValueError(f"rival '{strangers[0]}' is {what}; the rivals can be {', '.join(others)}")
    return chosen, tuple(rivals)


@dataclass(frozen=True)
class Reading:
    """What one or more decisions reveal on one model: the decisions, their region, and the model's name."""

    decisions: tuple[Decision, ...]
    region: Region
    model: str  # `the article's model`, or with which extensions and choices


def reading_of(decisions: Sequence[Decision], model: str, programmes: bool = True) -> Reading:
    """A reading of decisions already scored (on one model, named `model`): their region (`programmes`: as
    `weight_region.region` finds the weights' least and most)."""
    return Reading(tuple(decisions), region_of(decisions, programmes), model)


def region_of(decisions: Sequence[Decision], programmes: bool = True) -> Region:
    """The weights under which the model agrees with every decision at once (one model, so one set of criteria)."""
    if not decisions:
        raise ValueError("no decision given: the region needs at least one")
    criteria = list(decisions[0].scores.columns)
    for d in decisions[1:]:
        if list(d.scores.columns) != criteria:
            raise ValueError(f"the decision of {d.label} is scored on other criteria than that of "
                             f"{decisions[0].label}: one region needs one model")
    return weight_region.region(pd.concat([d.gaps for d in decisions]), programmes)


def read(datasets: Sequence[Dataset], extensions=(), choice_ids: Sequence[str] = (),
         rivals: Sequence[Sequence[str] | None] | None = None) -> Reading:
    """The region of the decisions of `datasets` (one analysis each: 2019, the 2018 backtest) on one model.

    A model choice applies to each analysis whose model_choices.csv defines it (a value of one 2019
    venue means nothing in 2018).
    """
    if not datasets:
        raise ValueError("no analysis given: a reading needs at least one decision")
    decisions = tuple(decision(data, extensions, _defined(data, choice_ids), others)
                      for data, others in zip(datasets, _rival_lists(datasets, rivals)))
    return Reading(decisions, region_of(decisions), model_label(datasets[0], extensions, choice_ids))


def _rival_lists(datasets: Sequence[Dataset], rivals) -> list[Sequence[str] | None]:
    """One list of rivals per analysis (None: every other venue)."""
    rivals = [None] * len(datasets) if rivals is None else list(rivals)
    if len(rivals) != len(datasets):
        raise ValueError(f"{len(rivals)} lists of rivals for {len(datasets)} analyses")
    return rivals


def _defined(data: Dataset, choice_ids: Sequence[str]) -> list[str]:
    known = set(data.model_choices.choice_id)
    return [c for c in choice_ids if c in known]


def _candidates(datasets: Sequence[Dataset]) -> list[str]:
    """Every model choice of any of the analyses, in the order of their files."""
    return list(dict.fromkeys(c for data in datasets for c in data.model_choices.choice_id))


class _Leads:
    """The decisions' leads under sets of model choices, each analysis scored once per set of choices it defines."""

    def __init__(self, datasets: Sequence[Dataset], extensions, rivals):
        self.datasets, self.extensions = list(datasets), extensions
        self.rivals = _rival_lists(self.datasets, rivals)
        self._scored: dict[tuple[int, tuple[str, ...]], pd.DataFrame] = {}

    def __call__(self, ids: Sequence[str]) -> pd.DataFrame:
        """Every decision's leads, one row per rival, with the choices `ids` applied where they are defined."""
        rows = []
        for position, data in enumerate(self.datasets):
            here = tuple(_defined(data, ids))  # a choice another analysis defines changes nothing here
            if (position, here) not in self._scored:
                self._scored[position, here] = decision(data, self.extensions, here, self.rivals[position]).gaps
            rows.append(self._scored[position, here])
        return pd.concat(rows)


def smallest_additions(datasets: Sequence[Dataset], extensions=(),
                       rivals: Sequence[Sequence[str] | None] | None = None,
                       max_size: int | None = None) -> list[tuple[str, ...]]:
    """The smallest sets of model choices (extensions included) under which the model agrees with every decision
    of `datasets` for some weights: every set of the least size that does, in the order of model_choices.csv.

    `[()]` when the model agrees already; `[]` when no set of at most `max_size` choices (default: any) does.
    Sets are tried by size, so the search stops at the first size that works.
    """
    leads, candidates = _Leads(datasets, extensions, rivals), _candidates(datasets)
    largest = len(candidates) if max_size is None else min(max_size, len(candidates))
    for size in range(largest + 1):
        found = [ids for ids in itertools.combinations(candidates, size) if weight_region.agrees(leads(ids))]
        if found:
            return found
    return []


def choice_effects(datasets: Sequence[Dataset], extensions=(),
                   rivals: Sequence[Sequence[str] | None] | None = None) -> pd.DataFrame:
    """Each model choice alone, beside the model without it: the region's status and exact share.

    One row per choice of any of the analyses (the first, `none`, is the model as given).
    """
    leads = _Leads(datasets, extensions, rivals)
    regions = {c: weight_region.region(leads([] if c == "none" else [c]), programmes=False)
               for c in ["none", *_candidates(datasets)]}
    return pd.DataFrame({"status": {c: r.status for c, r in regions.items()},
                         "share": {c: r.share for c, r in regions.items()}}).rename_axis(index="choice")


def choice_label(datasets: Sequence[Dataset], choice_id: str) -> str:
    """How a reader meets a model choice: an extension by its name, any other choice by its reason."""
    for data in datasets:
        table = data.model_choices.set_index("choice_id")
        if choice_id in table.index:
            row = table.loc[choice_id]
            if row.kind == "extension" and row.target in data.extensions.index:
                return f"Extension: {data.extensions.name[row.target]}"
            return row.reason
    raise ValueError(f"unknown model choice '{choice_id}'")


def additions_text(sets: list[tuple[str, ...]], datasets: Sequence[Dataset]) -> str:
    """`smallest_additions` in words: each smallest set of model choices on a line of its own, by name."""
    if sets == [()]:
        return "No model choice needs to be added: the model agrees as it is."
    if not sets:
        return "No set of the model choices (model_choices.csv) makes the model agree."
    size = len(sets[0])
    lines = [f"The smallest additions that make the model agree: {len(sets)} set{'s' if len(sets) > 1 else ''} of "
             f"{size} model choice{'s' if size > 1 else ''}, each enough:"]
    lines += ["- " + "; ".join(choice_label(datasets, c) for c in ids) for ids in sets]
    return "\n".join(lines)


def model_label(data: Dataset, extensions=(), choice_ids: Sequence[str] = ()) -> str:
    """`the article's model`, `the article's model with every extension`, or with the extensions (and choices)
    named."""
    every = list(data.extensions.index)
    named = every if isinstance(extensions, str) and extensions == ALL_EXTENSIONS else (
        [extensions] if isinstance(extensions, str) else list(extensions))
    added = []
    if every and set(named) >= set(every):
        added.append("every extension")
    elif named:
        names = [f"'{data.extensions.name[e]}'" if e in data.extensions.index else f"'{e}'" for e in named]
        added.append(f"the extension{'s' if len(names) > 1 else ''} {_listed(names)}")
    if choice_ids:  # by name: an extension's, or the choice's reason
        labels = [f"'{choice_label([data], c).removeprefix('Extension: ')}'" for c in choice_ids]
        added.append(f"the model choice{'s' if len(labels) > 1 else ''} {_listed(labels)}")
    return "the article's model" + (f" with {' and '.join(added)}" if added else "")


def _listed(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def profile_table(region: Region, data: Dataset, weights: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per weight profile (profiles.csv): whether the model agrees at its weights, the weight that would
    move between it and the region's centroid, and the least weight that would bring it into the region.

    `weights` is `profiles.weight_table(data)`, if the caller has it already.
    """
    table = (profiles.weight_table(data) if weights is None else weights)[region.criteria]
    rows = []
    for profile_id, profile in table.iterrows():
        rows.append({"profile": data.profiles.name[profile_id],
                     "inside": not region.empty and region.contains(profile),
                     "to the centroid": (np.nan if region.empty
                                         else weight_region.weight_moved(profile, region.centroid)),
                     "into the region": weight_region.least_shift_into(region, profile)})
    return pd.DataFrame(rows, index=table.index)


def nearest_profile(region: Region, data: Dataset, weights: pd.DataFrame | None = None) -> tuple[str, float]:
    """The profile whose weights lie nearest the region's centroid, and how much weight would move between them."""
    if region.empty:
        raise ValueError("an empty region has no centroid, so no profile is nearest it")
    table = (profiles.weight_table(data) if weights is None else weights)[region.criteria]
    distances = pd.Series({p: weight_region.weight_moved(w, region.centroid) for p, w in table.iterrows()})
    return distances.idxmin(), float(distances.min())


def overview(readings: dict[str, Reading], data: Dataset) -> pd.DataFrame:
    """One row per reading: the region's status, exact share, and the profile nearest its centroid (names)."""
    rows, weights = {}, profiles.weight_table(data)
    for label, reading in readings.items():
        region = reading.region
        row = {"status": region.status, "share": region.share, "nearest profile": None, "weight moved": np.nan}
        if not region.empty:
            profile, moved = nearest_profile(region, data, weights)
            row.update({"nearest profile": data.profiles.name[profile], "weight moved": moved})
        rows[label] = row
    return pd.DataFrame.from_dict(rows, orient="index")


def summary(reading: Reading, data: Dataset) -> str:
    """The region in words and one table, as `summit-venues reveal` prints it and notebook 10 shows it."""
    region, decisions = reading.region, reading.decisions
    what = "both choices" if len(decisions) > 1 else "the choice"
    lines = ["; ".join(d.describe() for d in decisions) + f"; on {reading.model}."]
    if region.empty:
        lines.append(f"No weights make the model agree with {what}: the region is empty.")
        return "\n".join(lines)
    if region.status == TIES_ONLY:
        lines.append(f"At best the model ranks a chosen venue level with a rival: the region of weights that "
                     f"agree with {what} has no volume (a share of 0).")
    else:
        lines.append(f"The model agrees with {what} for {region.share:.1%} of all weight vectors (the exact "
                     "share of the weight simplex).")
    table = region.bounds.assign(centroid=region.centroid).rename(index=data.criteria.name)
    table.index.name = "weight of"
    lines.append(table.to_string(float_format=lambda x: f"{x:.3f}"))
    weights = profiles.weight_table(data)
    profile, moved = nearest_profile(region, data, weights)
    acts = "the choice behaves as if it" if len(decisions) == 1 else "the choices behave as if they"
    lines.append(f"Its centroid, the weights {acts} held, lies nearest the profile '{data.profiles.name[profile]}': "
                 f"{moved:.1%} of the total weight would move between them.")
    table = profile_table(region, data, weights)
    agreeing = list(table.profile[table.inside])
    if agreeing:
        lines.append("Profiles whose weights agree: " + ", ".join(agreeing) + ".")
    else:
        closest = table["into the region"].idxmin()
        lines.append(f"No profile's weights agree; the nearest to agreeing, '{table.profile[closest]}', needs "
                     f"{table['into the region'][closest]:.1%} of the total weight moved.")
    return "\n".join(lines)


def sampled_share(decisions: Sequence[Decision], n_samples: int = 100_000, seed: int = 2019) -> float:
    """The share of weight vectors drawn uniformly on the simplex (as SMAA draws them) at which the model agrees
    with every decision: a Monte Carlo check of the region's exact share, within about 1 / sqrt(n_samples)."""
    leads = pd.concat([d.gaps for d in decisions]).to_numpy()
    rng, agreeing = np.random.default_rng(seed), 0
    for start in range(0, n_samples, smaa.CHUNK):
        weights = smaa.sample_weights(leads.shape[1], min(smaa.CHUNK, n_samples - start), rng)
        agreeing += int((weights @ leads.T >= 0).all(axis=1).sum())
    return agreeing / n_samples


@dataclass(frozen=True)
class DecisionDraws:
    """A decision's leads in each joint draw of the data's values: draws x rivals x criteria."""

    chosen: str
    rivals: tuple[str, ...]
    gaps: np.ndarray
    criteria: tuple[str, ...]


def decision_draws(data: Dataset, extensions=(), rivals: Sequence[str] | None = None, n_draws: int = 1_000,
                   seed: int = 2019) -> DecisionDraws:
    """The decision's leads with every value drawn within its plausible range (`uncertainty`), `n_draws` times.

    Each analysis draws from a stream of its own, seeded by `seed` and its analysis id, so its draws are the
    same whether it is read alone or with another analysis, and independent of the other analysis's.
    """
    chosen, rivals = _chosen_and_rivals(data, rivals)
    uncertain = uncertainty.uncertain_scores(data, extensions)
    stream = np.random.SeedSequence([seed, zlib.crc32(str(data.analysis.index[0]).encode())])
    drawn = smaa.sample_criterion_scores(uncertain, n_draws, stream)
    venues = list(uncertain.venues)
    gaps = drawn[:, [venues.index(chosen)], :] - drawn[:, [venues.index(r) for r in rivals], :]
    return DecisionDraws(chosen, rivals, gaps, uncertain.criteria)


def region_draws(*draws: DecisionDraws) -> RegionDraws:
    """The region of every decision of `draws` at once, in each draw (the draws of each analysis, side by side)."""
    if not draws:
        raise ValueError("no decision given: the region needs at least one")
    if len({d.gaps.shape[0] for d in draws}) != 1 or len({d.criteria for d in draws}) != 1:
        raise ValueError("the decisions must have as many draws as each other, on the same criteria")
    return weight_region.draw_regions(np.concatenate([d.gaps for d in draws], axis=1), list(draws[0].criteria))
