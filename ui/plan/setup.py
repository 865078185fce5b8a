"""The Setup section: the dates, the calendar file, and the targets (reworded, added, the start
moved while nothing is rated yet)."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from content import plan as words
from content.messages import t
from guide import formatting
from guide.calendar import build_ics
from guide.limits import limit_hint
from guide.plan import (
    MAX_TARGETS,
    TARGET_LIMIT,
    Cycle,
    PlanError,
    edit_cycle_target,
    target_hint,
    target_suggestions,
)
from guide.safety import SafetyMode, escape_markdown
from guide.weeks import CYCLE_DAYS
from records import plan as plan_state
from ui import feedback
from ui.callbacks import fresh_data, refused_download
from ui.context import Here
from ui.plan import state
from ui.plan.fields import picker_format, today_in_words, typed

REWORD = "plan_reword"  # shown in the box of the target last reworded (REWORDED)
REWORDED = "plan_reworded"
ADD = "plan_add_target"
MOVE = "plan_move_start"


def setup(place: Here, cycle: Cycle, today: date, safety: SafetyMode) -> None:
    """Dates, the calendar file, and the targets with their hints, wording history and edits."""
    own = safety.withholds("plan_together_ideas")
    st.subheader(t("Dates"), anchor=False)
    dates = {"start": formatting.day(cycle.start), "review": formatting.day(cycle.review_on)}
    st.markdown(
        t("Started on **{start}**. Review on **{review}**.", **dates)
        if cycle.start <= today
        else t("Starts on **{start}**. Review on **{review}**.", **dates)
    )
    calendar_button(place, cycle)
    st.subheader(t("Your targets"), anchor=False)
    st.write(
        t(
            "You can reword a target at any time. Its ratings stay with it, and the earlier "
            "wording is kept."
        )
    )
    for index, target in enumerate(cycle.targets, 1):
        with st.container(border=True, key=f"plan_target_box_{index}"):
            st.markdown(f"**{index}. {escape_markdown(target.text)}**")
            hint = target_hint(target.text, own)
            if hint:
                st.caption(f":material/lightbulb: {hint}")
                for n, suggestion in enumerate(target_suggestions(target.text, own)):
                    st.button(
                        t("Use \u201c{suggestion}\u201d", suggestion=suggestion),
                        key=f"plan_use_{target.id}_{n}",
                        type="tertiary",
                        icon=":material/swap_horiz:",
                        on_click=use_suggestion,
                        args=(place, cycle, target.id, suggestion, today),
                    )
            if target.history:
                earlier = "; ".join(
                    t("\u201c{old}\u201d (until {day})", old=old, day=formatting.day(changed))
                    for changed, old in target.history
                )
                st.caption(t("Earlier wording: {earlier}", earlier=escape_markdown(earlier)))
            with (
                st.expander(t("Reword"), icon=":material/edit:"),
                st.form(f"plan_edit_{target.id}", border=False),
            ):
                st.text_input(
                    t("New wording"),
                    value=target.text,
                    key=f"plan_edit_text_{target.id}",
                    help=limit_hint(TARGET_LIMIT),
                )
                st.form_submit_button(
                    t("Save new wording"),
                    icon=":material/check:",
                    on_click=reword_from_form,
                    args=(place, cycle, target.id, today),
                )
            if st.session_state.get(REWORDED) == target.id:
                feedback.show(REWORD)
    if len(cycle.targets) < MAX_TARGETS:
        _add_target_form(place, cycle, own)
    feedback.show(ADD)  # also once the form is gone: the last target was just added
    if not plan_state.ratings(place, cycle, "owner"):
        _move_start_form(place, cycle, today)
    feedback.show(MOVE)


def calendar_button(place: Here, cycle: Cycle) -> None:
    """The .ics download with the six weekly reminders and the review date."""
    st.download_button(
        t("Add reminders to my calendar"),
        # Made when pressed, and only while the link still opens the space (see ui.callbacks).
        data=fresh_data(place, lambda _now: build_ics(cycle.start)),
        file_name="weekly-notes.ics",
        mime="text/calendar",
        key=f"plan_ics_{cycle.id}",
        icon=":material/calendar_add_on:",
        on_click=refused_download,
        args=(place,),
    )
    st.caption(
        t(
            "A reminder at the end of each week and one on the review date, as a calendar file. "
            "The titles are neutral, such as \u201cWeekly check-in notes\u201d, in case someone "
            "else sees your calendar."
        )
    )


# --- rewording -----------------------------------------------------------------------------------


@feedback.saves(REWORD)
def reword_from_form(place: Here, cycle: Cycle, target_id: str, today: date) -> str | None:
    """Save the wording typed in a target's Reword form (its callback)."""
    return _reword(place, cycle, target_id, typed(f"plan_edit_text_{target_id}"), today)


@feedback.saves(REWORD)
def use_suggestion(place: Here, cycle: Cycle, target_id: str, text: str, today: date) -> str | None:
    """Reword a target to a suggestion in one click (the suggestion button's callback)."""
    return _reword(place, cycle, target_id, text, today)


def _reword(place: Here, cycle: Cycle, target_id: str, text: str, today: date) -> str | None:
    st.session_state[REWORDED] = target_id  # what this leaves to say goes in that target's box
    if not text.strip():
        # An empty box is not a wish to erase: the target keeps its words, and is told so.
        current = next((target.text for target in cycle.targets if target.id == target_id), "")
        feedback.leave(
            REWORD,
            t(
                "“{target}” keeps its wording. To change it, type the new words and save.",
                target=escape_markdown(current),
            ),
            remark=True,
            icon=":material/edit:",
        )
        return None
    try:
        changed = edit_cycle_target(cycle, target_id, text, today)
    except PlanError as exc:
        feedback.leave(REWORD, str(exc), ok=False, icon=":material/edit:")
        return None
    if changed == cycle:
        feedback.leave(
            REWORD, t("That's the wording it already has."), remark=True, icon=":material/info:"
        )
        return None
    plan_state.save_cycle(place, changed)
    return t("Target reworded. Its ratings and earlier wording are kept.")


# --- adding a target -----------------------------------------------------------------------------


def _add_target_form(place: Here, cycle: Cycle, own_support: bool) -> None:
    taken = {target.text for target in cycle.targets}
    ideas = [e.text for e in words.target_examples(own_support) if e.text not in taken]
    with st.form("plan_add_target", border=True):
        st.text_input(
            t("Add a target"),
            key=f"plan_add_text_{cycle.id}",
            help=limit_hint(TARGET_LIMIT),
            placeholder=t("For example: {idea}", idea=ideas[0]) if ideas else "",
        )
        st.caption(t("Some ideas: {ideas}.", ideas="; ".join(ideas[:4])))
        st.form_submit_button(
            t("Add this target"), icon=":material/add:", on_click=add_target, args=(place, cycle)
        )


@feedback.saves(ADD)
def add_target(place: Here, cycle: Cycle) -> str | None:
    """Add the typed target to the plan (the form's callback)."""
    try:
        changed = plan_state.add_target(cycle, typed(f"plan_add_text_{cycle.id}"))
    except PlanError as exc:
        feedback.leave(ADD, str(exc), ok=False, icon=":material/edit:")
        return None
    plan_state.save_cycle(place, changed)
    st.session_state[state.HINTS_FOR] = cycle.id
    return t("Target added.")


# --- moving the start ----------------------------------------------------------------------------


def _move_start_form(place: Here, cycle: Cycle, today: date) -> None:
    earlier = plan_state.earlier_cycles(place, cycle)
    lowest = today - timedelta(days=CYCLE_DAYS - 1)
    if earlier:
        lowest = max(lowest, earlier[0].start + timedelta(days=1))
    with st.form("plan_move_start", border=True):
        today_in_words(today)
        st.date_input(
            t("Change the start date"),
            value=max(cycle.start, lowest),
            min_value=lowest,
            max_value=today + timedelta(days=60),
            format=picker_format(),
            key=f"plan_move_start_{cycle.id}",
            help=t("Possible until the first rating is saved."),
        )
        st.form_submit_button(
            t("Save start date"), icon=":material/event:", on_click=move_start, args=(place, cycle)
        )


@feedback.saves(MOVE)
def move_start(place: Here, cycle: Cycle) -> str | None:
    """Move the six weeks to the chosen start date (the form's callback)."""
    start = st.session_state.get(f"plan_move_start_{cycle.id}")
    if not isinstance(start, date):
        return None  # an emptied date box: nothing to change
    plan_state.save_cycle(place, plan_state.move_start(cycle, start))
    return t("The six weeks now start on {day}.", day=formatting.day(start))
