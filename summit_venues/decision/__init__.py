"""The decision: fixed scales, weights, aggregation, and how firm the verdict is.

Value functions turn measurements into scores, profiles weigh the criteria, one weighted sum
aggregates them; sensitivity, SMAA, plausible ranges and model choices test the result.
Imports from `inputs` and `measures`.
"""
