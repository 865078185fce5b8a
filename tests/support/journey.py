"""Seed a space at each stage of the user's path, through the tables and shapes the pages document.

Used by the Home page's AppTests, the accessibility audit and ``tools/screenshots.py``. Every
writer goes through a :class:`storage.compartment.Compartment` (or ``records.plan`` for the plan),
so the data is exactly what the quiz, script and plan pages would have written.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from content.quiz import load_quiz
from content.reasons import load_reasons
from content.script import load_script_content
from guide import plan as plan_model
from guide.plan import DECISIONS, Cycle, Rating, Target, make_cycle
from guide.quiz import score
from guide.script import ScriptDraft, draft_to_dict
from guide.sharing import ShareChoices, choices_to_dict
from records import plan as plan_state
from records.quiz import stored_result
from storage.compartment import Compartment
from storage.store import Access, Store
from tests.support.seed import StoreSpace

# A partner who fears being blamed and sees therapy as a sign of failure, and no safety concern.
CALM_ANSWERS = {
    "takes_sides": 3,
    "you_need_it": 2,
    "for_broken": 3,
    "feelings": 1,
    "wont_work": 1,
    "past_therapy": 0,
    "money_time": 1,
    "refuses_all": 0,
}
SAFETY_IDS = ("safety_harm", "safety_afraid", "safety_control", "safety_sex", "safety_self_harm")
TARGETS = (
    "No phones at dinner",
    "Ten minutes of talk after work, no screens",
    "Take a 20-minute break when a talk heats up",
)
WEEK_VALUES = (
    ("partly", "kept", "kept"),
    ("not", "partly", "kept"),
    ("not", "not", "partly"),
)


def mark_link_saved(private: Compartment) -> None:
    """Dismiss the "save your link" notice, as a returning user has."""
    private.put("settings", "link_saved", {"saved": True})


def seed_result(
    private: Compartment, *, unsafe: bool = False, when: datetime | None = None
) -> None:
    """A finished quiz in ``quiz_results``; ``unsafe`` answers one safety question "Yes"."""
    answers = dict(CALM_ANSWERS) | dict.fromkeys(SAFETY_IDS, 0)
    if unsafe:
        answers["safety_afraid"] = 2
    result = score(answers, load_quiz(), load_reasons())
    doc = stored_result(result, when or datetime.now(UTC), declined=False)
    private.insert("quiz_results", doc)


def seed_quiz_in_progress(private: Compartment, position: int = 3) -> None:
    """A quiz in ``quiz_progress`` on question ``position`` (0-based), earlier ones answered."""
    order = ("takes_sides", "you_need_it", "were_fine", "for_broken")
    answers = {item: CALM_ANSWERS.get(item, 1) for item in order[: max(position, 1)]}
    private.put(
        "quiz_progress",
        "current",
        {"answers": answers, "started_at": datetime.now(UTC).isoformat(), "position": position},
    )


def seed_script(private: Compartment, name: str = "Sunday talk") -> None:
    """One saved script version in ``scripts``."""
    draft = ScriptDraft(
        name=name,
        opener="What do you picture happening in a session?",
        feeling="lonely",
        situation="we argue about money and then stop talking for days",
        wish="we could find a calmer way through it together",
        problem="we end up shouting about money",
        goal="a calmer way to talk about bills",
        timeframe="four sessions, then we decide together",
        first_step="Would you come to one 30-minute call with me?",
    )
    private.put(
        "scripts",
        "seed-version",
        {"name": name, "saved_at": datetime.now(UTC).isoformat(), "draft": draft_to_dict(draft)},
    )


def seed_plan(
    store: Store, access: Access, today: date, *, days_in: int, rated_weeks: int
) -> Cycle:
    """An active six-week cycle that began ``days_in`` days ago, with ``rated_weeks`` rated."""
    space = StoreSpace(store, access)
    start = today - timedelta(days=days_in)
    targets = [Target(id=f"home-target-{i}", text=t) for i, t in enumerate(TARGETS, 1)]
    cycle = make_cycle("home-cycle", start, targets)
    plan_state.start_cycle(space, cycle)
    for row, target in enumerate(cycle.targets):
        for week in range(1, rated_weeks + 1):
            value = WEEK_VALUES[row][min(week, 3) - 1]
            rated_on = min(start + timedelta(days=week * 7 - 1), today)
            rating = Rating(target.id, week, value, rater="owner", rated_on=rated_on)
            plan_state.save_rating(space, cycle, rating, today)
    return cycle


def decide(store: Store, access: Access, cycle: Cycle, today: date) -> None:
    """Save a decision (the first option) for ``cycle``, as the review does."""
    space = StoreSpace(store, access)
    plan_state.save_cycle(space, plan_model.decide(cycle, DECISIONS[0], today))


def seed_partner_link(store: Store, access: Access, *, share: bool = True) -> str:
    """A partner link; with ``share`` it shows the script, the explainer, two steps and targets.

    Only the owner's choices are written (``share_choices``): the owner's next page view
    publishes the snapshot, exactly as after ticking the boxes on Share with partner.
    """
    link_id, key = store.add_partner_link(access, "For Sam")
    if share:
        options = tuple(option.id for option in load_script_content().first_steps[:2])
        choices = ShareChoices(
            script_version="seed-version", explainer=True, options=options, targets=True
        )
        store.private(access).put("share_choices", link_id, choices_to_dict(choices))
    return key
