"""Where the safety gate's inputs live in a space, and the gate's answer for this session.

Inputs: the latest quiz safety screen (``quiz_results``, written by the quiz page) and the
moment the user said "this is about my safety" (``safety`` table, key ``self_flag``). The decision
itself is :func:`guide.safety.gate`; this module only reads and writes the inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from guide.formatting import read_moment
from guide.safety import SafetyMode, ScreenState, gate
from ui.context import Here

SAFETY_TABLE = "safety"
SELF_FLAG = "self_flag"
RESULTS_TABLE = "quiz_results"


def latest_screen(here: Here) -> ScreenState | None:
    """The most recent completed safety screen, or None if the user has not finished one."""
    return _latest_screen(here.private.all(RESULTS_TABLE))


def _latest_screen(results: list[dict[str, Any]]) -> ScreenState | None:
    latest: ScreenState | None = None
    for result in results:
        taken = read_moment(result.get("taken_at"))
        if taken is None or not result.get("safety_complete", False):
            continue
        screen = ScreenState(
            taken_at=taken,
            flagged=bool(result.get("safety_flagged")),
            items=tuple(str(i) for i in result.get("safety_items", ())),
        )
        if latest is None or screen.taken_at >= latest.taken_at:
            latest = screen
    return latest


def self_flag_at(here: Here) -> datetime | None:
    """When the user last said "this is about my safety", if ever."""
    doc = here.private.get(SAFETY_TABLE, SELF_FLAG)
    return read_moment(doc.get("at")) if doc else None


def set_self_flag(here: Here) -> None:
    """Record "this is about my safety" now; only a newly completed screen clears it."""
    here.private.put(SAFETY_TABLE, SELF_FLAG, {"at": datetime.now(UTC).isoformat()})


def kept_on(private: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A backup's private tables, changed so that restoring them keeps safety mode on.

    An older backup holds an older safety screen and no "about my safety" choice, so restoring it
    as it is would switch safety mode off, and partner links back on, without anyone deciding so.
    The choice is written into the backup itself, just after the latest screen it holds (and no
    earlier than now), so it lands in the same write as the restore and only a newly completed
    screen switches safety mode off, as always.
    """
    at = datetime.now(UTC)
    latest = _latest_screen(private.get(RESULTS_TABLE, []))
    if latest is not None and latest.taken_at + timedelta(seconds=1) > at:
        at = latest.taken_at + timedelta(seconds=1)
    others = [d for d in private.get(SAFETY_TABLE, []) if d.get("key") != SELF_FLAG]
    flag = {"at": at.isoformat(), "key": SELF_FLAG}
    return {**private, SAFETY_TABLE: [*others, flag]}


def paused_in(shared: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A backup's shared tables with partner links paused, for a restore while safety mode is on."""
    others = [d for d in shared.get(PAUSE_TABLE, []) if d.get("key") != PAUSE_KEY]
    return {**shared, PAUSE_TABLE: [*others, {"paused": True, "key": PAUSE_KEY}]}


def mode(here: Here) -> SafetyMode:
    """The gate's decision for this space (owner only: its inputs are private).

    Several parts of one run ask for it (the notices, the page); it is worked out once and kept
    until the private file changes, so a save in the same run is never answered with a stale mode.
    """
    version = here.private.version()
    cached = here.memo.get("safety_mode")
    if cached is not None and cached[0] == version:
        return cached[1]  # type: ignore[return-value]
    decided = gate(latest_screen(here), self_flag_at(here))
    here.memo["safety_mode"] = (version, decided)
    return decided


PAUSE_TABLE, PAUSE_KEY = "status", "partner_links"


def sync_partner_pause(here: Here, current: SafetyMode) -> None:
    """Mirror "partner links are paused" into the shared compartment, which partner links read.

    The partner side cannot (and must not) read the private inputs, so the owner's session copies
    only this one yes/no across whenever it changes. The partner is shown the same neutral message
    as for any link that opens nothing, so a paused link reveals nothing about safety mode.
    """
    paused = not current.allow_partner_links
    doc = here.shared.get(PAUSE_TABLE, PAUSE_KEY)
    if doc is None or bool(doc.get("paused")) != paused:
        here.shared.put(PAUSE_TABLE, PAUSE_KEY, {"paused": paused})


def partner_links_paused(here: Here) -> bool:
    """True when the owner's safety mode has switched partner links off (readable by a partner)."""
    doc = here.shared.get(PAUSE_TABLE, PAUSE_KEY)
    return bool(doc and doc.get("paused"))
