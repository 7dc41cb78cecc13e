"""data/datapackage.json, the Frictionless Data package, is the one data dictionary: types, constraints, keys,
units and licence. It must describe every CSV file exactly, validate with the `frictionless` library, and agree with
data/README.md, which explains it in prose."""
import csv
import json
import shutil
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
PACKAGE = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def frictionless():
    """A test-only dependency (requirements.in), imported by the tests that use it, not by every worker that
    collects this module."""
    return pytest.importorskip("frictionless")


def fields(resource: dict) -> list[str]:
    return [f["name"] for f in resource["schema"]["fields"]]


def test_every_csv_file_is_a_resource_with_exactly_its_columns():
    """The subfolders' files too: the 2018 backtest and the wider 2019 field, each with the schema of its table."""
    resources = {r["path"]: r for r in PACKAGE["resources"]}
    assert sorted(resources) == sorted(p.relative_to(DATA_DIR).as_posix() for p in DATA_DIR.rglob("*.csv"))
    for path, resource in resources.items():
        with open(DATA_DIR / path, encoding="utf-8", newline="") as f:
            assert fields(resource) == next(csv.reader(f)), f"{path}: columns differ from datapackage.json"


def test_every_field_says_what_it_holds_and_the_package_has_a_licence():
    undocumented = [f"{r['name']}.{f['name']}" for r in PACKAGE["resources"] for f in r["schema"]["fields"]
                    if not f.get("description")]
    assert not undocumented
    assert PACKAGE["licenses"][0]["name"] == "CC-BY-4.0"


def test_the_data_validate_against_the_package(frictionless):
    report = frictionless.validate(DATA_DIR / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_a_word_in_a_numeric_column_fails_validation(tmp_path, frictionless):
    """The check can fail: a copy with 'about 2500' as Da Nang's hall is invalid, and says where."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    venues = (copy / "venues.csv").read_text(encoding="utf-8").replace(",2500,", ",about 2500,", 1)
    (copy / "venues.csv").write_text(venues, encoding="utf-8")
    report = frictionless.validate(copy / "datapackage.json")
    assert not report.valid
    assert ["main_hall_seats", "type-error"] in report.flatten(["fieldName", "type"])


def test_the_readme_documents_the_fields_of_the_package():
    """Each file of the data folder has its section; a subfolder's file has the columns of one of them, or a
    section of its own (known_later.csv, which only another analysis has)."""
    from test_data_dictionary import documented_columns

    documented = {r["path"]: fields(r) for r in PACKAGE["resources"] if "/" not in r["path"]}
    for resource in PACKAGE["resources"]:
        if "/" in resource["path"]:
            own = resource["path"].rsplit("/", 1)[-1]
            assert (fields(resource) in documented.values()
                    or documented_columns(own) == set(fields(resource))), resource["path"]
        else:
            assert documented_columns(resource["path"]) == set(fields(resource)), resource["path"]
