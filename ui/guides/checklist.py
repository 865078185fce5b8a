"""The therapist checklist: a tab for each of up to three candidates, saved together, and a summary.

Stored by :mod:`records.therapist` (its docstring shows the shape). Saving and clearing run in
their buttons' callbacks (:func:`ui.feedback.saves`), so a tab whose link no longer opens saves
nothing and is told so, and what they leave to say is shown under the form. The boxes take any
length (``max_chars`` would drop a long paste whole): the save names the box to cut and saves
nothing. Every box empty is not a wish to erase: the checklist is kept and put back in the boxes;
emptying it is its own button, asked first (:mod:`ui.confirm`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import streamlit as st

from content.guides import TherapistGuide, load_therapist
from content.messages import t
from guide.keeping import would_erase
from guide.limits import first_too_long, limit_hint
from guide.safety import escape_markdown
from records import therapist as records
from records.therapist import ANSWER_MAX, CANDIDATES, NAME_MAX, NOTES_MAX
from ui import confirm, feedback
from ui.context import Here
from ui.safety.state import mode

ANCHOR = "therapist-checklist"
WHERE = "therapist_list"
SAVED_HERE = "therapist_saved"  # where "saved" is said: in place, above the summary it updated


def _ids(words: TherapistGuide) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the things to look for and of the questions, as the records keep them."""
    return (
        tuple(item.id for item in words.look_for.items),
        tuple(q.id for q in words.questions.items),
    )


def _is_empty(candidate: dict[str, Any]) -> bool:
    return not (
        candidate["name"].strip()
        or candidate["fits"]
        or any(a.strip() for a in candidate["answers"].values())
        or candidate["notes"].strip()
    )


def _words(candidates: list[dict[str, Any]]) -> dict[str, str]:
    """Every written word of the checklist by box (ticks are not words)."""
    found: dict[str, str] = {}
    for n, c in enumerate(candidates, start=1):
        found |= {f"{n}_name": c["name"], f"{n}_notes": c["notes"]}
        found |= {f"{n}_ask_{q}": a for q, a in c["answers"].items()}
    return found


def _widget_values(candidates: list[dict[str, Any]], look_ids: tuple[str, ...]) -> dict[str, Any]:
    """The value of every widget of the checklist form that shows ``candidates``."""
    values: dict[str, Any] = {}
    for n, c in enumerate(candidates, start=1):
        values |= {f"therapist_c{n}_name": c["name"], f"therapist_c{n}_notes": c["notes"]}
        values |= {f"therapist_c{n}_fit_{i}": i in c["fits"] for i in look_ids}
        values |= {f"therapist_c{n}_ask_{q}": a for q, a in c["answers"].items()}
    return values


def _entered(words: TherapistGuide) -> list[dict[str, Any]]:
    """What the form's boxes hold now, candidate by candidate."""
    state = st.session_state
    return [
        {
            "name": state.get(f"therapist_c{n}_name") or "",
            "fits": [
                item.id
                for item in words.look_for.items
                if state.get(f"therapist_c{n}_fit_{item.id}")
            ],
            "answers": {
                q.id: state.get(f"therapist_c{n}_ask_{q.id}") or "" for q in words.questions.items
            },
            "notes": state.get(f"therapist_c{n}_notes") or "",
        }
        for n in range(1, CANDIDATES + 1)
    ]


def _too_long(words: TherapistGuide, entered: list[dict[str, Any]]) -> str | None:
    """The first box over its limit, said with how much to cut; None when all fit."""
    checklist = words.checklist
    return first_too_long(
        (label, text, limit)
        for n, c in enumerate(entered, start=1)
        for label, text, limit in (
            (f"{checklist.tab_label(n)}, {checklist.name_label}", c["name"], NAME_MAX),
            *(
                (f"{checklist.tab_label(n)}, {q.question}", c["answers"][q.id], ANSWER_MAX)
                for q in words.questions.items
            ),
            (f"{checklist.tab_label(n)}, {checklist.notes_label}", c["notes"], NOTES_MAX),
        )
    )


def _withheld(place: Here) -> bool:
    """True once safety mode puts the checklist away (perhaps in another tab, since drawing)."""
    return mode(place).withholds("therapist_choosing")


@feedback.saves(WHERE)
def _save(place: Here) -> None:
    """Save what the boxes hold, unless a box is too long or every box is empty."""
    if _withheld(place):
        return None  # the page now shows the safety note in the checklist's place
    words = load_therapist()
    entered = _entered(words)
    long = _too_long(words, entered)
    if long is not None:
        feedback.leave(
            WHERE,
            t("{too_long} Nothing was saved.", too_long=long),
            ok=False,
            icon=":material/content_cut:",
        )
        return None
    look_ids, question_ids = _ids(words)
    saved = records.checklist(place.private, look_ids, question_ids)
    if would_erase(_words(saved), _words(entered)):
        # Every box empty is not a wish to erase: keep the checklist and put it back in the boxes.
        # (Values are set, not popped: a browser keeps showing a box's old words until told new
        # ones.)
        st.session_state.update(_widget_values(saved, look_ids))
        kept = t(
            "Every box was empty, so nothing was changed: your checklist is kept as it was. To "
            "empty it on purpose, use Clear the checklist below."
        )
        feedback.leave(WHERE, kept, remark=True)
        return None
    records.save(place.private, entered, datetime.now(UTC))
    feedback.leave(SAVED_HERE, load_therapist().checklist.saved, stays=True)
    return None


@feedback.saves(WHERE)
def _clear(place: Here) -> str | None:
    """Empty the saved checklist and its boxes (asked first, by :func:`ui.confirm.ask`)."""
    if _withheld(place):
        return None
    look_ids, question_ids = _ids(load_therapist())
    records.clear(place.private)
    st.session_state.update(_widget_values(records.clean(None, look_ids, question_ids), look_ids))
    return t("The checklist is empty again.")


def _form(place: Here, words: TherapistGuide, saved: list[dict[str, Any]]) -> None:
    """A tab of boxes for each candidate, and the one save button."""
    checklist = words.checklist
    with st.form("therapist_checklist_form"):
        tabs = st.tabs([checklist.tab_label(n) for n in range(1, CANDIDATES + 1)])
        for n, (tab, before) in enumerate(zip(tabs, saved, strict=True), start=1):
            with tab:
                st.text_input(
                    checklist.name_label,
                    value=before["name"],
                    help=limit_hint(NAME_MAX),
                    placeholder=checklist.name_placeholder,
                    key=f"therapist_c{n}_name",
                )
                st.markdown(f"**{checklist.look_for_heading}**")
                for item in words.look_for.items:
                    st.checkbox(
                        item.title,
                        value=item.id in before["fits"],
                        key=f"therapist_c{n}_fit_{item.id}",
                    )
                st.markdown(f"**{checklist.questions_heading}**")
                for q in words.questions.items:
                    st.text_input(
                        q.question,
                        value=before["answers"][q.id],
                        help=limit_hint(ANSWER_MAX),
                        placeholder=checklist.answer_placeholder,
                        key=f"therapist_c{n}_ask_{q.id}",
                    )
                st.text_area(
                    checklist.notes_label,
                    value=before["notes"],
                    help=limit_hint(NOTES_MAX),
                    height=100,
                    key=f"therapist_c{n}_notes",
                )
        st.form_submit_button(
            checklist.save_label,
            type="primary",
            icon=":material/save:",
            on_click=_save,
            args=(place,),
        )


def _summary(words: TherapistGuide, saved: list[dict[str, Any]]) -> None:
    """One line per candidate with anything saved: how many things fit, how many answers."""
    checklist = words.checklist
    look_ids, question_ids = _ids(words)
    st.markdown(f"**{checklist.summary_title}**")
    lines = [
        f"- **{escape_markdown(c['name'].strip()) or checklist.tab_label(n)}**: "
        + checklist.summary(
            len(c["fits"]),
            len(look_ids),
            sum(1 for a in c["answers"].values() if a.strip()),
            len(question_ids),
        )
        for n, c in enumerate(saved, start=1)
        if not _is_empty(c)
    ]
    st.markdown("\n".join(lines) if lines else checklist.summary_empty)


def checklist(place: Here, words: TherapistGuide) -> None:
    """The checklist: its intro, the form, what the last save said, the summary and Clear."""
    look_ids, question_ids = _ids(words)
    saved = records.checklist(place.private, look_ids, question_ids)
    st.subheader(words.checklist.title, anchor=ANCHOR)
    st.markdown(words.checklist.intro)
    st.markdown(f":material/lightbulb: {words.checklist.tip}")
    _form(place, words, saved)
    feedback.show(WHERE)
    feedback.show(SAVED_HERE)
    _summary(words, saved)
    if any(not _is_empty(c) for c in saved):
        confirm.ask(
            "therapist_clear",
            t("Clear the checklist"),
            t("Empty all three tabs of the checklist? This can't be undone."),
            t("Yes, clear it"),
            t("Keep it"),
            on_click=_clear,
            args=(place,),
        )
