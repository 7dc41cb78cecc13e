"""Ranks and their counts, computed one way for every SMAA run: ties share the better rank."""
from __future__ import annotations

import numpy as np

CHUNK = 32_768  # samples per chunk: small enough for the temporary arrays to stay in the CPU cache


def ranks_by_venue(totals: np.ndarray, pairwise: np.ndarray | None = None) -> np.ndarray:
    """Venue x sample ranks of venue x sample `totals`: 1 plus how many venues score strictly above.

    With `pairwise` (venue x venue), adds how often each venue (row) scores strictly above each other.
    One pass per venue: cheaper in memory than the venue x venue x sample comparison cube.
    """
    n_venues = totals.shape[0]
    ranks = np.ones(totals.shape, dtype=np.int8 if n_venues < 127 else np.int32)
    for j in range(n_venues):
        above = totals[j] > totals  # venue j strictly above each venue
        ranks += above
        if pairwise is not None:
            pairwise[j] += np.count_nonzero(above, axis=1)
    return ranks


def count_ranks(ranks: np.ndarray, rank_counts: np.ndarray) -> None:
    """Add, per venue (row of venue x sample `ranks`), how often it took each rank to venue x rank `rank_counts`."""
    n_ranks = rank_counts.shape[1]
    for venue, row in enumerate(ranks):
        rank_counts[venue] += np.bincount(row, minlength=n_ranks + 1)[1:]
