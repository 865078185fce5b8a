"""The widgets inside one step's form: its boxes with their tone tips, and the step's extras.

Free-text boxes for most steps (with a suggestion picker where the content offers some), ticks for
*Pick a good moment*, a box per likely worry (and a way to add one), the three times and the offers
of *Offer a small first step*, and how a sentence-making step reads now. Every key starts with
``script_f_`` (the draft's fields) or ``script_`` (the pickers and their buttons).
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from content.messages import t
from content.reasons import load_reasons
from content.script import ScriptContent, Step
from guide.limits import limit_hint
from guide.safety import escape_markdown
from guide.script import Script, ScriptDraft
from guide.tone import Flag
from ui import feedback
from ui.context import Here
from ui.script import state, tone
from ui.script.state import FIELD, MAX_CHARS, OFFERS, SPECIAL_FIELDS, TIME_CHARS, TIME_SLOTS
from ui.script.step_save import on_step, other_worries, suggestions


def text_boxes(step: Step, tips: Mapping[str, list[Flag]]) -> None:
    """One box per free-text field of the step, each with its tone tips under it."""
    fields = [f for f in step.fields if f.key not in SPECIAL_FIELDS]
    for field in fields:
        placeholder = t("For example: {example}", example=field.example) if field.example else None
        if len(fields) == 1:
            st.text_area(
                field.label,
                key=FIELD + field.key,
                placeholder=placeholder,
                height=110,
                help=limit_hint(MAX_CHARS),
            )
        else:
            st.text_input(
                field.label,
                key=FIELD + field.key,
                placeholder=placeholder,
                help=limit_hint(MAX_CHARS),
            )
        tone.show(tips.get(field.key, ()))


def suggestion_row(place: Here, step_id: str, content: ScriptContent) -> None:
    """A suggestion picker and its button (which fills in the box and saves the step)."""
    options = suggestions(step_id, content)
    if not options:
        return
    st.selectbox(
        t("Or start from a suggestion"),
        options=range(len(options)),
        index=None,
        format_func=lambda i: options[i][0],
        placeholder=t("Choose one to fill in the box above"),
        key=f"script_suggest_{step_id}",
    )
    st.form_submit_button(
        t("Use this suggestion"),
        key=f"script_use_{step_id}",
        icon=":material/auto_awesome:",
        on_click=on_step,
        args=(place, step_id, "suggest"),
    )
    feedback.show(state.step_place(step_id, "suggest"))


def timing_ticks(content: ScriptContent) -> None:
    """*Pick a good moment*: the good moments and the ones to avoid, side by side."""
    good_col, bad_col = st.columns(2)
    for column, good, label in (
        (good_col, True, content.good_label),
        (bad_col, False, content.bad_label),
    ):
        with column:
            st.markdown(f"**{label}**")
            for item in content.timing:
                if item.good is good:
                    st.checkbox(item.text, key=f"{FIELD}timing_{item.id}")


def worry_boxes(
    place: Here, draft: ScriptDraft, tips: Mapping[str, list[Flag]], content: ScriptContent
) -> None:
    """A box per likely worry, and a way to add one."""
    reasons = load_reasons()
    if not draft.worries:
        st.caption(
            t(
                "No worries listed yet. Add the ones that fit your partner below, or take the "
                "quiz to find the likely ones."
            )
        )
    for reason, _line in draft.worries:
        name = reasons[reason].name if reason in reasons else t("Another worry")
        st.text_area(
            t("If the worry is: {name}", name=name),
            key=f"{FIELD}worry_{reason}",
            height=110,
            help=limit_hint(MAX_CHARS),
        )
        tone.show(tips.get(f"worries:{reason}", ()))
    if draft.worries:
        st.caption(
            t("To leave a worry out, empty its box and save. Emptying every box asks first.")
        )
    others = other_worries(draft, content)
    if others:
        st.selectbox(
            t("Add a line for another worry"),
            options=range(len(others)),
            index=None,
            format_func=lambda i: reasons[others[i].reason_id].name,
            placeholder=t("Choose a worry"),
            key="script_add_worry",
        )
        st.form_submit_button(
            t("Add this worry"),
            key="script_add_worry_go",
            icon=":material/add:",
            on_click=on_step,
            args=(place, "worries", "add_worry"),
        )
        feedback.show(state.step_place("worries", "add_worry"))


def friction_removers(tips: Mapping[str, list[Flag]], content: ScriptContent) -> None:
    """*Make it easy to say yes*: three times to offer, and the offers to tick."""
    st.markdown("**" + t("Make it easy to say yes") + "**")
    field = next(f for f in content.step("first_step").fields if f.key == "times")
    columns = st.columns(TIME_SLOTS)
    for index, column in enumerate(columns):
        with column:
            # One visible label over the row; screen readers hear which box is which.
            st.text_input(
                field.label
                if index == 0
                else t("Time {number} of {total}", number=index + 1, total=TIME_SLOTS),
                key=f"{FIELD}time_{index}",
                help=limit_hint(TIME_CHARS),
                placeholder=(
                    t("e.g. {example}", example=field.example)
                    if index == 0 and field.example
                    else None
                ),
                label_visibility="visible" if index == 0 else "hidden",
            )
    for index in range(TIME_SLOTS):
        tone.show(tips.get(f"times:{index}", ()))
    for name in OFFERS:
        st.checkbox(content.friction_remover(name).label, key=FIELD + name)


def preview(step: Step, script: Script) -> None:
    """How the step's sentence reads now, put together from its parts."""
    body = dict(script.steps).get(step.title)
    if body:
        st.caption(t("How it reads now"))
        st.markdown(escape_markdown(body))
