"""Saving one step of the builder: the callback every step's buttons call, and what it checks.

A step's "Save this step", "Use this suggestion", "Add this worry", the "Yes, empty this step" and
"Keep mine" answers all land in :func:`on_step`, a button callback: Streamlit runs it before the
script, so the page then draws once, already showing the new draft, its tone tips and the
confirmation. It reads the form's values from ``st.session_state`` by widget key.

Nothing is saved, and every box keeps its words, when a box is over its limit (the note says how
much to cut), when every box of the step is empty (the step asks first, :mod:`ui.script.held`), or
when another tab saved the same step since this one drew it and the words differ (the step asks
which to keep). What it has to say goes through :mod:`ui.feedback`, under the step's place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Literal

import streamlit as st

from content.messages import t
from content.reasons import load_reasons
from content.script import ScriptContent, Step, WorryLine, load_script_content
from guide.keeping import would_erase
from guide.limits import first_too_long
from guide.script import ScriptDraft
from storage.errors import StorageError
from ui import feedback
from ui.callbacks import guarded
from ui.context import Here
from ui.script import state
from ui.script.state import FIELD, MAX_CHARS, OFFERS, SPECIAL_FIELDS, TIME_CHARS, TIME_SLOTS

StepAction = Literal["save", "suggest", "add_worry"]
CHOOSE_ICON = ":material/info:"
CUT_ICON = ":material/content_cut:"


def suggestions(step_id: str, content: ScriptContent) -> list[tuple[str, str]]:
    """(label, words) pairs the user can start from, for the steps that have them."""
    simple = {
        "opener": content.openers,
        "reframe": content.reframes,
        "shared": content.shared,
        "if_no": content.if_no,
    }
    if step_id in simple:
        return [(line, line) for line in simple[step_id]]
    if step_id == "first_step":
        return [(option.label, option.line) for option in content.first_steps]
    return []


def other_worries(draft: ScriptDraft, content: ScriptContent) -> list[WorryLine]:
    """The worries the draft has no line for yet, in the order the content lists them."""
    listed = {reason for reason, _ in draft.worries}
    return [w for w in content.worries if w.reason_id not in listed]


def _typed(key: str) -> str:
    """A text widget's value, trimmed (empty when the widget holds nothing usable)."""
    value = st.session_state.get(key)
    return value.strip() if isinstance(value, str) else ""


def _chosen(key: str, count: int) -> int | None:
    """The index a picker holds, or None when nothing (or nothing valid) is chosen."""
    value = st.session_state.get(key)
    return value if isinstance(value, int) and 0 <= value < count else None


def _form_values(step: Step, draft: ScriptDraft, content: ScriptContent) -> dict[str, Any]:
    """What the step's form holds now, as draft fields (read from session state by widget key)."""
    if step.id == "timing":
        checked = [i.id for i in content.timing if st.session_state.get(f"{FIELD}timing_{i.id}")]
        return {"timing_checked": tuple(checked)}
    if step.id == "worries":
        # A worry whose box was never drawn (the draft changed elsewhere) keeps its stored line.
        lines = [
            (reason, _typed(key) if (key := f"{FIELD}worry_{reason}") in st.session_state else line)
            for reason, line in draft.worries
        ]
        return {"worries": tuple(lines)}
    values: dict[str, Any] = {
        f.key: _typed(FIELD + f.key) for f in step.fields if f.key not in SPECIAL_FIELDS
    }
    if step.id == "first_step":
        times = [_typed(f"{FIELD}time_{index}") for index in range(TIME_SLOTS)]
        # Each time keeps its box (so a tone tip stays under the right one); trailing blanks go.
        while times and not times[-1]:
            times.pop()
        values["times"] = tuple(times)
        values |= {name: bool(st.session_state.get(FIELD + name)) for name in OFFERS}
    return values


def _too_long(step: Step, updates: Mapping[str, Any]) -> str | None:
    """How much to cut, when a box of the step holds more than it may; else None."""
    labels = {f.key: f.label for f in step.fields}
    reasons = load_reasons()
    boxes: list[tuple[str, str, int]] = [
        (labels[k], v, MAX_CHARS) for k, v in updates.items() if isinstance(v, str) and k in labels
    ]
    for reason, line in updates.get("worries", ()):
        name = reasons[reason].name if reason in reasons else t("Another worry")
        boxes.append((t("If the worry is: {name}", name=name), line, MAX_CHARS))
    for index, time in enumerate(updates.get("times", ())):
        label = t("Time {number} of {total}", number=index + 1, total=TIME_SLOTS)
        boxes.append((label, time, TIME_CHARS))
    return first_too_long(boxes)


def _words(step: Step, draft: ScriptDraft, content: ScriptContent) -> dict[str, str]:
    """The step's written words in ``draft`` by widget key (ticks are not words)."""
    return {k: v for k, v in state.step_values(step, draft, content).items() if isinstance(v, str)}


def _changed_elsewhere(
    step: Step, cur: state.Current, mine: ScriptDraft, content: ScriptContent
) -> bool:
    """True when the stored step is no longer what this tab drew, and differs from ``mine``.

    Another tab (or window) saved the same step since this one was drawn: saving now would
    silently replace those words, so the person is asked instead (see :mod:`ui.script.held`).
    """
    drawn = st.session_state.get(state.BASE, {}).get(step.id)
    stored = state.step_values(step, cur.draft, content)
    return (
        drawn is not None and drawn != stored and state.step_values(step, mine, content) != stored
    )


@guarded  # a closed link saves nothing; the step's fragment then finds it closed and says so
def on_step(
    place: Here, step_id: str, action: StepAction, force: bool = False, empty: bool = False
) -> None:
    """A step's form was sent: store the new draft so the coming run draws it, saved.

    ``force`` is the person's "keep mine" after a save found the step changed elsewhere;
    ``empty`` their confirmed "empty this step" after a save with every box empty.
    """
    save_step(place, step_id, action, force=force, empty=empty)


def save_step(
    place: Here, step_id: str, action: StepAction, force: bool = False, empty: bool = False
) -> None:
    """:func:`on_step` once the link is known to open the space (for a callback already guarded)."""
    content = load_script_content()
    step = content.step(step_id)
    where = state.step_place(step_id)
    cur = state.current(place)
    updates = _form_values(step, cur.draft, content)
    long = _too_long(step, updates)
    if long is not None:
        # Nothing is saved and the boxes keep every word (their state is left as it is).
        feedback.leave(where, long, ok=False, icon=CUT_ICON)
        return
    message = t("Saved “{step}”.", step=step.title)
    if action == "suggest":
        options = suggestions(step_id, content)
        choice = _chosen(f"script_suggest_{step_id}", len(options))
        if choice is None:
            feedback.leave(
                state.step_place(step_id, "suggest"),
                t("Choose a suggestion from the list first."),
                remark=True,
                icon=CHOOSE_ICON,
            )
            return
        field = next(f.key for f in step.fields if f.key not in SPECIAL_FIELDS)
        updates[field] = options[choice][1]
    elif action == "add_worry":
        others = other_worries(cur.draft, content)
        choice = _chosen("script_add_worry", len(others))
        if choice is None:
            feedback.leave(
                state.step_place("worries", "add_worry"),
                t("Choose a worry from the list first."),
                remark=True,
                icon=CHOOSE_ICON,
            )
            return
        updates["worries"] += ((others[choice].reason_id, others[choice].line),)
        message = t("Added, and saved.")
    if step_id == "worries":
        updates["worries"] = tuple((reason, line) for reason, line in updates["worries"] if line)
    new = replace(cur.draft, **updates)
    if st.session_state.get(state.EMPTYING) == step_id and not empty:
        st.session_state.pop(state.EMPTYING, None)  # a new save answers the question too
    if not empty and would_erase(_words(step, cur.draft, content), _words(step, new, content)):
        # Every box empty is not a wish to erase: nothing is saved until the person confirms.
        st.session_state[state.EMPTYING] = step_id
        return
    st.session_state.pop(state.EMPTYING, None)
    conflicts = st.session_state.setdefault(state.CONFLICT, {})
    if not force and _changed_elsewhere(step, cur, new, content):
        mine = {k: st.session_state.get(k) for k in state.step_values(step, cur.draft, content)}
        mine |= state.step_values(step, new, content)
        conflicts[step_id] = {"mine": mine, "both": False}
        base = st.session_state.setdefault(state.BASE, {})
        base[step_id] = state.step_values(step, cur.draft, content)
        st.session_state[state.WHOLE_PAGE] = True  # other steps may have changed too: draw them all
        return
    conflicts.pop(step_id, None)
    # Only this step's picker goes back to blank: the other steps aren't drawn again.
    picker = "script_add_worry" if step_id == "worries" else f"script_suggest_{step_id}"
    try:
        state.store(place, cur, new, [*state.step_values(step, new, content), picker])
    except StorageError as exc:
        feedback.leave(where, exc.message, ok=False)  # the words stay on screen
        return
    feedback.leave(where, message)
    # The first save brings the "clear" button, and a changed list of worries may answer the
    # newer-quiz note: then the whole page is drawn, not only this step.
    if cur.working is None or dict(new.worries).keys() != dict(cur.draft.worries).keys():
        st.session_state[state.WHOLE_PAGE] = True
