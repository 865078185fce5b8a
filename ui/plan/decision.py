"""The review's decision aid: the choices on offer (the safety gate decides), the personal-timeline
questions, a save, removing the notes on purpose, and the box that shows what was decided."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import streamlit as st

from content import plan as words
from content.messages import t
from guide import formatting
from guide.keeping import would_erase
from guide.limits import first_too_long, limit_hint
from guide.plan import Cycle, PlanError, decide
from guide.safety import SURFACES, SafetyMode
from records import plan as plan_state
from ui import feedback, pages
from ui.context import Here
from ui.plan.fields import typed

PLACE = "plan_decision"  # what a save or a removal of the decision leaves to say
KEPT = "plan_decision_kept"  # every note box empty kept the saved notes: said beside it
GOING_ALONE, SAFETY_PAGE = pages.path("going_alone"), pages.path("safety")
# Ask-again coaches toward joint therapy and boundaries can raise the danger: the gate decides
# (each option's surface in guide.safety.SURFACES).
GATED = {"ask_again": "plan_ask_again", "boundaries": "plan_boundaries"}
TEXT_LIMIT = 1000


def _options(safety: SafetyMode) -> tuple[list[words.DecisionOption], list[str]]:
    """The decision options on offer, and the gate's messages for any held back."""
    allowed, withheld = [], []
    for option in words.decision_options():
        surface = GATED.get(option.id)
        if surface and safety.withholds(surface):
            withheld.append(safety.message(SURFACES[surface]))
        else:
            allowed.append(option)
    return allowed, list(dict.fromkeys(withheld))


def decision_form(place: Here, cycle: Cycle, today: date, safety: SafetyMode) -> None:
    """The decision aid: the choices, the personal-timeline questions, and a save."""
    aid = words.decision_aid()
    options, withheld = _options(safety)
    for message in withheld:
        st.info(message, icon=":material/health_and_safety:")
    if withheld:
        st.page_link(
            SAFETY_PAGE, label=t("Safety help and resources"), icon=":material/arrow_forward:"
        )
    ids = [o.id for o in options]
    titles = {o.id: o.title for o in options}
    current = cycle.decision
    answers = dict(current.timeline) if current else {}
    st.caption(f":material/health_and_safety: {aid.safety_note}")
    with st.form(f"plan_decision_form_{cycle.id}", border=True):
        st.radio(
            t("What fits you now?"),
            ids,
            index=ids.index(current.option) if current and current.option in ids else None,
            format_func=titles.__getitem__,
            captions=[o.explained(safety.on) for o in options],
            key=f"plan_decision_{cycle.id}",
        )
        with st.expander(t("When does each choice tend to fit?"), icon=":material/help:"):
            st.markdown("\n".join(f"- **{o.title}**: {o.fits_when}" for o in options))
        st.markdown(t("**Your own timeline**"))
        st.caption(t("Private to you. A few words are enough; leave any of them blank."))
        for q in words.timeline_questions():
            st.text_area(
                q.question,
                value=answers.get(q.id, ""),
                placeholder=q.hint,
                help=limit_hint(TEXT_LIMIT),
                height=68,
                key=f"plan_timeline_{cycle.id}_{q.id}",
            )
        st.text_area(
            t("Anything else you want to remember (optional)"),
            value=current.note if current else "",
            help=limit_hint(TEXT_LIMIT),
            height=68,
            key=f"plan_decision_note_{cycle.id}",
        )
        st.form_submit_button(
            t("Save my decision"),
            type="primary",
            icon=":material/check:",
            on_click=save_decision,
            args=(place, cycle, today),
        )
    feedback.show(PLACE)
    feedback.show(KEPT)
    if current is not None and (current.note or current.timeline):
        _remove_notes_ask(place, cycle, today)


def _remove_notes_ask(place: Here, cycle: Cycle, today: date) -> None:
    """Removing the decision's notes: its own button, then a confirmation; the choice stays."""
    asking = f"plan_decision_clearing_{cycle.id}"
    if not st.session_state.get(asking):
        st.button(
            t("Remove my notes"),
            key=f"plan_decision_clear_{cycle.id}",
            type="tertiary",
            on_click=_set_flag,
            args=(asking, True),
        )
        return
    st.warning(t("Remove your timeline answers and note? Your choice itself stays saved."))
    with st.container(horizontal=True):
        st.button(
            t("Remove the notes"),
            key=f"plan_decision_clear_yes_{cycle.id}",
            on_click=remove_notes,
            args=(place, cycle, today),
        )
        st.button(
            t("Keep them"),
            key=f"plan_decision_clear_no_{cycle.id}",
            on_click=_set_flag,
            args=(asking, False),
        )


def _set_flag(name: str, on: bool) -> None:
    st.session_state[name] = on


def _set_boxes(cycle: Cycle, note: str, timeline: dict[str, str]) -> None:
    """Put the decision's note and timeline answers in the form's boxes (from a callback)."""
    st.session_state[f"plan_decision_note_{cycle.id}"] = note
    for q in words.timeline_questions():
        st.session_state[f"plan_timeline_{cycle.id}_{q.id}"] = timeline.get(q.id, "")


@feedback.saves(PLACE)
def remove_notes(place: Here, cycle: Cycle, today: date) -> str | None:
    """Empty the timeline answers and the note (the yes of its ask); the choice stays."""
    st.session_state.pop(f"plan_decision_clearing_{cycle.id}", None)
    before = cycle.decision
    if before is None:
        return None
    try:
        plan_state.save_cycle(place, decide(cycle, before.option, before.decided_on, "", {}))
    except PlanError as exc:
        feedback.leave(PLACE, str(exc), ok=False, icon=":material/cloud_off:")
        return None
    _set_boxes(cycle, "", {})
    return t("Your notes are removed. Your choice is still saved.")


@feedback.saves(PLACE)
def save_decision(place: Here, cycle: Cycle, today: date) -> str | None:
    """Store the choice, the timeline answers and the note (the form's callback)."""
    choice = st.session_state.get(f"plan_decision_{cycle.id}")
    timeline = {q.id: typed(f"plan_timeline_{cycle.id}_{q.id}") for q in words.timeline_questions()}
    remark = typed(f"plan_decision_note_{cycle.id}")
    questions = {q.id: q.question for q in words.timeline_questions()}
    long = first_too_long(
        [
            *((questions[qid], text, TEXT_LIMIT) for qid, text in timeline.items()),
            (t("Anything else you want to remember"), remark, TEXT_LIMIT),
        ]
    )
    if long is not None:
        feedback.leave(
            PLACE,
            t("{problem} Nothing was saved.", problem=long),
            ok=False,
            icon=":material/content_cut:",
        )
        return None
    if choice is None:
        feedback.leave(
            PLACE, words.messages()["unknown_decision"], ok=False, icon=":material/touch_app:"
        )
        return None
    before = cycle.decision
    kept = before is not None and would_erase(
        {**dict(before.timeline), "note": before.note}, {**timeline, "note": remark}
    )
    if kept:
        # Every note box empty is not a wish to erase: the notes stay (see remove_notes).
        assert before is not None
        remark, timeline = before.note, dict(before.timeline)
        _set_boxes(cycle, remark, timeline)
    try:
        plan_state.save_cycle(place, decide(cycle, choice, today, remark, timeline))
    except PlanError as exc:
        feedback.leave(PLACE, str(exc), ok=False, icon=":material/touch_app:")
        return None
    if kept:
        feedback.leave(
            KEPT,
            t(
                "Every note box was empty, so the notes you saved before are kept. To remove "
                "them on purpose, use Remove my notes."
            ),
            ok=False,
            icon=":material/info:",
        )
    return t("Your decision is saved.")


def decision_box(cycle: Cycle, safety: SafetyMode) -> None:
    """What the user decided, its first step, and where to go next for it."""
    decision = cycle.decision
    if decision is None:
        return
    option = next((o for o in words.decision_options() if o.id == decision.option), None)
    title = option.title if option else decision.option
    with st.container(border=True, key="plan_decided"):
        st.markdown(
            ":material/check_circle: "
            + t(
                "You chose **{choice}** on {day}.",
                choice=title,
                day=formatting.day(decision.decided_on),
            )
        )
        if option:
            st.markdown(t("A first step: {step}", step=option.first_step))
        if decision.option == "individual_therapy":
            st.page_link(
                GOING_ALONE,
                label=t("Going alone: support of your own"),
                icon=":material/self_improvement:",
            )
        surface = GATED.get(decision.option)
        if surface and safety.withholds(surface):
            st.info(safety.message(SURFACES[surface]), icon=":material/health_and_safety:")
            st.page_link(
                SAFETY_PAGE, label=t("Safety help and resources"), icon=":material/arrow_forward:"
            )
        timeline_answers(decision.timeline, decision.note)


def timeline_answers(timeline: Sequence[tuple[str, str]], note: str) -> None:
    """The personal-timeline answers and note, as the user wrote them (plain text)."""
    questions = {q.id: q.question for q in words.timeline_questions()}
    for qid, answer in timeline:
        st.caption(questions.get(qid, qid))
        st.text(answer)
    if note:
        st.caption(t("Your note"))
        st.text(note)
