"""The space's own settings: whether the owner said they saved this space's link, and their language.

Table (private compartment): ``settings``, key ``link_saved`` -> ``{"saved": True}`` and key
``language`` -> ``{"code": "es"}``. The link answer is about this space's link, so a restore keeps
this space's own answer (:func:`kept_in`).
"""

from __future__ import annotations

from typing import Any

from storage.compartment import Compartment

SETTINGS_TABLE = "settings"
LINK_SAVED = "link_saved"
LANGUAGE = "language"


def link_saved(private: Compartment) -> bool:
    """True once the owner said they saved the link (any stored answer counts, as before)."""
    return bool(private.get(SETTINGS_TABLE, LINK_SAVED))


def mark_link_saved(private: Compartment) -> None:
    """Remember that the owner saved the link, so the notice stops showing."""
    private.put(SETTINGS_TABLE, LINK_SAVED, {"saved": True})


def saved_language(private: Compartment) -> str | None:
    """The language the owner last chose in this space, or None (stored data may be hand-edited)."""
    stored = private.get(SETTINGS_TABLE, LANGUAGE)
    code = stored.get("code") if isinstance(stored, dict) else None
    return code if isinstance(code, str) and code else None


def save_language(private: Compartment, code: str) -> None:
    """Remember the owner's language, so their space opens in it on any browser."""
    private.put(SETTINGS_TABLE, LANGUAGE, {"code": code})


def kept_in(private: Compartment, backup: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict]]:
    """A backup's private tables with this space's own "I've saved my link" answer in them.

    The answer is about this space's link, not the backup's: restoring must neither bring back a
    box the person dismissed here, nor hide it with an answer given in the space the backup came
    from.
    """
    settings = [d for d in backup.get(SETTINGS_TABLE, []) if d.get("key") != LINK_SAVED]
    mine = private.get(SETTINGS_TABLE, LINK_SAVED)
    if mine is not None:
        settings.append({k: v for k, v in mine.items() if k != "_id"})
    return {**backup, SETTINGS_TABLE: settings}
