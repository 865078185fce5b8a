"""The two asks under a step whose save was held back, each with its answers' callbacks.

- *Every box empty*: a save with every box of the step empty saved nothing (an empty form is not a
  wish to erase); the step offers to keep the saved words or to empty the step on purpose.
- *Changed in another tab*: the stored step changed since this tab drew it, and differs from what
  is typed; the boxes keep the person's words and the step asks "Keep mine", "Take the newer one"
  or "See both". Steps changed in only one tab merge without asking.

What an answer has to say goes through :mod:`ui.feedback`, under the step's place.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from content.reasons import load_reasons
from content.script import ScriptContent, Step, load_script_content
from ui import feedback
from ui.callbacks import guarded
from ui.context import Here
from ui.script import state
from ui.script.state import FIELD, OFFERS, TIME_SLOTS
from ui.script.step_save import on_step, save_step


def emptying_box(place: Here, step: Step) -> None:
    """The step was saved with every box empty: keep its saved words, or empty it on purpose."""
    if st.session_state.get(state.EMPTYING) != step.id:
        return
    with st.container(border=True, key=f"script_emptying_{step.id}"):
        st.markdown(
            ":material/info: "
            + t(
                "Every box in this step is empty, so nothing was saved: the words saved before "
                "are kept. Do you want to empty this step?"
            )
        )
        with st.container(horizontal=True):
            st.button(
                t("Keep the saved words"),
                key=f"script_emptying_{step.id}_keep",
                type="primary",
                on_click=_on_keep_saved,
                args=(place, step.id),
            )
            st.button(
                t("Yes, empty this step"),
                key=f"script_emptying_{step.id}_empty",
                on_click=on_step,
                args=(place, step.id, "save"),
                kwargs={"empty": True},
            )


@guarded
def _on_keep_saved(place: Here, step_id: str) -> None:
    """Put the step's saved words back in its boxes (nothing is written)."""
    content = load_script_content()
    step = content.step(step_id)
    saved = state.step_values(step, state.current(place).draft, content)
    st.session_state.update(saved)
    st.session_state.setdefault(state.BASE, {})[step_id] = saved
    st.session_state.pop(state.EMPTYING, None)
    feedback.leave(state.step_place(step_id), t("“{step}” keeps its saved words.", step=step.title))


def conflict_box(place: Here, cur: state.Current, step: Step, content: ScriptContent) -> None:
    """When this step's save was held back (changed elsewhere), let the person choose."""
    found = st.session_state.get(state.CONFLICT, {}).get(step.id)
    if found is None:
        return
    with st.container(border=True, key=f"script_conflict_{step.id}"):
        st.markdown(
            ":material/sync_problem: "
            + t(
                "**This step was changed in another tab or window** after you opened it here, "
                "so your save was held back. The boxes above still hold your words. Which "
                "should this step keep?"
            )
        )
        with st.container(horizontal=True):
            for choice, label in (
                ("keep_mine", t("Keep mine")),
                ("take_newer", t("Take the newer one")),
                ("see_both", t("Hide the newer one") if found["both"] else t("See both")),
            ):
                st.button(
                    label,
                    key=f"script_conflict_{step.id}_{choice}",
                    type="primary" if choice == "keep_mine" else "secondary",
                    on_click=_on_conflict,
                    args=(place, step.id, choice),
                )
        if found["both"]:
            st.caption(t("The newer words, as saved in the other tab:"))
            newer = state.step_values(step, cur.draft, content)
            labels = _value_labels(step, content)
            for key, value in newer.items():
                st.caption(labels.get(key, ""))
                if isinstance(value, bool):
                    st.text(t("ticked") if value else t("not ticked"))
                else:
                    st.text(value or t("(empty)"))


def _value_labels(step: Step, content: ScriptContent) -> dict[str, str]:
    """A readable name for each widget key of the step (for showing the newer words)."""
    reasons = load_reasons()
    labels = {FIELD + f.key: f.label for f in step.fields}
    labels |= {f"{FIELD}timing_{i.id}": i.text for i in content.timing}
    labels |= {
        f"{FIELD}worry_{r.reason_id}": t("If the worry is: {name}", name=reasons[r.reason_id].name)
        for r in content.worries
        if r.reason_id in reasons
    }
    labels |= {
        f"{FIELD}time_{i}": t("Time {number} of {total}", number=i + 1, total=TIME_SLOTS)
        for i in range(TIME_SLOTS)
    }
    if step.id == "first_step":
        labels |= {FIELD + n: content.friction_remover(n).label for n in OFFERS}
    return labels


@guarded
def _on_conflict(place: Here, step_id: str, choice: str) -> None:
    """Keep mine (save over the newer words), take the newer one, or show both."""
    conflicts = st.session_state.get(state.CONFLICT, {})
    found = conflicts.get(step_id)
    if found is None:
        return
    if choice == "see_both":
        found["both"] = not found["both"]
        return
    if choice == "keep_mine":
        save_step(place, step_id, "save", force=True)  # the link was checked just now
        return
    content = load_script_content()
    step = content.step(step_id)
    newer = state.step_values(step, state.current(place).draft, content)
    st.session_state.update(newer)
    st.session_state.setdefault(state.BASE, {})[step_id] = newer
    conflicts.pop(step_id, None)
    feedback.leave(
        state.step_place(step_id), t("“{step}” shows the newer words, as saved.", step=step.title)
    )
