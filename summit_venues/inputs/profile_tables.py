"""Reading and checking the weight profiles (profiles.csv and profile_weights.csv).

What a profile's weights mean for the ranking is the decision layer's (`decision.profiles`).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from . import schemas
from .errors import DataError, Problem
from .tables import read_table, rows

#: The profile whose weights are the default ones (the neutral reading of the article).
NEUTRAL = "neutral"


def load_profiles(folder: Path, criteria: list[str], label: Callable[[str], str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check both profile files; every profile must weigh every criterion."""
    profiles = read_table(folder / "profiles.csv", schemas.PROFILES, label("profiles.csv"))
    weights = read_table(folder / "profile_weights.csv", schemas.PROFILE_WEIGHTS, label("profile_weights.csv"))
    file = label("profile_weights.csv")
    problems = []
    if NEUTRAL not in set(profiles.profile_id):
        problems.append(Problem(label("profiles.csv"), None, "profile_id",
                                f"no profile '{NEUTRAL}': its weights are the default weights"))
    for row in rows(weights):
        key = f"{row.profile_id}:{row.criterion_id}"
        if row.profile_id not in set(profiles.profile_id):
            problems.append(Problem(file, key, "profile_id", f"'{row.profile_id}' is not a profile in profiles.csv"))
        if row.criterion_id not in criteria:
            problems.append(Problem(file, key, "criterion_id",
                                    f"'{row.criterion_id}' is not a criterion in criteria.csv"))
        if row.weight < 0:
            problems.append(Problem(file, key, "weight", f"weight {row.weight:g} is negative"))
    for profile in profiles.profile_id:
        own = weights[weights.profile_id == profile]
        for criterion in sorted(set(criteria) - set(own.criterion_id)):
            problems.append(Problem(file, profile, "criterion_id", f"no weight for criterion '{criterion}'"))
        if not own.empty and own.weight.sum() <= 0:
            problems.append(Problem(file, profile, "weight", "weights do not sum to a positive number"))
    if problems:
        raise DataError(problems)
    return profiles.set_index("profile_id", drop=False), weights
