"""Dates on Share with partner as calm words: when a link was made, switched off or last answered."""

from __future__ import annotations

from content.messages import t
from guide import formatting


def when(iso: str) -> str:
    """An ISO timestamp as a calm date in this run's language, e.g. "3 March 2025"."""
    day = formatting.read_day(iso)
    return formatting.date_words(day) if day else t("an earlier date")
