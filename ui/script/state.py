"""The working draft, and what the script builder's steps share (nothing is drawn here).

Storage is :mod:`records.script` (the working draft, the saved versions). Its reads are kept for
the session while the private file is unchanged (see :func:`kept`).

Widgets get their values from the stored draft, never from ``value=``: whenever the stored draft
is not the one the widgets show (a new session, a version loaded, the builder cleared) every
field is pushed into ``st.session_state`` before the forms are drawn; after a step is saved only
that step's fields are pushed, so words typed but not yet saved in another step stay put
(:func:`sync`). ``SYNCED`` is the marker of the draft the widgets show; ``PUSH`` the widget keys a
save wants given the stored words on the coming run.

Two tabs on one step: each tab remembers what its step's widgets were last given from storage
(``BASE``); a save that finds the stored step changed since is held back (``CONFLICT``, see
:mod:`ui.script.step_save` and :mod:`ui.script.held`).

What a callback leaves to say goes through :mod:`ui.feedback`, under the places named here: each
part shows its own place where it is drawn; ``PAGE`` is shown at the top of the page, for a
confirmation whose part is gone on the coming run (a version loaded or deleted).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import streamlit as st

from content.script import ScriptContent, Step
from guide.script import Script, ScriptDraft, assemble, prefill
from records import quiz as quiz_records
from records import script as script_records
from records.quiz import Entry
from records.script import Working
from ui.context import Here

MAX_CHARS = 600
TIME_CHARS = 80
TIME_SLOTS = 3
FIELD = "script_f_"
SYNCED, PUSH = "script_synced", "script_push"
WHOLE_PAGE = "script_whole_page"  # a step's save changed more than its own step: draw it all
KEPT = "script_kept"  # storage reads kept while the private file is unchanged (see kept)
# What each step's widgets were last given from storage, and the steps whose save found that the
# stored step had changed since (another tab or window).
BASE, CONFLICT = "script_base", "script_conflict"
EMPTYING = "script_emptying"  # the step whose save, with every box empty, waits to be confirmed
PAGE = "script"  # feedback shown at the top of the page (see the module docstring)
# Draft fields that are not one free-text box each.
SPECIAL_FIELDS = ("timing_checked", "worries", "times")
OFFERS = ("offer_book", "offer_pay", "offer_stop_30")
PICKERS = (
    *(f"script_suggest_{step}" for step in ("opener", "reframe", "first_step", "shared", "if_no")),
    "script_add_worry",
)
T = TypeVar("T")


def step_place(step_id: str, part: str = "") -> str:
    """Where a step's feedback is shown: under its form, or under one of its buttons (``part``)."""
    return f"script_step_{step_id}" + (f":{part}" if part else "")


@dataclass(frozen=True)
class Current:
    """The draft on show, what the widgets should reflect, and where the draft came from."""

    draft: ScriptDraft
    marker: str
    quiz_at: str
    version_id: str
    working: Working | None


# --- reading the draft ---------------------------------------------------------------------------


def kept(place: Here, name: str, read: Callable[[Here], T]) -> T:
    """``read(place)``, kept for this session while the private file stays as it was.

    Most runs change nothing on disk, and a save's callback and the run after it both need the
    draft: a look at the file's identity (taken before the read, so a write during the read makes
    the next look miss) stands in for a locked read and a copy of the documents.
    """
    token = (place.access.space_id, place.private.version())
    found_all = st.session_state.setdefault(KEPT, {})
    found = found_all.get(name)
    if token[1] is not None and found is not None and found[0] == token:
        return found[1]
    value = read(place)
    found_all[name] = (token, value)
    return value


def read_working(place: Here) -> Working | None:
    """The stored working draft, or None before the first save (damage is repaired, not raised)."""
    return script_records.read_working(place.private)


def working(place: Here) -> Working | None:
    """The stored working draft, kept while the file is unchanged."""
    return kept(place, "working", read_working)


def latest(place: Here) -> Entry | None:
    """The newest readable quiz result (damaged ones are skipped quietly), kept likewise."""
    return kept(place, "latest_quiz", lambda here: quiz_records.latest(here.private))


def _dedupe(draft: ScriptDraft) -> ScriptDraft:
    """One worry line per reason: a repeated reason would give two widgets one key."""
    seen: dict[str, str] = {}
    for reason, line in draft.worries:
        seen.setdefault(reason, line)
    return replace(draft, worries=tuple(seen.items()))


def current(place: Here) -> Current:
    """The stored working draft, else one pre-filled from the latest quiz, else an empty one."""
    stored = working(place)
    if stored is not None:
        draft = _dedupe(stored.draft)
        return Current(draft, stored.updated_at, stored.quiz_at, stored.version_id, stored)
    quiz = latest(place)
    if quiz is not None:
        taken = quiz.taken_at.isoformat()
        return Current(prefill(quiz.result.top), f"prefill:{taken}", taken, "", None)
    return Current(ScriptDraft(), "empty", "", "", None)


def assembled(place: Here, draft: ScriptDraft) -> Script:
    """The script ``draft`` makes, worked out once per draft (every step needs it)."""
    found = place.memo.get("script_assembled")
    if found is not None and found[0] == draft:
        return found[1]  # type: ignore[return-value]
    # Never in safety mode: the page shows no builder then (see app_pages/script.py).
    script = assemble(draft, safety_mode=False)
    place.memo["script_assembled"] = (draft, script)
    return script


# --- writing the draft (from callbacks: they run before the page is drawn) -----------------------


def store(
    place: Here,
    cur: Current,
    draft: ScriptDraft,
    push: Sequence[str] = (),
    version_id: str | None = None,
) -> None:
    """Store ``draft`` as the working draft, for the coming run to show; a ``StorageError`` is the
    caller's to say. ``push``: widget keys to be given the stored words on that run;
    ``version_id``: the saved version it now stands for (by default the one it stood for)."""
    vid = cur.version_id if version_id is None else version_id
    updated = script_records.write_working(place.private, draft, cur.quiz_at, vid)
    st.session_state[SYNCED] = updated
    st.session_state[PUSH] = tuple(push)


def clear(place: Here) -> None:
    """Remove the working draft (saved versions stay)."""
    script_records.clear_working(place.private)


# --- the widgets ---------------------------------------------------------------------------------


def step_values(step: Step, draft: ScriptDraft, content: ScriptContent) -> dict[str, Any]:
    """The widget values that show one step of ``draft``."""
    if step.id == "timing":
        checked = set(draft.timing_checked)
        return {f"{FIELD}timing_{i.id}": i.id in checked for i in content.timing}
    if step.id == "worries":
        return {f"{FIELD}worry_{r}": line for r, line in draft.worries}
    # Shown whole, never cut: a save over a limit is refused (see step_save), so anything
    # longer came from elsewhere (an old version) and the person should see all of it.
    values: dict[str, Any] = {
        FIELD + f.key: getattr(draft, f.key) for f in step.fields if f.key not in SPECIAL_FIELDS
    }
    if step.id == "first_step":
        times = list(draft.times[:TIME_SLOTS]) + [""] * TIME_SLOTS
        values |= {f"{FIELD}time_{i}": times[i] for i in range(TIME_SLOTS)}
        values |= {FIELD + name: getattr(draft, name) for name in OFFERS}
    return values


def sync(
    draft: ScriptDraft, marker: str, content: ScriptContent, steps: Sequence[Step] | None = None
) -> None:
    """Make the widgets of ``steps`` (all by default) show ``draft`` where they should (see the
    module docstring)."""
    values: dict[str, Any] = {}
    for step in content.steps if steps is None else steps:
        values |= step_values(step, draft, content)
    pushed = set(st.session_state.pop(PUSH, ()))
    # A used picker goes back to blank, so it doesn't look like a choice still waiting.
    for key in PICKERS:
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
            base[step.id] = step_values(step, draft, content)
        st.session_state.update({k: v for k, v in held.items() if k in values})
        return
    for step in shown:
        own = step_values(step, draft, content)
        # A widget not drawn on the last run (another view was open) has lost its state.
        fresh = {k: v for k, v in own.items() if k in pushed or k not in st.session_state}
        st.session_state.update(fresh)
        if fresh:
            base[step.id] = own


def whole_page_drawn() -> None:
    """This run draws every step: a step need not ask for the whole page any more."""
    st.session_state.pop(WHOLE_PAGE, None)
