"""The wider 2019 field and the 2018 backtest: data only, one model, and written rules for the cases they raise."""
import math
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

import summit_venues as sv
from summit_venues.decision import uncertainty

FIELD = sv.data_dir() / "more-venues" / "field-2019.csv"
#: The tables that make the model and the world the routes cross: an analysis folder shares them.
MODEL_TABLES = ("criteria", "indicators", "rubrics", "event_kinds", "extensions", "grade_ranges", "profiles",
                "profile_weights", "origins", "aircraft", "state_relations", "parameters")


@pytest.fixture(scope="module")
def field():
    return sv.load_dataset(extra_venues=[FIELD])


@pytest.fixture(scope="module")
def backtest():
    return sv.load_dataset(analysis="backtest-2018")


def test_the_field_leaves_hanoi_and_danang_as_they_were(field):
    alone = sv.criterion_scores(sv.load_dataset(), "all")
    pd.testing.assert_frame_equal(sv.criterion_scores(field, "all").loc[alone.index], alone)
    assert list(field.venue_table.index) == ["hanoi", "danang", "bangkok", "honolulu", "singapore"]


def test_the_backtest_shares_every_model_table_with_the_2019_analysis(backtest):
    model = sv.load_dataset()
    for table in MODEL_TABLES:
        pd.testing.assert_frame_equal(getattr(backtest, table), getattr(model, table), obj=table)
    assert (backtest.analysis_date, model.analysis_date) == ("2018-05-01", "2019-02-06")


def test_the_backtests_own_alternatives_are_the_models_apart_from_its_venues_cells(backtest):
    """Choices about the model (extensions, anchors, scales, weights) are the same; values and levels are its own."""
    model = sv.load_dataset().model_choices
    own = backtest.model_choices.kind.isin(["value", "level"])
    pd.testing.assert_frame_equal(backtest.model_choices[~own], model[~model.kind.isin(["value", "level"])])
    assert set(backtest.model_choices.target[own].str.split("/").str[1]) <= set(backtest.venues.index)


@pytest.mark.parametrize("data, gpi_year, gti_year", [("field", "2018", "2018"), ("backtest", "2017", "2017")])
def test_every_venue_of_an_analysis_is_measured_with_one_edition_of_each_index(data, gpi_year, gti_year, request):
    """A fair contest: the Peace and Terrorism Indexes of the last edition published before the analysis date
    (the 2018 Terrorism Index came out on 5 December 2018, in time for 6 February 2019, not for 1 May 2018).
    """
    data = request.getfixturevalue(data)
    years = {}
    for column in ("gpi_rank", "gti_score"):
        rows = data.sources[(data.sources.table == "countries") & data.sources.fields.str.contains(column)]
        years[column] = {r.as_of[:4] for r in rows.itertuples() if not pd.isna(data.countries.loc[r.record_id, column])}
    assert years["gpi_rank"] == {gpi_year}
    assert years["gti_score"] == {gti_year}


def test_an_analysis_folder_may_not_bring_a_model_file(data_copy):
    (data_copy.folder / "indicators.csv").replace(data_copy.folder / "backtest-2018" / "indicators.csv")
    with pytest.raises(sv.DataError) as caught:
        sv.load_dataset(data_copy.folder, analysis="backtest-2018")
    (problem,) = caught.value.problems
    assert problem.file == "backtest-2018/indicators.csv"
    assert "may not change for one analysis: remove this file" in problem.message


def test_an_analysis_folder_needs_its_own_venues_and_an_unknown_one_is_named(data_copy):
    (data_copy.folder / "backtest-2018" / "venues.csv").unlink()
    with pytest.raises(sv.DataError) as caught:
        sv.load_dataset(data_copy.folder, analysis="backtest-2018")
    assert [(p.file, p.message) for p in caught.value.problems] == [
        ("backtest-2018/venues.csv", "missing: an analysis needs its own")]
    with pytest.raises(sv.DataError, match="no such analysis folder"):
        sv.load_dataset(data_copy.folder, analysis="backtest-2017")


def test_a_backtest_value_dated_after_its_own_analysis_date_is_refused(data_copy):
    data_copy.set("backtest-2018/sources.csv", "singapore-arrivals", "as_of", "2018-06")
    with pytest.raises(sv.DataError, match="dated 2018-06, after the analysis date 2018-05-01"):
        sv.load_dataset(data_copy.folder, analysis="backtest-2018")


def test_a_venue_reached_by_road_has_no_flight(backtest):
    """Panmunjom: Kim drives; the airport columns are Trump's (Osan), which Kim's flight never uses."""
    panmunjom = backtest.venue_table.loc["panmunjom"]
    assert panmunjom.flight_km_from_FNJ > 200  # Pyongyang to Osan, were he to fly
    assert (panmunjom.safe_route_km_from_FNJ, panmunjom.safe_route_sovereign_share_from_FNJ) == (0.0, 1.0)
    assert panmunjom.safe_route_km_from_ADW > 10_000  # Trump still flies
    scores = sv.indicator_scores(backtest)
    assert scores.loc["panmunjom", ["kim_flight_distance", "kim_route_sovereign_share"]].tolist() == [1.0, 1.0]


def test_a_venue_on_hostile_soil_is_reached_through_its_hosts_airspace_which_counts_against_it(field):
    """Honolulu: the route keeps out of Japan's airspace but must enter that of the United States, the host."""
    honolulu = field.venue_table.loc["honolulu"]
    assert honolulu.safe_route_detour_km_from_FNJ > 50  # around Japan, which the great circle crosses
    assert 7_400 < honolulu.safe_route_km_from_FNJ < 7_700
    # Counted as hostile, the last stretch in US airspace keeps the share low: about an eighth.
    assert 0.05 < honolulu.safe_route_sovereign_share_from_FNJ < 0.2
    assert honolulu.relations_with_delegations == 1.0  # the United States, at home; no relations with the DPRK


def test_a_route_stated_not_to_exist_scores_the_worst_and_a_long_one_the_same(field):
    table = field.venue_table
    assert math.isinf(table.loc["honolulu", "rail_km_from_border"])
    assert math.isinf(table.loc["honolulu", "road_km_from_border"])
    assert table.loc["bangkok", "road_km_from_border"] == 1170
    scores = sv.indicator_scores(field, "all")
    assert scores.loc[["honolulu", "bangkok", "singapore"], "kim_rail_from_border"].tolist() == [0.0, 0.0, 0.0]


def test_a_leg_with_a_start_but_no_length_is_an_error(data_copy):
    data_copy.set("overland_legs.csv", "rail_dong_dang_hanoi", "km", "")
    with pytest.raises(sv.DataError) as caught:
        sv.load_dataset(data_copy.folder)
    assert [(p.row, p.column) for p in caught.value.problems] == [("rail_dong_dang_hanoi", "from_place, km")]


def test_extra_files_bring_events_crossings_and_ranges(field):
    assert field.venue_table.loc["singapore", "summit_record_points"] == 6.0  # two visits, five summits
    flagged = uncertainty.scored_as_range(field, ["meeting_capacity", "income_per_head"])
    assert flagged.loc["bangkok"].all() and flagged.loc["singapore"].all()
    assert "boten" in field.border_crossings.index


def test_validate_scores_every_indicator_and_says_what_is_missing_in_the_users_words(tmp_path, capsys):
    """A venue with no overland leg passed validate and failed rank; now validate names what is missing."""
    extra = tmp_path / "somewhere.csv"
    row = pd.read_csv(FIELD, dtype=str, keep_default_na=False).set_index("venue_id").loc[["bangkok"]]
    row.rename(index={"bangkok": "somewhere"}).assign(name="Somewhere").reset_index().to_csv(extra, index=False)
    sources = pd.read_csv(FIELD.with_suffix(".sources.csv"), dtype=str, keep_default_na=False)
    sources = sources[sources.record_id.isin(["bangkok", "THA"])].assign(
        record_id=lambda s: s.record_id.replace({"bangkok": "somewhere"}), source_id=lambda s: "x-" + s.source_id,
        held_since=lambda s: s.held_since.map(lambda h: " ; ".join("x-" + i for i in h.split(" ; ")) if h else ""))
    sources.to_csv(extra.with_suffix(".sources.csv"), index=False)
    countries = pd.read_csv(FIELD.with_suffix(".countries.csv"), dtype=str, keep_default_na=False)
    countries[countries.country == "THA"].to_csv(extra.with_suffix(".countries.csv"), index=False)
    ranges = pd.read_csv(FIELD.with_suffix(".ranges.csv"), dtype=str, keep_default_na=False)
    ranges[ranges.record_id == "bangkok"].replace({"bangkok": "somewhere"}).to_csv(
        extra.with_suffix(".ranges.csv"), index=False)
    from summit_venues.publishing.cli import main

    assert main(["validate", "--extra-venues", str(extra)]) == 1
    err = capsys.readouterr().err
    assert "no rail leg reaches somewhere from a border crossing or another venue" in err
    assert "no road leg reaches somewhere" in err


def _cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "summit_venues", *args], capture_output=True, text=True,
                          timeout=120, check=False, cwd=cwd)


def test_new_venue_writes_every_template_with_the_columns_of_the_data_files(tmp_path):
    result = _cli("new-venue", "kuala_lumpur", "--out", str(tmp_path / "kl"))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "kl"
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"kuala_lumpur{suffix}" for suffix in (".csv", ".sources.csv", ".countries.csv", ".legs.csv", ".crossings.csv",
                                               ".events.csv", ".ranges.csv", ".README.md"))
    data = sv.data_dir()
    for template, data_file in (("kuala_lumpur.csv", "venues.csv"), ("kuala_lumpur.ranges.csv", "value_ranges.csv"),
                                ("kuala_lumpur.legs.csv", "overland_legs.csv")):
        assert (folder / template).read_text().splitlines()[0] == (data / data_file).read_text().splitlines()[0]
    guide = (folder / "kuala_lumpur.README.md").read_text()
    assert "| `accommodation_rooms` | rooms |" in guide and "| `gpi_rank` |" in guide
    # Unfilled, it is refused with a problem per empty required cell, named by file, row and column.
    checked = _cli("validate", "--extra-venues", str(folder / "kuala_lumpur.csv"))
    assert checked.returncode == 1
    assert "kuala_lumpur.csv, row 'kuala_lumpur', column 'country': required value is empty" in checked.stderr


def test_new_venue_overwrites_nothing_and_refuses_a_bad_id(tmp_path):
    (tmp_path / "kuala_lumpur.ranges.csv").write_text("mine\n")
    again = _cli("new-venue", "kuala_lumpur", "--out", str(tmp_path))
    assert again.returncode == 1 and "would overwrite kuala_lumpur.ranges.csv" in again.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["kuala_lumpur.ranges.csv"]
    assert (tmp_path / "kuala_lumpur.ranges.csv").read_text() == "mine\n"
    bad = _cli("new-venue", "Kuala Lumpur", "--out", str(tmp_path))
    assert bad.returncode == 2 and "is not a venue id" in bad.stderr


def test_maps_charts_and_tables_take_six_venues_each_in_one_colour(data_copy):
    """Six venues (the field and Testville, near Saigon): every figure draws, the labels of the three venues of
    southern Vietnam and Thailand do not overprint, and each venue keeps one colour, the decision's venues first."""
    from venue_fixture import add_testville

    from summit_venues.sharing import charts, evidence, maps

    add_testville(data_copy)
    data = sv.load_dataset(data_copy.folder, extra_venues=[FIELD])
    assert list(data.venue_table.index) == ["hanoi", "danang", "testville", "bangkok", "honolulu", "singapore"]
    colours = charts.venue_colours(data.venue_table.index)
    assert len(set(colours.values())) == 6 and (colours["hanoi"], colours["danang"]) == charts.VENUE_COLOURS[:2]
    scores = sv.criterion_scores(data)
    for chart in (maps.route_map(data), maps.field_map(data, "six venues"),
                  charts.criterion_chart(scores, data.venues.name, data.criteria.name, "six")):
        chart.figure.canvas.draw()
    for criterion in ("facilities", "security", "economic_model", "diplomatic_relations"):  # the sourced ones
        places = set(evidence.indicator_evidence(data, criterion).place)
        assert places >= ({"Vietnam", "Thailand", "United States", "Singapore"} if criterion in (
            "security", "diplomatic_relations") else {"Hanoi", "Testville", "Honolulu"}), criterion
    points = np.array([[0.0, 0.0], [0.5, 0.2], [9.0, 9.0]])  # two close together, one far away
    offsets = maps._label_offsets(points, near=1.0)
    assert offsets[0] != offsets[1] and offsets[2] == (7, 4)
