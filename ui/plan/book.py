"""The book track: choosing a book (for the cycle, or before any plan) and ticking off its weeks."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from content import plan as words
from content.messages import t
from guide import routines as rt
from guide.plan import Cycle
from guide.safety import SafetyMode
from records import plan as plan_state
from records import routines as records
from ui import feedback
from ui.clock import today
from ui.context import Here
from ui.plan.routine_log import PLACE, cycle_id, heading, safety_together


def chosen_book(place: Here, cycle: Cycle | None) -> str | None:
    """The book chosen for this cycle (or before any plan), if it is still one we offer."""
    if cycle is not None:
        book_id = cycle.book_id
    else:
        book_id = records.book_before_plan(place.private)
    known = {b.id for b in words.books()}
    return book_id if book_id in known else None


def book(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    """The book track: the chosen book's weeks to tick, or the choice of a book."""
    track = words.book_track()
    heading("book", t("Book track"))
    st.write(track.intro)
    if safety.on:
        st.warning(safety_together(), icon=":material/health_and_safety:")
    st.caption(track.solo_note)
    book_id = chosen_book(place, cycle)
    if book_id is None:
        _book_picker(place, cycle, None)
        return
    chosen = words.book(book_id)
    with st.container(border=True, key="plan_routines_book_card"):
        st.markdown(f"**{chosen.title}**  \n{chosen.author}")
        st.caption(chosen.about)
        ticks = rt.book_ticks(
            records.log_docs(place.private), cycle_id(cycle), book_id, track.weeks
        )
        done = len(ticks)
        st.progress(
            done / track.weeks,
            text=t("{done} of {weeks} weeks done", done=done, weeks=track.weeks),
        )
        for week, step in enumerate(track.steps, start=1):
            widget = f"plan_routines_book_{book_id}_{week}"
            st.checkbox(
                t("Week {week}: {step}", week=week, step=step),
                value=week in ticks,
                key=widget,
                on_change=tick,
                args=(place, cycle, book_id, week, widget),
            )
        if done == track.weeks:
            st.success(
                t("Four weeks done. Take a few minutes together to look back on what changed."),
                icon=":material/celebration:",
            )
    with st.expander(t("Choose a different book")):
        st.caption(t("Weeks you ticked for another book stay in your record."))
        _book_picker(place, cycle, book_id)


def _book_picker(place: Here, cycle: Cycle | None, current: str | None) -> None:
    offered = words.books()
    ids = [b.id for b in offered]
    # Worded here, not in the format_func: each choice reads as this run drew it, wherever the
    # function is called later (AppTest calls it outside the run).
    names = {b.id: t("{title}, by {author}", title=b.title, author=b.author) for b in offered}
    widget = f"plan_routines_book_pick_{current or 'none'}"
    st.radio(
        t("Choose a book"),
        ids,
        index=ids.index(current) if current in ids else None,
        format_func=names.__getitem__,
        captions=[b.about for b in offered],
        key=widget,
        on_change=choose_book,
        args=(place, cycle, widget),
    )


@feedback.saves(PLACE)
def choose_book(place: Here, cycle: Cycle | None, widget: str) -> str | None:
    """Keep the book just picked (the radio's callback)."""
    book_id = st.session_state.get(widget)
    if book_id is None:
        return None
    if cycle is None:
        records.choose_book_before_plan(place.private, book_id)
    else:
        # Read the cycle afresh so a change the plan page saved a moment ago is kept.
        stored = next((c for c in plan_state.cycles(place) if c.id == cycle.id), cycle)
        plan_state.save_cycle(place, replace(stored, book_id=book_id))
    return t("You're reading {title}.", title=words.book(book_id).title)


@feedback.saves(PLACE)
def tick(place: Here, cycle: Cycle | None, book_id: str, week: int, widget: str) -> str:
    """Tick a week of the book off, or untick it (the checkbox's callback)."""
    ticked = bool(st.session_state.get(widget))
    docs = records.log_docs(place.private)
    ids = rt.book_ticks(docs, cycle_id(cycle), book_id, words.book_track().weeks)
    if ticked:
        if week not in ids:
            doc = rt.log_doc(
                "book", today(), f"Week {week}", cycle_id(cycle), week=week, book_id=book_id
            )
            records.add_entry(place.private, doc)
    else:
        records.remove_entries(place.private, ids.get(week, []))
    if ticked:
        return t("Week {week} ticked off.", week=week)
    return t("Week {week} unticked.", week=week)
