"""The guides' bulleted lists: each entry with a bold lead-in, in the guides' own words."""

from __future__ import annotations

from content.guides import Entry


def bullets(items: tuple[Entry, ...]) -> str:
    """Entries as a Markdown list with a bold lead-in (our own words, so Markdown is safe)."""
    return "\n".join(f"- **{item.title}.** {item.text}" for item in items)
