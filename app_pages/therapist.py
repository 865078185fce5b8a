"""Choosing a therapist together (BRIEF section 5), with a checklist the couple can fill in and save.

What to look for, questions for a consultation, ways to keep the cost down, what a first session is
like (the same explainer the partner view shows), and a checklist for up to three candidates.

The checklist is stored by :mod:`records.therapist` (its docstring shows the shape).

When the safety gate withholds choosing a couples therapist (``therapist_choosing``), the page shows
only a calm note, a link to the Safety page, a pointer to a therapist of one's own and one sentence
on the hidden checklist: the guide to choosing a couples therapist is put away.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import streamlit as st

from content.guides import Entry, first_session_explainer, load_therapist
from guide.keeping import would_erase
from guide.limits import first_too_long, limit_hint
from guide.safety import escape_markdown
from records import therapist as records
from records.therapist import ANSWER_MAX, CANDIDATES, NAME_MAX, NOTES_MAX
from storage.errors import StorageError
from ui import confirm, pages
from ui.context import here
from ui.safety.state import mode

SAFETY_PAGE, GOING_ALONE = pages.path("safety"), pages.path("going_alone")
ANCHOR = "therapist-checklist"
K_REDRAW, K_KEPT = "therapist_redraw", "therapist_kept"


def bullets(items: tuple[Entry, ...]) -> str:
    """Entries as a Markdown list with a bold lead-in (our own words, so Markdown is safe)."""
    return "\n".join(f"- **{item.title}.** {item.text}" for item in items)


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


def _clear_checklist(look_ids: tuple[str, ...], question_ids: tuple[str, ...]) -> None:
    """Emptying the saved checklist: its own button, then a confirmation."""
    if not confirm.asked(
        "therapist_clear",
        "Clear the checklist",
        "Empty all three tabs of the checklist? This can't be undone.",
        "Yes, clear it",
        "Keep it",
    ):
        return
    try:
        records.clear(place.private)
    except StorageError as exc:
        st.warning(exc.message, icon=":material/cloud_off:")
        return
    empty = records.clean(None, look_ids, question_ids)
    st.session_state[K_REDRAW] = _widget_values(empty, look_ids)
    st.toast("The checklist is empty again.", icon=":material/check_circle:")
    st.rerun()


place = here()
safety = mode(place)
words = load_therapist()
first = first_session_explainer()
together = not safety.withholds("therapist_choosing")

if not together:
    # Everything below (what to look for in a couples therapist, consultation questions, costs
    # of joint sessions, the first joint session, the checklist) would steer toward joint
    # therapy: the page says why, and points to help of the person's own instead.
    st.title(words.safety_title)
    with st.container(border=True, key="therapist_safety"):
        st.markdown(f":material/health_and_safety: {words.safety_note}")
        st.page_link(
            SAFETY_PAGE, label="Safety help and resources", icon=":material/arrow_forward:"
        )
    st.markdown(words.safety_lead)
    st.page_link(GOING_ALONE, label="Support of your own", icon=":material/self_improvement:")
    st.markdown(f":material/visibility_off: {words.checklist_hidden}")
    st.stop()

st.title(words.title)
st.markdown(words.lead)
st.markdown(f":material/checklist: [{words.checklist.jump_label}](#{ANCHOR})")

st.subheader(words.look_for.title)
st.markdown(words.look_for.intro)
st.markdown(bullets(words.look_for.items))

questions = words.questions
st.subheader(questions.title)
st.markdown(questions.intro)
st.markdown(
    "\n".join(
        f"{i}. **{q.question}**  \n   *{questions.listen_label}:* {q.listen_for}"
        for i, q in enumerate(questions.items, start=1)
    )
)

st.subheader(words.cost.title)
st.markdown(words.cost.intro)
st.markdown(bullets(words.cost.items))

with st.container(border=True, key="therapist_first_session"):
    st.subheader(first.title)
    # Showing it to the partner is only suggested when that is safe (never past the stop above).
    st.markdown(f":material/group: {words.first_session_hint}")
    st.markdown(first.intro)
    st.markdown(
        "\n".join(
            f"{i}. **{step.title}.** {step.text}" for i, step in enumerate(first.steps, start=1)
        )
    )
    for line in first.closing:
        st.markdown(line)

checklist = words.checklist
look_ids = tuple(item.id for item in words.look_for.items)
question_ids = tuple(q.id for q in questions.items)
saved = records.checklist(place.private, look_ids, question_ids)

st.subheader(checklist.title, anchor=ANCHOR)
st.markdown(checklist.intro)
st.markdown(f":material/lightbulb: {checklist.tip}")
# After a held-back empty save or a confirmed clear, the boxes are drawn afresh from storage.
# (Values are set, not popped: a browser keeps showing a box's old words until told new ones.)
st.session_state.update(st.session_state.pop(K_REDRAW, {}))
with st.form("therapist_checklist_form"):
    entered: list[dict[str, Any]] = []
    tabs = st.tabs([checklist.tab_label(n) for n in range(1, CANDIDATES + 1)])
    for n, (tab, before) in enumerate(zip(tabs, saved, strict=True), start=1):
        with tab:
            name = st.text_input(
                checklist.name_label,
                value=before["name"],
                help=limit_hint(NAME_MAX),
                placeholder=checklist.name_placeholder,
                key=f"therapist_c{n}_name",
            )
            st.markdown(f"**{checklist.look_for_heading}**")
            fits = [
                item.id
                for item in words.look_for.items
                if st.checkbox(
                    item.title,
                    value=item.id in before["fits"],
                    key=f"therapist_c{n}_fit_{item.id}",
                )
            ]
            st.markdown(f"**{checklist.questions_heading}**")
            answers = {
                q.id: st.text_input(
                    q.question,
                    value=before["answers"][q.id],
                    help=limit_hint(ANSWER_MAX),
                    placeholder=checklist.answer_placeholder,
                    key=f"therapist_c{n}_ask_{q.id}",
                )
                for q in questions.items
            }
            notes = st.text_area(
                checklist.notes_label,
                value=before["notes"],
                help=limit_hint(NOTES_MAX),
                height=100,
                key=f"therapist_c{n}_notes",
            )
            entered.append({"name": name, "fits": fits, "answers": answers, "notes": notes})
    submitted = st.form_submit_button(checklist.save_label, type="primary", icon=":material/save:")

current = saved
# The boxes take any length (max_chars would drop a long paste whole): the save checks instead.
long = first_too_long(
    (label, text, limit)
    for n, c in enumerate(entered, start=1)
    for label, text, limit in (
        (f"{checklist.tab_label(n)}, {checklist.name_label}", c["name"], NAME_MAX),
        *(
            (f"{checklist.tab_label(n)}, {q.question}", c["answers"][q.id], ANSWER_MAX)
            for q in questions.items
        ),
        (f"{checklist.tab_label(n)}, {checklist.notes_label}", c["notes"], NOTES_MAX),
    )
)
if submitted and long is not None:
    st.warning(f"{long} Nothing was saved.", icon=":material/content_cut:")
elif submitted and would_erase(_words(saved), _words(entered)):
    # Every box empty is not a wish to erase: keep the checklist and put it back in the boxes.
    st.session_state[K_REDRAW] = _widget_values(saved, look_ids)
    st.session_state[K_KEPT] = True
    st.rerun()
elif submitted:
    try:
        records.save(place.private, entered, datetime.now(UTC))
    except StorageError as exc:
        st.warning(exc.message, icon=":material/cloud_off:")
    else:
        current = entered
        st.success(checklist.saved, icon=":material/check_circle:")
if st.session_state.pop(K_KEPT, False):
    st.info(
        "Every box was empty, so nothing was changed: your checklist is kept as it was. To "
        "empty it on purpose, use Clear the checklist below.",
        icon=":material/info:",
    )

st.markdown(f"**{checklist.summary_title}**")
lines = [
    f"- **{escape_markdown(c['name'].strip()) or checklist.tab_label(n)}**: "
    + checklist.summary(
        len(c["fits"]),
        len(look_ids),
        sum(1 for a in c["answers"].values() if a.strip()),
        len(question_ids),
    )
    for n, c in enumerate(current, start=1)
    if not _is_empty(c)
]
if lines:
    st.markdown("\n".join(lines))
else:
    st.markdown(checklist.summary_empty)
if any(not _is_empty(c) for c in current):
    _clear_checklist(look_ids, question_ids)
