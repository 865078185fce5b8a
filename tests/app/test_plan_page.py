"""The six-week plan page in AppTest: setup, rating, a new session, charts, review and decision,
a new cycle with history, the safety gate, and a backup/restore round trip."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from content import plan as words
from records import plan as plan_state
from storage.backup import parse_backup
from tests.app.conftest import page_text, space_of
from tests.support.seed import StoreSpace, seed_six_weeks
from ui import pages

PLAN = pages.path("plan")
TODAY = date.today()


def open_plan(at):
    at.switch_page(PLAN).run()
    assert not at.exception, at.exception
    return at


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def section(at, name: str):
    at.segmented_control(key="plan_section").set_value(name).run()
    assert not at.exception, at.exception
    return at


def progress_text(at) -> str:
    return " ".join(p.proto.text for p in at.get("progress"))


def space(at, data_dir) -> StoreSpace:
    return StoreSpace(*space_of(at, data_dir))


def set_up(at, *targets: str, ideas: tuple[str, ...] = ()):
    """Fill in and submit the setup form."""
    for n, text in enumerate(targets, 1):
        at.text_input(key=f"plan_setup_target_{n}").input(text)
    if ideas:
        at.pills(key="plan_setup_ideas").set_value(list(ideas))
    return click(at, "Start my six weeks")


def rate(at, cycle, week: int, values: dict[str, str], notes: dict[str, str] | None = None):
    for target_id, value in values.items():
        at.segmented_control(key=f"plan_value_{cycle.id}_{week}_{target_id}").set_value(value)
    for target_id, note in (notes or {}).items():
        at.text_input(key=f"plan_note_{cycle.id}_{week}_{target_id}").input(note)
    return click(at, f"Save week {week}")


@pytest.fixture
def seeded(app, data_dir):
    """A space with a finished six-week cycle, on the plan page."""
    store, access = space_of(app, data_dir)
    cycle = seed_six_weeks(store, access, TODAY)
    return open_plan(app), cycle


def test_empty_space_explains_the_experiment_and_offers_setup(app):
    text = page_text(open_plan(app))
    assert "try a few small changes for six weeks" in text
    assert "Set up your six weeks" in text
    ideas = app.pills(key="plan_setup_ideas")
    assert set(ideas.options) >= {e.text for e in words.target_examples()[:3]}


def test_set_up_rate_and_see_it_in_a_new_session(app, make_app, data_dir):
    open_plan(app)
    set_up(app, "Ten minutes of talk after work, no screens", ideas=("No phones at dinner",))
    cycle = plan_state.active_cycle(space(app, data_dir))
    assert cycle is not None and cycle.start == TODAY
    assert [t.text for t in cycle.targets] == [
        "No phones at dinner",
        "Ten minutes of talk after work, no screens",
    ]
    assert "Week 1 of 6" in progress_text(app)
    first, second = cycle.target_ids
    rate(app, cycle, 1, {first: "kept", second: "partly"}, {second: "Two evenings out of five"})
    assert [t.value for t in app.toast] == ["Week 1 saved."]

    again = make_app(space=app.session_state["od_key"])
    again.run()
    open_plan(again)
    assert again.segmented_control(key=f"plan_value_{cycle.id}_1_{first}").value == "kept"
    assert again.segmented_control(key=f"plan_value_{cycle.id}_1_{second}").value == "partly"
    note = again.text_input(key=f"plan_note_{cycle.id}_1_{second}")
    assert note.value == "Two evenings out of five"


def test_rating_again_updates_and_never_duplicates(app, data_dir):
    open_plan(app)
    set_up(app, "No phones at dinner")
    cycle = plan_state.active_cycle(space(app, data_dir))
    (target,) = cycle.target_ids
    rate(app, cycle, 1, {target: "kept"})
    rate(app, cycle, 1, {target: "not"}, {target: "A hard week"})
    (stored,) = plan_state.ratings(space(app, data_dir), cycle)
    assert (stored.value, stored.note) == ("not", "A hard week")
    assert len(space(app, data_dir).private.all(plan_state.RATINGS_TABLE)) == 1
    # Clearing the choice removes the rating.
    rate(app, cycle, 1, {target: None})
    assert plan_state.ratings(space(app, data_dir), cycle) == []


def test_future_weeks_are_not_offered(app, data_dir):
    open_plan(app)
    set_up(app, "No phones at dinner")
    cycle = plan_state.active_cycle(space(app, data_dir))
    weeks = app.segmented_control(key=f"plan_week_{cycle.id}")
    assert weeks.options == ["Week 1"]
    assert "Week 2 begins on" in page_text(app)


def test_a_plan_starting_later_waits_calmly(app, data_dir):
    open_plan(app)
    app.date_input(key="plan_setup_start").set_value(TODAY + timedelta(days=3))
    set_up(app, "No phones at dinner")
    cycle = plan_state.active_cycle(space(app, data_dir))
    assert cycle.start == TODAY + timedelta(days=3)
    assert "Week 1 starts on" in page_text(app)
    assert not [w for w in app.segmented_control if w.key == f"plan_week_{cycle.id}"]


def test_a_past_start_lets_late_weeks_be_rated(app, data_dir):
    open_plan(app)
    app.date_input(key="plan_setup_start").set_value(TODAY - timedelta(days=15))
    set_up(app, "No phones at dinner")
    cycle = plan_state.active_cycle(space(app, data_dir))
    weeks = app.segmented_control(key=f"plan_week_{cycle.id}")
    assert weeks.options == ["Week 1", "Week 2", "Week 3"]
    assert weeks.value == 1  # the earliest week that is due comes first
    assert "Weeks 1 and 2 are ready to rate." in page_text(app)
    weeks.set_value(2).run()
    rate(app, cycle, 2, {cycle.target_ids[0]: "partly"})
    assert [r.week for r in plan_state.ratings(space(app, data_dir), cycle)] == [2]


@pytest.mark.parametrize(
    ("targets", "ideas", "message"),
    [
        (("a", "b"), ("No phones at dinner", "One date night a week"), "Three targets"),
        ((), (), "at least one"),
        (("No phones at dinner",), ("No phones at dinner",), "same wording"),
    ],
)
def test_setup_refusals_are_calm_and_save_nothing(app, data_dir, targets, ideas, message):
    open_plan(app)
    set_up(app, *targets, ideas=ideas)
    assert any(message in w.value for w in app.warning)
    assert plan_state.active_cycle(space(app, data_dir)) is None


def test_a_vague_target_gets_a_hint_after_saving_never_a_block(app, data_dir):
    open_plan(app)
    set_up(app, "Be nicer to each other")
    assert plan_state.active_cycle(space(app, data_dir)) is not None
    assert "A thought on your targets" in page_text(app)
    assert "hard to rate" in page_text(app)
    click(app, "Reword a target")
    assert app.segmented_control(key="plan_section").value == "setup"


def test_the_hint_can_be_put_away(app):
    open_plan(app)
    set_up(app, "Communicate better")
    assert "A thought on your targets" in page_text(app)
    click(app, "Keep them as they are")
    assert "A thought on your targets" not in page_text(app)


def test_setup_rewords_a_target_and_keeps_its_history(app, data_dir):
    open_plan(app)
    set_up(app, "Be nicer")
    cycle = plan_state.active_cycle(space(app, data_dir))
    (target,) = cycle.target_ids
    rate(app, cycle, 1, {target: "partly"})
    section(app, "setup")
    downloads = [d.proto.label for d in app.get("download_button")]
    assert downloads == ["Add reminders to my calendar"]
    app.text_input(key=f"plan_edit_text_{target}").input("Say thank you for one thing each day")
    click(app, "Save new wording")
    changed = plan_state.active_cycle(space(app, data_dir))
    assert changed.targets[0].text == "Say thank you for one thing each day"
    assert changed.targets[0].history == ((TODAY, "Be nicer"),)
    assert len(plan_state.ratings(space(app, data_dir), changed)) == 1
    assert "Earlier wording" in page_text(app)


def test_an_empty_reword_is_refused_and_says_the_wording_is_kept(app, data_dir):
    open_plan(app)
    set_up(app, "No phones at dinner")
    cycle = plan_state.active_cycle(space(app, data_dir))
    (target,) = cycle.target_ids
    section(app, "setup")
    app.text_input(key=f"plan_edit_text_{target}").input("   ")
    click(app, "Save new wording")
    assert plan_state.active_cycle(space(app, data_dir)).targets[0].text == "No phones at dinner"
    assert "“No phones at dinner” keeps its wording." in page_text(app)
    assert not app.toast


def test_a_new_six_weeks_with_every_target_cleared_starts_nothing_and_keeps_the_plan(
    seeded, data_dir
):
    at, cycle = seeded
    section(at, "review")
    at.radio(key=f"plan_decision_{cycle.id}").set_value("keep_going")
    click(at, "Save my decision")
    for n in range(1, len(cycle.targets) + 1):
        at.text_input(key=f"plan_next_target_{cycle.id}_{n}").input("")
    click(at, "Start the new six weeks")
    assert plan_state.active_cycle(space(at, data_dir)).id == cycle.id
    text = page_text(at)
    assert "Nothing was started" in text and "kept as they were" in text
    assert not at.toast


def test_a_suggestion_rewords_a_vague_target_in_one_click(app, data_dir):
    open_plan(app)
    set_up(app, "Fight less")
    section(app, "setup")
    cycle = plan_state.active_cycle(space(app, data_dir))
    app.button(key=f"plan_use_{cycle.target_ids[0]}_1").click().run()
    assert not app.exception, app.exception
    changed = plan_state.active_cycle(space(app, data_dir)).targets[0]
    assert changed.text == "No name-calling, even when upset"
    assert changed.history == ((TODAY, "Fight less"),)


def test_the_start_date_can_move_until_the_first_rating(app, data_dir):
    open_plan(app)
    set_up(app, "No phones at dinner")
    section(app, "setup")
    cycle = plan_state.active_cycle(space(app, data_dir))
    app.date_input(key=f"plan_move_start_{cycle.id}").set_value(TODAY - timedelta(days=2))
    click(app, "Save start date")
    moved = plan_state.active_cycle(space(app, data_dir))
    assert moved.start == TODAY - timedelta(days=2) and moved.target_ids == cycle.target_ids
    section(app, "week")
    rate(app, moved, 1, {moved.target_ids[0]: "kept"})
    section(app, "setup")
    assert not [d for d in app.date_input if d.key == f"plan_move_start_{cycle.id}"]


def test_setup_adds_a_target(app, data_dir):
    open_plan(app)
    set_up(app, "No phones at dinner")
    section(app, "setup")
    cycle = plan_state.active_cycle(space(app, data_dir))
    app.text_input(key=f"plan_add_text_{cycle.id}").input("One date night a week")
    click(app, "Add this target")
    assert len(plan_state.active_cycle(space(app, data_dir)).targets) == 2


def test_seeded_six_weeks_render_every_chart_and_section(seeded):
    at, _ = seeded
    assert "All six weeks are done" in progress_text(at)
    section(at, "charts")
    charts = at.get("plotly_chart")
    assert len(charts) == 4
    text = page_text(at)
    assert "18 of 18 ratings so far: 7 kept, 7 partly kept, 4 not kept." in text
    assert "It has been rising over the weeks." in text
    assert "Routine entries logged:" in text
    for name in ("routines", "review", "setup", "week"):
        section(at, name)


def test_charts_are_built_only_when_shown(seeded):
    at, _ = seeded
    for name in ("week", "review", "setup"):
        section(at, name)
        assert not at.get("plotly_chart")


def test_review_shows_the_numbers_telling_lines_and_choices(seeded):
    at, cycle = seeded
    click(at, "Open the review")
    text = page_text(at)
    assert "It's early" not in text
    assert "**No phones at dinner**: kept 5 of 6 rated weeks (83%)" in text
    assert "Went best: **No phones at dinner**." in text
    assert "Hardest: **Take a 20-minute break" in text
    assert "He suggested the walk himself." in text
    assert "Quiet week. Both tired." not in text  # not marked telling
    radio = at.radio(key=f"plan_decision_{cycle.id}")
    assert radio.options == [o.title for o in words.decision_options()]
    assert {link.proto.page for link in at.get("page_link")} >= {"going-alone"}


def test_review_on_demand_says_it_is_early(app, data_dir):
    open_plan(app)
    set_up(app, "No phones at dinner")
    section(app, "review")
    assert "It's early" in page_text(app)


def test_decision_saves_and_a_new_cycle_starts_with_history(seeded, data_dir):
    at, cycle = seeded
    section(at, "review")
    at.radio(key=f"plan_decision_{cycle.id}").set_value("keep_going")
    at.text_area(key=f"plan_timeline_{cycle.id}_wait").input("Until the summer")
    click(at, "Save my decision")
    saved = plan_state.active_cycle(space(at, data_dir))
    assert saved.decision.option == "keep_going"
    assert dict(saved.decision.timeline) == {"wait": "Until the summer"}
    assert "You chose **Keep going**" in page_text(at)

    at.text_input(key=f"plan_next_target_{cycle.id}_3").input("Keep voices at talking level")
    click(at, "Start the new six weeks")
    fresh = plan_state.active_cycle(space(at, data_dir))
    assert fresh.id != cycle.id and fresh.previous_id == cycle.id and fresh.start == TODAY
    assert [t.text for t in fresh.targets][2] == "Keep voices at talking level"
    assert fresh.targets[2].history[-1][1] == cycle.targets[2].text
    assert at.segmented_control(key="plan_section").value == "week"
    old = plan_state.earlier_cycles(space(at, data_dir), fresh)
    assert [c.id for c in old] == [cycle.id]
    assert len(plan_state.ratings(space(at, data_dir), old[0])) == 18

    section(at, "review")
    text = page_text(at)
    assert "Earlier six-week plans" in text
    assert "You chose **Keep going**" in text  # the old cycle, read-only
    assert "Until the summer" in text
    assert at.get("plotly_chart")  # the old cycle's grid


def test_choosing_nothing_asks_calmly(seeded, data_dir):
    at, _ = seeded
    section(at, "review")
    click(at, "Save my decision")
    assert any("Please pick one" in w.value for w in at.warning)
    assert plan_state.active_cycle(space(at, data_dir)).decision is None


def test_safety_mode_withholds_asking_again_and_boundaries(seeded):
    at, cycle = seeded
    at.button(key="chrome_safety_flag").click().run()
    open_plan(at)
    section(at, "review")
    options = at.radio(key=f"plan_decision_{cycle.id}").options
    ids = {o.title: o.id for o in words.decision_options()}
    assert "ask_again" not in {ids[o] for o in options}
    assert "boundaries" not in {ids[o] for o in options}
    assert "keep_going" in {ids[o] for o in options}
    assert any("paused" in i.value for i in at.info)
    assert "safety" in {link.proto.page for link in at.get("page_link")}


def test_safety_mode_plan_suggests_own_support_and_safety(app):
    """No plan yet: the ideas are for the person's own support and safety, not for the couple."""
    app.button(key="chrome_safety_flag").click().run()
    open_plan(app)
    own = [e.text for e in words.target_examples(own_support=True)]
    together = [e.text for e in words.target_examples()]
    ideas = app.pills(key="plan_setup_ideas").options
    assert ideas == own
    assert not set(ideas) & set(together)
    text = page_text(app)
    assert words.safety_mode().intro in text
    assert "like no phones at dinner" not in text
    assert all(t not in text for t in together)
    # The ideas the issue names: sleep, a trusted friend, a call with an advocate, the safety plan.
    joined = " ".join(own).lower()
    assert all(w in joined for w in ("bed", "friend", "advocate", "safety plan"))


def test_safety_mode_rewording_suggests_own_support_too(app, data_dir):
    open_plan(app)
    set_up(app, "Be nicer")
    app.button(key="chrome_safety_flag").click().run()
    open_plan(app)
    section(app, "setup")
    own = {e.text for e in words.target_examples(own_support=True)}
    offered = [b.label for b in app.button if b.label.startswith("Use ")]
    assert offered and all(label[5:-1] in own for label in offered)
    text = page_text(app)
    assert all(e.text not in text for e in words.target_examples())


def test_safety_mode_review_leads_with_help_not_couples_therapy(seeded):
    at, _cycle = seeded
    at.button(key="chrome_safety_flag").click().run()
    open_plan(at)
    section(at, "review")
    text = page_text(at)
    assert words.safety_mode().review_lead in text
    assert words.decision_aid().intro in text
    titles = {o.id: o.title for o in words.decision_options()}
    assert titles["ask_again"] not in text


def test_backup_and_restore_keep_the_plan(seeded, make_app, data_dir):
    at, cycle = seeded
    store, access = space_of(at, data_dir)
    backup = parse_backup(store.export_backup(access))
    other = make_app()
    other.run()
    other_store, other_access = space_of(other, data_dir)
    other_store.restore_backup(other_access, backup)
    restored = StoreSpace(other_store, other_access)
    assert plan_state.active_cycle(restored) == cycle
    before = plan_state.ratings(StoreSpace(store, access), cycle)
    assert plan_state.ratings(restored, cycle) == before
    assert plan_state.journal_entries(restored, cycle) == plan_state.journal_entries(
        StoreSpace(store, access), cycle
    )
    open_plan(other)
    section(other, "charts")
    assert "18 of 18 ratings so far" in page_text(other)
