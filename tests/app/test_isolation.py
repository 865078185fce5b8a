"""Isolation: two owners in one process, through every page, never see each other's data.

Both spaces are filled with realistic data carrying a marker unique to the space. The two sessions
take turns page by page (so a cache keyed on the wrong thing would show up), and each session's
whole render tree is searched for the other's markers. A positive control checks that each session
does see its own markers, so the search is known to work.
"""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime

from content.quiz import load_quiz
from content.reasons import load_reasons
from guide.plan import Target
from guide.quiz import score
from guide.script import ScriptDraft, draft_to_dict
from records import plan as plan_state
from records.quiz import stored_result
from storage.store import Access, Store
from tests.app.conftest import rendered, space_of
from tests.support.seed import seed_six_weeks
from ui import pages

PAGES = [
    "home",
    "quiz",
    "script",
    "plan",
    "share",
    "going_alone",
    "therapist",
    "safety",
    "my_data",
    "partner",
]


def fill(store: Store, access: Access, marker: str) -> set[str]:
    """Realistic data in every feature, each piece tagged; returns the markers used."""
    today = date.today()
    private = store.private(access)
    cycle = seed_six_weeks(store, access, today)
    first = cycle.targets[0]
    renamed = Target(first.id, f"{marker}TARGET no phones", first.history)
    plan_state.save_cycle(_Space(store, access), _replace_target(cycle, renamed))
    private.put(
        "journal",
        today.isoformat(),
        {
            "day": today.isoformat(),
            "text": f"{marker}JOURNAL line",
            "telling": True,
            "cycle_id": cycle.id,
        },
    )
    items, reasons = load_quiz(), load_reasons()
    answers = {
        item.id: (len(item.scale.options) - 1 if item.kind != "safety" else 0) for item in items
    }
    result = score(answers, items, reasons)
    private.insert("quiz_results", stored_result(result, datetime.now(UTC), declined=False))
    draft = ScriptDraft(opener=f"{marker}OPENER what do you imagine?", name=f"{marker}VERSION")
    private.put(
        "scripts",
        f"{marker.lower()}v1",
        {
            "name": f"{marker}VERSION",
            "saved_at": datetime.now(UTC).isoformat(),
            "draft": draft_to_dict(draft),
        },
    )
    private.put(
        "script_working",
        "current",
        {
            "draft": draft_to_dict(draft),
            "updated_at": datetime.now(UTC).isoformat(),
            "quiz_at": "",
            "version_id": "",
        },
    )
    private.put(
        "safety_plan",
        "plan",
        {"version": 1, "safe_place": f"{marker}SAFEPLACE", "keep_in_app": True},
    )
    private.put(
        "therapist_checklist",
        "current",
        {
            "candidates": [{"name": f"{marker}THERAPIST", "fits": [], "answers": {}, "notes": ""}],
            "saved_at": datetime.now(UTC).isoformat(),
        },
    )
    store.add_partner_link(access, f"{marker}LINKLABEL")
    private.put("settings", "link_saved", {"saved": True})
    return {
        f"{marker}{kind}"
        for kind in (
            "TARGET",
            "JOURNAL",
            "OPENER",
            "VERSION",
            "SAFEPLACE",
            "THERAPIST",
            "LINKLABEL",
        )
    }


class _Space:
    def __init__(self, store: Store, access: Access) -> None:
        self.private, self.shared = store.private(access), store.shared(access)


def _replace_target(cycle, target):
    from dataclasses import replace

    return replace(cycle, targets=(target, *cycle.targets[1:]))


def test_two_owners_through_every_page_see_only_their_own(make_app, data_dir, caplog):
    caplog.set_level(logging.DEBUG)
    first, second = make_app(), make_app()
    first.run()
    second.run()
    markers = {}
    for name, at in (("ALPHA", first), ("BRAVO", second)):
        store, access = space_of(at, data_dir)
        markers[name] = fill(store, access, name)
    seen: dict[str, str] = {"ALPHA": "", "BRAVO": ""}
    for page in PAGES:
        for name, at in (("ALPHA", first), ("BRAVO", second)):
            at.switch_page(pages.path(page)).run()
            assert not at.exception, (page, at.exception)
            seen[name] += rendered(at)
    for name, other in (("ALPHA", "BRAVO"), ("BRAVO", "ALPHA")):
        leaked = {m for m in markers[other] if m in seen[name]}
        assert not leaked, f"{name}'s session showed {other}'s data: {leaked}"
        shown = {m for m in markers[name] if m in seen[name]}
        print(f"\n{name} saw its own: {sorted(shown)}")
        assert len(shown) >= 4, f"positive control: {name} saw only {shown} of its own data"
    # Keys never reach the logs, from either session.
    for at in (first, second):
        assert at.session_state["od_key"] not in caplog.text
