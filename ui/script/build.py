"""The *Build* view: where the draft came from, every step in conversation order, and clearing.

- *Where it came from*: "pre-filled from your quiz", or a way to the quiz; when a newer quiz points
  to worries the plan doesn't speak to yet, an offer to add a suggested line for each.
- *The steps*: one small form each (:mod:`ui.script.steps`), so typing never reruns the page; each
  save writes the working draft and shows the tone check under every field.
- *Clear the builder*: asks first; saved versions stay.

Every save happens in a button callback, which Streamlit runs before the script, so the page then
draws once, already changed; what it has to say goes through :mod:`ui.feedback` (the offer's place
and the clear button's place, each shown where its part is, or would be).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from content.messages import t, tn
from content.reasons import load_reasons
from content.script import load_script_content
from guide import formatting
from records.quiz import Entry
from ui import clock, feedback, pages
from ui.context import Here
from ui.script import state
from ui.script.steps import step

NEW_QUIZ, CLEAR = "script_new_quiz", "script_clear"  # feedback places
CONFIRM_CLEAR = "script_confirm_clear"


def show(place: Here) -> None:
    """Every step as its own small form, in conversation order."""
    state.whole_page_drawn()
    content = load_script_content()
    cur = state.current(place)
    _source_note(place, cur, state.latest(place))
    feedback.show(NEW_QUIZ)  # under the offer, or alone once the offer is answered
    visible = content.steps
    st.markdown(
        tn(
            "{count} short step, in the order a good conversation tends to go. Fill it in, "
            "in your own words; it saves on its own. After you save, a tone check offers "
            "gentler words for anything that could land as blame. It's only advice.",
            "{count} short steps, in the order a good conversation tends to go. Fill in as "
            "many or as few as you like, in your own words; each step saves on its own. After "
            "you save, a tone check offers gentler words for anything that could land as blame. "
            "It's only advice.",
            len(visible),
        )
    )
    state.sync(cur.draft, cur.marker, content)
    for number, shown in enumerate(visible, start=1):
        step(place, shown.id, number)
    if cur.working is not None:
        _clear(place)
    feedback.show(CLEAR)  # under the clear button, or alone once the builder is empty


# --- where the draft came from -------------------------------------------------------------------


def _source_note(place: Here, cur: state.Current, latest: Entry | None) -> None:
    """Where the draft came from: the quiz, or a gentle pointer to it."""
    if latest is None:
        st.markdown(
            t(
                "Taking the quiz first lets this plan start from what may lie behind your "
                "partner's no. You can also start right here."
            )
        )
        st.page_link(pages.path("quiz"), label=t("Take the quiz"), icon=":material/quiz:")
        return
    source = formatting.read_moment(cur.quiz_at)
    # "Pre-filled from your quiz" only when the quiz gave the draft something of its own: a
    # result that named no reasons pre-fills nothing but the general suggestions.
    if source is not None and cur.draft.worries:
        when = formatting.date_words(clock.local(source))
        st.caption(
            ":material/auto_awesome: "
            + t("Pre-filled from your quiz on {date}. Change anything: it's your plan.", date=when)
        )
    if cur.working is None:
        return
    if source is not None and latest.taken_at <= source:
        return
    new = _newer_worries(cur, latest)
    if not new:
        return
    reasons = load_reasons()
    names = ", ".join(f"“{reasons[r].name}”" for r in new if r in reasons)
    with st.container(border=True, key="script_new_quiz"):
        st.markdown(
            t(
                "Your quiz on {date} points to worries your plan doesn't speak to yet: {names}. "
                "Add a suggested line for each?",
                date=formatting.date_words(clock.local(latest.taken_at)),
                names=names,
            )
        )
        with st.container(horizontal=True):
            st.button(
                t("Add them"),
                key="script_new_quiz_add",
                type="primary",
                on_click=_on_new_quiz,
                args=(place, True),
            )
            st.button(
                t("Not now"),
                key="script_new_quiz_skip",
                on_click=_on_new_quiz,
                args=(place, False),
            )


def _newer_worries(cur: state.Current, latest: Entry) -> list[str]:
    """The reasons the newer quiz points to that the draft has no line for (and the content has)."""
    listed = {reason for reason, _ in cur.draft.worries}
    known = {w.reason_id for w in load_script_content().worries}
    return [r for r in latest.result.top if r not in listed and r in known]


@feedback.saves(NEW_QUIZ)
def _on_new_quiz(place: Here, add: bool) -> str | None:
    """Add the newer quiz's worries to the draft, or not; either way, stop asking about this quiz."""
    latest = state.latest(place)
    if latest is None:
        return None
    cur = state.current(place)
    later = replace(cur, quiz_at=latest.taken_at.isoformat())
    if not add:
        state.store(place, later, cur.draft)
        return t("Okay, your plan stays as it is.")
    content = load_script_content()
    new = _newer_worries(cur, latest)
    worries = cur.draft.worries + tuple((r, content.worry(r).line) for r in new)
    state.store(
        place, later, replace(cur.draft, worries=worries), [f"{state.FIELD}worry_{r}" for r in new]
    )
    return t("Added, and saved.")


# --- clearing the builder ------------------------------------------------------------------------


def _clear(place: Here) -> None:
    """The way to empty the builder, and its question."""
    st.divider()
    if not st.session_state.get(CONFIRM_CLEAR):
        st.button(
            t("Clear the builder and start again"),
            key="script_clear",
            type="tertiary",
            icon=":material/restart_alt:",
            on_click=_ask_clear,
            args=(True,),
        )
        return
    st.warning(
        t("This empties every step in the builder. Your saved versions stay as they are."),
        icon=":material/info:",
    )
    with st.container(horizontal=True, key="script_clear_row"):
        st.button(
            t("Yes, clear it"),
            key="script_clear_yes",
            type="primary",
            on_click=_on_clear,
            args=(place,),
        )
        st.button(t("Keep my plan"), key="script_clear_no", on_click=_ask_clear, args=(False,))


def _ask_clear(asking: bool) -> None:
    st.session_state[CONFIRM_CLEAR] = asking


@feedback.saves(CLEAR)
def _on_clear(place: Here) -> str:
    """Empty the builder (a callback); saved versions stay."""
    state.clear(place)
    st.session_state.pop(CONFIRM_CLEAR, None)
    return t("The builder is empty again.")
