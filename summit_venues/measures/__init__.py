"""The criteria's measurements: what the package computes from the data for each venue.

Travel geometry (great circles, airspace, the safe route around hostile airspace, the
overland way in), the record of hosting summits and the count of diplomatic relations; the
venue table that holds them, and `load_dataset`, which hands the data layer what it needs from
this one (`venue_table`). Imports only from `inputs`.
"""
