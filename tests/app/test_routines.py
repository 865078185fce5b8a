"""The plan's Routines tab: timer, check-in logs, book ticks, journal and support, across sessions.

Most tests drive ``ui.plan.routines.render`` through a tiny script of their own on a temp Store,
so they don't depend on the rest of the plan page; one goes through the real app.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from content import plan as words
from guide import routines as rt
from records import plan as plan_state
from storage.backup import parse_backup
from storage.errors import StorageUnavailable
from storage.store import Store
from tests.app.conftest import page_text
from ui import pages
from ui.context import Here
from ui.plan.timer import TIMER
from ui.settings import load_settings

TIMEOUT = 30
TODAY = date.today()  # the harness has no browser time zone, so the view uses the server's day


# The harness script. It lives in a temp folder beside a link to the real ``app_pages/`` so that
# ``st.page_link("app_pages/...")`` resolves exactly as it does under ``streamlit_app.py``.
HARNESS = """
import streamlit as st
from records import plan as plan_state
from ui import pages
from ui.plan import routines
from ui.context import Here, get_store
from ui.settings import load_settings

data_dir, key, with_cycle = st.session_state["harness"]
st.navigation(
    [st.Page(pages.path("going_alone")), st.Page(pages.path("safety"))], position="hidden"
)
store = get_store(data_dir)
place = Here(
    settings=load_settings(), store=store, access=store.resolve(key), local=False, key=key
)
routines.render(place, plan_state.active_cycle(place) if with_cycle else None)
"""
ROOT = Path(__file__).resolve().parents[2]


class Space:
    """A space on disk, with helpers to open sessions on it and read what they stored."""

    def __init__(self, data_dir: Path, harness: Path) -> None:
        self.data_dir = data_dir
        self.harness = harness
        self.store = Store(data_dir)
        self.key, self.access = self.store.create_space()
        self.here = Here(
            settings=load_settings(),
            store=self.store,
            access=self.access,
            local=False,
            key=self.key,
        )

    def session(self, with_cycle: bool = True) -> AppTest:
        """A new browser session on this space, after its first run."""
        at = AppTest.from_file(str(self.harness), default_timeout=TIMEOUT)
        at.session_state["harness"] = (str(self.data_dir), self.key, with_cycle)
        at.run()
        assert not at.exception, at.exception
        return at

    def log(self, routine: str | None = None) -> list[dict]:
        docs = self.store.private(self.access).all("routine_log")
        return [d for d in docs if routine is None or d["routine"] == routine]

    def journal(self) -> list[dict]:
        return self.store.private(self.access).all("journal")


@pytest.fixture
def space(tmp_path, monkeypatch) -> Space:
    monkeypatch.setenv("OPEN_DOOR_LOCAL_MODE", "off")
    folder = tmp_path / "harness"
    folder.mkdir()
    (folder / "app_pages").symlink_to(ROOT / "app_pages", target_is_directory=True)
    (folder / "routines_harness.py").write_text(HARNESS)
    return Space(tmp_path / "data", folder / "routines_harness.py")


@pytest.fixture
def planned(space: Space) -> Space:
    """A space with a six-week plan that began ten days ago (week 2)."""
    cycle = plan_state.new_plan(TODAY - timedelta(days=10), ["No phones at dinner"])
    plan_state.start_cycle(space.here, cycle)
    return space


def pick(at: AppTest, routine: str) -> AppTest:
    at.segmented_control(key="plan_routines_pick").set_value(routine).run()
    assert not at.exception, at.exception
    return at


def submit(at: AppTest, label: str) -> AppTest:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> list[str]:
    """What ``st.text`` showed: the user's own words are shown only this way."""
    return [t.value for t in at.text]


def active_id(space: Space) -> str:
    cycle = plan_state.active_cycle(space.here)
    assert cycle is not None
    return cycle.id


# --- the nightly timer ---------------------------------------------------------------------------


def test_timer_starts_counts_pauses_skips_and_stops(planned: Space) -> None:
    at = planned.session()
    assert at.segmented_control(key="plan_routines_pick").value == "nightly"
    assert "Press **Start**" in page_text(at)
    at.button(key="plan_routines_start").click().run()
    timer = at.session_state[TIMER]
    assert isinstance(timer, rt.Timer) and not timer.paused
    assert at.metric[0].label.startswith("Step 1 of 3")
    assert at.metric[0].value in ("2:00", "1:59")

    # 130 seconds in: the second phase with 50 seconds left, whatever happened in between.
    at.session_state[TIMER] = rt.Timer(started=time.monotonic() - 130)
    at.run()
    listener = words.nightly_checkin().phases[1]
    assert at.metric[0].label == f"Step 2 of 3: {listener.name}"
    assert at.metric[0].value in ("0:50", "0:49")
    assert listener.words in page_text(at)

    at.button(key="plan_routines_pause").click().run()
    assert at.session_state[TIMER].paused
    assert "Paused" in page_text(at)
    shown = at.metric[0].value
    at.run()
    assert at.metric[0].value == shown  # paused time does not count

    at.button(key="plan_routines_skip").click().run()
    assert at.metric[0].label.startswith("Step 3 of 3")
    assert at.metric[0].value == "5:00"
    at.button(key="plan_routines_resume").click().run()
    assert not at.session_state[TIMER].paused

    at.button(key="plan_routines_stop").click().run()
    assert TIMER not in at.session_state
    assert at.button(key="plan_routines_start").label == "Start"


def test_a_finished_timer_says_thank_you_and_offers_a_restart(planned: Space) -> None:
    at = planned.session()
    at.session_state[TIMER] = rt.Timer(started=time.monotonic() - 10_000)
    at.run()
    assert not at.exception
    assert words.nightly_checkin().done in [s.value for s in at.success]
    assert at.button(key="plan_routines_start").label == "Start again"
    assert not at.metric


# --- logging and seeing it again in a new session ------------------------------------------------


def test_log_routines_then_see_them_in_a_new_session(planned: Space) -> None:
    at = planned.session()
    cycle_id = active_id(planned)

    at.text_input(key="plan_routines_nightly_step").input("A walk after dinner")
    submit(at, "Log tonight's check-in")
    assert [d["note"] for d in planned.log("nightly")] == ["A walk after dinner"]
    assert planned.log("nightly")[0]["cycle_id"] == cycle_id
    assert "A walk after dinner" in texts(at)

    pick(at, "weekly")
    at.text_input(key="plan_routines_weekly_0").input("the Sunday walk")
    at.text_input(key="plan_routines_weekly_note").input("We laughed again")
    submit(at, "Log this week's check-in")
    (weekly,) = planned.log("weekly")
    assert weekly["note"] == "We laughed again" and weekly["answers"][0] == "the Sunday walk"
    assert weekly["day"] == TODAY.isoformat() and weekly["cycle_id"] == cycle_id

    pick(at, "book")
    book = words.books()[1]
    at.radio(key="plan_routines_book_pick_none").set_value(book.id).run()
    assert plan_state.active_cycle(planned.here).book_id == book.id
    for week in (1, 2, 3):
        at.checkbox(key=f"plan_routines_book_{book.id}_{week}").check().run()
    at.checkbox(key=f"plan_routines_book_{book.id}_3").uncheck().run()
    assert sorted(d["week"] for d in planned.log("book")) == [1, 2]
    assert at.get("progress")[0].proto.text == "2 of 4 weeks done"

    pick(at, "journal")
    at.text_input(key="plan_routines_journal_text").input("He asked about my day first.")
    submit(at, "Save today's line")
    at.checkbox(key=f"plan_routines_telling_{TODAY.isoformat()}").check().run()
    (line,) = planned.journal()
    assert line["text"] == "He asked about my day first." and line["telling"] is True
    assert line["cycle_id"] == cycle_id

    again = planned.session()
    assert "A walk after dinner" in texts(again)
    assert "Evenings logged this week: 1" in page_text(again)
    pick(again, "weekly")
    assert "This week's check-in was logged on" in page_text(again)
    pick(again, "book")
    assert book.title in page_text(again)
    ticked = [again.checkbox(key=f"plan_routines_book_{book.id}_{w}").value for w in (1, 2, 3, 4)]
    assert ticked == [True, True, False, False]
    pick(again, "journal")
    assert "He asked about my day first." in texts(again)
    assert again.checkbox(key=f"plan_routines_telling_{TODAY.isoformat()}").value is True


def test_logging_twice_on_one_day_updates_the_entry(planned: Space) -> None:
    at = planned.session()
    at.text_input(key="plan_routines_nightly_step").input("Dishes together")
    submit(at, "Log tonight's check-in")
    at.text_input(key="plan_routines_nightly_step").input("Dishes together, then tea")
    submit(at, "Log tonight's check-in")
    assert [d["note"] for d in planned.log("nightly")] == ["Dishes together, then tea"]


def test_an_empty_check_in_never_erases_what_was_logged(planned: Space) -> None:
    """Issue 15, point 1: pressing Log again with the box empty keeps tonight's note."""
    at = planned.session()
    at.text_input(key="plan_routines_nightly_step").input("Phones in the kitchen drawer at 9")
    submit(at, "Log tonight's check-in")
    at.text_input(key="plan_routines_nightly_step").input("")
    submit(at, "Log tonight's check-in")
    assert [d["note"] for d in planned.log("nightly")] == ["Phones in the kitchen drawer at 9"]
    assert "kept" in page_text(at)
    assert "Phones in the kitchen drawer at 9" in texts(at)

    pick(at, "weekly")
    at.text_input(key="plan_routines_weekly_0").input("the Sunday walk")
    at.text_input(key="plan_routines_weekly_note").input("We laughed again")
    submit(at, "Log this week's check-in")
    at.text_input(key="plan_routines_weekly_1").input("more time outside")
    submit(at, "Log this week's check-in")  # the other boxes are empty now
    (weekly,) = planned.log("weekly")
    assert weekly["note"] == "We laughed again"
    assert weekly["answers"][:2] == ["the Sunday walk", "more time outside"]


def test_clearing_a_check_in_note_is_its_own_confirmed_act(planned: Space) -> None:
    at = planned.session()
    at.text_input(key="plan_routines_nightly_step").input("Early night")
    submit(at, "Log tonight's check-in")
    at.button(key="plan_routines_nightly_clear").click().run()
    assert [d["note"] for d in planned.log("nightly")] == ["Early night"]  # not yet: confirm first
    at.button(key="plan_routines_nightly_clear_yes").click().run()
    assert [d["note"] for d in planned.log("nightly")] == [""]
    assert not at.exception


def test_journal_keeps_one_line_a_day_and_its_mark(planned: Space) -> None:
    at = pick(planned.session(), "journal")
    at.text_input(key="plan_routines_journal_text").input("First try.")
    submit(at, "Save today's line")
    at.checkbox(key=f"plan_routines_telling_{TODAY.isoformat()}").check().run()
    at.text_input(key="plan_routines_journal_text").input("Second  try,\twith care.")
    submit(at, "Save today's line")
    (line,) = planned.journal()
    assert (line["text"], line["telling"], line["key"]) == (
        "Second try, with care.",
        True,
        TODAY.isoformat(),
    )


def test_empty_journal_line_is_not_saved(planned: Space) -> None:
    at = pick(planned.session(), "journal")
    at.text_input(key="plan_routines_journal_text").input("   ")
    submit(at, "Save today's line")
    assert planned.journal() == []
    assert "Write a few words first" in page_text(at)


@pytest.mark.parametrize(
    "written", ["**bold** and _this_", "<b>tag</b> <script>alert(1)</script>", "# heading [x](y)"]
)
def test_journal_lines_are_shown_as_plain_text(planned: Space, written: str) -> None:
    planned.store.private(planned.access).put(
        "journal",
        TODAY.isoformat(),
        rt.journal_doc(rt.JournalLine(TODAY, written, False, None)),
    )
    at = pick(planned.session(), "journal")
    assert written in texts(at)
    assert all(written not in m.value for m in at.markdown)


def test_journal_lists_newest_first_and_folds_older_lines(planned: Space) -> None:
    private = planned.store.private(planned.access)
    for n in range(10):
        day = TODAY - timedelta(days=n)
        private.put("journal", day.isoformat(), rt.journal_doc(rt.JournalLine(day, f"line {n}")))
    at = pick(planned.session(), "journal")
    assert [t for t in texts(at) if t.startswith("line")] == [f"line {n}" for n in range(10)]
    assert [e.label for e in at.expander] == ["Earlier lines (3)"]


def test_support_ticks_this_week_and_links_to_going_alone(planned: Space) -> None:
    at = pick(planned.session(), "support")
    step = words.support_steps()[2]
    first, _ = rt.week_window(TODAY, TODAY - timedelta(days=10))
    widget = f"plan_routines_support_{step.id}_{first.isoformat()}"
    at.checkbox(key=widget).check().run()
    (entry,) = planned.log("support")
    assert (entry["step_id"], entry["note"]) == (step.id, step.title)
    assert f"1 of {len(words.support_steps())} done" in page_text(at)
    assert "More on going alone" in [e.proto.label for e in at.get("page_link")]
    again = pick(planned.session(), "support")
    assert again.checkbox(key=widget).value is True
    again.checkbox(key=widget).uncheck().run()
    assert planned.log("support") == []


def test_routines_survive_a_backup_and_restore(planned: Space) -> None:
    at = planned.session()
    at.text_input(key="plan_routines_nightly_step").input("Tea on the balcony")
    submit(at, "Log tonight's check-in")
    pick(at, "journal")
    at.text_input(key="plan_routines_journal_text").input("She noticed the tea.")
    submit(at, "Save today's line")
    at.checkbox(key=f"plan_routines_telling_{TODAY.isoformat()}").check().run()
    backup = parse_backup(planned.store.export_backup(planned.access))
    private = planned.store.private(planned.access)
    private.replace_table("journal", [])
    private.replace_table("routine_log", [])
    planned.store.restore_backup(planned.access, backup)
    again = planned.session()
    assert "Tea on the balcony" in texts(again)
    pick(again, "journal")
    assert "She noticed the tea." in texts(again)
    assert again.checkbox(key=f"plan_routines_telling_{TODAY.isoformat()}").value is True


# --- no plan yet, and safety mode ----------------------------------------------------------------


def test_without_a_plan_everything_still_logs_with_no_cycle(space: Space) -> None:
    at = space.session(with_cycle=False)
    assert "Routines belong to a six-week plan" in page_text(at)
    at.text_input(key="plan_routines_nightly_step").input("Early night")
    submit(at, "Log tonight's check-in")
    assert space.log("nightly")[0]["cycle_id"] is None

    pick(at, "book")
    book = words.books()[0]
    at.radio(key="plan_routines_book_pick_none").set_value(book.id).run()
    at.checkbox(key=f"plan_routines_book_{book.id}_1").check().run()
    assert space.store.private(space.access).get("book_choice", rt.NO_CYCLE)["book_id"] == book.id
    assert [(d["week"], d["cycle_id"]) for d in space.log("book")] == [(1, None)]

    pick(at, "journal")
    at.text_input(key="plan_routines_journal_text").input("Quiet evening.")
    submit(at, "Save today's line")
    assert space.journal()[0]["cycle_id"] is None


def test_changing_book_keeps_earlier_ticks_and_starts_fresh(planned: Space) -> None:
    first, second = words.books()[0], words.books()[1]
    at = pick(planned.session(), "book")
    at.radio(key="plan_routines_book_pick_none").set_value(first.id).run()
    at.checkbox(key=f"plan_routines_book_{first.id}_1").check().run()
    at.radio(key=f"plan_routines_book_pick_{first.id}").set_value(second.id).run()
    assert not at.exception
    assert plan_state.active_cycle(planned.here).book_id == second.id
    assert at.checkbox(key=f"plan_routines_book_{second.id}_1").value is False
    assert len(planned.log("book")) == 1  # the earlier book's week stays in the record


def test_safety_mode_leads_with_the_journal_and_a_note_on_talking_together(
    planned: Space,
) -> None:
    planned.store.private(planned.access).put(
        "safety", "self_flag", {"at": datetime.now(UTC).isoformat()}
    )
    at = planned.session()
    assert at.segmented_control(key="plan_routines_pick").value == "journal"
    pick(at, "nightly")
    assert any("Safety mode is on" in w.value for w in at.warning)


# --- through the real app ------------------------------------------------------------------------


def test_routines_tab_on_the_real_plan_page(
    make_app: Callable[..., AppTest], app: AppTest, data_dir: Path
) -> None:
    from tests.app.conftest import space_of

    store, access = space_of(app, data_dir)
    key = app.session_state["od_key"]
    here = Here(settings=load_settings(), store=store, access=access, local=False, key=key)
    plan_state.start_cycle(
        here, plan_state.new_plan(TODAY - timedelta(days=3), ["No phones at dinner"])
    )
    app.switch_page(pages.path("plan")).run()
    assert not app.exception, app.exception
    app.segmented_control(key="plan_section").set_value("routines").run()
    pick(app, "journal")
    app.text_input(key="plan_routines_journal_text").input("A calm evening.")
    submit(app, "Save today's line")
    again = make_app(space=key)
    again.run()
    again.switch_page(pages.path("plan")).run()
    again.segmented_control(key="plan_section").set_value("routines").run()
    pick(again, "journal")
    assert "A calm evening." in texts(again)


def test_clearing_the_weekly_words_is_its_own_confirmed_act(planned: Space) -> None:
    """Issue 15, point 1: the weekly check-in says how to clear kept words, and asks first."""
    at = pick(planned.session(), "weekly")
    at.text_input(key="plan_routines_weekly_note").input("We laughed again")
    submit(at, "Log this week's check-in")
    at.button(key="plan_routines_weekly_clear").click().run()
    assert planned.log("weekly")[0]["note"] == "We laughed again"  # not yet: confirm first
    at.button(key="plan_routines_weekly_clear_yes").click().run()
    assert not at.exception, at.exception
    (weekly,) = planned.log("weekly")
    assert weekly["note"] == "" and not any(weekly["answers"])


@pytest.mark.files_only  # a fault of the data folder's files
@pytest.mark.parametrize(
    ("routine", "box", "label"),
    [
        ("nightly", "plan_routines_nightly_step", "Log tonight's check-in"),
        ("weekly", "plan_routines_weekly_note", "Log this week's check-in"),
        ("journal", "plan_routines_journal_text", "Save today's line"),
    ],
)
def test_a_log_that_cannot_be_saved_says_so_in_place_and_keeps_the_words(
    planned: Space, monkeypatch, routine: str, box: str, label: str
) -> None:
    """A full disk: the calm warning under the form, no confirmation, the words still typed."""
    import errno

    import storage.files

    at = pick(planned.session(), routine)
    at.text_input(key=box).input("Phones in the kitchen drawer at 9")

    def refuse(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "full")

    write = storage.files.write_bytes
    monkeypatch.setattr(storage.files, "write_bytes", refuse)  # a full disk, from here on
    submit(at, label)
    assert StorageUnavailable.message in [w.value for w in at.warning]
    assert not at.toast
    assert at.text_input(key=box).value == "Phones in the kitchen drawer at 9"
    monkeypatch.setattr(storage.files, "write_bytes", write)
    assert planned.log(routine) == [] and planned.journal() == []
