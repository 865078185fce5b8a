"""Script builder: plan the conversation step by step, check the tone, and take the script away.

Four views: *Build* (one form per step, so typing never reruns the page; each save also writes the
working draft to storage and shows the tone check under every field), *Your script* (talking
points, the full script, the invitation, a print view and downloads), *Practise* (one step at a
time in large type) and *Saved versions*. Storage shapes are in :mod:`ui.script_view`.

Widgets get their values from the stored draft, never from ``value=``: whenever the stored draft
is not the one the widgets show (a new session, a version loaded, the builder cleared) every
field is pushed into ``st.session_state`` before the forms are drawn; after a step is saved only
that step's fields are pushed, so words typed but not yet saved in another step stay put.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import streamlit as st

from content.reasons import load_reasons
from content.script import ScriptContent, Step, load_script_content
from guide.safety import SafetyMode, escape_markdown
from guide.script import Script, ScriptDraft, assemble, check_draft, prefill
from guide.tone import Flag
from storage.errors import StorageError
from ui import script_view as view
from ui.context import Here, here
from ui.quiz_view import Entry, day
from ui.safety_state import mode

MAX_CHARS = 600
TIME_CHARS = 80
TIME_SLOTS = 3
FIELD = "script_f_"
VIEW, GOTO = "script_view", "script_goto"
SYNCED, PUSH, FLASH = "script_synced", "script_push", "script_flash"
CONFIRM_CLEAR = "script_confirm_clear"

VIEWS: dict[str, str] = {
    "build": ":material/edit: Build",
    "script": ":material/description: Your script",
    "practice": ":material/record_voice_over: Practise",
    "versions": ":material/bookmarks: Saved versions",
}
# Steps whose parts make one sentence together: the page shows how the sentence reads.
PREVIEW_STEPS = ("i_statement", "ask", "first_step", "boundary")
# Draft fields that are not one free-text box each.
SPECIAL_FIELDS = ("timing_checked", "worries", "times")
OFFERS = ("offer_book", "offer_pay", "offer_stop_30")
_PICKERS = (
    *(f"script_suggest_{step}" for step in ("opener", "reframe", "first_step", "shared", "if_no")),
    "script_add_worry",
)


@dataclass(frozen=True)
class Current:
    """The draft on show, what the widgets should reflect, and where the draft came from."""

    draft: ScriptDraft
    marker: str
    quiz_at: str
    version_id: str
    working: view.Working | None


# --- the draft and the widgets -------------------------------------------------------------------


def _dedupe(draft: ScriptDraft) -> ScriptDraft:
    """One worry line per reason: a repeated reason would give two widgets one key."""
    seen: dict[str, str] = {}
    for reason, line in draft.worries:
        seen.setdefault(reason, line)
    return replace(draft, worries=tuple(seen.items()))


def current(place: Here, latest: Entry | None) -> Current:
    """The stored working draft, else one pre-filled from the latest quiz, else an empty one."""
    working = view.read_working(place)
    if working is not None:
        draft = _dedupe(working.draft)
        return Current(draft, working.updated_at, working.quiz_at, working.version_id, working)
    if latest is not None:
        taken = latest.taken_at.isoformat()
        return Current(prefill(latest.result.top), f"prefill:{taken}", taken, "", None)
    return Current(ScriptDraft(), "empty", "", "", None)


def _step_values(step: Step, draft: ScriptDraft, content: ScriptContent) -> dict[str, Any]:
    """The widget values that show one step of ``draft``."""
    if step.id == "timing":
        checked = set(draft.timing_checked)
        return {f"{FIELD}timing_{i.id}": i.id in checked for i in content.timing}
    if step.id == "worries":
        return {f"{FIELD}worry_{r}": line[:MAX_CHARS] for r, line in draft.worries}
    values: dict[str, Any] = {
        FIELD + f.key: getattr(draft, f.key)[:MAX_CHARS]
        for f in step.fields
        if f.key not in SPECIAL_FIELDS
    }
    if step.id == "first_step":
        times = list(draft.times[:TIME_SLOTS]) + [""] * TIME_SLOTS
        values |= {f"{FIELD}time_{i}": times[i][:TIME_CHARS] for i in range(TIME_SLOTS)}
        values |= {FIELD + name: getattr(draft, name) for name in OFFERS}
    return values


def _sync(draft: ScriptDraft, marker: str, content: ScriptContent) -> None:
    """Make the widgets show ``draft`` where they should (see the module docstring)."""
    values: dict[str, Any] = {}
    for step in content.steps:
        values |= _step_values(step, draft, content)
    pushed = set(st.session_state.pop(PUSH, ()))
    # A used picker goes back to blank, so it doesn't look like a choice still waiting.
    for key in _PICKERS:
        if key in pushed:
            st.session_state.pop(key, None)
    if st.session_state.get(SYNCED) != marker:
        st.session_state.update(values)
        st.session_state[SYNCED] = marker
        return
    for key, value in values.items():
        # A widget not drawn on the last run (another view was open) has lost its state.
        if key in pushed or key not in st.session_state:
            st.session_state[key] = value


def _save(place: Here, cur: Current, draft: ScriptDraft, message: str, push: Sequence[str]) -> None:
    """Store the working draft, then show it; on failure keep the words on screen."""
    try:
        updated = view.write_working(place, draft, cur.quiz_at, cur.version_id)
    except StorageError as exc:
        st.warning(exc.message, icon=":material/cloud_off:")
        return
    st.session_state[SYNCED] = updated
    st.session_state[PUSH] = tuple(push)
    st.session_state[FLASH] = message
    st.rerun()


def _go_build() -> None:
    st.session_state[VIEW] = "build"


# --- the step forms ------------------------------------------------------------------------------


def _tips_by_field(draft: ScriptDraft) -> dict[str, list[Flag]]:
    tips: dict[str, list[Flag]] = defaultdict(list)
    for name, flag in check_draft(draft):
        tips[name].append(flag)
    return tips


def _step_tips(step: Step, tips: Mapping[str, list[Flag]]) -> int:
    names = {f.key for f in step.fields}
    return sum(
        len(flags) for name, flags in tips.items() if name in names or name.split(":")[0] in names
    )


def _suggestions(step_id: str, content: ScriptContent) -> list[tuple[str, str]]:
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


def _text_widgets(
    step: Step, tips: Mapping[str, list[Flag]], only: Sequence[str] | None = None
) -> dict[str, str]:
    """One box per free-text field of the step, each with its tone tips under it."""
    fields = [f for f in step.fields if f.key not in SPECIAL_FIELDS]
    if only is not None:
        fields = [f for f in fields if f.key in only]
    values: dict[str, str] = {}
    for field in fields:
        placeholder = f"For example: {field.example}" if field.example else None
        if len(fields) == 1:
            value = st.text_area(
                field.label,
                key=FIELD + field.key,
                max_chars=MAX_CHARS,
                placeholder=placeholder,
                height=110,
            )
        else:
            value = st.text_input(
                field.label, key=FIELD + field.key, max_chars=MAX_CHARS, placeholder=placeholder
            )
        values[field.key] = (value or "").strip()
        view.show_flags(tips.get(field.key, ()))
    return values


def _suggestion_row(step_id: str, content: ScriptContent) -> str | None:
    """A suggestion picker and its button; returns the chosen words when the button was used."""
    options = _suggestions(step_id, content)
    if not options:
        return None
    choice = st.selectbox(
        "Or start from a suggestion",
        options=range(len(options)),
        index=None,
        format_func=lambda i: options[i][0],
        placeholder="Choose one to fill in the box above",
        key=f"script_suggest_{step_id}",
    )
    if st.form_submit_button(
        "Use this suggestion", key=f"script_use_{step_id}", icon=":material/auto_awesome:"
    ):
        if choice is None:
            st.info("Choose a suggestion from the list first.", icon=":material/info:")
            return None
        return options[choice][1]
    return None


def _timing_widgets(content: ScriptContent) -> dict[str, Any]:
    good_col, bad_col = st.columns(2)
    checked: list[str] = []
    for column, good, label in (
        (good_col, True, content.good_label),
        (bad_col, False, content.bad_label),
    ):
        with column:
            st.markdown(f"**{label}**")
            for item in content.timing:
                if item.good is good and st.checkbox(item.text, key=f"{FIELD}timing_{item.id}"):
                    checked.append(item.id)
    order = [i.id for i in content.timing]
    return {"timing_checked": tuple(sorted(checked, key=order.index))}


def _worry_widgets(
    draft: ScriptDraft, tips: Mapping[str, list[Flag]], content: ScriptContent
) -> tuple[dict[str, Any], bool]:
    """A box per likely worry, and a way to add one; returns the updates and whether one was added."""
    reasons = load_reasons()
    kept: list[tuple[str, str]] = []
    if not draft.worries:
        st.caption(
            "No worries listed yet. Add the ones that fit your partner below, or take the quiz "
            "to find the likely ones."
        )
    for reason, _line in draft.worries:
        name = reasons[reason].name if reason in reasons else "Another worry"
        value = st.text_area(
            f"If the worry is: {name}",
            key=f"{FIELD}worry_{reason}",
            max_chars=MAX_CHARS,
            height=110,
        )
        kept.append((reason, (value or "").strip()))
        view.show_flags(tips.get(f"worries:{reason}", ()))
    if draft.worries:
        st.caption("To leave a worry out, empty its box and save.")
    listed = {reason for reason, _ in draft.worries}
    others = [w for w in content.worries if w.reason_id not in listed]
    added = False
    if others:
        choice = st.selectbox(
            "Add a line for another worry",
            options=range(len(others)),
            index=None,
            format_func=lambda i: reasons[others[i].reason_id].name,
            placeholder="Choose a worry",
            key="script_add_worry",
        )
        if st.form_submit_button(
            "Add this worry", key="script_add_worry_go", icon=":material/add:"
        ):
            if choice is None:
                st.info("Choose a worry from the list first.", icon=":material/info:")
            else:
                kept.append((others[choice].reason_id, others[choice].line))
                added = True
    return {"worries": tuple((r, line) for r, line in kept if line)}, added


def _friction_widgets(tips: Mapping[str, list[Flag]], content: ScriptContent) -> dict[str, Any]:
    st.markdown("**Make it easy to say yes**")
    field = next(f for f in content.step("first_step").fields if f.key == "times")
    columns = st.columns(TIME_SLOTS)
    times: list[str] = []
    for index, column in enumerate(columns):
        with column:
            # One visible label over the row; screen readers hear which box is which.
            value = st.text_input(
                field.label if index == 0 else f"Time {index + 1} of {TIME_SLOTS}",
                key=f"{FIELD}time_{index}",
                max_chars=TIME_CHARS,
                placeholder=f"e.g. {field.example}" if index == 0 and field.example else None,
                label_visibility="visible" if index == 0 else "hidden",
            )
            times.append((value or "").strip())
    for index in range(TIME_SLOTS):
        view.show_flags(tips.get(f"times:{index}", ()))
    # Each time keeps its box (so a tone tip stays under the right one); trailing blanks go.
    while times and not times[-1]:
        times.pop()
    updates: dict[str, Any] = {"times": tuple(times)}
    for name in OFFERS:
        updates[name] = st.checkbox(content.friction_remover(name).label, key=FIELD + name)
    return updates


def _preview(step: Step, script: Script) -> None:
    body = dict(script.steps).get(step.title)
    if body:
        st.caption("How it reads now")
        st.markdown(escape_markdown(body))


def _step_form(
    place: Here,
    cur: Current,
    step: Step,
    number: int,
    script: Script,
    tips: Mapping[str, list[Flag]],
    content: ScriptContent,
) -> None:
    """One step: why it matters, an example, its fields with their tone tips, and a save button."""
    filled = step.title in dict(script.steps)
    count = _step_tips(step, tips)
    label = f"{number}. {step.title}"
    if count:
        label += f" · {count} tone tip{'s' if count > 1 else ''}"
    icon = ":material/check_circle:" if filled else ":material/radio_button_unchecked:"
    with st.expander(label, icon=icon, key=f"script_step_{step.id}"):
        st.markdown(step.why)
        st.caption(f"For example: “{step.example}”")
        with st.form(f"script_form_{step.id}", border=False, enter_to_submit=False):
            st.markdown(f"**{step.prompt}**")
            draft = cur.draft
            added = False
            suggestion = None
            if step.id == "timing":
                updates = _timing_widgets(content)
            elif step.id == "worries":
                updates, added = _worry_widgets(draft, tips, content)
            elif step.id == "first_step":
                updates = _text_widgets(step, tips)
                suggestion = _suggestion_row(step.id, content)
                updates |= _friction_widgets(tips, content)
            else:
                updates = _text_widgets(step, tips)
                suggestion = _suggestion_row(step.id, content)
            if step.id in PREVIEW_STEPS:
                _preview(step, script)
            saved = st.form_submit_button(
                "Save this step",
                key=f"script_save_{step.id}",
                type="primary",
                icon=":material/save:",
            )
        if saved or added or suggestion is not None:
            if suggestion is not None:
                field = next(f.key for f in step.fields if f.key not in SPECIAL_FIELDS)
                updates[field] = suggestion
            new = replace(draft, **updates)
            message = "Added, and saved." if added else f"Saved “{step.title}”."
            pushed = [*_step_values(step, new, content), *_PICKERS]
            _save(place, cur, new, message, pushed)


# --- the build view ------------------------------------------------------------------------------


def _source_note(place: Here, cur: Current, latest: Entry | None, safety: SafetyMode) -> None:
    """Where the draft came from: the quiz, or a gentle pointer to it."""
    if latest is None:
        if safety.on:
            return  # no nudge toward reading the partner's no while safety comes first
        st.markdown(
            "Taking the quiz first lets this plan start from what may lie behind your partner's "
            "no. You can also start right here."
        )
        st.page_link("app_pages/quiz.py", label="Take the quiz", icon=":material/quiz:")
        return
    source = view.parse_time(cur.quiz_at)
    if source is not None:
        st.caption(
            f":material/auto_awesome: Pre-filled from your quiz on {day(source)}. "
            "Change anything: it's your plan."
        )
    if cur.working is None or safety.on:
        return
    if source is not None and latest.taken_at <= source:
        return
    listed = {reason for reason, _ in cur.draft.worries}
    new = [r for r in latest.result.top if r not in listed]
    known = {w.reason_id for w in load_script_content().worries}
    new = [r for r in new if r in known]
    if not new:
        return
    reasons = load_reasons()
    names = ", ".join(f"“{reasons[r].name}”" for r in new if r in reasons)
    with st.container(border=True, key="script_new_quiz"):
        st.markdown(
            f"Your quiz on {day(latest.taken_at)} points to worries your plan doesn't speak to "
            f"yet: {names}. Add a suggested line for each?"
        )
        with st.container(horizontal=True):
            if st.button("Add them", key="script_new_quiz_add", type="primary"):
                content = load_script_content()
                worries = cur.draft.worries + tuple((r, content.worry(r).line) for r in new)
                later = replace(cur, quiz_at=latest.taken_at.isoformat())
                _save(
                    place,
                    later,
                    replace(cur.draft, worries=worries),
                    "Added, and saved.",
                    [f"{FIELD}worry_{r}" for r in new],
                )
            if st.button("Not now", key="script_new_quiz_skip"):
                later = replace(cur, quiz_at=latest.taken_at.isoformat())
                _save(place, later, cur.draft, "Okay, your plan stays as it is.", [])


def _hidden_steps(script: Script, safety: SafetyMode) -> None:
    with st.container(border=True, key="script_safety_hidden"):
        st.markdown(script.safety_note)
        st.caption(safety.message("joint_therapy"))
        st.page_link(
            "app_pages/safety.py",
            label="Safety help and resources",
            icon=":material/health_and_safety:",
        )


def _boundary_hidden(step: Step, safety: SafetyMode) -> None:
    with st.container(border=True, key="script_boundary_hidden"):
        st.markdown(f":material/visibility_off: **{step.title}**")
        st.caption(safety.message("boundary"))


def _clear(place: Here, cur: Current) -> None:
    if cur.working is None:
        return
    st.divider()
    if not st.session_state.get(CONFIRM_CLEAR):
        if st.button(
            "Clear the builder and start again",
            key="script_clear",
            type="tertiary",
            icon=":material/restart_alt:",
        ):
            st.session_state[CONFIRM_CLEAR] = True
            st.rerun()
        return
    st.warning(
        "This empties every step in the builder. Your saved versions stay as they are.",
        icon=":material/info:",
    )
    with st.container(horizontal=True, key="script_clear_row"):
        if st.button("Yes, clear it", key="script_clear_yes", type="primary"):
            try:
                view.clear_working(place)
            except StorageError as exc:
                st.warning(exc.message, icon=":material/cloud_off:")
                return
            st.session_state.pop(CONFIRM_CLEAR, None)
            st.session_state[FLASH] = "The builder is empty again."
            st.rerun()
        if st.button("Keep my plan", key="script_clear_no"):
            st.session_state.pop(CONFIRM_CLEAR, None)
            st.rerun()


def show_build(
    place: Here,
    cur: Current,
    script: Script,
    safety: SafetyMode,
    latest: Entry | None,
    content: ScriptContent,
) -> None:
    """Every step as its own small form, in conversation order."""
    _source_note(place, cur, latest, safety)
    visible = [s for s in content.steps if s.id not in script.hidden]
    st.markdown(
        f"{len(visible)} short steps, in the order a good conversation tends to go. Fill in as "
        "many or as few as you like, in your own words; each step saves on its own. After you "
        "save, a tone check offers gentler words for anything that could land as blame. It's "
        "only advice."
    )
    if script.hidden:
        _hidden_steps(script, safety)
    _sync(cur.draft, cur.marker, content)
    tips = _tips_by_field(cur.draft)
    number = 0
    for step in content.steps:
        if step.id in script.hidden:
            if step.id == "boundary":
                _boundary_hidden(step, safety)
            continue
        number += 1
        _step_form(place, cur, step, number, script, tips, content)
    _clear(place, cur)


# --- saved versions ------------------------------------------------------------------------------


def _actions(place: Here, cur: Current) -> view.VersionActions:
    def save_new(name: str) -> None:
        try:
            version_id = view.save_version(place, name, cur.draft)
            updated = view.write_working(
                place, replace(cur.draft, name=name), cur.quiz_at, version_id
            )
        except StorageError as exc:
            st.warning(exc.message, icon=":material/cloud_off:")
            return
        st.session_state[SYNCED] = updated
        st.session_state[FLASH] = f"Saved as “{name}”."
        st.rerun()

    def save_over(version: view.Version) -> None:
        try:
            view.update_version(place, version, cur.draft)
            named = replace(cur.draft, name=version.name)
            updated = view.write_working(place, named, cur.quiz_at, version.id)
        except StorageError as exc:
            st.warning(exc.message, icon=":material/cloud_off:")
            return
        st.session_state[SYNCED] = updated
        st.session_state[FLASH] = f"Saved your changes to “{version.name}”."
        st.rerun()

    def load(version: view.Version) -> None:
        try:
            view.write_working(place, version.draft, cur.quiz_at, version.id)
        except StorageError as exc:
            st.warning(exc.message, icon=":material/cloud_off:")
            return
        # The widgets still show the old draft: leaving SYNCED alone makes the next run push.
        st.session_state[GOTO] = "build"
        st.session_state[FLASH] = f"Loaded “{version.name}” into the builder."
        st.rerun()

    return view.VersionActions(save_new=save_new, save_over=save_over, load=load)


# --- the page ------------------------------------------------------------------------------------


def main() -> None:
    """Read the draft, pick the view, draw it."""
    place = here()
    content = load_script_content()
    safety = mode(place)
    st.title("Script builder", anchor=False)
    st.caption("Plan what to say, in your own words, at your own pace")
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(escape_markdown(message), icon=":material/check_circle:")

    latest = view.latest_quiz(place)
    cur = current(place, latest)
    script = assemble(cur.draft, safety_mode=safety.on)

    goto = st.session_state.pop(GOTO, None)
    if goto in VIEWS:
        st.session_state[VIEW] = goto
    if st.session_state.get(VIEW) not in VIEWS:
        st.session_state[VIEW] = "build"
    chosen = st.segmented_control(
        "What to show",
        options=list(VIEWS),
        format_func=VIEWS.__getitem__,
        required=True,
        key=VIEW,
        label_visibility="collapsed",
        width="stretch",
    )
    if chosen == "script":
        tips = sum(
            1
            for name, _ in check_draft(cur.draft)
            if name.split(":")[0] not in _hidden_fields(script, content)
        )
        view.show_output(script, tips, safety_note=bool(script.hidden), go_build=_go_build)
    elif chosen == "practice":
        view.show_practice(script, go_build=_go_build)
    elif chosen == "versions":
        view.show_versions(place, cur.draft, cur.working, _actions(place, cur))
    else:
        show_build(place, cur, script, safety, latest, content)


def _hidden_fields(script: Script, content: ScriptContent) -> set[str]:
    return {f.key for s in content.steps if s.id in script.hidden for f in s.fields}


main()
