"""Where safety lives: the "about my safety" choice, the partner-link pause, the safety plan.

Tables:

- private ``safety``, key ``self_flag``: ``{"at": iso}``, when the user last said "this is about
  my safety". With the newest completed quiz screen (:func:`records.quiz.latest_screen`) it is
  what ``guide.safety.gate`` decides from.
- shared ``status``, key ``partner_links``: ``{"paused": bool}``, the one yes/no a partner link may
  read: the owner's safety mode switched partner links off.
- private ``safety_plan``, key ``plan``: :func:`guide.safety.safety_plan_to_dict` (kept only when
  the user chose "keep it in the app").

Reading is defensive: an odd moment reads as none, a plan that can't be read as
:attr:`KeptPlan.plan` None (the page says so and starts the form empty).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from guide.formatting import read_moment
from guide.safety import SafetyPlan, safety_plan_from_dict, safety_plan_to_dict
from records.quiz import RESULTS_TABLE, latest_screen_in
from storage.compartment import Compartment

SAFETY_TABLE, SELF_FLAG = "safety", "self_flag"  # private
PAUSE_TABLE, PAUSE_KEY = "status", "partner_links"  # shared
PLAN_TABLE, PLAN_KEY = "safety_plan", "plan"  # private


# --- "this is about my safety" -------------------------------------------------------------------


def self_flag_at(private: Compartment) -> datetime | None:
    """When the user last said "this is about my safety", if ever (or if it can be read)."""
    doc = private.get(SAFETY_TABLE, SELF_FLAG)
    return read_moment(doc.get("at")) if doc else None


def set_self_flag(private: Compartment, at: datetime | None = None) -> None:
    """Record "this is about my safety" (now); only a newly completed screen clears it."""
    private.put(SAFETY_TABLE, SELF_FLAG, {"at": (at or datetime.now(UTC)).isoformat()})


def kept_on(private: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A backup's private tables, changed so that restoring them keeps safety mode on.

    An older backup holds an older safety screen and no "about my safety" choice, so restoring it
    as it is would switch safety mode off, and partner links back on, without anyone deciding so.
    The choice is written into the backup itself, just after the latest screen it holds (and no
    earlier than now), so it lands in the same write as the restore and only a newly completed
    screen switches safety mode off, as always.
    """
    at = datetime.now(UTC)
    latest = latest_screen_in(private.get(RESULTS_TABLE, []))
    if latest is not None and latest.taken_at + timedelta(seconds=1) > at:
        at = latest.taken_at + timedelta(seconds=1)
    others = [d for d in private.get(SAFETY_TABLE, []) if d.get("key") != SELF_FLAG]
    flag = {"at": at.isoformat(), "key": SELF_FLAG}
    return {**private, SAFETY_TABLE: [*others, flag]}


# --- partner links paused (shared) ---------------------------------------------------------------


def partner_links_paused(shared: Compartment) -> bool:
    """True when the owner's safety mode has switched partner links off (readable by a partner)."""
    doc = shared.get(PAUSE_TABLE, PAUSE_KEY)
    return bool(doc and doc.get("paused"))


def set_partner_pause(shared: Compartment, paused: bool) -> None:
    """Store whether partner links are paused, writing only when that changed."""
    doc = shared.get(PAUSE_TABLE, PAUSE_KEY)
    if doc is None or bool(doc.get("paused")) != paused:
        shared.put(PAUSE_TABLE, PAUSE_KEY, {"paused": paused})


def paused_in(shared: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A backup's shared tables with partner links paused, for a restore while safety mode is on."""
    others = [d for d in shared.get(PAUSE_TABLE, []) if d.get("key") != PAUSE_KEY]
    return {**shared, PAUSE_TABLE: [*others, {"paused": True, "key": PAUSE_KEY}]}


# --- the safety plan (private) -------------------------------------------------------------------


@dataclass(frozen=True)
class KeptPlan:
    """The safety plan kept in the app: ``plan`` is None when the stored one can't be read."""

    plan: SafetyPlan | None
    doc_id: int


def kept_plan(private: Compartment) -> KeptPlan | None:
    """The plan kept in the app, or None when none is kept."""
    doc = private.get(PLAN_TABLE, PLAN_KEY)
    if doc is None:
        return None
    doc_id = doc.pop("_id")
    doc.pop("key", None)
    try:
        plan: SafetyPlan | None = safety_plan_from_dict(doc)
    except (ValueError, TypeError, AttributeError):
        plan = None
    return KeptPlan(plan, doc_id)


def keep_plan(private: Compartment, plan: SafetyPlan) -> None:
    """Keep the plan in the app (replacing the one kept before)."""
    private.put(PLAN_TABLE, PLAN_KEY, safety_plan_to_dict(plan))


def delete_plan(private: Compartment, doc_id: int) -> None:
    """Delete the kept plan."""
    private.remove(PLAN_TABLE, doc_id)
