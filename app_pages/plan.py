"""Six-week plan: up to three targets rated weekly, routines, charts, and a review that helps decide.

Without a plan the page explains the experiment and shows the setup form. With one, it shows where
the six weeks stand ("week N of 6" and what is due) and one section at a time, picked with a
segmented control so the charts are only built when they are looked at:

- **This week**: rate each target for any week that has begun (late is fine; saving again
  replaces the earlier rating); weeks that haven't begun are not offered.
- **Charts**: the four owner charts with their summaries and numbers.
- **Routines**: ``ui.routines_view.render`` (check-ins, book track, journal, own support).
- **Review**: the numbers, telling journal lines, the decision aid, a new cycle, and history.
- **Setup**: dates, the calendar file, rewording and adding targets.

Storage is in :mod:`records.plan` (its docstring lists the tables and their shapes); the larger
parts are drawn by :mod:`ui.plan_view`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from content import plan as words
from guide import formatting
from guide.journey import weeks_phrase
from guide.keeping import would_erase
from guide.limits import first_too_long, limit_hint
from guide.plan import NOTE_LIMIT, RATING_VALUES, Cycle, PlanError, Rating, rated_weeks
from guide.safety import SafetyMode, escape_markdown
from guide.weeks import WEEKS, due_weeks, rateable_weeks, week_range
from records import plan as plan_state
from records.plan import PlanStatus
from storage.errors import StorageError
from ui import clock, confirm, plan_view, routines_view, warm
from ui.callbacks import guarded
from ui.context import Here, here
from ui.safety.state import mode

SECTION = "plan_section"
SECTIONS = {
    "week": ":material/edit_calendar: This week",
    "charts": ":material/bar_chart: Charts",
    "routines": ":material/self_improvement: Routines",
    "review": ":material/fact_check: Review",
    "setup": ":material/tune: Setup",
}


def open_section(name: str) -> None:
    """Switch to another section (a button callback, so it runs before the control is drawn)."""
    st.session_state[SECTION] = name


def empty_state(place: Here, today: date, safety: SafetyMode) -> None:
    """No plan yet: what the experiment is, in a few warm lines, and the setup form."""
    if safety.withholds("plan_together_ideas"):
        # In safety mode the six weeks are the person's own: their rest, support and safety.
        own = words.safety_mode()
        st.markdown(own.intro)
        st.markdown("\n".join(f"- {point}" for point in own.points))
        st.caption("Everything you write here stays in your private space.")
        st.subheader("Set up your six weeks", anchor=False)
        plan_view.new_plan_form(place, today, own_support=True)
        return
    st.markdown(
        "You can't make anyone go to therapy. What you can do is try a few small changes for "
        "six weeks and keep an honest record of how they go."
    )
    st.markdown(
        "- **Pick up to three targets**: things you would both notice in an ordinary week, "
        "like no phones at dinner.\n"
        "- **Once a week**, note whether each one was kept, partly kept or not kept. It takes "
        "a minute, and a late week can still be rated.\n"
        "- **After six weeks**, look back over the record and your journal, and decide "
        "what comes next with something solid in hand."
    )
    st.caption("Everything you write here stays in your private space.")
    st.subheader("Set up your six weeks", anchor=False)
    plan_view.new_plan_form(place, today)


def header(status: PlanStatus, section: str) -> None:
    """Week N of 6 as a progress bar, and what is due (the review's call-out outside it)."""
    cycle = status.cycle
    assert cycle is not None
    if not status.started:
        st.progress(
            0.0, text=f"{status.headline}. The review is on {formatting.day(cycle.review_on)}."
        )
    else:
        st.progress(
            min(status.fraction, 1.0),
            text=f"**{status.headline}** \u00b7 review on {formatting.day(cycle.review_on)}",
        )
    if status.due_weeks:
        st.info(f"{weeks_phrase(status.due_weeks)} ready to rate.", icon=":material/edit_calendar:")
    if status.review_due and section != "review":
        with st.container(border=True, key="plan_review_due"):
            st.markdown(
                ":material/fact_check: **Your six weeks are done.** The review is ready when you "
                "are."
            )
            st.button(
                "Open the review",
                key="plan_open_review",
                on_click=open_section,
                args=("review",),
                type="primary",
            )


def current_section() -> str:
    """The section to show: one chosen after a save (``NEXT_SECTION``), else the last one."""
    pending = st.session_state.pop(plan_view.NEXT_SECTION, None)
    if pending in SECTIONS:
        st.session_state[SECTION] = pending
    # The start value goes through session state (not ``default``) because saves set it there.
    st.session_state.setdefault(SECTION, "week")
    value = st.session_state[SECTION]
    return value if value in SECTIONS else "week"


def section_picker() -> str:
    """The section control (call :func:`current_section` first)."""
    chosen = st.segmented_control(
        "Part of the plan",
        list(SECTIONS),
        format_func=SECTIONS.__getitem__,
        required=True,
        key=SECTION,
        label_visibility="collapsed",
        width="stretch",
    )
    return chosen if chosen in SECTIONS else "week"


def hints_after_saving(cycle: Cycle, own_support: bool) -> None:
    """Right after the targets are saved: a gentle word on any that may be hard to rate."""
    if st.session_state.get(plan_view.HINTS_FOR) != cycle.id:
        return
    hints = plan_view.target_hints(cycle, own_support)
    if not hints:
        st.session_state.pop(plan_view.HINTS_FOR, None)
        return
    with st.container(border=True, key="plan_hints"):
        st.markdown(":material/lightbulb: **A thought on your targets**")
        for text, hint in hints:
            st.markdown(f"**{escape_markdown(text)}**: {hint}")
        st.caption("Your plan is saved as it is. Rewording is up to you, now or later.")
        row = st.container(horizontal=True)
        row.button(
            "Reword a target", key="plan_hints_reword", on_click=open_section, args=("setup",)
        )
        row.button(
            "Keep them as they are",
            key="plan_hints_keep",
            on_click=st.session_state.pop,
            args=(plan_view.HINTS_FOR, None),
        )


def this_week(place: Here, cycle: Cycle, today: date, safety: SafetyMode) -> None:
    """Rate each target for a begun week; what is due is preselected."""
    hints_after_saving(cycle, safety.withholds("plan_together_ideas"))
    weeks = rateable_weeks(cycle.start, today)
    if not weeks:
        st.info(
            f"Week 1 starts on {formatting.day(cycle.start)}. You can rate it from then. Until then "
            "there is nothing to do, unless you'd like to start the routines early.",
            icon=":material/hourglass_top:",
        )
        return
    owner = plan_state.ratings(place, cycle, "owner")
    done = rated_weeks(cycle, owner)
    due = due_weeks(cycle.start, today, done)
    week = st.segmented_control(
        "Which week?",
        weeks,
        format_func=lambda n: f"Week {n} :material/check:" if n in done else f"Week {n}",
        default=due[0] if due else weeks[-1],
        required=True,
        key=f"plan_week_{cycle.id}",
    )
    week = week if week in weeks else weeks[-1]
    if len(weeks) < WEEKS:
        first_next, _ = week_range(cycle.start, len(weeks) + 1)
        st.caption(f"Week {len(weeks) + 1} begins on {formatting.day(first_next)}.")
    rating_form(place, cycle, week, owner, today)


def rating_form(place: Here, cycle: Cycle, week: int, owner: list[Rating], today: date) -> None:
    """One form per week: kept / partly kept / not kept and a note for each target."""
    labels = words.rating_labels()
    mine = {r.target_id: r for r in owner if r.week == week}
    first, last = week_range(cycle.start, week)
    with st.form(f"plan_rate_{cycle.id}_{week}", border=True):
        st.markdown(
            f"**Week {week}** \u00b7 {formatting.short_day(first)} to {formatting.short_day(last)}"
        )
        for target in cycle.targets:
            existing = mine.get(target.id)
            text = escape_markdown(target.text)
            st.segmented_control(
                f"**{text}**",
                RATING_VALUES,
                format_func=labels.__getitem__,
                default=existing.value if existing else None,
                key=f"plan_value_{cycle.id}_{week}_{target.id}",
            )
            st.text_input(
                f"A note on {text}",
                value=existing.note if existing else "",
                help=limit_hint(NOTE_LIMIT),
                placeholder="A note, if you like",
                key=f"plan_note_{cycle.id}_{week}_{target.id}",
                label_visibility="collapsed",
            )
        st.form_submit_button(
            f"Save week {week}",
            type="primary",
            icon=":material/check:",
            on_click=save_week,
            args=(place, cycle, week, today),
        )
    st.caption(
        "You can come back and change a rating at any time; saving again replaces it. Clearing "
        "a choice removes that rating."
    )
    plan_view.show_note(f"week_{week}")
    _clear_notes(place, cycle, week, [r for r in mine.values() if r.note])


def _clear_notes(place: Here, cycle: Cycle, week: int, noted: list[Rating]) -> None:
    """Removing a week's notes: its own button, then a confirmation; the ratings stay."""
    if not noted:
        return
    if not confirm.asked(
        f"plan_notes_clear_{week}",
        f"Remove week {week}'s notes",
        f"Remove the notes of week {week}? The ratings themselves stay.",
        "Remove the notes",
        "Keep them",
    ):
        return
    try:
        for rating in noted:
            plan_state.save_rating(place, cycle, replace(rating, note=""), clock.today())
    except (PlanError, StorageError) as exc:
        st.warning(str(getattr(exc, "message", exc)), icon=":material/cloud_off:")
        return
    for rating in noted:  # the boxes are drawn afresh, empty
        st.session_state.pop(f"plan_note_{cycle.id}_{week}_{rating.target_id}", None)
    st.toast(f"Week {week}'s notes are removed.", icon=":material/check_circle:")
    st.rerun()


def _note(cycle: Cycle, week: int, target_id: str) -> str:
    """A week's note box for one target, as typed (trimmed)."""
    return (st.session_state.get(f"plan_note_{cycle.id}_{week}_{target_id}") or "").strip()


@guarded
def save_week(place: Here, cycle: Cycle, week: int, today: date) -> None:
    """Store the form's choices (a callback): new or changed ratings saved, cleared ones removed.

    It runs before the page is drawn, so the page draws once, with the week already saved.
    """
    where = f"week_{week}"
    long = first_too_long(
        (f"The note on “{target.text}”", _note(cycle, week, target.id), NOTE_LIMIT)
        for target in cycle.targets
    )
    if long is not None:  # checked for every target first, so no week is left half saved
        plan_view.note(where, f"{long} Nothing was saved.", ":material/content_cut:")
        return
    kept: list[str] = []
    try:
        # Read afresh: only what really changed since is written.
        mine = {r.target_id: r for r in plan_state.ratings(place, cycle, "owner") if r.week == week}
        for target in cycle.targets:
            value = st.session_state.get(f"plan_value_{cycle.id}_{week}_{target.id}")
            note = _note(cycle, week, target.id)
            existing = mine.get(target.id)
            if value is None:
                if existing is not None:
                    plan_state.remove_rating(place, target.id, week)
                continue
            if existing is not None and would_erase({"n": existing.note}, {"n": note}):
                # An empty box is not a wish to erase: the saved note stays (see _clear_notes).
                note = existing.note
                kept.append(target.id)
                st.session_state[f"plan_note_{cycle.id}_{week}_{target.id}"] = note
            if existing is not None and (existing.value, existing.note) == (value, note):
                continue
            rating = Rating(target.id, week, value, note, "owner", rated_on=today)
            plan_state.save_rating(place, cycle, rating, today)
    except PlanError as exc:
        plan_view.note(where, str(exc), ":material/event_busy:")
        return
    except StorageError as exc:
        plan_view.note(where, exc.message, ":material/cloud_off:")
        return
    plan_view.confirm(f"Week {week} saved.")
    if kept:
        plan_view.note(
            where,
            "A note box was empty, so the note saved before is kept. To remove notes on "
            f"purpose, use Remove week {week}'s notes.",
            ":material/info:",
        )


def main() -> None:
    """Draw the plan page for this space."""
    place = here()
    today = clock.today()
    st.title("Six-week plan")
    flash = st.session_state.pop(plan_view.FLASH, None)
    if flash:
        st.toast(flash, icon=":material/check_circle:")
    status = plan_state.plan_status(place, today)
    cycle = status.cycle
    safety = mode(place)
    if cycle is None:
        empty_state(place, today, safety)
        return
    header(status, current_section())
    section = section_picker()
    if section != "charts":
        warm.charts_soon()  # the charts are one click away: load their libraries meanwhile
    if section == "week":
        this_week(place, cycle, today, safety)
    elif section == "charts":
        plan_view.charts(place, cycle)
    elif section == "routines":
        routines_view.render(place, cycle)
    elif section == "review":
        plan_view.review(place, cycle, today, safety)
    else:
        plan_view.setup(place, cycle, today, safety)
    # A warning whose place isn't on screen now (another section was picked) is not kept.
    st.session_state.pop(plan_view.NOTE, None)


main()
