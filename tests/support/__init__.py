"""Helpers used by several test layers (workers run in child processes, servers, browsers)."""
