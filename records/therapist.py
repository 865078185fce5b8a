"""Where the therapist checklist lives: up to three candidates the couple is considering.

Table (private compartment) ``therapist_checklist``, key ``"current"``::

    {"candidates": [  # always three, in tab order
        {"name": str,
         "fits": [look_for id, ...],          # the "what to look for" items ticked
         "answers": {question id: str},       # notes on each consultation answer ("" = none)
         "notes": str},
        ...],
     "saved_at": ISO time, UTC}

Reading is defensive (:func:`clean`): whatever is stored comes back as exactly three candidates of
that shape, known ids only, texts cut to their limits; anything unexpected reads as empty.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.compartment import Compartment

CHECKLIST_TABLE, KEY = "therapist_checklist", "current"
CANDIDATES = 3
NAME_MAX, ANSWER_MAX, NOTES_MAX = 80, 300, 1000


def _text(value: Any, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def clean(
    doc: Any, look_for_ids: tuple[str, ...], question_ids: tuple[str, ...]
) -> list[dict[str, Any]]:
    """A stored checklist as exactly three clean candidates; anything unexpected reads as empty."""
    raw = doc.get("candidates") if isinstance(doc, dict) else None
    raw = raw if isinstance(raw, list) else []
    cleaned = []
    for n in range(CANDIDATES):
        found = raw[n] if n < len(raw) and isinstance(raw[n], dict) else {}
        fits = found.get("fits")
        fits = fits if isinstance(fits, list) else []
        answers = found.get("answers")
        answers = answers if isinstance(answers, dict) else {}
        cleaned.append(
            {
                "name": _text(found.get("name"), NAME_MAX),
                # Known ids only, in content order, so a renamed item cannot leave a ghost tick.
                "fits": [i for i in look_for_ids if i in fits],
                "answers": {q: _text(answers.get(q), ANSWER_MAX) for q in question_ids},
                "notes": _text(found.get("notes"), NOTES_MAX),
            }
        )
    return cleaned


def checklist(
    private: Compartment, look_for_ids: tuple[str, ...], question_ids: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The saved checklist as three clean candidates (empty ones before the first save)."""
    return clean(private.get(CHECKLIST_TABLE, KEY), look_for_ids, question_ids)


def save(private: Compartment, candidates: list[dict[str, Any]], at: datetime) -> None:
    """Store the checklist as entered."""
    private.put(CHECKLIST_TABLE, KEY, {"candidates": candidates, "saved_at": at.isoformat()})


def clear(private: Compartment) -> None:
    """Empty the checklist (kept as an empty document, as a confirmed clear leaves it)."""
    private.put(CHECKLIST_TABLE, KEY, {"candidates": [], "saved_at": ""})
