"""Weight profiles: how each party to the summit might weigh the article's criteria.

Profiles are data (data/profiles.csv and data/profile_weights.csv), each weight with its
reason, so that a reader can see and change whose view is being modelled. The `neutral`
profile's weights are the default weights: they are stored there and nowhere else.
"""
from __future__ import annotations

import pandas as pd

from ..inputs.dataset import Dataset
from ..inputs.errors import WeightError
from ..inputs.profile_tables import NEUTRAL
from .aggregation import normalised_weights

__all__ = ["NEUTRAL", "ProfileError", "profile_weights", "weight_table"]

class ProfileError(WeightError):
    """Raised for a profile name that the data does not define."""


def profile_weights(data: Dataset, profile_id: str = NEUTRAL) -> pd.Series:
    """One profile's weights per criterion, in the order of criteria.csv, rescaled to sum to 1."""
    if profile_id not in data.profiles.index:
        raise ProfileError(f"unknown profile '{profile_id}'; the profiles are {', '.join(data.profiles.index)}")
    own = data.profile_weights[data.profile_weights.profile_id == profile_id].set_index("criterion_id").weight
    return normalised_weights(own, list(data.criteria.index)).rename(profile_id)


def weight_table(data: Dataset) -> pd.DataFrame:
    """Profile x criterion table of rescaled weights, for showing every profile side by side."""
    return pd.DataFrame({p: profile_weights(data, p) for p in data.profiles.index}).T.rename_axis("profile_id")
