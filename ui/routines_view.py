"""The six-week plan's Routines tab: nightly and weekly check-ins, a book, a journal, own support.

``render(place, cycle)`` is called by ``app_pages/plan.py`` inside its "Routines" tab. A segmented
control shows one routine at a time. Everything logged goes to the private compartment in the
shapes described in :mod:`guide.routines`, tagged with the cycle's id, or with ``None`` when no
plan has started yet: the routines are useful on their own, so they never wait for a plan.

The nightly timer keeps its start moment in ``st.session_state`` (a refresh ends it, which is
fine for a 15-minute timer) and works out the phase from the clock on every run, so it never
drifts. Only while it runs does a fragment rerun itself every second; an idle page stays still.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

import streamlit as st

from content import plan as words
from guide import formatting
from guide import routines as rt
from guide.limits import first_too_long, limit_hint, too_long
from guide.plan import ROUTINES, Cycle
from guide.safety import SafetyMode
from records import plan as plan_state
from records import routines as records
from storage.errors import StorageError
from ui import confirm, pages
from ui.callbacks import guarded
from ui.clock import today  # the user's own date, as the plan and Home see it
from ui.context import Here
from ui.safety.state import mode

PICK = "plan_routines_pick"
TIMER = "plan_routines_timer"
FLASH = "plan_routines_flash"
GOING_ALONE = pages.path("going_alone")
SAFETY_PAGE = pages.path("safety")
NOTE_CHARS = 200
RECENT = 3  # recent small steps shown under the nightly log
JOURNAL_SHOWN = 7  # a week of lines in view; the rest fold away
ICONS = {
    "nightly": ":material/bedtime:",
    "weekly": ":material/forum:",
    "book": ":material/menu_book:",
    "journal": ":material/edit_note:",
    "support": ":material/self_improvement:",
}

NO_PLAN = (
    "Routines belong to a six-week plan: once a plan is running, what you log here counts "
    "toward its review. You don't have to wait for one, though. Everything below works now, "
    "and what you log is kept."
)
SAFETY_TOGETHER = (
    "Safety mode is on. Talking things through together only helps when you can speak without "
    "fear. If a conversation with your partner could lead to harm, leave this one aside: your "
    "journal and your own support are here for you, and the Safety page has people who can help."
)
JOURNAL_PRIVATE = (
    "Private to you. Your journal stays in your private space: it is never shown through a "
    "partner link, and nothing here is shared unless you choose to."
)


def render(place: Here, cycle: Cycle | None) -> None:
    """Draw the routines for ``cycle`` (None when no plan has started)."""
    safety = mode(place)
    _show_flash()
    if cycle is None:
        st.info(NO_PLAN, icon=":material/info:")
    labels = words.routine_labels()
    pick = st.segmented_control(
        "Routine",
        ROUTINES,
        format_func=lambda r: labels[r],
        default="journal" if safety.on else "nightly",
        required=True,
        key=PICK,
        label_visibility="collapsed",
    )
    draw: dict[str, Callable[[Here, Cycle | None, SafetyMode], None]] = {
        "nightly": _nightly,
        "weekly": _weekly,
        "book": _book,
        "journal": _journal,
        "support": _support,
    }
    draw[pick or "nightly"](place, cycle, safety)


# --- small shared pieces -------------------------------------------------------------------------


def _cycle_id(cycle: Cycle | None) -> str | None:
    return cycle.id if cycle else None


def _flash(text: str, ok: bool = True) -> None:
    """Remember a short confirmation (or a calm warning) for the top of the next run."""
    st.session_state[FLASH] = (ok, text)


def _show_flash() -> None:
    found = st.session_state.pop(FLASH, None)
    if not found:
        return
    ok, text = found
    if ok:
        st.toast(text, icon=":material/check_circle:")
    else:
        st.warning(text, icon=":material/cloud_off:")


def _save(change: Callable[[], None], done: str) -> None:
    """Run a storage change from a widget callback, keeping a calm message either way."""
    try:
        change()
    except StorageError as exc:
        _flash(exc.message, ok=False)
    else:
        _flash(done)


def _heading(routine: str, title: str) -> None:
    st.subheader(f"{ICONS[routine]} {title}", anchor=False)


def _log_once_a_day(
    place: Here, routine: str, day: date, note: str, cycle: Cycle | None, **extra: object
) -> bool:
    """Log a routine for ``day``; doing it again the same day updates that entry.

    Boxes left empty keep what was logged earlier that day (see ``rt.keep_saved``); returns True
    when something saved was kept that way, so the page can say so.
    """
    found = _logged_on(place, routine, day, cycle)
    answers = extra.pop("answers", None)
    kept_note, kept_answers, kept = rt.keep_saved(found, note, answers or ())
    if answers is not None:
        extra["answers"] = kept_answers
    doc = rt.log_doc(routine, day, kept_note, _cycle_id(cycle), **extra)
    if found is None:
        records.add_entry(place.private, doc)
    else:
        records.replace_entry(place.private, found["_id"], doc)
    return kept


def _logged_on(place: Here, routine: str, day: date, cycle: Cycle | None) -> dict | None:
    """This routine's entry on ``day`` in this cycle, as stored, or None."""
    return rt.entry_on(records.log_docs(place.private), routine, day, _cycle_id(cycle))


KEPT_NOTE = (
    "The box was empty, so what you logged earlier today is kept. To remove it, use "
    "Clear tonight's note."
)


def _clear_nightly(place: Here, day: date, cycle: Cycle | None) -> None:
    """Clearing tonight's note: its own button, then a confirmation; the check-in stays logged."""
    found = _logged_on(place, "nightly", day, cycle)
    if found is None or not found.get("note"):
        return
    if not confirm.asked(
        "plan_routines_nightly_clear",
        "Clear tonight's note",
        "Remove tonight's note? The check-in itself stays logged.",
        "Remove the note",
        "Keep it",
    ):
        return
    try:
        records.replace_entry(
            place.private, found["_id"], rt.log_doc("nightly", day, "", _cycle_id(cycle))
        )
    except StorageError as exc:
        st.warning(exc.message, icon=":material/cloud_off:")
    else:
        st.toast("Tonight's note is removed.", icon=":material/check_circle:")
        st.rerun()


# --- nightly check-in ----------------------------------------------------------------------------


def _durations() -> tuple[int, ...]:
    return tuple(p.seconds for p in words.nightly_checkin().phases)


def now() -> float:
    """The timer's clock: monotonic, so a change of the computer's time never moves it."""
    return time.monotonic()


def _start() -> None:
    st.session_state[TIMER] = rt.start_timer(now())


def _pause() -> None:
    st.session_state[TIMER] = rt.pause(st.session_state[TIMER], now())


def _resume() -> None:
    st.session_state[TIMER] = rt.resume(st.session_state[TIMER], now())


def _skip() -> None:
    st.session_state[TIMER] = rt.skip(st.session_state[TIMER], _durations(), now())


def _stop() -> None:
    st.session_state.pop(TIMER, None)


def _minutes(seconds: int) -> str:
    return f"{seconds // 60} min" if seconds % 60 == 0 else f"{seconds} s"


def _nightly(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    checkin = words.nightly_checkin()
    _heading("nightly", checkin.title)
    st.write(checkin.intro)
    if safety.on:
        st.warning(SAFETY_TOGETHER, icon=":material/health_and_safety:")
    timer = st.session_state.get(TIMER)
    current = rt.status(timer, _durations(), now()) if timer else None
    running = timer is not None and current is not None and not (timer.paused or current.finished)
    _timer_face(running)
    _timer_buttons(timer, current)
    st.caption(checkin.swap_note)
    _nightly_log(place, cycle)


def _timer_face(running: bool) -> None:
    """The countdown card; a fragment that reruns itself every second only while it runs."""

    @st.fragment(run_every=1 if running else None)
    def face() -> None:
        checkin = words.nightly_checkin()
        timer = st.session_state.get(TIMER)
        current = rt.status(timer, _durations(), now()) if timer else None
        if running and (timer is None or timer.paused or current.finished):
            st.rerun()  # a full run redraws the buttons and stops the ticking
        with st.container(border=True, key="plan_routines_timer_card"):
            _phase_badges(checkin.phases, current)
            if timer is None or current is None:
                st.write(
                    "Press **Start** when you are both ready. The timer moves through the three "
                    "steps by itself; you can pause or move on at any time."
                )
            elif current.finished:
                st.success(checkin.done, icon=":material/favorite:")
            else:
                phase = checkin.phases[current.index]
                st.metric(
                    f"Step {current.index + 1} of {len(checkin.phases)}: {phase.name}",
                    rt.clock(current.remaining),
                )
                st.progress(current.fraction)
                st.markdown(phase.words)
                st.caption("Ways to begin: " + " · ".join(phase.starters))
                if timer.paused:
                    st.caption(":material/pause: Paused. Carry on whenever you're ready.")

    face()


def _phase_badges(phases: Sequence[words.CheckinPhase], current: rt.PhaseStatus | None) -> None:
    """The three steps with their lengths: done ones ticked, the current one highlighted."""
    with st.container(horizontal=True, key="plan_routines_phases"):
        for i, phase in enumerate(phases):
            label = f"{i + 1}. {phase.name} · {_minutes(phase.seconds)}"
            if current is not None and i < current.index:
                st.badge(label, icon=":material/check:", color="green")
            elif current is not None and i == current.index:
                st.badge(label, icon=":material/timer:", color="blue")
            else:
                st.badge(label, color="gray")


def _timer_buttons(timer: rt.Timer | None, current: rt.PhaseStatus | None) -> None:
    with st.container(horizontal=True, key="plan_routines_timer_buttons"):
        if timer is None or current is None or current.finished:
            st.button(
                "Start again" if timer else "Start",
                icon=":material/play_arrow:",
                type="primary",
                on_click=_start,
                key="plan_routines_start",
            )
            return
        if timer.paused:
            st.button(
                "Carry on",
                icon=":material/play_arrow:",
                type="primary",
                on_click=_resume,
                key="plan_routines_resume",
            )
        else:
            st.button("Pause", icon=":material/pause:", on_click=_pause, key="plan_routines_pause")
        st.button(
            "Next step", icon=":material/skip_next:", on_click=_skip, key="plan_routines_skip"
        )
        st.button("Stop", icon=":material/stop:", on_click=_stop, key="plan_routines_stop")


def _nightly_log(place: Here, cycle: Cycle | None) -> None:
    checkin = words.nightly_checkin()
    day = today()
    with st.form("plan_routines_nightly_form", border=True):
        st.markdown("**Log tonight's check-in**")
        step = st.text_input(
            checkin.log_prompt,
            placeholder="Optional",
            key="plan_routines_nightly_step",
            help=limit_hint(NOTE_CHARS),
        )
        sent = st.form_submit_button("Log tonight's check-in", icon=":material/check:")
    long = too_long(step, NOTE_CHARS) if sent else None
    if long is not None:  # nothing logged; the words stay in the box
        st.warning(f"{long} Nothing was logged.", icon=":material/content_cut:")
    elif sent:
        try:
            kept = _log_once_a_day(place, "nightly", day, step, cycle)
        except StorageError as exc:
            st.warning(exc.message, icon=":material/cloud_off:")
        else:
            st.toast("Tonight's check-in is logged.", icon=":material/check_circle:")
            if kept:
                st.info(KEPT_NOTE, icon=":material/info:")
    _clear_nightly(place, day, cycle)
    logged = rt.entries(records.log_docs(place.private), "nightly", _cycle_id(cycle))
    first, last = rt.week_window(day, cycle.start if cycle else None)
    this_week = [d for d in logged if first.isoformat() <= d["day"] <= last.isoformat()]
    if this_week:
        st.caption(f":material/check: Evenings logged this week: {len(this_week)}")
    else:
        st.caption("No evenings logged yet this week.")
    steps = [d for d in logged if d.get("note")][:RECENT]
    if steps:
        st.markdown("**Recent small steps**")
        for doc in steps:
            st.caption(formatting.day(formatting.read_date(doc["day"])))
            st.text(doc["note"])


# --- weekly check-in -----------------------------------------------------------------------------


def _weekly(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    checkin = words.weekly_checkin()
    _heading("weekly", checkin.title)
    st.write(checkin.intro)
    if safety.on:
        st.warning(SAFETY_TOGETHER, icon=":material/health_and_safety:")
    questions, rules = st.columns(2, gap="medium")
    with questions:
        st.markdown("**Each of you answers**")
        st.markdown("\n".join(f"{i}. {p}" for i, p in enumerate(checkin.prompts, 1)))
    with rules:
        st.markdown("**The rules**")
        st.markdown("\n".join(f"- {rule}" for rule in checkin.rules))
    day = today()
    first, last = rt.week_window(day, cycle.start if cycle else None)
    logged = rt.entries(records.log_docs(place.private), "weekly", _cycle_id(cycle))
    this_week = [d for d in logged if first.isoformat() <= d["day"] <= last.isoformat()]
    if this_week:
        when = formatting.day(formatting.read_date(this_week[0]["day"]))
        st.caption(f":material/check: This week's check-in was logged on {when}.")
    with st.form("plan_routines_weekly_form", border=True):
        st.markdown("**Log this week's check-in**")
        st.caption("A word or two is plenty. Every box is optional.")
        answers = [
            st.text_input(prompt, key=f"plan_routines_weekly_{i}", help=limit_hint(NOTE_CHARS))
            for i, prompt in enumerate(checkin.prompts)
        ]
        note = st.text_input(
            checkin.log_prompt, key="plan_routines_weekly_note", help=limit_hint(NOTE_CHARS)
        )
        sent = st.form_submit_button("Log this week's check-in", icon=":material/check:")
    long = (
        first_too_long(
            [
                *((p, a, NOTE_CHARS) for p, a in zip(checkin.prompts, answers, strict=True)),
                (checkin.log_prompt, note, NOTE_CHARS),
            ]
        )
        if sent
        else None
    )
    if long is not None:  # nothing logged; the words stay in the boxes
        st.warning(f"{long} Nothing was logged.", icon=":material/content_cut:")
    elif sent:
        try:
            kept = _log_once_a_day(place, "weekly", day, note, cycle, answers=list(answers))
        except StorageError as exc:
            st.warning(exc.message, icon=":material/cloud_off:")
        else:
            st.toast("This week's check-in is logged.", icon=":material/check_circle:")
            if kept:
                st.info(
                    "Boxes left empty keep what you logged earlier today. To remove those "
                    "words, use Clear today's check-in words.",
                    icon=":material/info:",
                )
    _clear_weekly(place, day, cycle)


def _clear_weekly(place: Here, day: date, cycle: Cycle | None) -> None:
    """Clearing today's weekly words: its own button, then a confirmation; the log stays."""
    found = _logged_on(place, "weekly", day, cycle)
    answers = found.get("answers") if found else None
    if found is None or not (found.get("note") or any(a for a in answers or () if a)):
        return
    if not confirm.asked(
        "plan_routines_weekly_clear",
        "Clear today's check-in words",
        "Remove the words logged today? The check-in itself stays logged.",
        "Remove the words",
        "Keep them",
    ):
        return
    empty = [""] * len(answers or ())
    doc = rt.log_doc("weekly", day, "", _cycle_id(cycle), answers=empty)
    try:
        records.replace_entry(place.private, found["_id"], doc)
    except StorageError as exc:
        st.warning(exc.message, icon=":material/cloud_off:")
    else:
        st.toast("Today's check-in words are removed.", icon=":material/check_circle:")
        st.rerun()


# --- book track ----------------------------------------------------------------------------------


def chosen_book(place: Here, cycle: Cycle | None) -> str | None:
    """The book chosen for this cycle (or before any plan), if it is still one we offer."""
    if cycle is not None:
        book_id = cycle.book_id
    else:
        book_id = records.book_before_plan(place.private)
    known = {b.id for b in words.books()}
    return book_id if book_id in known else None


@guarded
def _choose_book(place: Here, cycle: Cycle | None, widget: str) -> None:
    book_id = st.session_state.get(widget)
    if book_id is None:
        return

    def change() -> None:
        if cycle is None:
            records.choose_book_before_plan(place.private, book_id)
            return
        # Read the cycle afresh so a change the plan page saved a moment ago is kept.
        stored = next((c for c in plan_state.cycles(place) if c.id == cycle.id), cycle)
        plan_state.save_cycle(place, replace(stored, book_id=book_id))

    _save(change, f"You're reading {words.book(book_id).title}.")


@guarded
def _tick(place: Here, cycle: Cycle | None, book_id: str, week: int, widget: str) -> None:
    def change() -> None:
        docs = records.log_docs(place.private)
        ids = rt.book_ticks(docs, _cycle_id(cycle), book_id, words.book_track().weeks)
        if st.session_state.get(widget):
            if week not in ids:
                doc = rt.log_doc(
                    "book", today(), f"Week {week}", _cycle_id(cycle), week=week, book_id=book_id
                )
                records.add_entry(place.private, doc)
        else:
            records.remove_entries(place.private, ids.get(week, []))

    ticked = bool(st.session_state.get(widget))
    _save(change, f"Week {week} ticked off." if ticked else f"Week {week} unticked.")


def _book(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    track = words.book_track()
    _heading("book", "Book track")
    st.write(track.intro)
    if safety.on:
        st.warning(SAFETY_TOGETHER, icon=":material/health_and_safety:")
    st.caption(track.solo_note)
    book_id = chosen_book(place, cycle)
    if book_id is None:
        _book_picker(place, cycle, None)
        return
    book = words.book(book_id)
    with st.container(border=True, key="plan_routines_book_card"):
        st.markdown(f"**{book.title}**  \n{book.author}")
        st.caption(book.about)
        ticks = rt.book_ticks(
            records.log_docs(place.private), _cycle_id(cycle), book_id, track.weeks
        )
        done = len(ticks)
        st.progress(done / track.weeks, text=f"{done} of {track.weeks} weeks done")
        for week, step in enumerate(track.steps, start=1):
            widget = f"plan_routines_book_{book_id}_{week}"
            st.checkbox(
                f"Week {week}: {step}",
                value=week in ticks,
                key=widget,
                on_change=_tick,
                args=(place, cycle, book_id, week, widget),
            )
        if done == track.weeks:
            st.success(
                "Four weeks done. Take a few minutes together to look back on what changed.",
                icon=":material/celebration:",
            )
    with st.expander("Choose a different book"):
        st.caption("Weeks you ticked for another book stay in your record.")
        _book_picker(place, cycle, book_id)


def _book_picker(place: Here, cycle: Cycle | None, current: str | None) -> None:
    offered = words.books()
    ids = [b.id for b in offered]
    widget = f"plan_routines_book_pick_{current or 'none'}"
    st.radio(
        "Choose a book",
        ids,
        index=ids.index(current) if current in ids else None,
        format_func=lambda i: f"{words.book(i).title}, by {words.book(i).author}",
        captions=[b.about for b in offered],
        key=widget,
        on_change=_choose_book,
        args=(place, cycle, widget),
    )


# --- journal -------------------------------------------------------------------------------------


@guarded
def _set_telling(place: Here, line: rt.JournalLine, widget: str) -> None:
    marked = bool(st.session_state.get(widget))

    def change() -> None:
        records.mark_telling(place.private, line, marked)

    _save(change, "Marked as telling." if marked else "No longer marked as telling.")


def _journal(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    _heading("journal", "Journal")
    st.write(
        "One sentence a day: what changed, and how your partner responded. Over six weeks these "
        "small notes show a pattern that memory alone can blur."
    )
    st.caption(f":material/lock: {JOURNAL_PRIVATE}")
    day = today()
    lines, damaged = records.journal(place.private)
    todays = next((line for line in lines if line.day == day), None)
    with st.form("plan_routines_journal_form", border=True):
        text = st.text_input(
            f"Your line for today, {formatting.day(day)}",
            value=todays.text if todays else "",
            placeholder="For example: I asked about her day first, and she smiled.",
            key="plan_routines_journal_text",
            help=limit_hint(rt.JOURNAL_LIMIT),
        )
        saved = st.form_submit_button("Save today's line", icon=":material/check:")
    # Checked before tidy_line, which keeps at most JOURNAL_LIMIT: a long line is never cut.
    long = too_long(" ".join(text.split()), rt.JOURNAL_LIMIT) if saved else None
    if long is not None:
        st.warning(f"{long} Nothing was saved.", icon=":material/content_cut:")
    elif saved:
        tidy = rt.tidy_line(text)
        if not tidy and todays is not None:
            # An empty box is not a wish to erase: today's line stays as it was.
            st.info(
                "The box was empty, so today's line is kept as it was. To change it, write the "
                "new line and save.",
                icon=":material/info:",
            )
        elif not tidy:
            st.info("Write a few words first, then save.", icon=":material/edit:")
        else:
            line = rt.JournalLine(day, tidy, todays.telling if todays else False, _cycle_id(cycle))
            try:
                records.save_line(place.private, line)
            except StorageError as exc:
                st.warning(exc.message, icon=":material/cloud_off:")
            else:
                st.toast("Today's line is saved.", icon=":material/check_circle:")
                lines, damaged = records.journal(place.private)
    if damaged:
        st.caption(f"{damaged} saved line(s) could not be read and are left out.")
    if not lines:
        st.caption("Your lines will appear here, newest first.")
        return
    st.markdown("**Your lines**")
    st.caption("Tick the lines that say the most. They are gathered for your six-week review.")
    for line in lines[:JOURNAL_SHOWN]:
        _journal_line(place, line)
    if len(lines) > JOURNAL_SHOWN:
        with st.expander(f"Earlier lines ({len(lines) - JOURNAL_SHOWN})"):
            for line in lines[JOURNAL_SHOWN:]:
                _journal_line(place, line)


def _journal_line(place: Here, line: rt.JournalLine) -> None:
    with st.container(border=True, key=f"plan_routines_line_{line.day.isoformat()}"):
        words_col, mark_col = st.columns([4, 1], vertical_alignment="center")
        with words_col:
            st.caption(formatting.day(line.day))
            st.text(line.text)  # the user's own words: shown as plain text, never as markdown
        with mark_col:
            widget = f"plan_routines_telling_{line.day.isoformat()}"
            st.checkbox(
                "Telling",
                value=line.telling,
                key=widget,
                help="Gather this line for the six-week review",
                on_change=_set_telling,
                args=(place, line, widget),
            )


# --- own support ---------------------------------------------------------------------------------


@guarded
def _mark_support(
    place: Here,
    cycle: Cycle | None,
    step: words.SupportStep,
    window: tuple[date, date],
    widget: str,
) -> None:
    def change() -> None:
        done = rt.support_done(records.log_docs(place.private), *window)
        if st.session_state.get(widget):
            if step.id not in done:
                doc = rt.log_doc("support", today(), step.title, _cycle_id(cycle), step_id=step.id)
                records.add_entry(place.private, doc)
        else:
            records.remove_entries(place.private, done.get(step.id, []))

    marked = bool(st.session_state.get(widget))
    _save(change, "Noted. Well done." if marked else "Unticked.")


def _support(place: Here, cycle: Cycle | None, safety: SafetyMode) -> None:
    _heading("support", "Your own support")
    st.write(
        "Whatever your partner decides, these are for you. When you've done one this week, tick "
        "it off: small and often counts."
    )
    window = rt.week_window(today(), cycle.start if cycle else None)
    done = rt.support_done(records.log_docs(place.private), *window)
    steps = words.support_steps()
    st.caption(
        f"This week ({formatting.day(window[0])} to {formatting.day(window[1])}): "
        f"{sum(1 for s in steps if s.id in done)} of {len(steps)} done."
    )
    for step in steps:
        with st.container(border=True, key=f"plan_routines_support_card_{step.id}"):
            st.markdown(f"**{step.title}**")
            st.write(step.text)
            st.caption(f"A first step: {step.first_step}")
            widget = f"plan_routines_support_{step.id}_{window[0].isoformat()}"
            st.checkbox(
                "Done this week",
                value=step.id in done,
                key=widget,
                on_change=_mark_support,
                args=(place, cycle, step, window, widget),
            )
    st.page_link(GOING_ALONE, label="More on going alone", icon=":material/self_improvement:")
    if safety.on:
        st.page_link(SAFETY_PAGE, label="Safety help", icon=":material/health_and_safety:")
