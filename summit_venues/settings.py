"""The settings a report variant hands to every notebook's kernel, as environment variables.

A notebook calls `load_dataset()` and `default_weights(data)` with no arguments; these
variables let one build of the report change what those calls return, so a variant
needs no edit to the committed notebooks:

- SUMMIT_DATA_DIR: another data folder (read by `dataset.data_dir`);
- SUMMIT_EXTRA_VENUES: further venue files, separated by os.pathsep (':' here);
- SUMMIT_PROFILE: the weight profile that `default_weights` returns (data/profiles.csv).
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
    """The weight profile named by SUMMIT_PROFILE, or None for the neutral weights of criteria.csv."""
    return os.environ.get(PROFILE_VAR, "").strip() or None
