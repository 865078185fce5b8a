"""What Home is drawn from: the facts of a space for ``guide.journey``, and the next step.

Reads only through the records layer: the quiz (``records.quiz``), the script
(``records.script``) and the plan (``records.plan``). Nothing here writes or draws.
"""

from __future__ import annotations

from dataclasses import dataclass

from content.home import HomeContent
from content.home import load as load_words
from guide.journey import Facts, NextStep, PlanFacts, next_step
from records import plan as plan_state
from records import quiz as quiz_records
from records import script as script_records
from records.plan import PlanStatus
from ui import clock
from ui.context import Here
from ui.safety.state import mode


@dataclass(frozen=True)
class Standing:
    """Where the user stands this run: Home's words, the plan's status, the facts, the next step."""

    words: HomeContent
    status: PlanStatus
    facts: Facts
    step: NextStep

    @property
    def safety_first(self) -> bool:
        """True when Home leads with help (safety mode, or a safety screen that raised a concern)."""
        return self.step.stage == "safety"


def standing(place: Here) -> Standing:
    """Read the space once and decide the next step."""
    current = mode(place)
    status = plan_state.plan_status(place, clock.today())
    facts = read_facts(place, status, current.on or current.home_leads_with_resources)
    return Standing(load_words(), status, facts, next_step(facts))


def plan_facts(status: PlanStatus) -> PlanFacts | None:
    """The plan's status as journey facts (None without a plan)."""
    cycle = status.cycle
    if cycle is None:
        return None
    return PlanFacts(
        start=cycle.start,
        review_on=cycle.review_on,
        week=status.week,
        started=status.started,
        due_weeks=tuple(status.due_weeks),
        rated_weeks=tuple(status.rated_weeks),
        review_due=status.review_due,
        finished=status.fraction >= 1,
        decided=cycle.decision is not None,
    )


def read_facts(place: Here, status: PlanStatus, safety_on: bool) -> Facts:
    """What this space holds, as the plain facts ``guide.journey`` decides from."""
    latest = quiz_records.latest(place.private)
    versions, _damaged = script_records.versions(place.private)
    return Facts(
        has_result=latest is not None,
        result_safety=bool(latest and (latest.result.safety_flagged or latest.declined)),
        quiz_in_progress=quiz_records.in_progress(place.private),
        has_script=bool(versions),
        has_draft=script_records.read_working(place.private) is not None,
        plan=plan_facts(status),
        safety_mode=safety_on,
    )
