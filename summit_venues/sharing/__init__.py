"""Sharing the results: charts, maps and tables for the notebooks, executing them, the HTML report,
the browser checks and the command line. Imports from every layer below; nothing imports it.
"""
