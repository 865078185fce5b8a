"""The user's path through Open Door: from a few plain facts, the stage they are at and one next step.

Pure decisions, no Streamlit and no storage: the Home page gathers the facts (a quiz result and
whether it raised a safety concern, a script, the six-week plan's status, safety mode) and this
module decides what to show. The order of the checks is the order of importance:

1. Safety mode (or a result that raised a safety concern): help and the safety plan come first.
2. A six-week plan: weeks due for rating, then the review, then waiting for the start, a saved
   decision, or simply "week N of 6".
3. A saved script: start the six weeks. A draft only: finish the script.
4. A quiz result: build a script. A quiz in progress: finish it. Nothing yet: take the quiz.

The words come from ``content/home.toml``, one entry per stage in :data:`STAGES`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from content.home import load as load_words
from content.messages import tn
from guide.formatting import day, join_and
from guide.weeks import WEEKS, week_range

# Pages by their short names; where each page's file lives is ui/pages.py's business.
QUIZ, SCRIPT, PLAN, SAFETY = "quiz", "script", "plan", "safety"
# Every stage, in the order of the path; each has its words in home.toml and a page to go to.
STAGES: dict[str, str] = {
    "safety": SAFETY,
    "start": QUIZ,
    "quiz_started": QUIZ,
    "result": SCRIPT,
    "draft": SCRIPT,
    "script": PLAN,
    "plan_waiting": PLAN,
    "plan_running": PLAN,
    "week_rated": PLAN,
    "all_rated": PLAN,
    "ratings_due": PLAN,
    "review_due": PLAN,
    "decided": PLAN,
}
# The part of the plan page a step opens (the plan page's own section names).
PLAN_SECTIONS = {
    "ratings_due": "week",
    "plan_running": "week",
    "week_rated": "week",
    "all_rated": "week",
    "review_due": "review",
}
# Which "where you are" milestone a stage is working on.
MILESTONE_OF = {
    "start": "quiz",
    "quiz_started": "quiz",
    "result": "script",
    "draft": "script",
    "script": "plan",
    "plan_waiting": "plan",
    "plan_running": "plan",
    "week_rated": "plan",
    "all_rated": "plan",
    "ratings_due": "plan",
    "review_due": "review",
    "decided": "review",
}


@dataclass(frozen=True)
class PlanFacts:
    """Where the active six-week plan stands today.

    ``week`` is 0 before the start and at most 6; ``due_weeks`` are ended weeks not yet rated;
    ``rated_weeks`` are the weeks with every target rated (a week may be rated from its first
    day, as the plan page allows); ``review_due`` is true from the review date until a decision is
    saved; ``finished`` means all six weeks are behind; ``decided`` means the review's decision
    is saved.
    """

    start: date
    review_on: date
    week: int = 0
    started: bool = False
    due_weeks: tuple[int, ...] = ()
    rated_weeks: tuple[int, ...] = ()
    review_due: bool = False
    finished: bool = False
    decided: bool = False


@dataclass(frozen=True)
class Facts:
    """The plain facts the path is decided from (all false / None for a brand-new space)."""

    has_result: bool = False
    result_safety: bool = False
    quiz_in_progress: bool = False
    has_script: bool = False
    has_draft: bool = False
    plan: PlanFacts | None = None
    safety_mode: bool = False

    @property
    def first_visit(self) -> bool:
        """True when nothing has been started yet: the welcome, not the dashboard."""
        return not (
            self.has_result
            or self.quiz_in_progress
            or self.has_script
            or self.has_draft
            or self.plan is not None
        )


@dataclass(frozen=True)
class NextStep:
    """The one thing to do next: the words, the page it happens on, and the plan section."""

    stage: str
    title: str
    text: str
    action: str
    page: str
    plan_section: str | None = None


@dataclass(frozen=True)
class Milestone:
    """One line of "where you are": its label, how far along it is, and whether it's done."""

    id: str
    label: str
    detail: str
    done: bool
    current: bool


def weeks_phrase(weeks: Sequence[int]) -> str:
    """ "Week 2 is", "Weeks 2 and 3 are", "Weeks 1, 2 and 3 are" (a sentence's start, in the
    run's language: "La semana 2 está", "Las semanas 2 y 3 están")."""
    if not weeks:
        return ""
    numbers = join_and([str(n) for n in weeks])
    return tn("Week {numbers} is", "Weeks {numbers} are", len(weeks), numbers=numbers)


def _plan_stage(plan: PlanFacts) -> str:
    # Due ratings come before the review: the review reads the record, so it should be whole.
    if plan.due_weeks:
        return "ratings_due"
    if plan.review_due:
        return "review_due"
    if not plan.started:
        return "plan_waiting"
    if plan.finished and plan.decided:
        return "decided"
    if plan.week in plan.rated_weeks:
        # Rated early, as the plan page allows: say so, never "you can rate this week from ...".
        return "all_rated" if plan.week == WEEKS else "week_rated"
    return "plan_running"


def stage(facts: Facts) -> str:
    """The stage of the path this space is at (one of :data:`STAGES`)."""
    if facts.safety_mode or facts.result_safety:
        return "safety"
    if facts.plan is not None:
        return _plan_stage(facts.plan)
    if facts.has_script:
        return "script"
    if facts.has_draft:
        return "draft"
    if facts.has_result:
        return "result"
    if facts.quiz_in_progress:
        return "quiz_started"
    return "start"


def next_step(facts: Facts) -> NextStep:
    """The one next step for these facts, with its words filled in."""
    current = stage(facts)
    words = load_words().stages[current]
    plan = facts.plan
    running = plan is not None and 1 <= plan.week <= WEEKS
    following = plan is not None and 1 <= plan.week < WEEKS
    fill = {
        "week": plan.week if plan else 0,
        "week_ends": day(week_range(plan.start, plan.week)[1]) if running else "",
        "next_week": plan.week + 1 if plan else 0,
        "next_start": day(week_range(plan.start, plan.week + 1)[0]) if following else "",
        "weeks": weeks_phrase(plan.due_weeks) if plan else "",
        "start": day(plan.start) if plan else "",
        "review": day(plan.review_on) if plan else "",
    }
    return NextStep(
        stage=current,
        title=words.title.format(**fill),
        text=words.text.format(**fill),
        action=words.action.format(**fill),
        page=STAGES[current],
        plan_section=PLAN_SECTIONS.get(current),
    )


def milestones(facts: Facts) -> tuple[Milestone, ...]:
    """Quiz, script, six weeks and review: how far along each is, for a short progress list."""
    w = load_words().milestones
    plan = facts.plan
    working_on = MILESTONE_OF.get(stage(facts))

    quiz = w.done if facts.has_result else w.in_progress if facts.quiz_in_progress else w.not_yet
    script = w.done if facts.has_script else w.draft if facts.has_draft else w.not_yet
    if plan is None:
        six, review = w.not_yet, w.not_yet
    else:
        if plan.finished:
            six = w.done
        elif plan.started:
            six = w.week.format(week=plan.week)
        else:
            six = w.begins.format(start=day(plan.start))
        if plan.decided:
            review = w.done
        elif plan.review_due:
            review = w.due
        else:
            review = w.after.format(review=day(plan.review_on))
    done = {
        "quiz": facts.has_result,
        "script": facts.has_script,
        "plan": plan is not None and plan.finished,
        "review": plan is not None and plan.decided,
    }
    rows = (("quiz", w.quiz, quiz), ("script", w.script, script), ("plan", w.plan, six))
    rows += (("review", w.review, review),)
    return tuple(
        Milestone(id=key, label=label, detail=detail, done=done[key], current=key == working_on)
        for key, label, detail in rows
    )
