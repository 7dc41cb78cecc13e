"""The display layer turns a table of ids, NaN and truth values into what a reader should see."""
import math

import pandas as pd
import pytest

from summit_venues.sharing import display


def test_ids_become_their_names_from_the_data(data):
    names = display.id_names(data)
    assert names["economic_model"] == "Economic-model value for North Korea"  # criteria.csv
    assert names["beach_destination"] == data.indicators.name["beach_destination"]
    assert names["city_diplomacy"] == data.extensions.name["city_diplomacy"]  # an extension, not its model choice
    assert names["kim_range_7000"] == data.model_choices.name["kim_range_7000"]
    assert names["dprk"] == "North Korean delegation"  # profiles.csv
    assert names["treaty_ally"] == "treaty ally" and names["KOR"] == "South Korea" and names["danang"] == "Da Nang"


def test_routes_read_from_place_to_place(data):
    assert display.route_name(data, "FNJ", "danang") == "Pyongyang → Da Nang"
    assert display.route_name(data, "ADW", "hanoi") == "Washington → Hanoi"
    assert display.id_names(data)["FNJ → DAD"] == "Pyongyang → Da Nang"
    assert display.origin_place("Joint Base Andrews (Washington)") == "Washington"


def test_scores_take_a_third_decimal_only_where_two_would_tie():
    # The DPRK profile: 0.8111 against 0.8094 both read 0.81.
    assert display.scores_text({"Hanoi": 0.8111, "Da Nang": 0.8094}) == {"Hanoi": "0.811", "Da Nang": "0.809"}
    assert display.scores_text({"Da Nang": 0.809, "Hanoi": 0.783}) == {"Da Nang": "0.81", "Hanoi": "0.78"}
    assert display.decimals_apart([0.8111, 0.8111]) == 2  # equal values are a real tie, not a reason for more digits
    assert display.decimals_apart([0.81111, 0.81112]) == 4  # the most it gives


def test_a_raw_frame_reads_as_words_and_units(data):
    frame = pd.DataFrame({
        "km": [2751.347, 3081.6, math.nan],
        "share over friendly states": [0.6964, 0.5, 0.25],
        "score": [0.8111, 0.8094, 0.5],
        "counts": [True, False, None],
        "relation": ["treaty_ally", "adversary", None],
    }, index=pd.Index(["city_diplomacy", "FNJ → DAD", "kim_range_7000"], name="choice_id"))
    shown = display.table(frame, data, blank={"relation": "none", "km": "not found"})
    cells = shown.cells
    assert list(cells.columns) == ["", "km", "share over friendly states", "score", "counts", "relation"]
    assert cells.iloc[:, 0].tolist() == [data.extensions.name["city_diplomacy"], "Pyongyang → Da Nang",
                                         data.model_choices.name["kim_range_7000"]]
    assert cells["km"].tolist() == ["2,751", "3,082", "not found"]
    assert cells["share over friendly states"].tolist() == ["70%", "50%", "25%"]
    assert cells["score"].tolist() == ["0.811", "0.809", "0.500"]
    assert cells["counts"].tolist() == ["yes", "no", "–"]  # by default a missing value is a dash
    assert cells["relation"].tolist() == ["treaty ally", "adversary", "none"]
    page = shown._repr_html_()
    for bad in ("NaN", "None", "True", "False", "city_diplomacy", "FNJ", "<details>"):
        assert bad not in page and bad not in repr(shown)


def test_shares_get_decimals_only_when_whole_percents_would_tie():
    cells = display.table(pd.DataFrame({"share": [0.696, 0.704, 0.5]})).cells
    assert cells["share"].tolist() == ["69.6%", "70.4%", "50.0%"]


def test_a_long_table_shows_its_first_rows_and_folds_the_whole(data):
    frame = pd.DataFrame({"state": [f"S{n}" for n in range(20)], "km": range(20)})
    shown = display.table(frame, what="states")
    page = shown._repr_html_()
    summary, folded = page.split("<details>")
    assert summary.count("<tr>") == 1 + display.SUMMARY_ROWS
    assert "<summary>all 20 states</summary>" in folded and folded.count("<tr>") == 21
    assert "12 more rows" in repr(shown)
    assert "<details>" not in display.table(frame.head(display.FOLD_ROWS))._repr_html_()


def test_text_is_escaped_and_never_cut(data):
    long = "A note of more than fifty characters, which pandas would cut short with an ellipsis <b>"
    shown = display.table(pd.DataFrame({"note": [long]}))
    assert long in repr(shown) and html_escaped(long) in shown._repr_html_()


def html_escaped(text):
    import html
    return html.escape(text)


def test_bad_formats_are_refused_by_name():
    with pytest.raises(ValueError, match="does not have: kms"):
        display.table(pd.DataFrame({"km": [1.0]}), formats={"kms": "km"})
    with pytest.raises(ValueError, match="unknown column kind 'miles'"):
        display.table(pd.DataFrame({"km": [1.0]}), formats={"km": "miles"})


def test_prose_is_markdown_with_a_plain_text_form():
    block = display.prose("**Da Nang** leads", "by 0.026", bullets=True)
    assert block._repr_markdown_() == "- **Da Nang** leads\n- by 0.026"
    assert repr(block) == "- Da Nang leads\n- by 0.026"
    assert display.prose("one", "two", numbered=True).markdown == "1. one\n2. two"


def test_scores_in_one_row_share_their_decimals(data):
    """Profile results: the DPRK profile's 0.8111 against 0.8094 would tie at two decimals, so both venue columns
    take three, in every row alike."""
    results = pd.DataFrame({"profile": ["neutral", "dprk"], "Hanoi": [0.7831, 0.8111], "Da Nang": [0.8094, 0.8094]},
                           index=pd.Index(["neutral", "dprk"], name="profile_id"))
    cells = display.table(results, data).cells
    assert list(cells.columns) == ["profile", "Hanoi", "Da Nang"]  # the index repeats the profile column: left out
    assert cells["profile"].tolist() == ["Neutral reading of the article", "North Korean delegation"]
    assert cells["Hanoi"].tolist() == ["0.783", "0.811"] and cells["Da Nang"].tolist() == ["0.809", "0.809"]
    plain = display.table(results.assign(Hanoi=[0.7831, 0.70]), data).cells
    assert plain["Hanoi"].tolist() == ["0.78", "0.70"] and plain["Da Nang"].tolist() == ["0.81", "0.81"]


def test_a_relation_reads_as_a_relation_and_headers_of_two_levels_join(data):
    states = pd.DataFrame({"relation_to_DPRK": ["neutral", "treaty_ally"]}, index=pd.Index(["VNM", "CHN"]))
    assert display.table(states, data).cells.iloc[:, 1].tolist() == ["neutral", "treaty ally"]
    methods = pd.DataFrame([[0.78, 2]], columns=pd.MultiIndex.from_tuples([("weighted_sum", "rank_value"),
                                                                           ("topsis", "rank")]))
    assert list(display.table(methods).cells.columns) == ["weighted sum: rank value", "topsis: rank"]
