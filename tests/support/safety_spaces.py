"""Two spaces in safety mode, for the safety-mode walks (AppTest and Chromium).

- :func:`seed_screen`: the quiz's safety screen raised a concern and named no reasons; nothing
  else yet (the plan shows its first-visit ideas, the builder has nothing of its own).
- :func:`seed_lived`: a space used before safety mode came on (a quiz that named reasons, a
  working script draft pre-filled from it and a saved version, a six-week plan at its review, a
  partner link), then "this is about my safety".

Both write through the same tables and shapes the pages use.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from content.quiz import load_quiz
from content.reasons import load_reasons
from guide.plan import Target, make_cycle
from guide.quiz import score
from guide.script import draft_to_dict, prefill
from guide.weeks import WEEKS
from records import plan as plan_state
from records.quiz import stored_result
from storage.store import Access, Store
from tests.support.seed import StoreSpace

ITEMS = load_quiz()
BY_ID = {item.id: item for item in ITEMS}
# Targets a person might choose for their own support; the walks check the app's words, not these.
OWN_TARGETS = ("Sleep by eleven most nights", "Message a friend twice a week")


def answers(**chosen: str) -> dict[str, int]:
    """Every item at its first option ("Never", "No"), except those named by label."""
    found = {item.id: 0 for item in ITEMS}
    return found | {k: BY_ID[k].scale.options.index(v) for k, v in chosen.items()}


def insert_result(store: Store, access: Access, given: dict[str, int], when: datetime) -> tuple:
    """Store a finished quiz; return the reasons it named."""
    result = score(given, ITEMS, load_reasons())
    store.private(access).insert("quiz_results", stored_result(result, when, declined=False))
    return result.top


def seed_screen(store: Store, access: Access) -> None:
    """Safety mode from the quiz's safety screen alone: no reasons named."""
    top = insert_result(store, access, answers(safety_control="Yes"), datetime.now(UTC))
    assert top == ()


def seed_lived(store: Store, access: Access, today: date) -> None:
    """A space used before safety mode: quiz reasons, a script, a plan, a link; then the flag."""
    when = datetime.now(UTC) - timedelta(days=50)
    chosen = answers(takes_sides="Often", couch="Often", were_fine="Sometimes")
    top = insert_result(store, access, chosen, when)
    assert top, "the seeded quiz should name reasons, so the builder has something to pre-fill"
    draft = draft_to_dict(prefill(top))
    private = store.private(access)
    stamp = when.isoformat()
    private.put(
        "script_working", "current", {"draft": draft, "updated_at": stamp, "quiz_at": stamp}
    )
    private.put("scripts", "v1", {"name": "First try", "saved_at": stamp, "draft": draft})
    start = today - timedelta(days=WEEKS * 7)
    targets = [Target(id=f"t{i}", text=text) for i, text in enumerate(OWN_TARGETS, 1)]
    plan_state.start_cycle(StoreSpace(store, access), make_cycle("walk-cycle", start, targets))
    store.add_partner_link(access, "For Sam")
    private.put("safety", "self_flag", {"at": datetime.now(UTC).isoformat()})
