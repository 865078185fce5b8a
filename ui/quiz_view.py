"""The quiz page's result side: showing a result and its history.

Results are read by :mod:`records.quiz` (which holds their stored shape). Reading never crashes on
damage: a result that will not load is counted and left out, and the page says so.

Safety comes before everything: when the latest result raised a safety concern (or safety mode is
on for another reason) the page shows help and crisis contacts, and nothing that coaches toward
getting the partner into therapy.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from content import resources
from content.quiz import load_result_words
from content.reasons import Reason, common_backfires
from content.safety import load as load_safety
from guide.formatting import date_words
from guide.quiz import (
    QuizResult,
    ReasonScore,
    compare,
    headline,
    not_enough_why,
)
from guide.safety import SafetyMode, escape_markdown
from records.quiz import Entry
from ui import clock, pages

# The three contacts every safety-led result shows first; the Safety page has the rest.
CRISIS_IDS: tuple[str, ...] = ("us-911", "us-ndvh", "us-988")
# A long "because" list is hard to take in; the strongest few say enough.
MAX_BECAUSE = 4
# Set by Home's "Start with the quiz": the quiz page then opens on its first question.
BEGIN_FLAG = "quiz_begin_now"


def summary(entry: Entry, reasons: Mapping[str, Reason]) -> str:
    """One line saying what a result found, for the history list."""
    result = entry.result
    if entry.declined and not result.safety_items:
        return "The safety questions were left unanswered, so safety came first."
    if result.safety_flagged:
        return "The safety questions raised a concern, so safety came first."
    if not result.top:
        return "Not enough to tell which reason fits best."
    names = [_name(reason_id, result, reasons) for reason_id in result.top]
    return "Stood out: " + ", ".join(f"“{escape_markdown(n)}”" for n in names) + "."


def _name(reason_id: str, result: QuizResult, reasons: Mapping[str, Reason]) -> str:
    if reason_id in reasons:
        return reasons[reason_id].name
    stored = next((s.name for s in result.ranked if s.reason_id == reason_id), None)
    return stored or "A reason we no longer list"


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


# --- safety first --------------------------------------------------------------------------------


def safety_first(entry: Entry, mode: SafetyMode) -> None:
    """Lead with safety: why, the crisis contacts, and the way to the Safety page. No coaching."""
    gate = load_safety().gate
    with st.container(border=True, key="quiz_safety_first"):
        st.subheader("Your safety comes first", anchor=False)
        if entry.result.safety_items:
            # Some answers raised a concern; any the user chose to leave are simply noted.
            left = " You chose to leave the others unanswered, and that is fine."
            left = left if entry.declined else ""
            st.markdown(gate.reason_flagged + left)
        elif entry.declined:
            st.markdown(
                "You chose not to answer the safety questions. That is your choice to make. "
                "To be careful, Open Door treats it as a possible safety concern."
            )
        else:
            st.markdown(" ".join(mode.why) or gate.reason_self)
        st.markdown(
            "**Standard couples therapy may not be appropriate right now.** It works when both "
            "of you can speak freely, without fear. When there is harm, threats or control, "
            "sessions together can make things more dangerous. There is help made for exactly "
            "this, and you don't have to decide anything today."
        )
        crisis_contacts()
        st.page_link(
            pages.path("safety"),
            label="Safety help, other countries, and a safety plan",
            icon=":material/health_and_safety:",
        )
    st.caption(gate.leave_hint)


def crisis_contacts() -> None:
    """The 911, domestic violence and 988 contacts as buttons a phone can dial or text."""
    by_id = {r.id: r for r in resources.us_resources()}
    # If the ids ever change, showing every US contact is safer than showing none.
    chosen = [by_id[i] for i in CRISIS_IDS if i in by_id] or list(by_id.values())
    st.markdown("**If you need help now (United States):**")
    for resource in chosen:
        st.markdown(f"**{resource.name}** · {resource.hours}")
        with st.container(horizontal=True, key=f"quiz_crisis_{resource.id}"):
            for contact in resource.contacts:
                if contact.kind in ("call", "text"):
                    st.link_button(
                        contact.label,
                        resources.contact_href(contact),
                        icon=":material/call:" if contact.kind == "call" else ":material/sms:",
                        type="primary" if resource.emergency else "secondary",
                    )


# --- reasons -------------------------------------------------------------------------------------


def reasons_result(entry: Entry, reasons: Mapping[str, Reason]) -> None:
    """The top reasons with what lies underneath, what helps and backfires, and the first steps."""
    result = entry.result
    if not result.top:
        _not_enough(result)
    else:
        st.markdown(headline(result))
        ranked = {s.reason_id: s for s in result.ranked}
        for position, reason_id in enumerate(result.top, start=1):
            _reason_card(position, ranked.get(reason_id), reasons.get(reason_id), reason_id)
    with st.expander("What tends to backfire, whatever the reason"):
        st.markdown(_bullets(common_backfires()))
    _next_steps()


def _not_enough(result: QuizResult) -> None:
    """Nothing stands out: say why in plain words, and what would help tell."""
    words = load_result_words()
    why = not_enough_why(result)
    with st.container(border=True, key="quiz_not_enough"):
        st.subheader(words.not_enough_title, anchor=False)
        st.markdown(headline(result))
        st.markdown(getattr(words, f"not_enough_{why}"))
        lines = []
        skipped = result.total - result.answered
        if skipped > 0:
            lines.append(f"You left {skipped} of {result.total} questions unanswered.")
            lines.append(words.helps_few)
        if why == "quiet":
            lines.append(words.helps_quiet)
        elif why == "flat":
            lines.append(words.helps_flat)
        lines.append(words.helps_notice)
        st.markdown(_bullets(lines))


def _reason_card(
    position: int, scored: ReasonScore | None, reason: Reason | None, reason_id: str
) -> None:
    name = reason.name if reason else (scored.name if scored else "A reason we no longer list")
    with st.container(border=True, key=f"quiz_reason_{position}"):
        st.subheader(f"{position}. {escape_markdown(name)}", anchor=False)
        if reason:
            st.markdown(f"*{reason.summary}*")
        shown = scored.because if scored else ()
        if shown:
            st.markdown("**Because you said:**")
            st.markdown(
                _bullets(
                    [
                        f"**{escape_markdown(b.answer)}**: “{escape_markdown(b.text)}”"
                        for b in shown[:MAX_BECAUSE]
                    ]
                )
            )
        if reason is None:
            st.caption("More about this reason is not available any more.")
            return
        st.markdown(f"**What may lie underneath.** {reason.underneath}")
        helps, steps, backfires = st.tabs(["What helps", "First steps", "What backfires"])
        with helps:
            st.markdown(_bullets(reason.helps))
        with steps:
            st.markdown(_bullets(reason.first_steps))
        with backfires:
            st.markdown(_bullets(reason.backfires))


def _next_steps() -> None:
    st.subheader("Where to go next", anchor=False)
    st.page_link(
        pages.path("script"),
        label="Plan what to say, using this result",
        icon=":material/edit_note:",
    )
    st.page_link(
        pages.path("going_alone"),
        label="If they still say no: going alone",
        icon=":material/self_improvement:",
    )


# --- history -------------------------------------------------------------------------------------


def history(entries: Sequence[Entry], reasons: Mapping[str, Reason]) -> None:
    """Every readable result with its date, newest first, and what changed since the last one."""
    st.subheader("Your results over time", anchor=False)
    if len(entries) < 2:
        st.caption(
            "This is your first result. When you take the quiz again, you'll see here what changed."
        )
        return
    changes = compare(entries[1].result, entries[0].result)
    st.markdown("**What changed since last time**")
    st.markdown(_bullets(changes) if changes else "Nothing much changed since last time.")
    for index, entry in enumerate(entries):
        with st.container(border=True, key=f"quiz_history_{index}"):
            label = " · latest" if index == 0 else ""
            st.markdown(f"**{date_words(clock.local(entry.taken_at))}**{label}")
            st.markdown(summary(entry, reasons))
            st.caption(f"Answered {entry.result.answered} of {entry.result.total} questions.")
