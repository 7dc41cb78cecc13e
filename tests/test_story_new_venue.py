"""The README's story "Add a venue", end to end, as a user runs it, through the real notebooks.

`summit-venues new-venue kuala_lumpur`, the files filled in (a venue in a new country, Malaysia, with test
values: kuala_lumpur.py), `validate` and `rank` with it, then `summit-venues report --extra-venues
kuala_lumpur.csv`: every notebook in notebooks/ runs for the variant, and each page shows the new venue or
says why it does not. Before this test, 08 failed on every such report (it loaded the field without the
user's venue), while a stand-in notebook's report passed.
"""
from pathlib import Path

import pytest
from kuala_lumpur import NAME, VENUE_ID, fill_in
from story import BuiltReport

from summit_venues.sharing.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def venue_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("new-venue")
    assert main(["new-venue", VENUE_ID, "--out", str(folder)]) == 0
    return fill_in(folder)


@pytest.fixture(scope="module")
def report(venue_file) -> BuiltReport:
    """`summit-venues report --extra-venues kuala_lumpur.csv`, into a folder of the test's (not the project's)."""
    out = venue_file.parent / f"report-{VENUE_ID}"
    assert main(["report", "--extra-venues", str(venue_file), "--out", str(out)]) == 0
    return BuiltReport(out)


def test_validate_and_rank_take_the_new_venue_and_leave_the_others_as_they_were(venue_file, capsys):
    assert main(["validate", "--extra-venues", str(venue_file)]) == 0
    assert "with more-venues/field-2019.csv (6 venues)" in capsys.readouterr().out
    assert main(["rank", "--extra-venues", str(venue_file)]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "Under the neutral weights of the article's model, Da Nang ranks first: Da Nang 0.82, Hanoi 0.79, "
        f"{NAME} 0.70 (out of 1).")


def test_every_notebook_has_its_page_and_shows_the_new_venue_or_says_why_not(report):
    for name in report.notebook_pages():
        text = report.text(name)
        assert NAME in text or "extra venues of this report variant" in text, (
            f"{name} neither shows {NAME} nor says why it is not there")
    assert f"Da Nang 0.82, Hanoi 0.79, {NAME} 0.70" in report.text("index.html")


def test_the_wider_field_takes_the_new_venue_beside_the_committed_field(report):
    """The notebook that failed: 08 ranks the new venue with Bangkok, Honolulu and Singapore."""
    field = report.text("08-the-wider-field.ipynb")
    assert f"The scores of Hanoi, Da Nang and {NAME} are unchanged by the field's other 3 venues." in field


def test_every_page_is_a_variant_of_the_new_venue_with_every_figure_an_image(report):
    report.assert_every_page_says_it_is_a_variant_of(f"the extra venues in {VENUE_ID}.csv")
    report.assert_every_figure_is_an_image()
