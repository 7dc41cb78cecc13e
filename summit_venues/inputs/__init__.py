"""Data in and checked: reading the CSV files, their schemas, provenance and dates, and the disk cache.

Nothing here scores or draws anything. `dataset.read_dataset` reads and checks
every file; the venue table and the columns computed from the data are the measures layer's, whose
`venue_table.load_dataset` (the public `summit_venues.load_dataset`) hands them in.
"""
