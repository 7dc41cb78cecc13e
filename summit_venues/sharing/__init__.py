"""Sharing the results with a reader: the charts, maps, tables and words the notebooks show (display turns ids into
names), the hero chart and the sliders. Imports from the layers below it; only publishing imports it.
"""
