"""The command line: help, validate, rank, profiles; wrong input gives a message and an exit status, not a traceback.

`reveal` is tested in test_reveal.py, beside the notebook whose numbers it prints.
The commands use the session's own cache folder (session.py), as every test does: nothing goes to the home.
"""
import subprocess
import sys

import pytest

import summit_venues as sv
from summit_venues.publishing.cli import main


def run(*args: str) -> subprocess.CompletedProcess:
    """The command as a user runs it, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "summit_venues", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.slow
def test_help_lists_every_command_and_the_exit_statuses():
    result = run("--help")
    assert result.returncode == 0
    for command in ("report", "validate", "rank", "reveal", "profiles", "notebooks", "exit status"):
        assert command in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("args", [["--help"], ["rank", "--help"], ["reveal", "--help"], ["validate"]])
def test_commands_import_only_what_they_need(args):
    """No command but report and notebooks loads the report builder, nbformat (seconds) or the charts;
    help loads no data layer beyond the package's own imports, and no route geometry."""
    script = (f"import sys\nfrom summit_venues.publishing.cli import main\ntry:\n    main({args!r})\n"
              "except SystemExit:\n    pass\nprint(' '.join(sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                            check=False)
    loaded = set(result.stderr.split())
    assert "summit_venues.publishing.cli" in loaded
    assert not {"nbformat", "nbclient", "jsonschema", "matplotlib", "summit_venues.publishing.execution",
                "summit_venues.publishing.report", "summit_venues.sharing.charts"} & loaded
    if "--help" in args:
        assert not {"shapely", "pyproj", "geopy", "shapefile", "summit_venues.measures.flight_path"} & loaded


def test_a_notebook_failure_is_a_message_with_exit_status_1(capsys, monkeypatch):
    from summit_venues.publishing import cli, execution

    def fail(args):
        raise execution.NotebookFailed("02-flight-path: cell 3 raised ValueError")

    monkeypatch.setitem(cli.COMMANDS, "report", fail)
    assert main(["report"]) == 1
    assert capsys.readouterr().err == "summit-venues report: 02-flight-path: cell 3 raised ValueError\n"


def test_an_unexpected_error_is_not_swallowed(monkeypatch):
    from summit_venues.publishing import cli

    def fail(args):
        raise RuntimeError("a bug")

    monkeypatch.setitem(cli.COMMANDS, "profiles", fail)
    with pytest.raises(RuntimeError, match="a bug"):
        main(["profiles"])


@pytest.mark.parametrize("args", [[], ["rank", "--bogus"], ["rank", "--weights", "flight_path=heavy"],
                                  ["rank", "--weights", "flight_path=1", "--profile", "usa"]])
def test_no_command_or_a_wrong_option_is_a_short_usage_message(capsys, args):
    with pytest.raises(SystemExit) as exit_:
        main(args)
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and err.startswith("usage: summit-venues")
    assert "Traceback" not in err and len(err.splitlines()) <= 4


def test_validate_passes_on_the_committed_data(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("The data are valid: 2 venues, 5 criteria")


@pytest.mark.slow
def test_validate_lists_data_problems_with_exit_status_1(data_copy):
    data_copy.set("venues.csv", "danang", "main_hall_seats", "about 2500")
    result = run("validate", "--data", str(data_copy.folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/venues.csv, row 'danang', column 'main_hall_seats': 'about 2500' is not a number" in result.stderr


def test_rank_prints_the_verdict_and_a_table_best_first(capsys):
    assert main(["rank", "--weights", "flight_path=0,facilities=1,security=0,economic_model=0,"
                                      "diplomatic_relations=0"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # Facilities alone, by hand (the article's model): Hanoi (0.5 log 38 / log 100 + 0.5 log 96 / log 200
    # + log 57.906 / log 100) / 2 = 0.854 (rooms at the middle of 55,000..60,812); Da Nang (0.5 log 25 / log 100
    # + 0.5 log 37.5 / log 200 + log 34.633 / log 100) / 2 = 0.731 (meeting seats at the middle of 2,500..5,000,
    # rooms worked out for December 2018).
    assert lines[0] == "Under these weights, Hanoi ranks first: Hanoi 0.85, Da Nang 0.73 (out of 1)."
    assert lines[1].startswith("weights: flight_path 0.00, facilities 1.00")
    assert lines[2].split()[:3] == ["venue", "rank", "overall"]
    assert lines[3].split()[:3] == ["Hanoi", "1", "0.85"] and lines[4].split()[:4] == ["Da", "Nang", "2", "0.73"]


def test_rank_with_a_profile(capsys):
    assert main(["rank", "--profile", "usa"]) == 0
    # The US weights (1, 2, 2, 2, 1) with the article's model: Da Nang ahead (test_scoring.py).
    assert capsys.readouterr().out.startswith(
        "Under the US delegation's weights, on the article's model, Da Nang ranks first")


@pytest.mark.parametrize("args, message", [
    (["rank", "--weights", "flight_path=1"], "no weight given for 'facilities'"),
    (["rank", "--weights", "flight_path=1,facilities=1,security=1,economic_model=1,diplomatic_relations=1,x=1"],
     "unknown criterion 'x'"),
    (["rank", "--profile", "nobody"], "unknown profile 'nobody'; the profiles are neutral, dprk, usa, vietnam"),
])
def test_unusable_weights_are_a_message_with_exit_status_2(capsys, args, message):
    assert main(args) == 2
    assert message in capsys.readouterr().err


def test_profiles_are_listed(capsys):
    assert main(["profiles"]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["neutral", "dprk", "usa", "vietnam"]


def test_console_script_is_declared():
    import tomllib
    from pathlib import Path
    project = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    assert project["project"]["scripts"]["summit-venues"] == "summit_venues.publishing.cli:main"


def test_a_criterion_given_twice_in_weights_is_an_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["rank", "--weights", "flight_path=1,facilities=1,security=1,economic_model=1,diplomatic_relations=1,"
                                   "flight_path=2"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "Traceback" not in err
    assert "'flight_path' is given more than once; give each criterion one weight" in err


@pytest.mark.parametrize("given, shown", [("elsewhere/data", "elsewhere/data/"), ("elsewhere/data/", "elsewhere/data/"),
                                          ("/srv/copies/data", "/srv/copies/data/")])
def test_a_variant_banner_names_the_data_folder_as_given(given, shown):
    from pathlib import Path

    from summit_venues.publishing.report import Variant, describe

    assert describe(Variant(data_dir=Path(given)), {}) == [f"the data folder {shown}"]


# --- the edges of the command line: confined, exact, and in words ----------------------------------------------

@pytest.mark.parametrize("name", ["../../etc", "/etc", "", "..", "backtest-2018/../.."])
def test_analysis_must_name_a_subfolder_of_the_data_folder(capsys, name):
    """Before: `../../etc` and `/etc` were read as analysis folders (and reported as data/etc), and `""` meant
    the data folder's own analysis."""
    with pytest.raises(SystemExit) as exit_:
        main(["rank", "--analysis", name])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "is not an analysis: name a subfolder of the data folder" in err, err
    with pytest.raises(sv.DataError, match="is not an analysis: name a subfolder of the data folder"):
        sv.load_dataset(analysis=name)  # the same rule for a notebook


def test_the_backtest_is_ranked_by_its_name(capsys):
    assert main(["rank", "--analysis", "backtest-2018"]) == 0
    assert capsys.readouterr().out.startswith("Under the neutral weights of the article's model, Singapore ranks "
                                              "first: Singapore 0.75, Ulaanbaatar 0.72, Panmunjom 0.61 (out of 1).")


def test_a_folder_given_as_a_venue_file_is_called_a_folder(tmp_path, capsys):
    """Before: 'file not found'."""
    assert main(["validate", "--extra-venues", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (f"summit-venues validate: 1 problem in the data:\n  {tmp_path.name}: is a "
                                       "folder, not a CSV file: name the file itself (a venues.csv file, with the "
                                       "columns of the data dictionary)\n")


def test_an_infinite_weight_is_called_infinite(capsys):
    """Before: 'weight of 'flight_path' is not a number'."""
    with pytest.raises(SystemExit) as exit_:
        main(["rank", "--weights", "flight_path=inf,facilities=1,security=1,economic_model=1,diplomatic_relations=1"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "the weight of 'flight_path' is infinite (inf)" in err


def test_very_large_weights_are_rescaled_without_a_warning(capsys):
    """Before: numpy's 'RuntimeWarning: overflow encountered in reduce', then a wrong message."""
    import warnings

    huge = ",".join(f"{c}=1e308" for c in ("flight_path", "facilities", "security", "economic_model",
                                           "diplomatic_relations"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert main(["rank", "--weights", huge]) == 0
    out = capsys.readouterr().out
    # Five equal huge weights are five equal weights: the same ranking as weights of 1 each.
    assert main(["rank", "--weights", huge.replace("1e308", "1")]) == 0
    assert out == capsys.readouterr().out
    assert out.startswith("Under these weights, Da Nang ranks first: Da Nang 0.81, Hanoi 0.78")
    assert "weights: flight_path 0.20, facilities 0.20, security 0.20" in out


def test_a_venue_file_with_only_its_header_says_it_has_no_rows(data_copy, capsys):
    """Before: 59 problems, each a reference to a venue that was not there, and none saying why."""
    data_copy.write("venues.csv", [], columns=list(data_copy.rows("venues.csv")[0]))
    assert main(["validate", "--data", str(data_copy.folder)]) == 1
    assert capsys.readouterr().err == ("summit-venues validate: 1 problem in the data:\n  data/venues.csv: has no "
                                       "rows, only its header: it needs at least one row\n")


def test_report_help_says_what_the_command_does(capsys):
    """Before: 'Execute every notebook afresh', although kept outputs are reused unless --fresh."""
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "afresh" not in text
    assert "is not run again: its outputs, kept in the executed-notebooks folder of the cache" in text
    assert "the first that fails stops the build, and the previous report stays as it was" in text
    assert "report-PROFILE+VENUES+DATA/" in text.replace("report- ", "report-")
