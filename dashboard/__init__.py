"""Dateline's Streamlit dashboard: ``streamlit run dashboard/app.py``. Imports
:mod:`components`; never the reverse. No SQL and no NLP here."""
