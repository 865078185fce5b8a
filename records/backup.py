"""What a backup holds, by feature, and a backup made ready to restore into this space.

Every table name here comes from the module that owns it. A restore keeps this space's own "I've
saved my link" answer, and while safety mode is on it keeps safety mode on, withdraws every
partner snapshot and pauses partner links, all inside the one restore write.
"""

from __future__ import annotations

from typing import Any

from guide.restore import Tables
from records import links, plan, quiz, routines, safety, script, sharing
from storage.compartment import Compartment
from storage.store import PRIVATE, SHARED

Backup = dict[str, dict[str, list[dict[str, Any]]]]

# Where each kind of thing lives, by the names its own feature gives its tables.
TABLES = Tables(
    quiz=quiz.RESULTS_TABLE,
    script_draft=script.WORKING_TABLE,
    script_versions=script.VERSIONS_TABLE,
    plan_cycles=plan.CYCLES_TABLE,
    plan_ratings=plan.RATINGS_TABLE,
    journal=routines.JOURNAL_TABLE,
    routine_log=routines.LOG_TABLE,
    safety_plan=safety.PLAN_TABLE,
)


def private_now(private: Compartment) -> dict[str, list[dict[str, Any]]]:
    """Every private table as it is now (to compare with a backup)."""
    return private.dump()


def ready_to_restore(private: Compartment, tables: Backup, safety_on: bool) -> Backup:
    """A backup's tables as they should land in this space (see the module docstring)."""
    mine = links.kept_in(private, tables.get(PRIVATE, {}))
    shared = tables.get(SHARED, {})
    if safety_on:
        mine = safety.kept_on(mine)
        shared = safety.paused_in(sharing.withdrawn(shared))
    return {PRIVATE: mine, SHARED: shared}
