"""Script builder: plan the conversation step by step, check the tone, and take the script away.

In safety mode the page shows none of this: it says why the builder is paused and points to
the Safety page, a hotline advocate and support of one's own (``ui.script_view.safety_instead``).

Four views: *Build* (one form per step, so typing never reruns the page; each save also writes the
working draft to storage and shows the tone check under every field), *Your script* (talking
points, the full script, the invitation, a print view and downloads), *Practise* (one step at a
time in large type) and *Saved versions*. Storage shapes are in :mod:`ui.script_view`.

Widgets get their values from the stored draft, never from ``value=``: whenever the stored draft
is not the one the widgets show (a new session, a version loaded, the builder cleared) every
field is pushed into ``st.session_state`` before the forms are drawn; after a step is saved only
that step's fields are pushed, so words typed but not yet saved in another step stay put.

Every save happens in a button callback (``on_click``), which Streamlit runs before the script:
the page then draws once, already showing the new draft, its tone tips and a confirmation. A
callback reads the form's values from ``st.session_state`` by widget key and leaves anything to
say (a storage failure, "choose one first") with ``view.note`` for the run to show in place.
Each step is a fragment, so a step's save draws that step again and leaves the other nine as they
are; when a save changes more than its step (the first save brings the "clear" button, a changed
list of worries may answer the newer-quiz note, the draft changed in another tab, the link no
longer opens the space) the whole page runs instead.

Two tabs on one step: each tab remembers what its step's widgets were last given from storage
(``BASE``). A save that finds the stored step different from that (another tab saved it since)
and different from what is typed saves nothing: the boxes keep the person's words and the step
asks "Keep mine", "Take the newer one" or "See both" (:func:`_conflict_box`). Steps changed in
only one tab merge as before. Long text is refused at the save with how much to cut, never cut.

Storage reads are kept for the session while
the private file is unchanged (see :func:`_kept`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal, TypeVar

import streamlit as st

from content.reasons import load_reasons
from content.script import (
    ScriptContent,
    Step,
    WorryLine,
    load_safety_instead,
    load_script_content,
)
from guide import formatting
from guide.keeping import would_erase
from guide.limits import first_too_long, limit_hint
from guide.safety import escape_markdown
from guide.script import Script, ScriptDraft, assemble, check_draft, prefill
from guide.tone import Flag, advice
from records.quiz import Entry
from storage.errors import StorageError
from ui import clock, pages
from ui import script_view as view
from ui.callbacks import guarded, note_closed, reopen, still_open
from ui.context import Here, here
from ui.safety.state import mode

MAX_CHARS = 600
TIME_CHARS = 80
TIME_SLOTS = 3
FIELD = "script_f_"
VIEW, GOTO = "script_view", "script_goto"
SYNCED, PUSH, FLASH = "script_synced", "script_push", "script_flash"
CONFIRM_CLEAR = "script_confirm_clear"
WHOLE_PAGE = "script_whole_page"  # a step's save changed more than its own step: draw it all
KEPT = "script_kept"  # storage reads kept while the private file is unchanged (see _kept)
# What each step's widgets were last given from storage, and the steps whose save found that the
# stored step had changed since (another tab or window): see _on_step and _conflict_box.
BASE, CONFLICT = "script_base", "script_conflict"
EMPTYING = "script_emptying"  # the step whose save, with every box empty, waits to be confirmed
T = TypeVar("T")

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


def _kept(place: Here, name: str, read: Callable[[Here], T]) -> T:
    """``read(place)``, kept for this session while the private file stays as it was.

    Most runs change nothing on disk, and a save's callback and the run after it both need the
    draft: a look at the file's identity (taken before the read, so a write during the read makes
    the next look miss) stands in for a locked read and a copy of the documents.
    """
    token = (place.access.space_id, place.private.version())
    kept = st.session_state.setdefault(KEPT, {})
    found = kept.get(name)
    if token[1] is not None and found is not None and found[0] == token:
        return found[1]
    value = read(place)
    kept[name] = (token, value)
    return value


def _latest(place: Here) -> Entry | None:
    return _kept(place, "latest_quiz", view.latest_quiz)


def current(place: Here, latest: Callable[[Here], Entry | None] = _latest) -> Current:
    """The stored working draft, else one pre-filled from the latest quiz, else an empty one."""
    working = _kept(place, "working", view.read_working)
    if working is not None:
        draft = _dedupe(working.draft)
        return Current(draft, working.updated_at, working.quiz_at, working.version_id, working)
    quiz = latest(place)
    if quiz is not None:
        taken = quiz.taken_at.isoformat()
        return Current(prefill(quiz.result.top), f"prefill:{taken}", taken, "", None)
    return Current(ScriptDraft(), "empty", "", "", None)


def _step_values(step: Step, draft: ScriptDraft, content: ScriptContent) -> dict[str, Any]:
    """The widget values that show one step of ``draft``."""
    if step.id == "timing":
        checked = set(draft.timing_checked)
        return {f"{FIELD}timing_{i.id}": i.id in checked for i in content.timing}
    if step.id == "worries":
        return {f"{FIELD}worry_{r}": line for r, line in draft.worries}
    # Shown whole, never cut: a save over a limit is refused (see _too_long), so anything
    # longer came from elsewhere (an old version) and the person should see all of it.
    values: dict[str, Any] = {
        FIELD + f.key: getattr(draft, f.key) for f in step.fields if f.key not in SPECIAL_FIELDS
    }
    if step.id == "first_step":
        times = list(draft.times[:TIME_SLOTS]) + [""] * TIME_SLOTS
        values |= {f"{FIELD}time_{i}": times[i] for i in range(TIME_SLOTS)}
        values |= {FIELD + name: getattr(draft, name) for name in OFFERS}
    return values


def _sync(
    draft: ScriptDraft, marker: str, content: ScriptContent, steps: Sequence[Step] | None = None
) -> None:
    """Make the widgets of ``steps`` (all by default) show ``draft`` where they should (see the
    module docstring)."""
    values: dict[str, Any] = {}
    for step in content.steps if steps is None else steps:
        values |= _step_values(step, draft, content)
    pushed = set(st.session_state.pop(PUSH, ()))
    # A used picker goes back to blank, so it doesn't look like a choice still waiting.
    for key in _PICKERS:
        if key in pushed:
            st.session_state[key] = None  # None, not a pop: the browser must be told too
    base = st.session_state.setdefault(BASE, {})
    conflicts = st.session_state.get(CONFLICT, {})
    shown = content.steps if steps is None else steps
    if st.session_state.get(SYNCED) != marker:
        # A step whose save was held back keeps the person's own words (as last typed) in its
        # boxes; everything else shows what is stored now.
        held = {
            k: st.session_state.get(k, v)
            for found in conflicts.values()
            for k, v in found["mine"].items()
        }
        st.session_state.update(values)
        st.session_state[SYNCED] = marker
        for step in shown:
            base[step.id] = _step_values(step, draft, content)
        st.session_state.update({k: v for k, v in held.items() if k in values})
        return
    for step in shown:
        own = _step_values(step, draft, content)
        # A widget not drawn on the last run (another view was open) has lost its state.
        fresh = {k: v for k, v in own.items() if k in pushed or k not in st.session_state}
        st.session_state.update(fresh)
        if fresh:
            base[step.id] = own


def _save(
    place: Here, cur: Current, draft: ScriptDraft, message: str, push: Sequence[str], where: str
) -> None:
    """Store the working draft for the coming run to show (a callback); on failure say so at
    ``where`` and leave the words on screen."""
    try:
        updated = view.write_working(place, draft, cur.quiz_at, cur.version_id)
    except StorageError as exc:
        view.note(where, exc.message, ":material/cloud_off:")
        return
    st.session_state[SYNCED] = updated
    st.session_state[PUSH] = tuple(push)
    st.session_state[FLASH] = message


def _go_build() -> None:
    st.session_state[VIEW] = "build"


# --- the step forms ------------------------------------------------------------------------------


def _tips_by_field(draft: ScriptDraft) -> dict[str, list[Flag]]:
    tips: dict[str, list[Flag]] = defaultdict(list)
    for name, flag in check_draft(draft):
        tips[name].append(flag)
    return tips


def _tip_count(found: Sequence[tuple[str, Flag]]) -> int:
    """How many tips the tone check shows in all: one per piece of advice in each box."""
    by_box: dict[str, list[Flag]] = defaultdict(list)
    for name, flag in found:
        by_box[name].append(flag)
    return sum(len(advice(flags)) for flags in by_box.values())


def _step_tips(step: Step, tips: Mapping[str, list[Flag]]) -> int:
    names = {f.key for f in step.fields}
    return sum(
        len(advice(flags))
        for name, flags in tips.items()
        if name in names or name.split(":")[0] in names
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


def _text_widgets(step: Step, tips: Mapping[str, list[Flag]]) -> None:
    """One box per free-text field of the step, each with its tone tips under it."""
    fields = [f for f in step.fields if f.key not in SPECIAL_FIELDS]
    for field in fields:
        placeholder = f"For example: {field.example}" if field.example else None
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
        view.show_flags(tips.get(field.key, ()))


def _suggestion_row(place: Here, step_id: str, content: ScriptContent) -> None:
    """A suggestion picker and its button (which fills in the box and saves the step)."""
    options = _suggestions(step_id, content)
    if not options:
        return
    st.selectbox(
        "Or start from a suggestion",
        options=range(len(options)),
        index=None,
        format_func=lambda i: options[i][0],
        placeholder="Choose one to fill in the box above",
        key=f"script_suggest_{step_id}",
    )
    st.form_submit_button(
        "Use this suggestion",
        key=f"script_use_{step_id}",
        icon=":material/auto_awesome:",
        on_click=_on_step,
        args=(place, step_id, "suggest"),
    )
    view.show_note(f"{step_id}:suggest")


def _timing_widgets(content: ScriptContent) -> None:
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


def _worry_widgets(
    place: Here, draft: ScriptDraft, tips: Mapping[str, list[Flag]], content: ScriptContent
) -> None:
    """A box per likely worry, and a way to add one."""
    reasons = load_reasons()
    if not draft.worries:
        st.caption(
            "No worries listed yet. Add the ones that fit your partner below, or take the quiz "
            "to find the likely ones."
        )
    for reason, _line in draft.worries:
        name = reasons[reason].name if reason in reasons else "Another worry"
        st.text_area(
            f"If the worry is: {name}",
            key=f"{FIELD}worry_{reason}",
            height=110,
            help=limit_hint(MAX_CHARS),
        )
        view.show_flags(tips.get(f"worries:{reason}", ()))
    if draft.worries:
        st.caption("To leave a worry out, empty its box and save. Emptying every box asks first.")
    others = _other_worries(draft, content)
    if others:
        st.selectbox(
            "Add a line for another worry",
            options=range(len(others)),
            index=None,
            format_func=lambda i: reasons[others[i].reason_id].name,
            placeholder="Choose a worry",
            key="script_add_worry",
        )
        st.form_submit_button(
            "Add this worry",
            key="script_add_worry_go",
            icon=":material/add:",
            on_click=_on_step,
            args=(place, "worries", "add_worry"),
        )
        view.show_note("worries:add_worry")


def _other_worries(draft: ScriptDraft, content: ScriptContent) -> list[WorryLine]:
    """The worries the draft has no line for yet, in the order the content lists them."""
    listed = {reason for reason, _ in draft.worries}
    return [w for w in content.worries if w.reason_id not in listed]


def _friction_widgets(tips: Mapping[str, list[Flag]], content: ScriptContent) -> None:
    st.markdown("**Make it easy to say yes**")
    field = next(f for f in content.step("first_step").fields if f.key == "times")
    columns = st.columns(TIME_SLOTS)
    for index, column in enumerate(columns):
        with column:
            # One visible label over the row; screen readers hear which box is which.
            st.text_input(
                field.label if index == 0 else f"Time {index + 1} of {TIME_SLOTS}",
                key=f"{FIELD}time_{index}",
                help=limit_hint(TIME_CHARS),
                placeholder=f"e.g. {field.example}" if index == 0 and field.example else None,
                label_visibility="visible" if index == 0 else "hidden",
            )
    for index in range(TIME_SLOTS):
        view.show_flags(tips.get(f"times:{index}", ()))
    for name in OFFERS:
        st.checkbox(content.friction_remover(name).label, key=FIELD + name)


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
            if step.id == "timing":
                _timing_widgets(content)
            elif step.id == "worries":
                _worry_widgets(place, cur.draft, tips, content)
            else:
                _text_widgets(step, tips)
                _suggestion_row(place, step.id, content)
                if step.id == "first_step":
                    _friction_widgets(tips, content)
            if step.id in PREVIEW_STEPS:
                _preview(step, script)
            st.form_submit_button(
                "Save this step",
                key=f"script_save_{step.id}",
                type="primary",
                icon=":material/save:",
                on_click=_on_step,
                args=(place, step.id, "save"),
            )
        view.show_note(step.id)
        _emptying_box(place, step)
        _conflict_box(place, cur, step, content)


def _emptying_box(place: Here, step: Step) -> None:
    """The step was saved with every box empty: keep its saved words, or empty it on purpose."""
    if st.session_state.get(EMPTYING) != step.id:
        return
    with st.container(border=True, key=f"script_emptying_{step.id}"):
        st.markdown(
            ":material/info: Every box in this step is empty, so nothing was saved: the words "
            "saved before are kept. Do you want to empty this step?"
        )
        with st.container(horizontal=True):
            st.button(
                "Keep the saved words",
                key=f"script_emptying_{step.id}_keep",
                type="primary",
                on_click=_on_keep_saved,
                args=(place, step.id),
            )
            st.button(
                "Yes, empty this step",
                key=f"script_emptying_{step.id}_empty",
                on_click=_on_step,
                args=(place, step.id, "save"),
                kwargs={"empty": True},
            )


@guarded
def _on_keep_saved(place: Here, step_id: str) -> None:
    """Put the step's saved words back in its boxes (nothing is written)."""
    content = load_script_content()
    step = content.step(step_id)
    saved = _step_values(step, current(place).draft, content)
    st.session_state.update(saved)
    st.session_state.setdefault(BASE, {})[step_id] = saved
    st.session_state.pop(EMPTYING, None)
    st.session_state[FLASH] = f"“{step.title}” keeps its saved words."


def _conflict_box(place: Here, cur: Current, step: Step, content: ScriptContent) -> None:
    """When this step's save was held back (changed elsewhere), let the person choose."""
    found = st.session_state.get(CONFLICT, {}).get(step.id)
    if found is None:
        return
    with st.container(border=True, key=f"script_conflict_{step.id}"):
        st.markdown(
            ":material/sync_problem: **This step was changed in another tab or window** after "
            "you opened it here, so your save was held back. The boxes above still hold your "
            "words. Which should this step keep?"
        )
        with st.container(horizontal=True):
            for choice, label in (
                ("keep_mine", "Keep mine"),
                ("take_newer", "Take the newer one"),
                ("see_both", "Hide the newer one" if found["both"] else "See both"),
            ):
                st.button(
                    label,
                    key=f"script_conflict_{step.id}_{choice}",
                    type="primary" if choice == "keep_mine" else "secondary",
                    on_click=_on_conflict,
                    args=(place, step.id, choice),
                )
        if found["both"]:
            st.caption("The newer words, as saved in the other tab:")
            newer = _step_values(step, cur.draft, content)
            labels = _value_labels(step, content)
            for key, value in newer.items():
                st.caption(labels.get(key, ""))
                if isinstance(value, bool):
                    st.text("ticked" if value else "not ticked")
                else:
                    st.text(value or "(empty)")


def _value_labels(step: Step, content: ScriptContent) -> dict[str, str]:
    """A readable name for each widget key of the step (for showing the newer words)."""
    reasons = load_reasons()
    labels = {FIELD + f.key: f.label for f in step.fields}
    labels |= {f"{FIELD}timing_{i.id}": i.text for i in content.timing}
    labels |= {
        f"{FIELD}worry_{r.reason_id}": f"If the worry is: {reasons[r.reason_id].name}"
        for r in content.worries
        if r.reason_id in reasons
    }
    labels |= {f"{FIELD}time_{i}": f"Time {i + 1} of {TIME_SLOTS}" for i in range(TIME_SLOTS)}
    if step.id == "first_step":
        labels |= {FIELD + n: content.friction_remover(n).label for n in OFFERS}
    return labels


@guarded
def _on_conflict(place: Here, step_id: str, choice: str) -> None:
    """Keep mine (save over the newer words), take the newer one, or show both."""
    conflicts = st.session_state.get(CONFLICT, {})
    found = conflicts.get(step_id)
    if found is None:
        return
    if choice == "see_both":
        found["both"] = not found["both"]
        return
    if choice == "keep_mine":
        _on_step.__wrapped__(place, step_id, "save", force=True)  # already guarded here
        return
    content = load_script_content()
    step = content.step(step_id)
    newer = _step_values(step, current(place).draft, content)
    st.session_state.update(newer)
    st.session_state.setdefault(BASE, {})[step_id] = newer
    conflicts.pop(step_id, None)
    st.session_state[FLASH] = f"“{step.title}” shows the newer words, as saved."


# --- saving a step (callbacks: they run before the page is drawn) --------------------------------

StepAction = Literal["save", "suggest", "add_worry"]


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
        name = reasons[reason].name if reason in reasons else "Another worry"
        boxes.append((f"If the worry is: {name}", line, MAX_CHARS))
    for index, time in enumerate(updates.get("times", ())):
        boxes.append((f"Time {index + 1} of {TIME_SLOTS}", time, TIME_CHARS))
    return first_too_long(boxes)


def _words(step: Step, draft: ScriptDraft, content: ScriptContent) -> dict[str, str]:
    """The step's written words in ``draft`` by widget key (ticks are not words)."""
    return {k: v for k, v in _step_values(step, draft, content).items() if isinstance(v, str)}


def _changed_elsewhere(step: Step, cur: Current, mine: ScriptDraft, content: ScriptContent) -> bool:
    """True when the stored step is no longer what this tab drew, and differs from ``mine``.

    Another tab (or window) saved the same step since this one was drawn: saving now would
    silently replace those words, so the person is asked instead (see :func:`_conflict_box`).
    """
    drawn = st.session_state.get(BASE, {}).get(step.id)
    stored = _step_values(step, cur.draft, content)
    return drawn is not None and drawn != stored and _step_values(step, mine, content) != stored


@guarded  # a closed link saves nothing; the step's fragment then finds it closed and says so
def _on_step(
    place: Here, step_id: str, action: StepAction, force: bool = False, empty: bool = False
) -> None:
    """A step's form was sent: store the new draft so the coming run draws it, saved.

    ``force`` is the person's "keep mine" after a save found the step changed elsewhere;
    ``empty`` their confirmed "empty this step" after a save with every box empty.
    """
    content = load_script_content()
    step = content.step(step_id)
    cur = current(place)
    updates = _form_values(step, cur.draft, content)
    long = _too_long(step, updates)
    if long is not None:
        # Nothing is saved and the boxes keep every word (their state is left as it is).
        view.note(step_id, long, ":material/content_cut:")
        return
    message = f"Saved “{step.title}”."
    if action == "suggest":
        options = _suggestions(step_id, content)
        choice = _chosen(f"script_suggest_{step_id}", len(options))
        if choice is None:
            view.note(
                f"{step_id}:suggest",
                "Choose a suggestion from the list first.",
                ":material/info:",
                "info",
            )
            return
        field = next(f.key for f in step.fields if f.key not in SPECIAL_FIELDS)
        updates[field] = options[choice][1]
    elif action == "add_worry":
        others = _other_worries(cur.draft, content)
        choice = _chosen("script_add_worry", len(others))
        if choice is None:
            view.note(
                "worries:add_worry",
                "Choose a worry from the list first.",
                ":material/info:",
                "info",
            )
            return
        updates["worries"] += ((others[choice].reason_id, others[choice].line),)
        message = "Added, and saved."
    if step_id == "worries":
        updates["worries"] = tuple((reason, line) for reason, line in updates["worries"] if line)
    new = replace(cur.draft, **updates)
    if st.session_state.get(EMPTYING) == step_id and not empty:
        st.session_state.pop(EMPTYING, None)  # a new save answers the question too
    if not empty and would_erase(_words(step, cur.draft, content), _words(step, new, content)):
        # Every box empty is not a wish to erase: nothing is saved until the person confirms.
        st.session_state[EMPTYING] = step_id
        return
    st.session_state.pop(EMPTYING, None)
    conflicts = st.session_state.setdefault(CONFLICT, {})
    if not force and _changed_elsewhere(step, cur, new, content):
        mine = {k: st.session_state.get(k) for k in _step_values(step, cur.draft, content)}
        mine |= _step_values(step, new, content)
        conflicts[step_id] = {"mine": mine, "both": False}
        st.session_state.setdefault(BASE, {})[step_id] = _step_values(step, cur.draft, content)
        st.session_state[WHOLE_PAGE] = True  # other steps may have changed too: draw them all
        return
    conflicts.pop(step_id, None)
    # Only this step's picker goes back to blank: the other steps aren't drawn again.
    picker = "script_add_worry" if step_id == "worries" else f"script_suggest_{step_id}"
    _save(place, cur, new, message, [*_step_values(step, new, content), picker], step_id)
    # The first save brings the "clear" button, and a changed list of worries may answer the
    # newer-quiz note: then the whole page is drawn, not only this step.
    if cur.working is None or dict(new.worries).keys() != dict(cur.draft.worries).keys():
        st.session_state[WHOLE_PAGE] = True


# --- the build view ------------------------------------------------------------------------------


def _source_note(place: Here, cur: Current, latest: Entry | None) -> None:
    """Where the draft came from: the quiz, or a gentle pointer to it."""
    if latest is None:
        st.markdown(
            "Taking the quiz first lets this plan start from what may lie behind your partner's "
            "no. You can also start right here."
        )
        st.page_link(pages.path("quiz"), label="Take the quiz", icon=":material/quiz:")
        return
    source = formatting.read_moment(cur.quiz_at)
    # "Pre-filled from your quiz" only when the quiz gave the draft something of its own: a
    # result that named no reasons pre-fills nothing but the general suggestions.
    if source is not None and cur.draft.worries:
        st.caption(
            f":material/auto_awesome: Pre-filled from your quiz on {formatting.date_words(clock.local(source))}. "
            "Change anything: it's your plan."
        )
    if cur.working is None:
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
            f"Your quiz on {formatting.date_words(clock.local(latest.taken_at))} points to worries your plan doesn't speak to "
            f"yet: {names}. Add a suggested line for each?"
        )
        with st.container(horizontal=True):
            st.button(
                "Add them",
                key="script_new_quiz_add",
                type="primary",
                on_click=_on_new_quiz,
                args=(place, True),
            )
            st.button(
                "Not now", key="script_new_quiz_skip", on_click=_on_new_quiz, args=(place, False)
            )
    view.show_note("new_quiz")


@guarded
def _on_new_quiz(place: Here, add: bool) -> None:
    """Add the newer quiz's worries to the draft, or not; either way, stop asking about this quiz."""
    latest = _latest(place)
    if latest is None:
        return
    cur = current(place)
    later = replace(cur, quiz_at=latest.taken_at.isoformat())
    if not add:
        _save(place, later, cur.draft, "Okay, your plan stays as it is.", [], "new_quiz")
        return
    content = load_script_content()
    listed = {reason for reason, _ in cur.draft.worries}
    known = {w.reason_id for w in content.worries}
    new = [r for r in latest.result.top if r not in listed and r in known]
    worries = cur.draft.worries + tuple((r, content.worry(r).line) for r in new)
    pushed = [f"{FIELD}worry_{r}" for r in new]
    _save(
        place, later, replace(cur.draft, worries=worries), "Added, and saved.", pushed, "new_quiz"
    )


def _clear(place: Here, cur: Current) -> None:
    if cur.working is None:
        return
    st.divider()
    if not st.session_state.get(CONFIRM_CLEAR):
        st.button(
            "Clear the builder and start again",
            key="script_clear",
            type="tertiary",
            icon=":material/restart_alt:",
            on_click=_ask_clear,
            args=(True,),
        )
        return
    st.warning(
        "This empties every step in the builder. Your saved versions stay as they are.",
        icon=":material/info:",
    )
    with st.container(horizontal=True, key="script_clear_row"):
        st.button(
            "Yes, clear it",
            key="script_clear_yes",
            type="primary",
            on_click=_on_clear,
            args=(place,),
        )
        st.button("Keep my plan", key="script_clear_no", on_click=_ask_clear, args=(False,))
    view.show_note("clear")


def _ask_clear(asking: bool) -> None:
    st.session_state[CONFIRM_CLEAR] = asking


@guarded
def _on_clear(place: Here) -> None:
    """Empty the builder (a callback); saved versions stay."""
    try:
        view.clear_working(place)
    except StorageError as exc:
        view.note("clear", exc.message, ":material/cloud_off:")
        return
    st.session_state.pop(CONFIRM_CLEAR, None)
    st.session_state[FLASH] = "The builder is empty again."


def show_build(
    place: Here,
    cur: Current,
    script: Script,
    latest: Entry | None,
    content: ScriptContent,
) -> None:
    """Every step as its own small form, in conversation order."""
    _source_note(place, cur, latest)
    visible = content.steps
    st.markdown(
        f"{len(visible)} short steps, in the order a good conversation tends to go. Fill in as "
        "many or as few as you like, in your own words; each step saves on its own. After you "
        "save, a tone check offers gentler words for anything that could land as blame. It's "
        "only advice."
    )
    _sync(cur.draft, cur.marker, content)
    for number, step in enumerate(visible, start=1):
        _step(place, step.id, number)
    _clear(place, cur)


@st.fragment
def _step(place: Here, step_id: str, number: int) -> None:
    """One step of the builder. After its form is sent only this step is drawn again (it is a
    fragment), unless the rest of the page has to change with it."""
    # A fragment rerun skips the front door: read nothing unless the link still opens the space
    # (a replaced link's access no longer opens the re-keyed space at all).
    place = still_open(place)
    # Safety mode may have come on since the page was drawn (another tab): then the whole page
    # runs, and shows no step at all.
    if st.session_state.pop(WHOLE_PAGE, False) or mode(place).withholds("script_builder"):
        st.rerun(scope="app")
    cur = current(place)
    if st.session_state.get(SYNCED) != cur.marker:
        st.rerun(scope="app")  # the draft changed some other way: every step must show it
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(escape_markdown(message), icon=":material/check_circle:")
    content = load_script_content()
    step = content.step(step_id)
    _sync(cur.draft, cur.marker, content, (step,))
    script = _assembled(place, cur.draft)
    _step_form(place, cur, step, number, script, _tips(place, cur.draft), content)


def _assembled(place: Here, draft: ScriptDraft) -> Script:
    """The script ``draft`` makes, worked out once per draft (every step needs it)."""
    found = place.memo.get("script_assembled")
    if found is not None and found[0] == draft:
        return found[1]  # type: ignore[return-value]
    # Never in safety mode: the page shows no builder then (see main).
    script = assemble(draft, safety_mode=False)
    place.memo["script_assembled"] = (draft, script)
    return script


def _tips(place: Here, draft: ScriptDraft) -> dict[str, list[Flag]]:
    """The tone check's tips by field, worked out once per draft (every step needs them)."""
    found = place.memo.get("script_tips")
    if found is not None and found[0] == draft:
        return found[1]  # type: ignore[return-value]
    tips = _tips_by_field(draft)
    place.memo["script_tips"] = (draft, tips)
    return tips


# --- saved versions ------------------------------------------------------------------------------


def _actions(place: Here) -> view.VersionActions:
    """What the versions list may do to the working draft: callbacks, each reading it afresh."""

    def save_new(name: str) -> None:
        now = reopen(place)  # the place captured when the page was drawn may be closed now
        if now is None:
            note_closed()
            return
        cur = current(now)
        try:
            version_id = view.save_version(now, name, cur.draft)
            updated = view.write_working(
                now, replace(cur.draft, name=name), cur.quiz_at, version_id
            )
        except StorageError as exc:
            view.note("version_new", exc.message, ":material/cloud_off:")
            return
        st.session_state[SYNCED] = updated
        st.session_state[FLASH] = f"Saved as “{name}”."

    def save_over(version: view.Version) -> None:
        now = reopen(place)  # the place captured when the page was drawn may be closed now
        if now is None:
            note_closed()
            return
        cur = current(now)
        try:
            view.update_version(now, version, cur.draft)
            named = replace(cur.draft, name=version.name)
            updated = view.write_working(now, named, cur.quiz_at, version.id)
        except StorageError as exc:
            view.note("version_over", exc.message, ":material/cloud_off:")
            return
        st.session_state[SYNCED] = updated
        st.session_state[FLASH] = f"Saved your changes to “{version.name}”."

    def load(version: view.Version) -> None:
        now = reopen(place)  # the place captured when the page was drawn may be closed now
        if now is None:
            note_closed()
            return
        cur = current(now)
        try:
            view.write_working(now, version.draft, cur.quiz_at, version.id)
        except StorageError as exc:
            view.note(f"version_{version.id}", exc.message, ":material/cloud_off:")
            return
        # The widgets still show the old draft: leaving SYNCED alone makes the next run push.
        st.session_state[GOTO] = "build"
        st.session_state[FLASH] = f"Loaded “{version.name}” into the builder."

    return view.VersionActions(save_new=save_new, save_over=save_over, load=load)


# --- the page ------------------------------------------------------------------------------------


def main() -> None:
    """Read the draft, pick the view, draw it."""
    place = here()
    content = load_script_content()
    safety = mode(place)
    st.title("Script builder", anchor=False)
    if safety.withholds("script_builder"):
        # Every part of the builder rehearses asking the partner into joint therapy: the page
        # says why it is paused and what helps instead, and draws nothing of the draft.
        words = load_safety_instead()
        st.caption(words.caption)
        has_words = _kept(place, "working", view.read_working) is not None or bool(
            view.read_versions(place)[0]
        )
        view.safety_instead(words, has_words)
        return
    st.caption("Plan what to say, in your own words, at your own pace")
    message = st.session_state.pop(FLASH, None)
    if message:
        st.toast(escape_markdown(message), icon=":material/check_circle:")

    st.session_state.pop(WHOLE_PAGE, None)  # this run draws the whole page anyway
    latest = _latest(place)
    cur = current(place)
    script = _assembled(place, cur.draft)

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
        view.show_output(script, _tip_count(check_draft(cur.draft)), go_build=_go_build)
    elif chosen == "practice":
        view.show_practice(script, go_build=_go_build)
    elif chosen == "versions":
        view.show_versions(place, cur.draft, cur.working, _actions(place))
    else:
        show_build(place, cur, script, latest, content)
    # A note whose place isn't on screen now (another view was picked) is not kept for later.
    st.session_state.pop(view.NOTE, None)


main()
