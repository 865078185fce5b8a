"""Developer commands that are not part of the app: ``python -m tools.<name>``."""
