"""One step of the builder: an expander with why it matters, an example, its form and save button.

Each step is a fragment, so a step's save draws that step again and leaves the other nine as they
are; when a save changes more than its step (the first save brings the "clear" button, a changed
list of worries may answer the newer-quiz note, the draft changed in another tab, the link no
longer opens the space, safety mode came on) the whole page runs instead. Under the form: what the
save left to say (:mod:`ui.feedback`, the step's place) and the asks of :mod:`ui.script.held`.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from content.messages import t, tn
from content.script import ScriptContent, Step, load_script_content
from guide.script import Script
from guide.tone import Flag
from ui import feedback
from ui.callbacks import still_open
from ui.context import Here
from ui.safety.state import mode
from ui.script import fields, held, state, tone
from ui.script.step_save import on_step

# Steps whose parts make one sentence together: the page shows how the sentence reads.
PREVIEW_STEPS = ("i_statement", "ask", "first_step", "boundary")


@st.fragment
def step(place: Here, step_id: str, number: int) -> None:
    """One step of the builder. After its form is sent only this step is drawn again (it is a
    fragment), unless the rest of the page has to change with it."""
    # A fragment rerun skips the front door: read nothing unless the link still opens the space
    # (a replaced link's access no longer opens the re-keyed space at all).
    place = still_open(place)
    # Safety mode may have come on since the page was drawn (another tab): then the whole page
    # runs, and shows no step at all.
    if st.session_state.pop(state.WHOLE_PAGE, False) or mode(place).withholds("script_builder"):
        st.rerun(scope="app")
    cur = state.current(place)
    if st.session_state.get(state.SYNCED) != cur.marker:
        st.rerun(scope="app")  # the draft changed some other way: every step must show it
    content = load_script_content()
    shown = content.step(step_id)
    state.sync(cur.draft, cur.marker, content, (shown,))
    script = state.assembled(place, cur.draft)
    _form(place, cur, shown, number, script, tone.tips(place, cur.draft), content)


def _form(
    place: Here,
    cur: state.Current,
    step: Step,
    number: int,
    script: Script,
    tips: Mapping[str, list[Flag]],
    content: ScriptContent,
) -> None:
    """One step: why it matters, an example, its fields with their tone tips, and a save button."""
    filled = step.title in dict(script.steps)
    count = tone.in_step(step, tips)
    label = f"{number}. {step.title}"
    if count:
        label += " · " + tn("{count} tone tip", "{count} tone tips", count)
    icon = ":material/check_circle:" if filled else ":material/radio_button_unchecked:"
    with st.expander(label, icon=icon, key=f"script_step_{step.id}"):
        st.markdown(step.why)
        st.caption(t("For example: “{example}”", example=step.example))
        with st.form(f"script_form_{step.id}", border=False, enter_to_submit=False):
            st.markdown(f"**{step.prompt}**")
            if step.id == "timing":
                fields.timing_ticks(content)
            elif step.id == "worries":
                fields.worry_boxes(place, cur.draft, tips, content)
            else:
                fields.text_boxes(step, tips)
                fields.suggestion_row(place, step.id, content)
                if step.id == "first_step":
                    fields.friction_removers(tips, content)
            if step.id in PREVIEW_STEPS:
                fields.preview(step, script)
            st.form_submit_button(
                t("Save this step"),
                key=f"script_save_{step.id}",
                type="primary",
                icon=":material/save:",
                on_click=on_step,
                args=(place, step.id, "save"),
            )
        feedback.show(state.step_place(step.id))
        held.emptying_box(place, step)
        held.conflict_box(place, cur, step, content)
