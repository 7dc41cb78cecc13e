"""The README's opening lines: the lede and the model-choice figure, written from the data like every page's.

The block between the markers below is rewritten by `summit-venues tidy` (run by `make notebooks`), so the first
thing a reader of the repository sees says what the report's index, the overview and the brief say; a test checks
that the committed README holds what the data give.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..inputs.dataset import Dataset

BEGIN = "<!-- lede: written by `summit-venues tidy` from the data (summit_venues.publishing.readme); do not edit -->"
END = "<!-- /lede -->"


def lede_block(data: Dataset, weights: pd.Series) -> str:
    """The lede and both model-choice figures, as Markdown, between the markers."""
    from ..decision import robustness

    firm = robustness.robustness_in_three_senses(data, weights)
    names = data.venues.name
    figures = "\n".join(f"- {figure.sentence(names)}" for figure in firm.choices.values())
    return f"{BEGIN}\n**{firm.lede(names)}**\n\nThe team's alternative judgements, counted whole:\n\n{figures}\n{END}"


def refresh(path: Path, block: str) -> bool:
    """Put `block` between the markers of the README at `path`; whether the file changed."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"{path.name} has no lede markers ({BEGIN} ... {END})")
    new = pattern.sub(lambda _: block, text, count=1)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def committed_block(path: Path) -> str:
    """The block the README at `path` holds now."""
    match = re.search(re.escape(BEGIN) + r".*?" + re.escape(END), path.read_text(encoding="utf-8"), re.DOTALL)
    return match.group(0) if match else ""
