"""The settings a report variant hands to every notebook's kernel, as environment variables.

They are read at the edge, never inside the scoring: the command line and the report
builder read them, and so does a notebook at its top, and each passes what it read on as
arguments (`default_weights(data, profile)`, `weights_label(profile)`). So one build of the
report can change what the notebooks show without an edit to the committed notebooks:

- SUMMIT_DATA_DIR: another data folder (read by `dataset.data_dir`);
- SUMMIT_EXTRA_VENUES: further venue files, separated by os.pathsep (':' here), read by
  `load_dataset()` when it is given no `extra_venues`;
- SUMMIT_PROFILE: the weight profile of data/profiles.csv that `profile_id()` names; a
  notebook with a cell tagged `parameters` gets it as its `profile` parameter instead.
"""
from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_VAR = "SUMMIT_DATA_DIR"
EXTRA_VENUES_VAR = "SUMMIT_EXTRA_VENUES"
PROFILE_VAR = "SUMMIT_PROFILE"
VARIABLES = (DATA_DIR_VAR, EXTRA_VENUES_VAR, PROFILE_VAR)


def extra_venue_files() -> list[Path]:
    """The venue files named by SUMMIT_EXTRA_VENUES (none when unset or empty)."""
    value = os.environ.get(EXTRA_VENUES_VAR, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def profile_id() -> str | None:
    """The weight profile named by SUMMIT_PROFILE, or None: the neutral profile's weights."""
    return os.environ.get(PROFILE_VAR, "").strip() or None
