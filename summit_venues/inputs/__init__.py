"""Data in and checked: reading the CSV files, their schemas, provenance and dates, and the disk cache.

Nothing here scores or draws anything. `dataset.load_dataset` is the entry point; the columns
computed from the data are the measures layer's, which the venue table calls when first asked.
"""
