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

import dataclasses
import itertools
import math
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from ..inputs.dataset import Dataset
from . import choices, profiles, smaa, uncertainty, weight_region
from .extensions import Extensions
from .robustness import chosen_venue
from .scoring import ALL_EXTENSIONS, criterion_scores
from .weight_region import CONSISTENT, EMPTY, TIES_ONLY, Region, RegionDraws

__all__ = ["CONSISTENT", "EMPTY", "MAX_ADDITIONS", "TIES_ONLY", "Additions", "Decision", "DecisionDraws", "Reading",
           "additions_text", "candidate_groups", "choice_effects", "choice_label", "decision", "decision_draws",
           "model_label", "nearest_profile", "overview", "profile_table", "read", "reading_of", "region_draws",
           "region_of", "sampled_share", "share_text", "smallest_additions", "summary"]


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


def decision(data: Dataset, extensions: Extensions = (), choice_ids: Sequence[str] = (),
             rivals: Sequence[str] | None = None,
             label: str | None = None) -> Decision:
    """The analysis's actual decision (history.csv), scored on the article's model plus `extensions` (ids, or
    ALL_EXTENSIONS) with the model choices `choice_ids` applied; every other venue is a rival unless
    `rivals` names them."""
    known = list(data.model_choices.choice_id)
    unknown = [c for c in choice_ids if c not in known]
    if unknown:
        raise ValueError(f"unknown model choice '{unknown[0]}' for the analysis of {data.analysis_date}; "
                         f"its choices are {', '.join(known)}")
    chosen, rivals = _chosen_and_rivals(data, rivals)
    scores = _scores(data, extensions, choice_ids).loc[[chosen, *rivals]]
    return Decision(label or data.analysis.decision_date.iloc[0][:4], chosen, rivals, scores, data.venues.name)


def _scores(data: Dataset, extensions: Extensions, choice_ids: Sequence[str]) -> pd.DataFrame:
    """Every venue's criterion scores on the article's model plus `extensions`, with the choices `choice_ids`."""
    changed, switched_on = choices.apply(data, list(choice_ids)) if choice_ids else (data, [])
    scored_with: str | list[str]
    if isinstance(extensions, str) and extensions == ALL_EXTENSIONS:
        scored_with = ALL_EXTENSIONS
    else:
        scored_with = list(dict.fromkeys([*([extensions] if isinstance(extensions, str) else extensions),
                                          *switched_on]))
    return criterion_scores(changed, scored_with)


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


def read(datasets: Sequence[Dataset], extensions: Extensions = (), choice_ids: Sequence[str] = (),
         rivals: Sequence[Sequence[str] | None] | None = None) -> Reading:
    """The region of the decisions of `datasets` (one analysis each: 2019, the 2018 backtest) on one model.

    A model choice applies to each analysis whose model_choices.csv defines it (a value of one 2019
    venue means nothing in 2018).
    """
    if not datasets:
        raise ValueError("no analysis given: a reading needs at least one decision")
    choice_ids = _known(datasets, choice_ids)
    decisions = tuple(decision(data, extensions, _defined(data, choice_ids), others)
                      for data, others in zip(datasets, _rival_lists(datasets, rivals)))
    return Reading(decisions, region_of(decisions),
                   model_label(datasets[0], extensions, choice_ids, datasets[1:]))


def _rival_lists(datasets: Sequence[Dataset],
                 rivals: Sequence[Sequence[str] | None] | None) -> list[Sequence[str] | None]:
    """One list of rivals per analysis (None: every other venue)."""
    rivals = [None] * len(datasets) if rivals is None else list(rivals)
    if len(rivals) != len(datasets):
        raise ValueError(f"{len(rivals)} lists of rivals for {len(datasets)} analyses")
    return rivals


def _known(datasets: Sequence[Dataset], choice_ids: Sequence[str]) -> list[str]:
    """`choice_ids`, each defined by at least one of the analyses (a choice may concern the venues of one only)."""
    known = _candidates(datasets)
    unknown = [c for c in choice_ids if c not in known]
    if unknown:
        raise ValueError(f"unknown model choice '{unknown[0]}'; the analyses' choices are {', '.join(known)}")
    return list(choice_ids)


def _defined(data: Dataset, choice_ids: Sequence[str]) -> list[str]:
    known = set(data.model_choices.choice_id)
    return [c for c in choice_ids if c in known]


def _candidates(datasets: Sequence[Dataset]) -> list[str]:
    """Every model choice of any of the analyses, in the order of their files."""
    return list(dict.fromkeys(c for data in datasets for c in data.model_choices.choice_id))


def _scored_extensions(data: Dataset, extensions: Extensions) -> set[str]:
    if isinstance(extensions, str):
        return set(data.extensions.index) if extensions == ALL_EXTENSIONS else {extensions}
    return set(extensions)


def candidate_groups(datasets: Sequence[Dataset], extensions: Extensions = (),
                     choice_ids: Sequence[str] = ()) -> list[list[str]]:
    """The model choices that can be added to a model, grouped into alternatives: choices that set the same thing
    in any of the analyses (`choices.alternative_groups`, such as the beach at half or at a third of the reforms)
    share a group, and a set of choices takes at most one of each group. In the order of model_choices.csv.

    Left out: the choices the model has made already (`choice_ids`) with their alternatives, and the extensions it
    scores already (`extensions`), since adding them would change nothing.
    """
    groups: list[set[str]] = []
    for data in datasets:
        for group in choices.alternative_groups(data, list(data.model_choices.choice_id)):
            merged = set(group)
            for other in [g for g in groups if g & merged]:  # the same choice in another analysis
                merged |= other
                groups.remove(other)
            groups.append(merged)
    made, order = set(choice_ids), {c: n for n, c in enumerate(_candidates(datasets))}

    tables = [(data, data.model_choices.set_index("choice_id")) for data in datasets]

    def scored_already(choice_id: str) -> bool:
        for data, table in tables:
            if choice_id in table.index and table.kind[choice_id] == "extension":
                return table.target[choice_id] in _scored_extensions(data, extensions)
        return False

    kept = [sorted((c for c in g if not scored_already(c)), key=order.__getitem__) for g in groups if not g & made]
    return sorted((g for g in kept if g), key=lambda g: order[g[0]])


def _sets_of(groups: list[list[str]], size: int) -> Iterator[tuple[str, ...]]:
    """Every set of `size` choices that takes at most one choice of each group."""
    for picked in itertools.combinations(groups, size):
        yield from itertools.product(*picked)


def _values_resolved(data: Dataset) -> Dataset:
    """`data` with each value not found replaced by the value scored in its place, its range's middle
    (`uncertainty.point_values`): the same scores, without working out the ranges again at every scoring."""
    points, table = uncertainty.point_values(data), data.venue_table.copy()
    for indicator in points.columns:
        column = data.indicators.column[indicator]
        missing = table[column].isna().to_numpy() & points[indicator].notna().to_numpy()
        table.loc[missing, column] = points[indicator].to_numpy()[missing]
    return dataclasses.replace(data, venue_table=table)


#: The largest sets of model choices a search for the smallest additions tries unless told otherwise. The sets grow
#: fast (today's 22 choices of the two analyses make 22 sets of one, 228 of two, 1,480 of three and 1.8 million in
#: all), and a reading that needs more than three judgements at once to agree is no longer one a reader can weigh.
MAX_ADDITIONS = 3


class Additions:
    """Model choices added to a model (`extensions` and the choices `choice_ids` made already), and the decisions'
    leads and region with each set of them: the table of each choice alone, the search for the smallest sets that
    make the model agree, and any region along the way share one set of scorings.

    A choice changes only the criteria whose indicators it touches (`choices.touched_indicators`), and only where
    those indicators are scored, so a criterion's scores under a set of choices are its scores under those of them
    that touch its indicators in use. Each analysis is scored as `decision` scores it (through `choices.apply` and
    `criterion_scores`, whatever the kinds of choice) once per such set, on the criteria the set touches alone, and
    any set's leads are put together from those, criterion by criterion (tests/decision/test_reveal.py checks them
    against `decision`, which scores the whole model).
    """

    def __init__(self, datasets: Sequence[Dataset], extensions: Extensions = (),
                 rivals: Sequence[Sequence[str] | None] | None = None,
                 choice_ids: Sequence[str] = ()):
        if not datasets:
            raise ValueError("no analysis given: a reading needs at least one decision")
        self.datasets, self.extensions = [_values_resolved(data) for data in datasets], extensions
        known = _known(datasets, choice_ids)
        self.made = [_defined(data, known) for data in self.datasets]
        self.rivals = _rival_lists(self.datasets, rivals)
        self.criteria = list(self.datasets[0].criteria.index)
        self.groups = candidate_groups(datasets, extensions, choice_ids)
        self._order = {c: n for n, c in enumerate(_candidates(datasets))}
        self._touches = [self._touches_of(data) for data in self.datasets]
        # Per analysis, the extensions scored before any choice is added ('' stands for the article's model).
        self._on = [_scored_extensions(data, extensions) | {""} | {touches[c][0] for c in made}
                    for data, made, touches in zip(self.datasets, self.made, self._touches)]
        self._gaps: dict[tuple[int, tuple[str, ...]], pd.DataFrame] = {}
        self.decisions = [decision(data, extensions, made, rivals)
                          for data, made, rivals in zip(self.datasets, self.made, self.rivals)]
        self.index = pd.Index([lead for d in self.decisions for lead in d.gaps.index], name="lead")
        for position, d in enumerate(self.decisions):
            self._gaps[position, ()] = d.gaps.set_axis(list(d.rivals))

    @staticmethod
    def _touches_of(data: Dataset) -> dict[str, tuple[str, dict[str, set[str]]]]:
        """Per model choice of `data`: the extension it switches on ('' for none), and per criterion the extensions
        of the indicators it touches there ('' for the article's model's own)."""
        table, indicators = data.model_choices.set_index("choice_id"), data.indicators
        touches = {}
        for choice in table.index:
            by_criterion: dict[str, set[str]] = {}
            for indicator in choices.touched_indicators(data, choice):
                by_criterion.setdefault(indicators.criterion_id[indicator], set()).add(indicators.extension[indicator])
            touches[choice] = (table.target[choice] if table.kind[choice] == "extension" else "", by_criterion)
        return touches

    def _scored(self, position: int, added: tuple[str, ...]) -> pd.DataFrame:
        """One analysis's leads (rivals x criteria) with the choices `added`, scored once, on the criteria that they
        and the choices made touch alone (the others' scores cannot change; they are not computed)."""
        if (position, added) not in self._gaps:
            data, touches, made = self.datasets[position], self._touches[position], self.made[position]
            touched = [c for c in self.criteria if any(c in touches[choice][1] for choice in [*made, *added])]
            alone = dataclasses.replace(data, criteria=data.criteria.loc[touched],
                                        indicators=data.indicators[data.indicators.criterion_id.isin(touched)])
            scores = _scores(alone, self.extensions, [*made, *added])
            decided = self.decisions[position]
            self._gaps[position, added] = scores.loc[decided.chosen] - scores.loc[list(decided.rivals)]
        return self._gaps[position, added]

    def matrix(self, added: Sequence[str]) -> np.ndarray:
        """Every decision's leads (rows) by criterion with the choices `added`, where an analysis defines them."""
        blocks = []
        for position, touches in enumerate(self._touches):
            here = sorted((c for c in added if c in touches), key=self._order.__getitem__)
            on = self._on[position] | {touches[c][0] for c in here}
            # Per criterion, the choices that touch an indicator it scores: one of an extension left off does nothing.
            blocks.append(np.column_stack([
                self._scored(position, tuple(c for c in here if touches[c][1].get(criterion, set()) & on))[criterion]
                for criterion in self.criteria]))
        return np.vstack(blocks)

    def leads(self, added: Sequence[str] = ()) -> pd.DataFrame:
        """Every decision's leads (rows) by criterion with the choices `added`."""
        return pd.DataFrame(self.matrix(added), index=self.index, columns=pd.Index(self.criteria, name="criterion"))

    def region(self, added: Sequence[str] = ()) -> Region:
        """The region with the choices `added`; each weight's least and most from its corners."""
        return weight_region.region(self.leads(added), programmes=False)

    def effects(self) -> pd.DataFrame:
        """Each choice that can be added (`candidate_groups`) alone, beside the model without it: the region's status
        and exact share. One row per choice, in the order of model_choices.csv; the first, `none`, is the model."""
        added = sorted((c for g in self.groups for c in g), key=self._order.__getitem__)
        regions = {c: self.region([] if c == "none" else [c]) for c in ["none", *added]}
        return pd.DataFrame({"status": {c: r.status for c, r in regions.items()},
                             "share": {c: r.share for c, r in regions.items()}}).rename_axis(index="choice")

    def smallest(self, max_size: int | None = MAX_ADDITIONS) -> list[tuple[str, ...]]:
        """The smallest sets of choices that, added, make the model agree with every decision for some weights:
        every set of the least size that does, in the order of model_choices.csv.

        `[()]` when the model agrees already; `[]` when no set of at most `max_size` choices does (None: of any
        size). Sets are tried by size, and the search stops at the first size that works. A set never holds two
        alternatives (`candidate_groups`). All the sets of one size are checked at once, by their regions' corners
        (`weight_region.agrees_each`).
        """
        largest = len(self.groups) if max_size is None else min(max_size, len(self.groups))
        for size in range(largest + 1):
            sets = [tuple(sorted(s, key=self._order.__getitem__)) for s in _sets_of(self.groups, size)]
            agreeing = weight_region.agrees_each(np.stack([self.matrix(s) for s in sets]))
            found = [s for s, agrees in zip(sets, agreeing) if agrees]
            if found:
                return sorted(found, key=lambda s: [self._order[c] for c in s])
        return []


def smallest_additions(datasets: Sequence[Dataset], extensions: Extensions = (),
                       rivals: Sequence[Sequence[str] | None] | None = None, max_size: int | None = MAX_ADDITIONS,
                       *, choice_ids: Sequence[str] = ()) -> list[tuple[str, ...]]:
    """The smallest sets of model choices (extensions included) that, added to the model (`extensions` and the
    choices `choice_ids` made already), make it agree with every decision of `datasets` for some weights
    (`Additions.smallest`)."""
    return Additions(datasets, extensions, rivals, choice_ids).smallest(max_size)


def choice_effects(datasets: Sequence[Dataset], extensions: Extensions = (),
                   rivals: Sequence[Sequence[str] | None] | None = None, *,
                   choice_ids: Sequence[str] = ()) -> pd.DataFrame:
    """Each model choice that can be added alone, beside the model without it: the region's status and exact share
    (`Additions.effects`)."""
    return Additions(datasets, extensions, rivals, choice_ids).effects()


def choice_label(datasets: Sequence[Dataset], choice_id: str) -> str:
    """How a reader meets a model choice: its name in model_choices.csv, such as `the beach at half the weight of
    the reforms` or `Kim's overland journey switched on`."""
    for data in datasets:
        names = data.model_choices.set_index("choice_id").name
        if choice_id in names.index:
            return names[choice_id]
    raise ValueError(f"unknown model choice '{choice_id}'")


def additions_text(sets: list[tuple[str, ...]], datasets: Sequence[Dataset],
                   max_size: int | None = MAX_ADDITIONS) -> str:
    """`smallest_additions` in words: each smallest set of model choices on a line of its own, by name
    (`max_size`: the largest sets the search tried)."""
    if sets == [()]:
        return "No model choice needs to be added: the model agrees as it is."
    if not sets:
        tried = "" if max_size is None else f" of at most {max_size}"
        return (f"No set{tried} of the model choices (model_choices.csv) makes the model agree"
                + ("." if max_size is None else "; larger sets were not tried."))
    size = len(sets[0])
    lines = [f"The smallest additions that make the model agree: {len(sets)} set{'s' if len(sets) > 1 else ''} of "
             f"{size} model choice{'s' if size > 1 else ''}, each enough:"]
    lines += ["- " + "; ".join(choice_label(datasets, c) for c in ids) for ids in sets]
    return "\n".join(lines)


def model_label(data: Dataset, extensions: Extensions = (), choice_ids: Sequence[str] = (),
                other_analyses: Sequence[Dataset] = ()) -> str:
    """`the article's model`, `the article's model with every extension`, or with the extensions (and choices)
    named; a choice that only `other_analyses` define (a value of a 2018 venue) is named from theirs."""
    every = list(data.extensions.index)
    named = every if isinstance(extensions, str) and extensions == ALL_EXTENSIONS else (
        [extensions] if isinstance(extensions, str) else list(extensions))
    added = []
    if every and set(named) >= set(every):
        added.append("every extension")
    elif named:
        names = [f"'{data.extensions.name[e]}'" if e in data.extensions.index else f"'{e}'" for e in named]
        added.append(f"the extension{'s' if len(names) > 1 else ''} {_listed(names)}")
    if choice_ids:  # by name (model_choices.csv)
        labels = [f"'{choice_label([data, *other_analyses], c)}'" for c in choice_ids]
        added.append(f"the model choice{'s' if len(labels) > 1 else ''} {_listed(labels)}")
    return "the article's model" + (f" with {', and '.join(added)}" if added else "")


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
        lines.append(f"The model agrees with {what} for {share_text(region.share)} of all weight vectors (the exact "
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


def share_text(share: float) -> str:
    """A share of the simplex in per cent: to one place from 1% up, and below that to two significant digits, so that
    a region with volume never reads as 0.0% (`23.7%`, `0.41%`, `0.000063%`)."""
    percent = share * 100 if share >= 0.01 else float(f"{share * 100:.2g}")  # two significant digits below 1%
    if percent == 0 or percent >= 1:
        return f"{percent:.1f}%"
    return f"{percent:.{1 - math.floor(math.log10(percent))}f}%"


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


def decision_draws(data: Dataset, extensions: Extensions = (), rivals: Sequence[str] | None = None,
                   n_draws: int = 1_000,
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
