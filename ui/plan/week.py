"""This week: rate each target for any week that has begun, and remove a week's notes on purpose.

Late is fine, and saving again replaces the earlier rating; weeks that haven't begun are not
offered. Right after targets are saved (a new plan, a new cycle, an added target) a gentle word
comes first on any target that may be hard to rate.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from content import plan as words
from content.messages import t
from guide import formatting
from guide.keeping import would_erase
from guide.limits import first_too_long, limit_hint
from guide.plan import NOTE_LIMIT, RATING_VALUES, Cycle, PlanError, Rating, rated_weeks, target_hint
from guide.safety import SafetyMode, escape_markdown
from guide.weeks import WEEKS, due_weeks, rateable_weeks, week_range
from records import plan as plan_state
from ui import clock, confirm, feedback
from ui.context import Here
from ui.plan import state

PLACE = "plan_week"  # what a week's save or removal leaves to say, under its form
KEPT = "plan_week_kept"  # an empty note box kept the saved note: said beside the confirmation


def this_week(place: Here, cycle: Cycle, today: date, safety: SafetyMode) -> None:
    """Rate each target for a begun week; what is due is preselected."""
    hints_after_saving(cycle, safety.withholds("plan_together_ideas"))
    weeks = rateable_weeks(cycle.start, today)
    if not weeks:
        st.info(
            t(
                "Week 1 starts on {day}. You can rate it from then. Until then there is nothing "
                "to do, unless you'd like to start the routines early.",
                day=formatting.day(cycle.start),
            ),
            icon=":material/hourglass_top:",
        )
        return
    owner = plan_state.ratings(place, cycle, "owner")
    done = rated_weeks(cycle, owner)
    due = due_weeks(cycle.start, today, done)
    names = {
        n: t("Week {week}", week=n) + (" :material/check:" if n in done else "") for n in weeks
    }
    week = st.segmented_control(
        t("Which week?"),
        weeks,
        format_func=names.__getitem__,
        default=due[0] if due else weeks[-1],
        required=True,
        key=f"plan_week_{cycle.id}",
    )
    week = week if week in weeks else weeks[-1]
    if len(weeks) < WEEKS:
        first_next, _ = week_range(cycle.start, len(weeks) + 1)
        st.caption(
            t(
                "Week {week} begins on {day}.",
                week=len(weeks) + 1,
                day=formatting.day(first_next),
            )
        )
    rating_form(place, cycle, week, owner, today)


# --- hints after saving --------------------------------------------------------------------------


def target_hints(cycle: Cycle, own_support: bool = False) -> list[tuple[str, str]]:
    """(target text, gentle hint) for each target that may be hard to rate."""
    return [
        (target.text, hint)
        for target in cycle.targets
        if (hint := target_hint(target.text, own_support))
    ]


def hints_after_saving(cycle: Cycle, own_support: bool) -> None:
    """Right after the targets are saved: a gentle word on any that may be hard to rate."""
    if st.session_state.get(state.HINTS_FOR) != cycle.id:
        return
    hints = target_hints(cycle, own_support)
    if not hints:
        st.session_state.pop(state.HINTS_FOR, None)
        return
    with st.container(border=True, key="plan_hints"):
        st.markdown(":material/lightbulb: " + t("**A thought on your targets**"))
        for text, hint in hints:
            st.markdown(f"**{escape_markdown(text)}**: {hint}")
        st.caption(t("Your plan is saved as it is. Rewording is up to you, now or later."))
        row = st.container(horizontal=True)
        row.button(
            t("Reword a target"),
            key="plan_hints_reword",
            on_click=state.open_section,
            args=("setup",),
        )
        row.button(
            t("Keep them as they are"),
            key="plan_hints_keep",
            on_click=st.session_state.pop,
            args=(state.HINTS_FOR, None),
        )


# --- the week's form -----------------------------------------------------------------------------


def rating_form(place: Here, cycle: Cycle, week: int, owner: list[Rating], today: date) -> None:
    """One form per week: kept / partly kept / not kept and a note for each target."""
    labels = words.rating_labels()
    mine = {r.target_id: r for r in owner if r.week == week}
    first, last = week_range(cycle.start, week)
    with st.form(f"plan_rate_{cycle.id}_{week}", border=True):
        st.markdown(
            t(
                "**Week {week}** \u00b7 {first} to {last}",
                week=week,
                first=formatting.short_day(first),
                last=formatting.short_day(last),
            )
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
                t("A note on {target}", target=text),
                value=existing.note if existing else "",
                help=limit_hint(NOTE_LIMIT),
                placeholder=t("A note, if you like"),
                key=_note_key(cycle, week, target.id),
                label_visibility="collapsed",
            )
        st.form_submit_button(
            t("Save week {week}", week=week),
            type="primary",
            icon=":material/check:",
            on_click=save_week,
            args=(place, cycle, week, today),
        )
    st.caption(
        t(
            "You can come back and change a rating at any time; saving again replaces it. "
            "Clearing a choice removes that rating."
        )
    )
    feedback.show(PLACE)
    feedback.show(KEPT)
    if any(r.note for r in mine.values()):
        # Removing a week's notes: its own button, then a confirmation; the ratings stay.
        confirm.ask(
            f"plan_notes_clear_{week}",
            t("Remove week {week}'s notes", week=week),
            t("Remove the notes of week {week}? The ratings themselves stay.", week=week),
            t("Remove the notes"),
            t("Keep them"),
            on_click=remove_notes,
            args=(place, cycle, week),
        )


def _note_key(cycle: Cycle, week: int, target_id: str) -> str:
    return f"plan_note_{cycle.id}_{week}_{target_id}"


def _note(cycle: Cycle, week: int, target_id: str) -> str:
    """A week's note box for one target, as typed (trimmed)."""
    return (st.session_state.get(_note_key(cycle, week, target_id)) or "").strip()


@feedback.saves(PLACE)
def save_week(place: Here, cycle: Cycle, week: int, today: date) -> str | None:
    """Store the form's choices (a callback): new or changed ratings saved, cleared ones removed.

    It runs before the page is drawn, so the page draws once, with the week already saved.
    """
    long = first_too_long(
        (t("The note on “{target}”", target=target.text), _note(cycle, week, target.id), NOTE_LIMIT)
        for target in cycle.targets
    )
    if long is not None:  # checked for every target first, so no week is left half saved
        feedback.leave(
            PLACE,
            t("{problem} Nothing was saved.", problem=long),
            ok=False,
            icon=":material/content_cut:",
        )
        return None
    kept = False
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
                # An empty box is not a wish to erase: the saved note stays (see remove_notes).
                note = existing.note
                kept = True
                st.session_state[_note_key(cycle, week, target.id)] = note
            if existing is not None and (existing.value, existing.note) == (value, note):
                continue
            rating = Rating(target.id, week, value, note, "owner", rated_on=today)
            plan_state.save_rating(place, cycle, rating, today)
    except PlanError as exc:
        feedback.leave(PLACE, str(exc), ok=False, icon=":material/event_busy:")
        return None
    if kept:
        feedback.leave(
            KEPT,
            t(
                "A note box was empty, so the note saved before is kept. To remove notes on "
                "purpose, use Remove week {week}'s notes.",
                week=week,
            ),
            ok=False,
            icon=":material/info:",
        )
    return t("Week {week} saved.", week=week)


@feedback.saves(PLACE)
def remove_notes(place: Here, cycle: Cycle, week: int) -> str | None:
    """Empty every note of ``week`` (the yes of its ask, a callback); the ratings stay."""
    noted = [r for r in plan_state.ratings(place, cycle, "owner") if r.week == week and r.note]
    if not noted:
        return None
    try:
        for rating in noted:
            plan_state.save_rating(place, cycle, replace(rating, note=""), clock.today())
    except PlanError as exc:
        feedback.leave(PLACE, str(exc), ok=False, icon=":material/cloud_off:")
        return None
    for rating in noted:  # the boxes are drawn afresh, empty
        st.session_state.pop(_note_key(cycle, week, rating.target_id), None)
    return t("Week {week}'s notes are removed.", week=week)
