"""The quiz's results over time: every readable result with its date, newest first, one line on
what each found, and what changed since the last one.

Results are read by :mod:`records.quiz`, which counts the ones that will not load rather than
crash; the result screen (:mod:`ui.quiz.result`) says how many were left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from content.messages import t
from content.reasons import Reason
from guide.formatting import date_words
from guide.quiz import QuizResult, compare
from guide.safety import escape_markdown
from records.quiz import Entry
from ui import clock


def summary(entry: Entry, reasons: Mapping[str, Reason]) -> str:
    """One line saying what a result found, for the history list."""
    result = entry.result
    if entry.declined and not result.safety_items:
        return t("The safety questions were left unanswered, so safety came first.")
    if result.safety_flagged:
        return t("The safety questions raised a concern, so safety came first.")
    if not result.top:
        return t("Not enough to tell which reason fits best.")
    names = [_name(reason_id, result, reasons) for reason_id in result.top]
    return t("Stood out: {names}.", names=", ".join(f"“{escape_markdown(n)}”" for n in names))


def _name(reason_id: str, result: QuizResult, reasons: Mapping[str, Reason]) -> str:
    """A reason's name now, or as the result stored it, for a reason we no longer list."""
    if reason_id in reasons:
        return reasons[reason_id].name
    stored = next((s.name for s in result.ranked if s.reason_id == reason_id), None)
    return stored or t("A reason we no longer list")


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def draw(entries: Sequence[Entry], reasons: Mapping[str, Reason]) -> None:
    """Every readable result with its date, newest first, and what changed since the last one."""
    st.subheader(t("Your results over time"), anchor=False)
    if len(entries) < 2:
        st.caption(
            t(
                "This is your first result. When you take the quiz again, you'll see here what "
                "changed."
            )
        )
        return
    changes = compare(entries[1].result, entries[0].result, reasons)
    st.markdown(t("**What changed since last time**"))
    st.markdown(_bullets(changes) if changes else t("Nothing much changed since last time."))
    for index, entry in enumerate(entries):
        with st.container(border=True, key=f"quiz_history_{index}"):
            when = date_words(clock.local(entry.taken_at))
            st.markdown(t("**{date}** · latest", date=when) if index == 0 else f"**{when}**")
            st.markdown(summary(entry, reasons))
            st.caption(
                t(
                    "Answered {answered} of {total} questions.",
                    answered=entry.result.answered,
                    total=entry.result.total,
                )
            )
