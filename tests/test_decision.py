"""The decision tables: profiles, methods, the reality check and the sliders' HTML."""
import pandas as pd
import pytest

import summit_venues as sv
from summit_venues import decision, interactive, profiles


@pytest.fixture(scope="module")
def data():
    return sv.load_dataset()


@pytest.fixture(scope="module")
def scores(data):
    return sv.criterion_scores(data)


def test_profile_results_are_the_weighted_sums_of_each_profile(data, scores):
    results = decision.profile_results(data, scores)
    for profile_id in data.profiles.index:
        by_hand = scores @ profiles.profile_weights(data, profile_id)  # independent of ranking()
        assert results.loc[profile_id, "Hanoi"] == pytest.approx(by_hand["hanoi"])
        assert results.loc[profile_id, "Da Nang"] == pytest.approx(by_hand["danang"])
        assert results.loc[profile_id, "margin"] == pytest.approx(abs(by_hand["hanoi"] - by_hand["danang"]))
    assert list(results.winner) == ["Hanoi"] * 4


def test_method_comparison_ranks_by_each_method(data, scores):
    table = decision.method_comparison(data, scores, sv.default_weights(data))
    assert table.loc["Hanoi", ("weighted_sum", "value")] == pytest.approx(scores.loc["hanoi"].mean())
    assert table[("topsis", "rank")].tolist() == [1, 2]
    # Weighted product by hand: the geometric mean of Hanoi's five criterion scores.
    assert table.loc["Hanoi", ("weighted_product", "value")] == pytest.approx(scores.loc["hanoi"].prod() ** 0.2)


def test_reality_check_reads_the_chosen_venue_from_history(data, scores):
    assert decision.chosen_venue(data) == "hanoi"
    check = decision.reality_check(data, scores)
    assert check["chosen in 2019"].unique().tolist() == ["Hanoi"]
    assert check.agree.all()


def test_slider_html_escapes_venue_names():
    ranked = pd.DataFrame({"overall": [0.7, 0.4], "rank": [1, 2]}, index=["a", "b"])
    html = interactive.bars_html(ranked, {"a": "<script>alert(1)</script>", "b": "Plain & simple"})
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Plain &amp; simple" in html
    assert "width:70.0%" in html and "width:40.0%" in html


def test_slider_update_with_all_weights_at_zero_explains_instead_of_failing(scores, data):
    message = interactive.update(scores, {c: 0.0 for c in scores.columns}, data.venues.name)
    assert "at least one criterion" in message
    first = interactive.update(scores, {c: 1.0 for c in scores.columns}, data.venues.name)
    assert first.index("Hanoi") < first.index("Da Nang")
