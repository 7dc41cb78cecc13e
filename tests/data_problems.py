"""What the loader says about bad data, for the tests of every layer that plant a problem and look for it."""
import pytest

import summit_venues as sv
from summit_venues import DataError, Problem


def problems_of(folder, analysis=None) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        sv.load_dataset(folder, analysis=analysis, extra_venues=[] if analysis else None)
    return caught.value.problems


def assert_problem(problems, file, row, column, message):
    """Exactly one of the problems matches file, row and column, and its message contains `message`."""
    matches = [p for p in problems if (p.file, p.row, p.column) == (f"data/{file}", row, column)]
    assert matches, f"no problem for {file}/{row}/{column} among: {[str(p) for p in problems]}"
    assert message in matches[0].message, matches[0].message
