"""The decisions of Open Door, as pure Python.

Nothing in this package imports Streamlit or ``storage``: functions take plain data (dataclasses,
dicts, dates) and return plain data or Plotly figures, so every decision can be unit-tested directly.
"""
