"""A report variant reaches the package through environment variables; unset, nothing changes."""
import pandas as pd
import pytest
from venue_fixture import TESTVILLE, sources_row_for_testville

import summit_venues as sv
from summit_venues.decision import profiles
from summit_venues.inputs import settings


@pytest.fixture
def testville_file(data_copy, tmp_path):
    """An extra venues file with its own sources, beside a copy of the data."""
    extra = tmp_path / "testville.csv"
    pd.DataFrame([TESTVILLE]).to_csv(extra, index=False)
    pd.DataFrame([sources_row_for_testville()]).reindex(
        columns=data_copy.rows("sources.csv")[0].keys()).to_csv(tmp_path / "testville.sources.csv", index=False)
    return extra


def test_unset_variables_mean_the_committed_analysis(monkeypatch):
    for name in settings.VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert settings.extra_venue_files() == [] and settings.profile_id() is None
    data = sv.load_dataset()
    assert data.venue_ids == ["hanoi", "danang"]
    assert sv.default_weights(data).to_dict() == pytest.approx({c: 0.2 for c in data.criteria.index})


def test_extra_venues_variable_adds_the_venues(monkeypatch, testville_file):
    monkeypatch.setenv(settings.EXTRA_VENUES_VAR, str(testville_file))
    assert sv.load_dataset().venue_ids == ["hanoi", "danang", "testville"]
    assert sv.load_dataset(extra_venues=[]).venue_ids == ["hanoi", "danang"], "an explicit argument wins"


def test_profile_variable_is_read_at_the_edge_not_by_the_scoring(monkeypatch):
    """settings.profile_id() reads SUMMIT_PROFILE; default_weights takes the profile as an argument only."""
    data = sv.load_dataset()
    monkeypatch.setenv(settings.PROFILE_VAR, " usa ")
    assert settings.profile_id() == "usa"
    pd.testing.assert_series_equal(sv.default_weights(data, settings.profile_id()),
                                   profiles.profile_weights(data, "usa"))
    pd.testing.assert_series_equal(sv.default_weights(data), profiles.profile_weights(data, "neutral"))
    monkeypatch.setenv(settings.PROFILE_VAR, "")
    assert settings.profile_id() is None


def test_scoring_reads_no_environment_variable():
    """The scoring core takes arguments only: no module of it names a variable or reads the environment."""
    import ast
    import inspect

    from summit_venues.decision import aggregation, profiles, scoring, sensitivity

    for module in (scoring, aggregation, profiles, sensitivity):
        imported = set()
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                imported.update(alias.name for alias in node.names)
                imported.add((node.module or "").rpartition(".")[2])
        assert not imported & {"os", "settings", "environ", "getenv"}, f"{module.__name__} imports {imported}"


def test_unknown_profile_is_a_weight_error():
    with pytest.raises(sv.WeightError, match="unknown profile 'nobody'"):
        sv.default_weights(sv.load_dataset(), "nobody")
