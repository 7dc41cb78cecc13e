"""The hero chart's figures against the values the analysis quotes, worked out apart from hero.py, and its drawing."""
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex

import summit_venues as sv
from summit_venues.sharing import charts, hero


@pytest.fixture(scope="module")
def figures(data):
    return hero.hero_figures(data, sv.default_weights(data))


def by_label(figures) -> dict[str, float]:
    return {r.label: r.margin for r in figures.readings}


def test_the_article_model_leads_as_the_overview_says(data, figures):
    # Worked out by hand from the criterion scores: neutral weights are 1/5 each, the overall score their mean.
    scores = sv.criterion_scores(data)
    by_hand = scores.mean(axis=1)
    assert by_hand["danang"] == pytest.approx(0.809, abs=5e-4) and by_hand["hanoi"] == pytest.approx(0.783, abs=5e-4)
    assert (figures.leader, figures.runner_up) == ("danang", "hanoi")
    assert figures.readings[0].group == hero.ARTICLE and figures.readings[0].label == "Neutral weights"
    assert figures.margin == pytest.approx(by_hand["danang"] - by_hand["hanoi"], abs=1e-12)
    assert figures.margin == pytest.approx(0.026, abs=5e-4)


def test_each_party_extension_and_choice_has_its_row_with_its_margin(data, figures):
    margins = by_label(figures)
    # The figures the overview and the decision notebook quote (rounded to three decimals there).
    assert margins["North Korean delegation's weights"] == pytest.approx(-0.003, abs=5e-4)
    assert margins["US delegation's weights"] == pytest.approx(0.043, abs=5e-4)
    assert margins["Vietnamese host's weights"] == pytest.approx(0.001, abs=5e-4)
    assert margins["Every extension switched on"] == pytest.approx(-0.144, abs=5e-4)
    groups = [r.group for r in figures.readings]
    assert groups == sorted(groups, key=[hero.ARTICLE, hero.PROFILES, hero.EXTENSIONS, hero.CHOICES].index)
    assert groups.count(hero.PROFILES) == len(data.profiles) - 1  # the neutral profile is the article's model
    assert groups.count(hero.EXTENSIONS) == len(data.extensions) + 1  # one each, and all at once
    assert len(figures.readings) == 1 + len(data.profiles) - 1 + len(data.model_choices) + 1
    # The city's embassies: the decision notebook's single switch that moves the margin most (by -0.100).
    assert margins["The delegations' embassies in the city switched on"] == pytest.approx(0.026299 - 0.1, abs=1e-6)


def test_labels_are_names_from_the_data_never_ids(data, figures):
    ids = set(data.model_choices.choice_id) | set(data.profiles.index) | set(data.extensions.index)
    for reading in figures.readings:
        assert not any(i in reading.label for i in ids if "_" in i), reading.label
        assert reading.label[0].isupper(), reading.label
    assert "Kim's overland journey switched on" in by_label(figures)


def test_the_weight_draws_are_those_robustness_quotes(data, figures):
    """One figure, computed once: robustness's share of weight draws (59%, quoted by the overview, and checked on
    the built index against "59 of 100" in tests/publishing/test_report_build.py) is the one hero.py draws, and a caller
    that has robustness's result passes it rather than drawing again."""
    from types import SimpleNamespace

    assert figures.weights_share == pytest.approx(0.59241, abs=1e-9)
    assert figures.picks() == 59 and figures.draws_sentence(data.venues.name) == (
        "59 of 100 random weightings pick Da Nang")
    reused = hero.hero_figures(data, sv.default_weights(data), SimpleNamespace(weights_share=0.25))
    assert reused.weights_share == 0.25 and reused.readings == figures.readings


def test_a_profile_as_the_weights_is_named_and_its_leader_measured(data):
    usa = hero.hero_figures(data, sv.default_weights(data, "usa"))
    assert usa.readings[0].label == "US delegation's weights" and usa.margin == pytest.approx(0.043, abs=5e-4)
    dprk = hero.hero_figures(data, sv.default_weights(data, "dprk"))
    # Under the North Korean weights Hanoi leads: the pair turns round, and the margins are Hanoi's.
    assert (dprk.leader, dprk.runner_up) == ("hanoi", "danang") and dprk.margin == pytest.approx(0.003, abs=5e-4)
    assert by_label(dprk)["Neutral reading of the article's weights"] == pytest.approx(-0.026, abs=5e-4)


def test_each_dot_takes_the_colour_of_the_venue_its_reading_favours(data, figures):
    colours = charts.venue_colours(data.venue_ids)
    chart = hero.margin_chart(figures, data.venues.name)
    ax = chart.figure.axes[0]
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    assert len(dots) == len(figures.readings)
    for line, reading in zip(dots, figures.readings):
        expected = colours["danang"] if reading.margin >= 0 else colours["hanoi"]
        assert to_hex(line.get_color()) == to_hex(expected), reading.label
        assert line.get_xdata()[0] == reading.margin
    left, right = ax.get_xlim()
    assert left < -0.144 and right > 0.144 and left == -right  # the tie in the middle, every dot inside
    texts = [t.get_text() for t in ax.texts]
    assert "← Hanoi ahead" in texts and "Da Nang ahead →" in texts and hero.EXTENSIONS in texts
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "Every extension switched on" in labels and not any("_" in label for label in labels)
    assert chart.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_hundred_dots_count_the_weight_draws(data, figures):
    chart = hero.draws_chart(figures, data.venues.name)
    colours = [to_hex(line.get_color()) for line in chart.figure.axes[0].lines]
    venue = charts.venue_colours(data.venue_ids)
    assert len(colours) == 100
    assert colours.count(to_hex(venue["danang"])) == 59 and colours.count(to_hex(venue["hanoi"])) == 41
    assert chart.title == "59 of 100 random weightings pick Da Nang"
    again = hero.draws_chart(figures, data.venues.name)
    assert chart.png(dpi=150) == again.png(dpi=150), "the same drawing, other bytes"


@pytest.mark.parametrize(("share", "picks"), [(0.0, 0), (0.59241, 59), (0.595, 60), (0.9951, 100), (1.0, 100)])
def test_the_dots_round_as_the_prose_rounds(share, picks):
    figures = hero.HeroFigures("a", "b", (hero.Reading(hero.ARTICLE, "x", 0.1),), share)
    assert figures.picks() == picks and f"{share:.0%}" == f"{picks}%"


def test_a_reading_that_turns_the_verdict_favours_the_runner_up_and_a_tie_the_leader():
    readings = (hero.Reading(hero.ARTICLE, "x", 0.02), hero.Reading(hero.CHOICES, "y", -0.01),
                hero.Reading(hero.CHOICES, "z", 0.0))
    figures = hero.HeroFigures("a", "b", readings, 0.5)
    assert [figures.favoured(r) for r in readings] == ["a", "b", "a"]
    table = figures.table(pd.Series({"a": "A", "b": "B"}))
    assert list(table.ahead) == ["A", "B", "A"] and np.allclose(table.margin, [0.02, 0.01, 0.0])


def test_weights_for_a_criterion_the_data_lacks_are_refused(data):
    with pytest.raises((sv.WeightError, KeyError)):
        hero.hero_figures(data, pd.Series({"no_such_criterion": 1.0}))


def test_on_a_phone_each_label_stands_above_its_dot(data, figures):
    chart = hero.margin_chart(figures, data.venues.name, width=3.75, row=0.4, stacked=True)
    ax = chart.figure.axes[0]
    texts = {t.get_text(): t for t in ax.texts}
    assert list(ax.get_yticks()) == [] and chart.figure.get_size_inches()[0] == 3.75
    dots = [line for line in ax.lines if line.get_marker() == "o"]
    for line, reading in zip(dots, figures.readings):
        label = texts[reading.label]  # the whole label, never wrapped or cut
        assert label.get_position()[1] > line.get_ydata()[0], reading.label


def test_each_venue_keeps_its_colour_whoever_leads(data):
    """Under the North Korean weights Hanoi leads: its dots keep Hanoi's colour, the one it has in every chart."""
    colours = charts.venue_colours(data.venue_ids)
    dprk = hero.hero_figures(data, sv.default_weights(data, "dprk"))
    assert dprk.colours() == colours
    chart = hero.draws_chart(dprk, data.venues.name)
    dots = [to_hex(line.get_color()) for line in chart.figure.axes[0].lines]
    assert dots.count(to_hex(colours["hanoi"])) == dprk.picks() == 41 and dots[0] == to_hex(colours["hanoi"])


def test_names_are_drawn_as_typed_never_as_math(data, figures):
    names = pd.Series({"danang": "$5$ Resort", "hanoi": "Hà Nội <b>"})
    chart = hero.margin_chart(figures, names)
    texts = [t for t in chart.figure.axes[0].texts if "ahead" in t.get_text()]
    assert [t.get_text() for t in texts] == ["← Hà Nội <b> ahead", "$5$ Resort ahead →"]
    assert not any(t.get_parse_math() for t in texts)
    chart.png()  # drawn without error
