"""Open Door's benchmark: ratios against bare Streamlit and raw file writes, measured in one run.

Run it with ``uv run python -m bench`` (``--quick`` for a short run, ``--only storage,...`` to pick
sections). It prints a table and writes ``bench/out/results.json``.
"""
