"""What the verdict hinges on (decision.hinges), the facts to check first (decision.fact_checks) and the lede.

Every tie a hinge reports is checked independently: the input is set to the tie value in a copy of the data,
the venues are rescored by the package's ordinary scoring, and the margin must vanish (or, for a rubric level,
turn). The beach's weight is also solved by hand.
"""
import dataclasses

import numpy as np
import pandas as pd
import pytest

import summit_venues as sv
from summit_venues.decision import fact_checks, hinges, robustness, smaa, uncertainty
from summit_venues.decision.value_functions import ValueFunction


@pytest.fixture(scope="module")
def table(data, weights):
    return hinges.hinges(data, weights)


def margin(data, weights, leader="danang", other="hanoi") -> float:
    overall = sv.overall_scores(sv.criterion_scores(data), weights)
    return float(overall[leader] - overall[other])


def with_input(data, weights, row) -> tuple[sv.Dataset, pd.Series]:
    """A copy of the data (and weights) with one hinge's input set to its tie value."""
    indicators, table = data.indicators.copy(), data.venue_table.copy()
    if row.kind in ("value", "rubric level", "computed value"):
        table.loc[row.venue, data.indicators.column[row.indicator]] = row.tie
    elif row.kind == "weight inside a criterion":
        indicators.loc[row.indicator, "weight"] = row.tie
    elif row.kind == "anchor":
        which = row.input.split(" ")[1]
        indicators.loc[row.indicator, which] = row.tie
    else:  # a criterion's weight, the others keeping their proportions
        others = weights.drop(row.criterion)
        weights = pd.concat([others / others.sum() * (1 - row.tie), pd.Series({row.criterion: row.tie})])
        weights = weights[data.criteria.index]
    return dataclasses.replace(data, indicators=indicators, venue_table=table), weights


def test_every_tie_makes_the_margin_vanish_when_rescored(data, weights, table):
    assert len(table) >= 8
    for row in table.itertuples():
        changed, changed_weights = with_input(data, weights, row)
        after = margin(changed, changed_weights)
        if row.kind == "rubric level":  # levels are steps: the runner-up draws level or passes
            assert after <= 1e-12, row.sentence
        else:
            assert after == pytest.approx(0, abs=1e-9), row.sentence


def test_the_beachs_weight_by_hand(data, weights, table):
    """Inside the economic model, reforms (1 for both) weigh 1 and the beach w: Da Nang's beach scores 0.667,
    Hanoi's 0. The margin is 0.2 (0.667 w / (1 + w)) plus the rest; it vanishes at w = -rest / (0.2 x 0.667 + rest)."""
    rest = margin(data, weights) - 0.2 * 0.667 / 2
    by_hand = -rest / (0.2 * 0.667 + rest)
    row = table[(table.kind == "weight inside a criterion") & (table.indicator == "beach_destination")].iloc[0]
    assert row.tie == pytest.approx(by_hand, abs=1e-12)
    assert 0.35 < row.tie < 0.5  # the beach at about two fifths of the reforms ties the two cities
    assert "counted for less than" in row.sentence


def test_da_nangs_beach_one_level_down_turns_the_verdict(table):
    row = table[(table.kind == "rubric level") & (table.venue == "danang")].iloc[0]
    assert (row.today, row.tie) == (2, 1)
    assert row.distance == 1  # one step, the whole of its plausible range (grade B: one level either way)
    assert row.sentence == ("Hanoi would draw level with Da Nang if Da Nang's beach benchmark for Wonsan were level 1 "
                            "(domestic beach town) instead of 2 (international beach destination).")


def test_hinges_are_sorted_by_distance_and_each_sorts_on_its_plausible_range(table):
    assert table.distance.is_monotonic_increasing
    judgement = table[table.kind == "weight inside a criterion"].set_index("indicator")
    # The beach's alternatives in model_choices.csv (a third, a half) and today's 1 span its plausible range.
    assert (judgement.low["beach_destination"], judgement.high["beach_destination"]) == (0.333, 1)
    computed = table[table.kind == "computed value"]
    assert np.isinf(computed.distance).all() and computed.low.isna().all()  # exact given their inputs


def test_an_input_both_cities_share_is_no_hinge(table):
    # Vietnam's peace rank and terrorism score are one cell read for both cities: moving them moves both.
    assert not set(table.indicator[table.kind == "value"]) & {"peace_index", "terrorism_index", "reform_model"}


def test_the_backtest_hinges_on_the_travel_paths_weight(table):
    backtest = sv.load_dataset(analysis="backtest-2018", extra_venues=[])
    first = hinges.hinges(backtest, sv.default_weights(backtest)).iloc[0]
    assert (first.kind, first.criterion) == ("criterion weight", "flight_path")
    assert first.sentence.startswith("Ulaanbaatar would draw level with Singapore if the travel path counted for more")


def test_the_value_function_inverse_round_trips():
    for scale in (ValueFunction(100, 10000, "log"), ValueFunction(10000, 0, "linear", "cost")):
        for score in (0, 0.25, 0.5, 1):
            assert float(scale(scale.inverse(score))) == pytest.approx(score, abs=1e-12)
    with pytest.raises(ValueError, match="outside"):
        ValueFunction(0, 1).inverse(1.5)


# -- facts to check first ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def facts(data, weights):
    return fact_checks.facts_to_check(data, weights, samples=50_000)


def test_the_two_beach_levels_are_the_facts_to_check_first(facts):
    assert list(facts.field[:2]) == ["beach_destination_level", "beach_destination_level"]
    assert list(facts.record[:2]) == ["danang", "hanoi"]
    assert facts.information.is_monotonic_decreasing
    assert (facts.share >= 0).all() and (facts.share <= 1).all()
    # Da Nang's beach one level down (the low end) leaves Da Nang first in few draws, at the top in all.
    top = facts.iloc[0]
    assert top.first_low < 0.3 and top.first_high == 1.0


def test_the_draws_are_the_data_robustness_draws(data, weights):
    """The same value stream as joint SMAA at fixed weights: the share of first places agrees exactly."""
    uncertain = uncertainty.uncertain_scores(data)
    first, draws, rows = smaa.first_ranked_draws(uncertain, weights, 50_000, seed=2019)
    joint = smaa.joint_acceptability(uncertain, 50_000, seed=2019, weights=weights)
    danang = uncertain.venues.index("danang")
    assert np.mean(first == danang) == pytest.approx(joint.first_rank["danang"], abs=1e-4)  # ties aside
    assert draws.shape == (len(rows), 50_000) and draws.min() >= 0 and draws.max() < 1


def test_information_by_hand():
    # A value that decides the outcome removes all of its uncertainty; one independent of it removes none.
    first = np.array([0, 0, 1, 1] * 250)
    assert fact_checks._entropy(np.bincount(first)) == pytest.approx(1.0)
    assert fact_checks._conditional_entropy(first.copy(), first, 2) == pytest.approx(0.0)
    independent = np.array([0, 1] * 500)
    assert fact_checks._conditional_entropy(independent, first, 2) == pytest.approx(1.0)


# -- the lede ------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def firm(data, weights):
    return robustness.robustness_in_three_senses(data, weights, samples=20_000)


def test_the_lede_says_who_leads_what_it_rests_on_what_turns_it_and_what_happened(data, firm, table):
    lede = firm.lede(data.venues.name)
    first_sentence = lede.split(". ")[0]
    assert first_sentence.startswith(f"On the article's literal criteria Da Nang edges Hanoi by {firm.margin:.3f}")
    assert "entirely through Da Nang's beach benchmark for Wonsan" in first_sentence
    condition = table.sentence.iloc[0].split(" if ", 1)[1].rstrip(".")
    assert f"Hanoi would draw level if {condition}" in first_sentence  # the top hinge, in the first sentence
    assert "Hanoi was chosen, on 8 February 2019." in lede
    article, extensions = firm.choices["article"], firm.choices["extensions"]
    assert f"{1 - article.share:.0%}" in lede and f"{1 - extensions.share:.0%}" in lede


def test_the_lede_of_a_spread_lead_names_the_criteria_for_and_against():
    backtest = sv.load_dataset(analysis="backtest-2018", extra_venues=[])
    firm = robustness.robustness_in_three_senses(backtest, sv.default_weights(backtest), samples=20_000)
    lede = firm.lede(backtest.venues.name)
    assert lede.startswith("On the article's literal criteria Singapore edges Ulaanbaatar by")
    assert "through the facilities (+" in lede and "against the travel path (-" in lede
    assert lede.endswith("Singapore was chosen, on 10 May 2018.")


def test_the_lede_of_a_profile_names_its_weights(data):
    reading = robustness.lede_reading(data, "dprk")
    assert reading == "On the article's criteria with the weights of the North Korean delegation"
    assert robustness.lede_reading(data, None) == robustness.lede_reading(data, "neutral")
