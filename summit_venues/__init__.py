"""Score candidate venues for the 2019 Trump-Kim summit on fixed, written-down scales.

Typical use in a notebook::

    from summit_venues import load_dataset, criterion_scores, default_weights, ranking
    data = load_dataset()
    ranking(criterion_scores(data), default_weights(data))
"""
from .decision.scoring import (
                      contributions,
                      criterion_scores,
                      default_weights,
                      indicator_scores,
                      normalised_weights,
                      overall_scores,
                      ranking,
                      verdict,
)
from .decision.value_functions import ValueFunction, value_function
from .inputs.dataset import Dataset, data_dir
from .inputs.errors import DataError, Problem, WeightError
from .measures.venue_table import load_dataset

__all__ = [
    "Dataset", "DataError", "Problem", "ValueFunction", "WeightError", "contributions", "criterion_scores", "data_dir",
    "default_weights", "indicator_scores", "load_dataset", "normalised_weights", "overall_scores", "ranking",
    "value_function", "verdict",
]
