"""Dateline's engine: ingest news files, extract actors, places and quotes, store them.

Nothing in this package imports streamlit; every function here is usable from the command line
(``python -m components``), from tests and from the dashboard alike.
"""
