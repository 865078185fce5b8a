"""The nightly and weekly check-ins: what to do, the nightly timer, and logging each one.

A check-in is logged once a day: logging again that day updates the entry, and boxes left empty
keep what was logged earlier (clearing those words is its own button, which asks first). Each log
and each clearing is saved in its button's callback through ``ui.feedback.saves``.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from content import plan as words
from content.messages import t
from guide import formatting
from guide import routines as rt
from guide.limits import first_too_long, limit_hint, too_long
from guide.plan import Cycle
from guide.safety import SafetyMode
from records import routines as records
from ui import confirm, feedback
from ui.clock import today  # the user's own date, as the plan and Home see it
from ui.context import Here
from ui.plan.fields import typed
from ui.plan.routine_log import (
    NOTE_CHARS,
    cycle_id,
    heading,
    log_once_a_day,
    logged_on,
    safety_together,
)
from ui.plan.timer import countdown

NIGHTLY, NIGHTLY_KEPT = "plan_nightly", "plan_nightly_kept"
WEEKLY, WEEKLY_KEPT = "plan_weekly", "plan_weekly_kept"
RECENT = 3  # recent small steps shown under the nightly log


def kept_note() -> str:
    """What logging tonight's check-in again with an empty box says (in the run's language)."""
    return t(
        "The box was empty, so what you logged earlier today is kept. To remove it, use "
        "Clear tonight's note."
    )


def weekly_kept_note() -> str:
    """What logging this week's check-in again with empty boxes says."""
    return t(
        "Boxes left empty keep what you logged earlier today. To remove those words, use Clear "
        "today's check-in words."
    )


# --- nightly -------------------------------------------------------------------------------------


def nightly(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    """The nightly check-in: what it is, the timer, and tonight's log."""
    checkin = words.nightly_checkin()
    heading("nightly", checkin.title)
    st.write(checkin.intro)
    if safety.on:
        st.warning(safety_together(), icon=":material/health_and_safety:")
    countdown()
    st.caption(checkin.swap_note)
    _nightly_log(place, cycle)


def _nightly_log(place: Here, cycle: Cycle | None) -> None:
    checkin = words.nightly_checkin()
    day = today()
    with st.form("plan_routines_nightly_form", border=True):
        st.markdown(t("**Log tonight's check-in**"))
        st.text_input(
            checkin.log_prompt,
            placeholder=t("Optional"),
            key="plan_routines_nightly_step",
            help=limit_hint(NOTE_CHARS),
        )
        st.form_submit_button(
            t("Log tonight's check-in"),
            icon=":material/check:",
            on_click=log_nightly,
            args=(place, cycle),
        )
    feedback.show(NIGHTLY)
    feedback.show(NIGHTLY_KEPT)
    found = logged_on(place, "nightly", day, cycle)
    if found is not None and found.get("note"):
        # Clearing tonight's note: its own button, then a confirmation; the check-in stays.
        confirm.ask(
            "plan_routines_nightly_clear",
            t("Clear tonight's note"),
            t("Remove tonight's note? The check-in itself stays logged."),
            t("Remove the note"),
            t("Keep it"),
            on_click=clear_nightly_note,
            args=(place, day, cycle),
        )
    logged = rt.entries(records.log_docs(place.private), "nightly", cycle_id(cycle))
    first, last = rt.week_window(day, cycle.start if cycle else None)
    this_week = [d for d in logged if first.isoformat() <= d["day"] <= last.isoformat()]
    if this_week:
        st.caption(
            ":material/check: " + t("Evenings logged this week: {count}", count=len(this_week))
        )
    else:
        st.caption(t("No evenings logged yet this week."))
    steps = [d for d in logged if d.get("note")][:RECENT]
    if steps:
        st.markdown(t("**Recent small steps**"))
        for doc in steps:
            st.caption(formatting.day(formatting.read_date(doc["day"])))
            st.text(doc["note"])


@feedback.saves(NIGHTLY)
def log_nightly(place: Here, cycle: Cycle | None) -> str | None:
    """Log tonight's check-in with its small step (the form's callback)."""
    step = typed("plan_routines_nightly_step")
    long = too_long(step, NOTE_CHARS)
    if long is not None:  # nothing logged; the words stay in the box
        feedback.leave(
            NIGHTLY,
            t("{problem} Nothing was logged.", problem=long),
            ok=False,
            icon=":material/content_cut:",
        )
        return None
    if log_once_a_day(place, "nightly", today(), step, cycle):
        feedback.leave(NIGHTLY_KEPT, kept_note(), remark=True, icon=":material/info:")
    return t("Tonight's check-in is logged.")


@feedback.saves(NIGHTLY)
def clear_nightly_note(place: Here, day: date, cycle: Cycle | None) -> str | None:
    """Empty tonight's note (the yes of its ask); the check-in stays logged."""
    found = logged_on(place, "nightly", day, cycle)
    if found is None:
        return None
    doc = rt.log_doc("nightly", day, "", cycle_id(cycle))
    records.replace_entry(place.private, found["_id"], doc)
    return t("Tonight's note is removed.")


# --- weekly --------------------------------------------------------------------------------------


def weekly(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    """The weekly check-in: its questions and rules, whether it is logged, and the log."""
    checkin = words.weekly_checkin()
    heading("weekly", checkin.title)
    st.write(checkin.intro)
    if safety.on:
        st.warning(safety_together(), icon=":material/health_and_safety:")
    questions, rules = st.columns(2, gap="medium")
    with questions:
        st.markdown(t("**Each of you answers**"))
        st.markdown("\n".join(f"{i}. {p}" for i, p in enumerate(checkin.prompts, 1)))
    with rules:
        st.markdown(t("**The rules**"))
        st.markdown("\n".join(f"- {rule}" for rule in checkin.rules))
    day = today()
    first, last = rt.week_window(day, cycle.start if cycle else None)
    logged = rt.entries(records.log_docs(place.private), "weekly", cycle_id(cycle))
    this_week = [d for d in logged if first.isoformat() <= d["day"] <= last.isoformat()]
    if this_week:
        when = formatting.day(formatting.read_date(this_week[0]["day"]))
        st.caption(":material/check: " + t("This week's check-in was logged on {when}.", when=when))
    with st.form("plan_routines_weekly_form", border=True):
        st.markdown(t("**Log this week's check-in**"))
        st.caption(t("A word or two is plenty. Every box is optional."))
        for i, prompt in enumerate(checkin.prompts):
            st.text_input(prompt, key=f"plan_routines_weekly_{i}", help=limit_hint(NOTE_CHARS))
        st.text_input(
            checkin.log_prompt, key="plan_routines_weekly_note", help=limit_hint(NOTE_CHARS)
        )
        st.form_submit_button(
            t("Log this week's check-in"),
            icon=":material/check:",
            on_click=log_weekly,
            args=(place, cycle),
        )
    feedback.show(WEEKLY)
    feedback.show(WEEKLY_KEPT)
    found = logged_on(place, "weekly", day, cycle)
    answers = found.get("answers") if found else None
    if found is not None and (found.get("note") or any(a for a in answers or () if a)):
        # Clearing today's weekly words: its own button, then a confirmation; the log stays.
        confirm.ask(
            "plan_routines_weekly_clear",
            t("Clear today's check-in words"),
            t("Remove the words logged today? The check-in itself stays logged."),
            t("Remove the words"),
            t("Keep them"),
            on_click=clear_weekly_words,
            args=(place, day, cycle),
        )


@feedback.saves(WEEKLY)
def log_weekly(place: Here, cycle: Cycle | None) -> str | None:
    """Log this week's check-in with its answers (the form's callback)."""
    checkin = words.weekly_checkin()
    answers = [typed(f"plan_routines_weekly_{i}") for i in range(len(checkin.prompts))]
    note = typed("plan_routines_weekly_note")
    long = first_too_long(
        [
            *((p, a, NOTE_CHARS) for p, a in zip(checkin.prompts, answers, strict=True)),
            (checkin.log_prompt, note, NOTE_CHARS),
        ]
    )
    if long is not None:  # nothing logged; the words stay in the boxes
        feedback.leave(
            WEEKLY,
            t("{problem} Nothing was logged.", problem=long),
            ok=False,
            icon=":material/content_cut:",
        )
        return None
    if log_once_a_day(place, "weekly", today(), note, cycle, answers=answers):
        feedback.leave(WEEKLY_KEPT, weekly_kept_note(), remark=True, icon=":material/info:")
    return t("This week's check-in is logged.")


@feedback.saves(WEEKLY)
def clear_weekly_words(place: Here, day: date, cycle: Cycle | None) -> str | None:
    """Empty the words logged today (the yes of its ask); the check-in stays logged."""
    found = logged_on(place, "weekly", day, cycle)
    if found is None:
        return None
    empty = [""] * len(found.get("answers") or ())
    doc = rt.log_doc("weekly", day, "", cycle_id(cycle), answers=empty)
    records.replace_entry(place.private, found["_id"], doc)
    return t("Today's check-in words are removed.")
