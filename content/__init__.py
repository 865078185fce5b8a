"""What Open Door says, kept as data.

Each feature keeps its words in a TOML file beside this module and a small module that loads and
validates that file into typed, frozen objects. Nothing here imports Streamlit or the rest of the app.
"""
