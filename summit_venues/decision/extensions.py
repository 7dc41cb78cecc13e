"""The article's model and the team's extensions: which indicators are in use.

Scoring, the plausible ranges and every robustness check ask the same question, which rows of
indicators.csv count, so it is answered once, here, below all of them.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..inputs.dataset import Dataset

#: Pass as `extensions` to score every extension the data define.
ALL_EXTENSIONS = "all"

#: Which extensions to score: extension_ids (extensions.csv), one of them, or ALL_EXTENSIONS.
Extensions = str | Iterable[str]


def active_indicators(data: Dataset, extensions: Extensions = ()) -> pd.DataFrame:
    """The rows of indicators.csv in use: the article's model plus the extensions named.

    `extensions` is a collection of extension_ids (extensions.csv), or ALL_EXTENSIONS.
    """
    known = list(data.extensions.index)
    if isinstance(extensions, str):  # one id, or ALL_EXTENSIONS; never its letters
        extensions = known if extensions == ALL_EXTENSIONS else [extensions]
    chosen = list(extensions)
    unknown = sorted(set(chosen) - set(known))
    if unknown:
        raise ValueError(f"unknown extension {', '.join(map(repr, unknown))}; the extensions are {', '.join(known)}")
    indicators = data.indicators
    return indicators[(indicators.extension == "") | indicators.extension.isin(chosen)]
