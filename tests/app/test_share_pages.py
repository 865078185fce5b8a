"""Share with partner and the partner view: what leaks (nothing), replies, revocation, safety, rotation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from guide.plan import Rating, Target, make_cycle
from guide.script import ScriptDraft, draft_to_dict
from storage.store import Access, Store
from tests.app.conftest import page_text, rendered, space_of
from ui import pages

SHARE, PARTNER = pages.path("share"), pages.path("partner")
NEUTRAL = "This link doesn't open anything"
START = date.today() - timedelta(days=10)  # weeks 1 and 2 have begun, 3 has not
EVIL = "**x** <img src=x onerror=alert(1)> [l](http://e) ![i](http://e/i.png)"

# Shared on purpose: these must reach the partner.
ASK = "SHAREDASK we go quiet after money talks"
TARGETS = ("SHAREDTARGETONE phones away at dinner", "SHAREDTARGETTWO a walk on Sundays")

# Private: none of these may reach the partner, in any element.
PRIVATE = {
    "quiz_progress": "LEAKQUIZPROGRESS",
    "quiz_results": "LEAKQUIZRESULT",
    "script_name": "LEAKSCRIPTNAME",
    "script_feeling": "LEAKSCRIPTFEELING",
    "script_opener": "LEAKSCRIPTOPENER",
    "script_boundary": "LEAKSCRIPTBOUNDARY",
    "script_other": "LEAKOTHERVERSION",
    "script_working": "LEAKSCRIPTWORKING",
    "old_target": "LEAKOLDTARGETWORDING",
    "old_cycle": "LEAKOLDCYCLETARGET",
    "decision": "LEAKDECISIONNOTE",
    "rating_note": "LEAKRATINGNOTE",
    "routine": "LEAKROUTINENOTE",
    "journal": "LEAKJOURNALLINE",
    "plan_review": "LEAKPLANREVIEW",
    "safety_plan": "LEAKSAFEPLACE",
    "therapist": "LEAKTHERAPISTNAME",
    "settings": "LEAKSETTINGVALUE",
    "own_label": "LEAKOWNLINKLABEL",
    "other_label": "LEAKOTHERLINKLABEL",
    "other_reply": "LEAKOTHERPARTNERREPLY",
}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def owner_on_share(make_app, key: str) -> AppTest:
    at = make_app(space=key)
    at.run()
    at.switch_page(SHARE).run()
    assert not at.exception, at.exception
    return at


def submit(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def seed_script(store: Store, access: Access, version: str, draft: ScriptDraft) -> None:
    store.private(access).put(
        "scripts", version, {"name": draft.name, "saved_at": now(), "draft": draft_to_dict(draft)}
    )


def seed_cycle(store: Store, access: Access, texts: tuple[str, ...] = TARGETS) -> list[Target]:
    targets = [Target(f"t{i}", text) for i, text in enumerate(texts, 1)]
    cycle = make_cycle("c1", START, targets)
    store.private(access).put("plan_cycles", "c1", cycle.to_dict() | {"active": True})
    return targets


def owner_rates(store: Store, access: Access, target_id: str, week: int, value: str) -> None:
    rating = Rating(target_id, week, value, note=PRIVATE["rating_note"], rated_on=date.today())
    store.private(access).put("plan_ratings", f"{target_id}/{week}/owner", rating.to_dict())


def make_link(at: AppTest, label: str) -> tuple[str, str]:
    """Make a link through the page; returns (link id, partner key) read from the one-time box."""
    at.text_input(key="share_label").input(label)
    submit(at, "Make a link")
    url = next(c.value for c in at.code if "?partner=" in c.value)
    assert url.startswith("http://testserver/?partner=")
    return at.session_state["share_new_link"]["id"], url.split("partner=", 1)[1]


def share(at: AppTest, link_id: str, **chosen: Any) -> AppTest:
    """Tick what one link shows and save it."""
    if "script" in chosen:
        at.selectbox(key=f"share_script_{link_id}").set_value(chosen["script"])
    if "explainer" in chosen:
        at.checkbox(key=f"share_explainer_{link_id}").set_value(chosen["explainer"])
    if "options" in chosen:
        at.multiselect(key=f"share_options_{link_id}").set_value(chosen["options"])
    if "targets" in chosen:
        at.checkbox(key=f"share_targets_{link_id}").set_value(chosen["targets"])
    save = next(
        b for b in at.button if b.label == "Save and share" and link_id in (b.form_id or "")
    )
    save.click().run()
    assert not at.exception, at.exception
    return at


def partner_app(make_app, key: str) -> AppTest:
    at = make_app(partner=key)
    at.run()
    assert not at.exception, at.exception
    return at


def seed_everything_private(store: Store, access: Access) -> None:
    """Every kind of private data, each carrying its own marker."""
    private = store.private(access)
    private.put("quiz_progress", "current", {"answers": {PRIVATE["quiz_progress"]: 1}})
    private.insert(
        "quiz_results",
        {
            "reasons": [{"id": "blame", "why": PRIVATE["quiz_results"]}],
            "taken_at": now(),
            "safety_flagged": False,
            "safety_items": [],
            "safety_complete": True,
        },
    )
    seed_script(
        store,
        access,
        "v-shared",
        ScriptDraft(
            name=PRIVATE["script_name"],
            opener=PRIVATE["script_opener"],
            feeling=PRIVATE["script_feeling"],
            problem=ASK,
            first_step="Would you try one call",
            boundary_pattern=PRIVATE["script_boundary"],
        ),
    )
    seed_script(store, access, "v-other", ScriptDraft(problem=PRIVATE["script_other"]))
    private.put("script_working", "current", {"draft": {"opener": PRIVATE["script_working"]}})
    targets = seed_cycle(store, access)
    # The first target was reworded once: its old wording is private history.
    cycle = make_cycle(
        "c1",
        START,
        [Target("t1", TARGETS[0], ((START, PRIVATE["old_target"]),)), targets[1]],
    )
    private.put("plan_cycles", "c1", cycle.to_dict() | {"active": True})
    old = make_cycle("c0", START - timedelta(days=60), [Target("o1", PRIVATE["old_cycle"])])
    old_doc = old.to_dict() | {"active": False}
    old_doc["decision"] = {
        "option": "keep_going",
        "decided_on": START.isoformat(),
        "note": PRIVATE["decision"],
        "timeline": {},
    }
    private.put("plan_cycles", "c0", old_doc)
    owner_rates(store, access, "t1", 1, "kept")
    private.insert(
        "routine_log", {"routine": "journal", "day": START.isoformat(), "note": PRIVATE["routine"]}
    )
    private.insert("journal", {"day": START.isoformat(), "text": PRIVATE["journal"]})
    private.put("plan_review", "c0", {"note": PRIVATE["plan_review"]})
    private.put("safety_plan", "plan", {"version": 1, "safe_place": PRIVATE["safety_plan"]})
    private.put("therapist_checklist", "current", {"candidates": [{"name": PRIVATE["therapist"]}]})
    private.put("settings", "theme", {"value": PRIVATE["settings"]})


# ---- the leak test --------------------------------------------------------------------------------


def test_partner_view_shows_what_was_shared_and_nothing_private(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    owner_key = app.session_state["od_key"]
    seed_everything_private(store, access)
    at = owner_on_share(make_app, owner_key)
    other_id, _other_key = make_link(at, PRIVATE["other_label"])
    at.button(key="share_new_link_done").click().run()
    share(at, other_id, explainer=True)
    store.shared(access).put(
        "partner_replies",
        other_id,
        {"options": [], "note": PRIVATE["other_reply"], "updated_at": now()},
    )
    link_id, key = make_link(at, PRIVATE["own_label"])
    share(
        at,
        link_id,
        script="v-shared",
        explainer=True,
        options=["intake_call", "weekly_checkin"],
        targets=True,
    )

    partner = partner_app(make_app, key)
    everything = rendered(partner)
    # The walker sees the shared things, so an absence below means something.
    for shared in (
        ASK,
        *TARGETS,
        "A 30-minute intake call",
        "What a first couples session is like",
    ):
        assert shared in everything, shared
    leaked = [name for name, marker in PRIVATE.items() if marker in everything]
    assert leaked == []
    assert owner_key not in everything
    assert "A free consultation" not in everything  # an option the owner did not pick
    for word in ("Quiz", "Journal", "Safety", "Six-week plan", "My data"):
        assert word not in page_text(partner), word
    assert len(partner.sidebar.children) == 0  # no navigation, no sidebar at all
    assert [e.proto.page for e in partner.get("page_link")] == []


def test_partner_flow_reply_rate_and_owner_sees_both_views(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    owner_key = app.session_state["od_key"]
    seed_script(store, access, "v1", ScriptDraft(name="First", problem=ASK))
    seed_cycle(store, access)
    owner_rates(store, access, "t1", 1, "kept")
    owner_rates(store, access, "t2", 1, "kept")
    at = owner_on_share(make_app, owner_key)
    link_id, key = make_link(at, "For Sam")
    share(at, link_id, script="v1", options=["intake_call", "workshop"], targets=True)

    partner = partner_app(make_app, key)
    assert ASK in page_text(partner)
    partner.checkbox(key="partner_option_workshop").check()
    partner.text_area(key="partner_note").input("Saturday mornings suit me.")
    submit(partner, "Send my reply")
    assert "Your reply is saved" in page_text(partner)
    # Future weeks are not offered; week 2 (the latest begun) is chosen first.
    assert partner.segmented_control(key="partner_week").options == ["Week 1", "Week 2"]
    partner.segmented_control(key="partner_week").set_value(1).run()
    partner.radio(key="partner_rate_1_t1").set_value("not")
    partner.radio(key="partner_rate_1_t2").set_value("kept")
    submit(partner, "Save week 1")
    assert "Thank you for sharing how week 1 looked to you" in page_text(partner)
    partner.run()  # the reply and ratings come back filled in
    assert "You've rated week 1." in page_text(partner)
    assert partner.checkbox(key="partner_option_workshop").value is True
    assert partner.text_area(key="partner_note").value == "Saturday mornings suit me."

    at = owner_on_share(make_app, owner_key)
    texts = [t.value for t in at.text]
    assert "Saturday mornings suit me." in texts
    assert any("A weekend workshop for couples" in t for t in texts)
    assert at.get("plotly_chart"), "the side-by-side chart is shown"
    text = page_text(at)
    assert "Where your views differ most" in text
    assert "Week 1" in text and "they said not kept" in text
    stored = store.shared(access).all("partner_ratings")
    assert {(d["target_id"], d["week"], d["rater"], d["link_id"]) for d in stored} == {
        ("t1", 1, "partner", link_id),
        ("t2", 1, "partner", link_id),
    }


def test_partner_text_reaches_the_owner_as_inert_text(app, make_app):
    owner_key = app.session_state["od_key"]
    at = owner_on_share(make_app, owner_key)
    link_id, key = make_link(at, "For Sam")
    share(at, link_id, explainer=True)
    partner = partner_app(make_app, key)
    partner.text_area(key="partner_note").input(EVIL)
    submit(partner, "Send my reply")

    at = owner_on_share(make_app, owner_key)
    assert EVIL in [t.value for t in at.text]
    for kind in ("markdown", "caption", "info", "warning", "success", "error"):
        for element in getattr(at, kind):
            assert "onerror" not in element.value, kind
            assert "http://e" not in element.value, kind
    assert not any(getattr(e.proto, "allow_html", False) for e in at.markdown)


# ---- revocation, safety, rotation -----------------------------------------------------------------


def test_revoke_asks_then_the_partner_gets_the_neutral_message(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    owner_key = app.session_state["od_key"]
    at = owner_on_share(make_app, owner_key)
    link_id, key = make_link(at, "For Sam")
    share(at, link_id, explainer=True)
    partner = partner_app(make_app, key)
    assert "An invitation" in page_text(partner)

    at.button(key=f"share_revoke_{link_id}").click().run()
    assert "Switch this link off for good?" in page_text(at)
    at.button(key=f"share_revoke_no_{link_id}").click().run()
    assert store.resolve(key) is not None
    at.button(key=f"share_revoke_{link_id}").click().run()
    at.button(key=f"share_revoke_yes_{link_id}").click().run()
    assert not at.exception
    assert store.resolve(key) is None
    assert store.shared(access).get("shares", link_id) is None
    assert "Switched-off links (1)" in [e.label for e in at.expander]

    partner.text_area(key="partner_note").input("hello?")
    next(b for b in partner.button if b.label == "Send my reply").click().run()
    assert NEUTRAL in page_text(partner)
    assert store.shared(access).get("partner_replies", link_id) is None


def test_safety_mode_blocks_sharing_and_the_partner_sees_only_the_neutral_message(
    app, make_app, data_dir
):
    store, access = space_of(app, data_dir)
    owner_key = app.session_state["od_key"]
    at = owner_on_share(make_app, owner_key)
    link_id, key = make_link(at, "For Sam")
    share(at, link_id, explainer=True)
    neutral = page_text(partner_app(make_app, "A" * 43))

    store.private(access).put("safety", "self_flag", {"at": now()})
    at = owner_on_share(make_app, owner_key)
    text = page_text(at)
    assert "Sharing with your partner is switched off while safety mode is on" in text
    assert "Your links are switched off for now" in text
    assert not [b for b in at.button if b.label in ("Make a link", "Save and share")]
    assert not at.get("text_input")
    assert store.shared(access).all("shares") == []  # withdrawn, not just hidden

    partner = partner_app(make_app, key)
    assert page_text(partner) == neutral
    assert "safety" not in rendered(partner).lower().replace("quick exit", "")


@pytest.mark.parametrize("links", ["none", "revoked", "open"])
def test_safety_mode_says_only_what_is_true_on_the_page(app, make_app, data_dir, links):
    """ "Switch it off below" only when a link below can be switched off."""
    store, access = space_of(app, data_dir)
    owner_key = app.session_state["od_key"]
    if links != "none":
        link_id, _key = store.add_partner_link(access, "For Sam")
        if links == "revoked":
            store.revoke_link(access, link_id)
    store.private(access).put("safety", "self_flag", {"at": now()})
    at = owner_on_share(make_app, owner_key)
    text = page_text(at)
    assert "Sharing with your partner is switched off while safety mode is on" in text
    assert ("switch it off below" in text) is (links == "open")
    assert ("Your links are switched off for now" in text) is (links == "open")
    if links == "none":
        assert "You haven't made any partner links" in text
        assert "Your links" not in [h.value for h in at.subheader]
    if links == "open":
        assert [b for b in at.button if b.key and b.key.startswith("share_revoke_")]


def test_replacing_my_own_link_keeps_me_in_and_stops_the_old_one(app, make_app, data_dir):
    store, _access = space_of(app, data_dir)
    old_key = app.session_state["od_key"]
    at = owner_on_share(make_app, old_key)
    _link_id, partner_key = make_link(at, "For Sam")
    at.button(key="share_rotate").click().run()
    at.button(key="share_rotate_yes").click().run()
    assert not at.exception, at.exception
    new_key = at.session_state["od_key"]
    assert new_key != old_key
    assert any(new_key in c.value for c in at.code)
    assert store.resolve(old_key) is None
    assert store.resolve(partner_key) is not None  # partner links keep working
    at.run()
    assert NEUTRAL not in page_text(at)
    assert at.session_state["od_key"] == new_key
    at.button(key="share_new_owner_link_done").click().run()
    assert new_key not in rendered(at).replace(f"space={new_key}", "")
    assert NEUTRAL in page_text(owner_on_share_raw(make_app, old_key))


def owner_on_share_raw(make_app, key: str) -> AppTest:
    at = make_app(space=key)
    at.run()
    return at


def test_new_partner_link_is_shown_once(app, make_app, data_dir):
    owner_key = app.session_state["od_key"]
    at = owner_on_share(make_app, owner_key)
    _link_id, key = make_link(at, "For Sam")
    assert "it can't be shown again" in page_text(at)
    at.button(key="share_new_link_done").click().run()
    assert key not in rendered(at)
    assert "For Sam" in page_text(at)
    assert "Shows nothing yet" in rendered(at)


@pytest.mark.parametrize("label", ["", "   ", "x" * 61])
def test_a_link_needs_a_short_name(app, make_app, label):
    at = owner_on_share(make_app, app.session_state["od_key"])
    at.text_input(key="share_label").input(label)
    submit(at, "Make a link")
    assert "share_new_link" not in at.session_state
    assert at.warning


def test_an_unshared_link_opens_nothing(app, make_app, data_dir):
    at = owner_on_share(make_app, app.session_state["od_key"])
    _link_id, key = make_link(at, "For Sam")
    partner = partner_app(make_app, key)
    assert NEUTRAL in page_text(partner)


def test_edited_targets_are_republished_on_the_owners_next_visit(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    owner_key = app.session_state["od_key"]
    seed_cycle(store, access)
    at = owner_on_share(make_app, owner_key)
    link_id, key = make_link(at, "For Sam")
    share(at, link_id, targets=True)
    seed_cycle(store, access, ("Tea together after work",))
    assert TARGETS[0] in rendered(partner_app(make_app, key))
    owner_on_share_raw(make_app, owner_key)  # any owner page runs the chrome's refresh
    text = rendered(partner_app(make_app, key))
    assert "Tea together after work" in text and TARGETS[0] not in text


def test_owner_opening_the_partner_page_is_told_what_it_is(app):
    app.switch_page(PARTNER).run()
    assert not app.exception
    assert "What your partner sees" in page_text(app)
    assert [e.proto.page for e in app.get("page_link") if "share" in e.proto.page]


def test_future_weeks_are_not_offered(app, make_app, data_dir):
    store, access = space_of(app, data_dir)
    seed_cycle(store, access)
    at = owner_on_share(make_app, app.session_state["od_key"])
    link_id, key = make_link(at, "For Sam")
    share(at, link_id, targets=True)
    partner = partner_app(make_app, key)
    assert partner.segmented_control(key="partner_week").options == ["Week 1", "Week 2"]
    assert "partner_rate_2_t1" in partner.session_state
    assert "partner_rate_3_t1" not in partner.session_state


def _partner_with_options(app, make_app, data_dir) -> tuple[AppTest, Store, Access]:
    store, access = space_of(app, data_dir)
    seed_script(store, access, "v1", ScriptDraft(name="First", problem=ASK))
    at = owner_on_share(make_app, app.session_state["od_key"])
    link_id, key = make_link(at, "Sam")
    share(at, link_id, script="v1", options=["intake_call", "workshop"])
    return partner_app(make_app, key), store, access


def test_an_empty_reply_is_not_called_saved(app, make_app, data_dir):
    """Issue 15, point 11: nothing ticked and nothing written is nothing to send."""
    partner, store, access = _partner_with_options(app, make_app, data_dir)
    submit(partner, "Send my reply")
    text = page_text(partner)
    assert "Your reply is saved" not in text
    assert "nothing to send" in text.lower()
    assert store.shared(access).all("partner_replies") == []


def test_a_long_reply_is_kept_in_the_box_with_how_much_to_cut(app, make_app, data_dir):
    """Issue 15, point 2: 5,000 characters in a 1,000-character box: kept, and told to cut 4,000."""
    partner, _, _ = _partner_with_options(app, make_app, data_dir)
    long_note = ("I would like to talk about this. " * 152).strip()  # 5,015 characters
    partner.text_area(key="partner_note").input(long_note)
    submit(partner, "Send my reply")
    text = page_text(partner)
    assert "Your reply is saved" not in text
    assert f"please cut {len(long_note) - 1000:,} characters" in text
    assert partner.text_area(key="partner_note").value == long_note
    assert partner.text_area(key="partner_note").max_chars in (None, 0)
