"""The safety gate's answer for this session, worked out once per run.

Its inputs are stored by :mod:`records.quiz` (the latest safety screen) and :mod:`records.safety`
(the "this is about my safety" choice, the partner-link pause); the decision itself is
:func:`guide.safety.gate`. This module only keeps the answer for the run and mirrors the pause.
"""

from __future__ import annotations

from guide.safety import SafetyMode, gate
from records import quiz, safety
from ui.context import Here


def set_self_flag(here: Here) -> None:
    """Record "this is about my safety" now; only a newly completed screen clears it."""
    safety.set_self_flag(here.private)


def mode(here: Here) -> SafetyMode:
    """The gate's decision for this space (owner only: its inputs are private).

    Several parts of one run ask for it (the notices, the page); it is worked out once and kept
    until the private file changes, so a save in the same run is never answered with a stale mode.
    """
    version = here.private.version()
    cached = here.memo.get("safety_mode")
    if cached is not None and cached[0] == version:
        return cached[1]  # type: ignore[return-value]
    decided = gate(quiz.latest_screen(here.private), safety.self_flag_at(here.private))
    here.memo["safety_mode"] = (version, decided)
    return decided


def sync_partner_pause(here: Here, current: SafetyMode) -> None:
    """Mirror "partner links are paused" into the shared compartment, which partner links read.

    The partner side cannot (and must not) read the private inputs, so the owner's session copies
    only this one yes/no across whenever it changes. The partner is shown the same neutral message
    as for any link that opens nothing, so a paused link reveals nothing about safety mode.
    """
    safety.set_partner_pause(here.shared, not current.allow_partner_links)


def partner_links_paused(here: Here) -> bool:
    """True when the owner's safety mode has switched partner links off (readable by a partner)."""
    return safety.partner_links_paused(here.shared)
