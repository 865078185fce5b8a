"""Streamlit-facing helpers shared by every page: settings, who is here, and the common chrome.

Pages import :func:`ui.context.here` to learn which space and role the current session has; they
never read query parameters or open storage themselves.
"""
