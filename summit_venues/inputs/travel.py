"""The tables of the travel-path analysis, bundled as the measures layer reads them (`measures.flight_path`).

They are data, and a loaded `Dataset` hands them over (`Dataset.travel`); the geometry that measures
routes with them is the measures layer's.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: One international nautical mile, by definition (1929 conference; adopted by the ICAO).
NAUTICAL_MILE_M = 1852.0


@dataclass(frozen=True)
class TravelTables:
    """The data files the travel path needs beyond venues and origins."""

    relations: pd.DataFrame
    parameters: pd.DataFrame
    crossings: pd.DataFrame
    legs: pd.DataFrame

    def parameter(self, parameter_id: str) -> float:
        return float(self.parameters.set_index("parameter_id").loc[parameter_id, "value"])

    @property
    def sea_m(self) -> float:
        """Breadth of the territorial sea, in metres."""
        return self.parameter("territorial_sea_nm") * NAUTICAL_MILE_M

    @property
    def keep_out_m(self) -> float:
        """How far a safe route keeps from hostile land: territorial sea plus the stated margin, metres."""
        return self.sea_m + self.parameter("hostile_airspace_margin_km") * 1000.0
