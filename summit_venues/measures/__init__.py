"""The criteria's measurements: what the package computes from the data for each venue.

Travel geometry (great circles, airspace, the safe route around hostile airspace, the
overland way in), the record of hosting summits and the count of diplomatic relations.
Imports only from `inputs`.
"""
