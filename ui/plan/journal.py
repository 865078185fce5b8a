"""The journal: one private line a day, the lines newest first, and marking the telling ones.

The lines are the person's own words: shown only as plain text (``st.text``), never as Markdown,
and never through a partner link.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t, tn
from guide import formatting
from guide import routines as rt
from guide.limits import limit_hint, too_long
from guide.plan import Cycle
from guide.safety import SafetyMode
from records import routines as records
from ui import feedback
from ui.clock import today
from ui.context import Here
from ui.plan.fields import typed
from ui.plan.routine_log import PLACE, cycle_id, heading

LINE = "plan_journal"  # what saving today's line leaves to say, under its form
JOURNAL_SHOWN = 7  # a week of lines in view; the rest fold away


def journal(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    """Today's line, then the lines so far with their Telling marks."""
    heading("journal", t("Journal"))
    st.write(
        t(
            "One sentence a day: what changed, and how your partner responded. Over six weeks "
            "these small notes show a pattern that memory alone can blur."
        )
    )
    private = t(
        "Private to you. Your journal stays in your private space: it is never shown through a "
        "partner link, and nothing here is shared unless you choose to."
    )
    st.caption(f":material/lock: {private}")
    day = today()
    lines, damaged = records.journal(place.private)
    todays = next((line for line in lines if line.day == day), None)
    with st.form("plan_routines_journal_form", border=True):
        st.text_input(
            t("Your line for today, {day}", day=formatting.day(day)),
            value=todays.text if todays else "",
            placeholder=t("For example: I asked about her day first, and she smiled."),
            key="plan_routines_journal_text",
            help=limit_hint(rt.JOURNAL_LIMIT),
        )
        st.form_submit_button(
            t("Save today's line"), icon=":material/check:", on_click=save_line, args=(place, cycle)
        )
    feedback.show(LINE)
    if damaged:
        st.caption(
            tn(
                "{count} saved line could not be read and is left out.",
                "{count} saved lines could not be read and are left out.",
                damaged,
            )
        )
    if not lines:
        st.caption(t("Your lines will appear here, newest first."))
        return
    st.markdown(t("**Your lines**"))
    st.caption(t("Tick the lines that say the most. They are gathered for your six-week review."))
    for line in lines[:JOURNAL_SHOWN]:
        _journal_line(place, line)
    if len(lines) > JOURNAL_SHOWN:
        with st.expander(t("Earlier lines ({count})", count=len(lines) - JOURNAL_SHOWN)):
            for line in lines[JOURNAL_SHOWN:]:
                _journal_line(place, line)


@feedback.saves(LINE)
def save_line(place: Here, cycle: Cycle | None) -> str | None:
    """Save today's line as typed, tidied (the form's callback); an empty box erases nothing."""
    text = typed("plan_routines_journal_text")
    # Checked before tidy_line, which keeps at most JOURNAL_LIMIT: a long line is never cut.
    long = too_long(" ".join(text.split()), rt.JOURNAL_LIMIT)
    if long is not None:
        feedback.leave(
            LINE,
            t("{problem} Nothing was saved.", problem=long),
            ok=False,
            icon=":material/content_cut:",
        )
        return None
    day = today()
    tidy = rt.tidy_line(text)
    todays = next((line for line in records.journal(place.private)[0] if line.day == day), None)
    if not tidy and todays is not None:
        # An empty box is not a wish to erase: today's line stays as it was.
        feedback.leave(
            LINE,
            t(
                "The box was empty, so today's line is kept as it was. To change it, write the "
                "new line and save."
            ),
            remark=True,
            icon=":material/info:",
        )
        return None
    if not tidy:
        feedback.leave(
            LINE, t("Write a few words first, then save."), remark=True, icon=":material/edit:"
        )
        return None
    line = rt.JournalLine(day, tidy, todays.telling if todays else False, cycle_id(cycle))
    records.save_line(place.private, line)
    return t("Today's line is saved.")


def _journal_line(place: Here, line: rt.JournalLine) -> None:
    with st.container(border=True, key=f"plan_routines_line_{line.day.isoformat()}"):
        words_col, mark_col = st.columns([4, 1], vertical_alignment="center")
        with words_col:
            st.caption(formatting.day(line.day))
            st.text(line.text)  # the user's own words: shown as plain text, never as markdown
        with mark_col:
            widget = f"plan_routines_telling_{line.day.isoformat()}"
            st.checkbox(
                t("Telling"),
                value=line.telling,
                key=widget,
                help=t("Gather this line for the six-week review"),
                on_change=set_telling,
                args=(place, line, widget),
            )


@feedback.saves(PLACE)
def set_telling(place: Here, line: rt.JournalLine, widget: str) -> str:
    """Mark a line as telling, or take the mark off (the checkbox's callback)."""
    marked = bool(st.session_state.get(widget))
    records.mark_telling(place.private, line, marked)
    return t("Marked as telling.") if marked else t("No longer marked as telling.")
