"""The six-week plan page's larger parts: setting up and editing a plan, charts, review, history.

Each part draws one section of ``app_pages/plan.py`` and reads what it needs through
:mod:`records.plan`. Figures are built only inside :func:`charts` (and a past cycle's grid), so
a section that isn't on screen never imports Plotly or builds a figure. Text the user wrote is
shown escaped (``escape_markdown``), in ``st.text``, or in a dataframe, never as raw Markdown.

Every save runs in its button's ``on_click`` callback, before the page script: the callback reads
the form's values from ``st.session_state`` by widget key, stores them, and leaves a confirmation
(:func:`confirm`) or a warning for its place on the page (:func:`note`, shown by
:func:`show_note`), so the page is drawn once, already saved, instead of twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import streamlit as st

from content import plan as words
from guide import formatting
from guide.calendar import build_ics
from guide.keeping import would_erase
from guide.limits import first_too_long, limit_hint
from guide.plan import (
    MAX_TARGETS,
    TARGET_LIMIT,
    Cycle,
    PlanError,
    decide,
    edit_cycle_target,
    target_hint,
    target_suggestions,
)
from guide.safety import SURFACES, SafetyMode, escape_markdown
from guide.stats import ReviewSummary, review_summary, routine_counts
from guide.weeks import CYCLE_DAYS, WEEKS, current_week
from records import plan as plan_state
from storage.errors import StorageError
from ui import pages
from ui.callbacks import fresh_data, guarded, refused_download
from ui.context import Here

if TYPE_CHECKING:
    from guide.figures import Chart

FLASH = "plan_flash"  # a confirmation to show as a toast on the next run
NEXT_SECTION = "plan_section_next"  # a section to open on the next run (set after a save)
HINTS_FOR = "plan_hints_for"  # the id of a cycle whose targets were just saved
NOTE = "plan_note"  # (where, icon, words): a warning a callback left for the coming run
GOING_ALONE, SAFETY_PAGE = pages.path("going_alone"), pages.path("safety")
# Ask-again coaches toward joint therapy and boundaries can raise the danger: the gate decides
# (each option's surface in guide.safety.SURFACES).
GATED = {"ask_again": "plan_ask_again", "boundaries": "plan_boundaries"}
TEXT_LIMIT = 1000


def confirm(message: str, section: str | None = None) -> None:
    """After a save in a callback: confirm on the coming run (and open ``section`` there)."""
    st.session_state[FLASH] = message
    if section:
        st.session_state[NEXT_SECTION] = section


def note(where: str, words: str, icon: str) -> None:
    """Leave a warning for the coming run to show at ``where`` (a callback can't draw in place)."""
    st.session_state[NOTE] = (where, icon, words)


def show_note(where: str) -> None:
    """Show, once, the warning a callback left for ``where``."""
    found = st.session_state.get(NOTE)
    if isinstance(found, tuple) and len(found) == 3 and found[0] == where:
        st.session_state.pop(NOTE, None)
        st.warning(found[2], icon=found[1])


def _escaped(text: str) -> str:
    return escape_markdown(text)


# --- setup ---------------------------------------------------------------------------------------


def _picker_format() -> str:
    """The date picker's order for this browser's locale (day first where it can't be known)."""
    try:
        locale = st.context.locale
    except Exception:  # no browser (AppTest)
        locale = None
    return formatting.picker_format(locale if isinstance(locale, str) else None)


def _today_in_words(today: date) -> None:
    """Today's date in words beside a picker that writes numbers only."""
    st.caption(f"Today is {formatting.day_with_year(today)}.")


def new_plan_form(place: Here, today: date, own_support: bool = False) -> None:
    """The first plan: a start date and one to three targets, picked or written.

    ``own_support`` (safety mode) offers ideas for the person's own support and safety.
    """
    examples = [example.text for example in words.target_examples(own_support)]
    with st.form("plan_setup_form", border=True):
        _today_in_words(today)
        st.date_input(
            "When do the six weeks start?",
            value=today,
            min_value=today - timedelta(days=CYCLE_DAYS - 1),
            max_value=today + timedelta(days=60),
            format=_picker_format(),
            key="plan_setup_start",
            help="Any day of the week works. Each week runs for seven days from this day.",
        )
        st.pills(
            "Pick from these ideas",
            examples,
            selection_mode="multi",
            key="plan_setup_ideas",
        )
        st.markdown("**Or write your own**")
        for n in range(1, MAX_TARGETS + 1):
            st.text_input(
                f"Target {n}",
                key=f"plan_setup_target_{n}",
                help=limit_hint(TARGET_LIMIT),
                placeholder=f"For example: {examples[(n * 3) % len(examples)]}",
            )
        who = "you would" if own_support else "you would both"
        st.caption(
            "Three targets is a good number, and one or two is fine. Short and concrete works "
            f"best: something {who} notice happening, or not, in an ordinary week."
        )
        st.form_submit_button(
            "Start my six weeks",
            type="primary",
            icon=":material/flag:",
            on_click=_on_new_plan,
            args=(place,),
        )
    show_note("setup")


def _typed(key: str) -> str:
    """What a text box holds now (a callback reads the form's values by key)."""
    value = st.session_state.get(key)
    return value if isinstance(value, str) else ""


@guarded
def _on_new_plan(place: Here) -> None:
    start = st.session_state.get("plan_setup_start")
    picked = st.session_state.get("plan_setup_ideas") or []
    typed = [_typed(f"plan_setup_target_{n}") for n in range(1, MAX_TARGETS + 1)]
    try:
        cycle = plan_state.new_plan(start, [*picked, *typed])
        plan_state.start_cycle(place, cycle)
    except PlanError as exc:
        note("setup", str(exc), ":material/edit:")
        return
    except StorageError as exc:
        note("setup", exc.message, ":material/cloud_off:")
        return
    st.session_state[HINTS_FOR] = cycle.id
    confirm(
        f"Your six weeks start on {formatting.day(cycle.start)}. "
        f"The review is on {formatting.day(cycle.review_on)}.",
        "week",
    )


def target_hints(cycle: Cycle, own_support: bool = False) -> list[tuple[str, str]]:
    """(target text, gentle hint) for each target that may be hard to rate."""
    return [(t.text, hint) for t in cycle.targets if (hint := target_hint(t.text, own_support))]


def calendar_button(place: Here, cycle: Cycle) -> None:
    """The .ics download with the six weekly reminders and the review date."""
    st.download_button(
        "Add reminders to my calendar",
        # Made when pressed, and only while the link still opens the space (see ui.callbacks).
        data=fresh_data(place, lambda _now: build_ics(cycle.start)),
        file_name="weekly-notes.ics",
        mime="text/calendar",
        key=f"plan_ics_{cycle.id}",
        icon=":material/calendar_add_on:",
        on_click=refused_download,
        args=(place,),
    )
    st.caption(
        "A reminder at the end of each week and one on the review date, as a calendar file. "
        "The titles are neutral, such as \u201cWeekly check-in notes\u201d, in case someone "
        "else sees your calendar."
    )


def setup(place: Here, cycle: Cycle, today: date, safety: SafetyMode) -> None:
    """Dates, the calendar file, and the targets with their hints, wording history and edits."""
    own = safety.withholds("plan_together_ideas")
    st.subheader("Dates", anchor=False)
    began = "Started" if cycle.start <= today else "Starts"
    st.markdown(
        f"{began} on **{formatting.day(cycle.start)}**. Review on **{formatting.day(cycle.review_on)}**."
    )
    calendar_button(place, cycle)
    st.subheader("Your targets", anchor=False)
    st.write(
        "You can reword a target at any time. Its ratings stay with it, and the earlier wording "
        "is kept."
    )
    for index, target in enumerate(cycle.targets, 1):
        with st.container(border=True, key=f"plan_target_box_{index}"):
            st.markdown(f"**{index}. {_escaped(target.text)}**")
            hint = target_hint(target.text, own)
            if hint:
                st.caption(f":material/lightbulb: {hint}")
                for n, suggestion in enumerate(target_suggestions(target.text, own)):
                    st.button(
                        f"Use \u201c{suggestion}\u201d",
                        key=f"plan_use_{target.id}_{n}",
                        type="tertiary",
                        icon=":material/swap_horiz:",
                        on_click=_reword,
                        args=(place, cycle, target.id, suggestion, today),
                    )
            if target.history:
                earlier = "; ".join(
                    f"\u201c{old}\u201d (until {formatting.day(changed)})"
                    for changed, old in target.history
                )
                st.caption(f"Earlier wording: {_escaped(earlier)}")
            with (
                st.expander("Reword", icon=":material/edit:"),
                st.form(f"plan_edit_{target.id}", border=False),
            ):
                st.text_input(
                    "New wording",
                    value=target.text,
                    key=f"plan_edit_text_{target.id}",
                    help=limit_hint(TARGET_LIMIT),
                )
                st.form_submit_button(
                    "Save new wording",
                    icon=":material/check:",
                    on_click=_on_reword_form,
                    args=(place, cycle, target.id, today),
                )
            show_note(f"target_{target.id}")
    if len(cycle.targets) < MAX_TARGETS:
        _add_target_form(place, cycle, own)
    if not plan_state.ratings(place, cycle, "owner"):
        _move_start_form(place, cycle, today)


@guarded
def _on_reword_form(place: Here, cycle: Cycle, target_id: str, today: date) -> None:
    _reword(place, cycle, target_id, _typed(f"plan_edit_text_{target_id}"), today)


@guarded
def _reword(place: Here, cycle: Cycle, target_id: str, text: str, today: date) -> None:
    where = f"target_{target_id}"
    try:
        changed = edit_cycle_target(cycle, target_id, text, today)
        if changed == cycle:
            st.toast("That's the wording it already has.", icon=":material/info:")
            return
        plan_state.save_cycle(place, changed)
    except PlanError as exc:
        note(where, str(exc), ":material/edit:")
        return
    except StorageError as exc:
        note(where, exc.message, ":material/cloud_off:")
        return
    confirm("Target reworded. Its ratings and earlier wording are kept.")


def _add_target_form(place: Here, cycle: Cycle, own_support: bool) -> None:
    taken = {t.text for t in cycle.targets}
    ideas = [e.text for e in words.target_examples(own_support) if e.text not in taken]
    with st.form("plan_add_target", border=True):
        st.text_input(
            "Add a target",
            key=f"plan_add_text_{cycle.id}",
            help=limit_hint(TARGET_LIMIT),
            placeholder=f"For example: {ideas[0]}" if ideas else "",
        )
        st.caption("Some ideas: " + "; ".join(ideas[:4]) + ".")
        st.form_submit_button(
            "Add this target", icon=":material/add:", on_click=_on_add_target, args=(place, cycle)
        )
    show_note("add_target")


@guarded
def _on_add_target(place: Here, cycle: Cycle) -> None:
    text = _typed(f"plan_add_text_{cycle.id}")
    try:
        plan_state.save_cycle(place, plan_state.add_target(cycle, text))
    except PlanError as exc:
        note("add_target", str(exc), ":material/edit:")
        return
    except StorageError as exc:
        note("add_target", exc.message, ":material/cloud_off:")
        return
    st.session_state[HINTS_FOR] = cycle.id
    confirm("Target added.")


def _move_start_form(place: Here, cycle: Cycle, today: date) -> None:
    earlier = plan_state.earlier_cycles(place, cycle)
    lowest = today - timedelta(days=CYCLE_DAYS - 1)
    if earlier:
        lowest = max(lowest, earlier[0].start + timedelta(days=1))
    with st.form("plan_move_start", border=True):
        _today_in_words(today)
        st.date_input(
            "Change the start date",
            value=max(cycle.start, lowest),
            min_value=lowest,
            max_value=today + timedelta(days=60),
            format=_picker_format(),
            key=f"plan_move_start_{cycle.id}",
            help="Possible until the first rating is saved.",
        )
        st.form_submit_button(
            "Save start date", icon=":material/event:", on_click=_on_move_start, args=(place, cycle)
        )
    show_note("move_start")


@guarded
def _on_move_start(place: Here, cycle: Cycle) -> None:
    start = st.session_state.get(f"plan_move_start_{cycle.id}")
    if not isinstance(start, date):
        return  # an emptied date box: nothing to change
    try:
        plan_state.save_cycle(place, plan_state.move_start(cycle, start))
    except StorageError as exc:
        note("move_start", exc.message, ":material/cloud_off:")
        return
    confirm(f"The six weeks now start on {formatting.day(start)}.")


# --- charts --------------------------------------------------------------------------------------


def charts(place: Here, cycle: Cycle) -> None:
    """The four owner charts, each with its one-line summary and the numbers behind it."""
    from guide import figures  # Plotly loads only when the charts are on screen

    owner = plan_state.ratings(place, cycle, "owner")
    entries = plan_state.activity_entries(
        plan_state.routine_entries(place, cycle), plan_state.journal_entries(place, cycle)
    )
    items = (
        ("grid", figures.rating_grid(cycle.targets, owner)),
        ("score", figures.weekly_score_line(cycle.targets, owner)),
        ("shares", figures.kept_share_bars(cycle.targets, owner)),
        ("routines", figures.routine_activity(routine_counts(entries, cycle.start))),
    )
    for name, chart in items:
        show_chart(name, chart, figures.CONFIG)


def show_chart(name: str, chart: Chart, config: dict[str, Any]) -> None:
    """One chart in a box: the figure, its summary as text, and its table in an expander."""
    with st.container(border=True, key=f"plan_chart_box_{name}"):
        st.plotly_chart(
            chart.figure,
            config=config,
            key=f"plan_chart_{name}",
            alt=chart.summary,
        )
        if chart.table.empty:
            return  # the figure already says there is nothing yet: once is enough
        st.caption(_escaped(chart.summary))
        with st.expander("Show the numbers", icon=":material/table:"):
            st.dataframe(
                chart.table,
                hide_index=True,
                column_config={"Share": st.column_config.NumberColumn(format="percent")},
            )


# --- review --------------------------------------------------------------------------------------


def _summary(place: Here, cycle: Cycle, today: date) -> ReviewSummary:
    entries = plan_state.activity_entries(
        plan_state.routine_entries(place, cycle), plan_state.journal_entries(place, cycle)
    )
    return review_summary(cycle, plan_state.ratings(place, cycle, "owner"), entries, today)


def _weeks_words(weeks: Sequence[int]) -> str:
    return formatting.numbered(weeks, "week", "weeks")


def numbers(cycle: Cycle, summary: ReviewSummary) -> None:
    """The review's numbers in words: per target, the trend, best and hardest, routines, gaps."""
    labels = words.rating_labels()
    lines = []
    for row in summary.targets:
        if not row.weeks_rated:
            lines.append(f"- **{_escaped(row.text)}**: {labels['unrated'].lower()}.")
            continue
        lines.append(
            f"- **{_escaped(row.text)}**: kept {row.kept} of {row.weeks_rated} rated weeks"
            f" ({row.kept_share:.0%}), partly kept {row.partly}, not kept {row.not_kept}."
        )
    st.markdown("\n".join(lines))
    trend = words.chart_words()[f"trend_{summary.trend.replace(' ', '_')}"]
    if summary.overall is not None:
        st.markdown(
            f"The weekly score averaged **{summary.overall:.2f}** on a scale from 0 (nothing "
            f"kept) to 1 (everything kept). {trend}"
        )
    names = {t.id: t.text for t in cycle.targets}
    if summary.best and summary.hardest:
        st.markdown(
            f"Went best: **{_escaped(names[summary.best])}**. "
            f"Hardest: **{_escaped(names[summary.hardest])}**."
        )
    routine_names = words.routine_labels()
    columns = st.columns(len(summary.routines))
    for column, (routine, count) in zip(columns, summary.routines.items(), strict=True):
        column.metric(routine_names.get(routine, routine), count)
    if summary.weeks_missing:
        st.caption(
            f"Not fully rated yet: {_weeks_words(summary.weeks_missing)}. You can still rate "
            "them under This week."
        )
    elif len(summary.weeks_rated) == WEEKS:
        st.caption("All six weeks are rated.")
    elif summary.weeks_rated:
        st.caption(f"Rated: {_weeks_words(summary.weeks_rated)}.")


def telling_lines(place: Here, cycle: Cycle) -> None:
    """The journal lines the user marked as telling, as plain text."""
    lines = [line for line in plan_state.journal_entries(place, cycle) if line.telling]
    if not lines:
        st.caption(
            "None yet. In your journal under Routines, you can mark a line as telling, and it "
            "will show up here."
        )
        return
    with st.container(border=True, key="plan_telling"):
        for line in lines:
            st.text(f"{formatting.short_day(line.day)}: {line.text}")


def _options(safety: SafetyMode) -> tuple[list[words.DecisionOption], list[str]]:
    """The decision options on offer, and the gate's messages for any held back."""
    allowed, withheld = [], []
    for option in words.decision_options():
        surface = GATED.get(option.id)
        if surface and safety.withholds(surface):
            withheld.append(safety.message(SURFACES[surface]))
        else:
            allowed.append(option)
    return allowed, list(dict.fromkeys(withheld))


def decision_form(place: Here, cycle: Cycle, today: date, safety: SafetyMode) -> None:
    """The decision aid: the choices, the personal-timeline questions, and a save."""
    aid = words.decision_aid()
    options, withheld = _options(safety)
    for message in withheld:
        st.info(message, icon=":material/health_and_safety:")
    if withheld:
        st.page_link(
            SAFETY_PAGE, label="Safety help and resources", icon=":material/arrow_forward:"
        )
    ids = [o.id for o in options]
    titles = {o.id: o.title for o in options}
    current = cycle.decision
    answers = dict(current.timeline) if current else {}
    st.caption(f":material/health_and_safety: {aid.safety_note}")
    with st.form(f"plan_decision_form_{cycle.id}", border=True):
        st.radio(
            "What fits you now?",
            ids,
            index=ids.index(current.option) if current and current.option in ids else None,
            format_func=titles.__getitem__,
            captions=[o.explained(safety.on) for o in options],
            key=f"plan_decision_{cycle.id}",
        )
        with st.expander("When does each choice tend to fit?", icon=":material/help:"):
            st.markdown("\n".join(f"- **{o.title}**: {o.fits_when}" for o in options))
        st.markdown("**Your own timeline**")
        st.caption("Private to you. A few words are enough; leave any of them blank.")
        for q in words.timeline_questions():
            st.text_area(
                q.question,
                value=answers.get(q.id, ""),
                placeholder=q.hint,
                help=limit_hint(TEXT_LIMIT),
                height=68,
                key=f"plan_timeline_{cycle.id}_{q.id}",
            )
        st.text_area(
            "Anything else you want to remember (optional)",
            value=current.note if current else "",
            help=limit_hint(TEXT_LIMIT),
            height=68,
            key=f"plan_decision_note_{cycle.id}",
        )
        st.form_submit_button(
            "Save my decision",
            type="primary",
            icon=":material/check:",
            on_click=_on_decide,
            args=(place, cycle, today),
        )
    show_note("decision")
    if current is not None and (current.note or current.timeline):
        _remove_notes(place, cycle, today)


def _remove_notes(place: Here, cycle: Cycle, today: date) -> None:
    """Removing the decision's notes: its own button, then a confirmation; the choice stays."""
    asking = f"plan_decision_clearing_{cycle.id}"
    if not st.session_state.get(asking):
        st.button(
            "Remove my notes",
            key=f"plan_decision_clear_{cycle.id}",
            type="tertiary",
            on_click=_set_flag,
            args=(asking, True),
        )
        return
    st.warning("Remove your timeline answers and note? Your choice itself stays saved.")
    with st.container(horizontal=True):
        st.button(
            "Remove the notes",
            key=f"plan_decision_clear_yes_{cycle.id}",
            on_click=_on_remove_notes,
            args=(place, cycle, today),
        )
        st.button(
            "Keep them",
            key=f"plan_decision_clear_no_{cycle.id}",
            on_click=_set_flag,
            args=(asking, False),
        )


def _set_flag(name: str, on: bool) -> None:
    st.session_state[name] = on


@guarded
def _on_remove_notes(place: Here, cycle: Cycle, today: date) -> None:
    st.session_state.pop(f"plan_decision_clearing_{cycle.id}", None)
    before = cycle.decision
    if before is None:
        return
    try:
        plan_state.save_cycle(place, decide(cycle, before.option, before.decided_on, "", {}))
    except (PlanError, StorageError) as exc:
        note("decision", getattr(exc, "message", str(exc)), ":material/cloud_off:")
        return
    st.session_state[f"plan_decision_note_{cycle.id}"] = ""
    for q in words.timeline_questions():
        st.session_state[f"plan_timeline_{cycle.id}_{q.id}"] = ""
    confirm("Your notes are removed. Your choice is still saved.")


@guarded
def _on_decide(place: Here, cycle: Cycle, today: date) -> None:
    choice = st.session_state.get(f"plan_decision_{cycle.id}")
    timeline = {
        q.id: _typed(f"plan_timeline_{cycle.id}_{q.id}") for q in words.timeline_questions()
    }
    remark = _typed(f"plan_decision_note_{cycle.id}")
    questions = {q.id: q.question for q in words.timeline_questions()}
    long = first_too_long(
        [
            *((questions[qid], text, TEXT_LIMIT) for qid, text in timeline.items()),
            ("Anything else you want to remember", remark, TEXT_LIMIT),
        ]
    )
    if long is not None:
        note("decision", f"{long} Nothing was saved.", ":material/content_cut:")
        return
    if choice is None:
        note("decision", words.messages()["unknown_decision"], ":material/touch_app:")
        return
    before = cycle.decision
    kept = before is not None and would_erase(
        {**dict(before.timeline), "note": before.note}, {**timeline, "note": remark}
    )
    if kept:
        # Every note box empty is not a wish to erase: the notes stay (see _remove_notes).
        assert before is not None
        remark, timeline = before.note, dict(before.timeline)
        st.session_state[f"plan_decision_note_{cycle.id}"] = remark
        for q in words.timeline_questions():
            st.session_state[f"plan_timeline_{cycle.id}_{q.id}"] = timeline.get(q.id, "")
    try:
        plan_state.save_cycle(place, decide(cycle, choice, today, remark, timeline))
    except PlanError as exc:
        note("decision", str(exc), ":material/touch_app:")
        return
    except StorageError as exc:
        note("decision", exc.message, ":material/cloud_off:")
        return
    confirm("Your decision is saved.")
    if kept:
        note(
            "decision",
            "Every note box was empty, so the notes you saved before are kept. To remove them "
            "on purpose, use Remove my notes.",
            ":material/info:",
        )


def decision_box(cycle: Cycle, safety: SafetyMode) -> None:
    """What the user decided, its first step, and where to go next for it."""
    decision = cycle.decision
    if decision is None:
        return
    option = next((o for o in words.decision_options() if o.id == decision.option), None)
    title = option.title if option else decision.option
    with st.container(border=True, key="plan_decided"):
        st.markdown(
            f":material/check_circle: You chose **{title}** on {formatting.day(decision.decided_on)}."
        )
        if option:
            st.markdown(f"A first step: {option.first_step}")
        if decision.option == "individual_therapy":
            st.page_link(
                GOING_ALONE,
                label="Going alone: support of your own",
                icon=":material/self_improvement:",
            )
        surface = GATED.get(decision.option)
        if surface and safety.withholds(surface):
            st.info(safety.message(SURFACES[surface]), icon=":material/health_and_safety:")
            st.page_link(
                SAFETY_PAGE, label="Safety help and resources", icon=":material/arrow_forward:"
            )
        timeline_answers(decision.timeline, decision.note)


def timeline_answers(timeline: Sequence[tuple[str, str]], note: str) -> None:
    """The personal-timeline answers and note, as the user wrote them (plain text)."""
    questions = {q.id: q.question for q in words.timeline_questions()}
    for qid, answer in timeline:
        st.caption(questions.get(qid, qid))
        st.text(answer)
    if note:
        st.caption("Your note")
        st.text(note)


def next_cycle_form(place: Here, cycle: Cycle, today: date) -> None:
    """Start the next six weeks, carrying the targets over (reword or clear any)."""
    st.subheader("Start a new six weeks", anchor=False)
    st.write(
        "Your targets carry over: keep them, reword them, or clear one to drop it. This plan, "
        "its record and your decision are kept, and you can look back at them here."
    )
    earliest = cycle.start + timedelta(days=1)
    with st.form(f"plan_next_form_{cycle.id}", border=True):
        _today_in_words(today)
        st.date_input(
            "When do the new six weeks start?",
            value=max(today, earliest),
            min_value=earliest,
            max_value=max(today, earliest) + timedelta(days=60),
            format=_picker_format(),
            key=f"plan_next_start_{cycle.id}",
        )
        for n in range(1, MAX_TARGETS + 1):
            st.text_input(
                f"Target {n}",
                value=cycle.targets[n - 1].text if n <= len(cycle.targets) else "",
                help=limit_hint(TARGET_LIMIT),
                key=f"plan_next_target_{cycle.id}_{n}",
            )
        st.form_submit_button(
            "Start the new six weeks",
            type="primary",
            icon=":material/restart_alt:",
            on_click=_on_next_cycle,
            args=(place, cycle, today),
        )
    show_note("next_cycle")


@guarded
def _on_next_cycle(place: Here, cycle: Cycle, today: date) -> None:
    start = st.session_state.get(f"plan_next_start_{cycle.id}")
    texts = [_typed(f"plan_next_target_{cycle.id}_{n}") for n in range(1, MAX_TARGETS + 1)]
    try:
        fresh = plan_state.carry_over(cycle, texts, start, today)
        plan_state.start_cycle(place, fresh)
    except PlanError as exc:
        note("next_cycle", str(exc), ":material/edit:")
        return
    except StorageError as exc:
        note("next_cycle", exc.message, ":material/cloud_off:")
        return
    st.session_state[HINTS_FOR] = fresh.id
    confirm(f"Your new six weeks start on {formatting.day(fresh.start)}.", "week")


def review(place: Here, cycle: Cycle, today: date, safety: SafetyMode) -> None:
    """The review: the numbers, telling journal lines, the decision aid, then what's next."""
    info = current_week(cycle.start, today)
    if not info.finished:
        st.info(
            f"It's early: your review date is {formatting.day(cycle.review_on)}. You're welcome to "
            "look now. The numbers fill in as the weeks are rated.",
            icon=":material/schedule:",
        )
    st.subheader("What the record shows", anchor=False)
    numbers(cycle, _summary(place, cycle, today))
    st.subheader("Journal lines you marked as telling", anchor=False)
    telling_lines(place, cycle)
    st.subheader("Deciding what comes next", anchor=False)
    if safety.withholds("plan_ask_again"):
        # Lead with help of the person's own before any choice, so nothing here reads as a
        # step back toward couples therapy.
        with st.container(border=True, key="plan_review_safety"):
            st.markdown(f":material/health_and_safety: {words.safety_mode().review_lead}")
    st.write(words.decision_aid().intro)
    if cycle.decision is None:
        decision_form(place, cycle, today, safety)
        st.page_link(
            GOING_ALONE,
            label="More about individual therapy: Going alone",
            icon=":material/self_improvement:",
        )
    else:
        decision_box(cycle, safety)
        with st.expander("Change my decision or my timeline", icon=":material/edit:"):
            decision_form(place, cycle, today, safety)
        next_cycle_form(place, cycle, today)
    history(place, cycle)


# --- history -------------------------------------------------------------------------------------


def _cycle_label(cycle: Cycle) -> str:
    end = cycle.review_on - timedelta(days=1)
    label = f"{formatting.short_date(cycle.start)} to {formatting.short_date(end)}"
    if cycle.decision:
        titles = {o.id: o.title for o in words.decision_options()}
        label += f" \u00b7 {titles.get(cycle.decision.option, cycle.decision.option)}"
    return label


def history(place: Here, current: Cycle) -> None:
    """Earlier cycles, one at a time, read-only."""
    earlier = plan_state.earlier_cycles(place, current)
    if not earlier:
        return
    st.subheader("Earlier six-week plans", anchor=False)
    by_id = {c.id: c for c in earlier}
    picked = st.selectbox(
        "Look back at",
        list(by_id),
        format_func=lambda cid: _cycle_label(by_id[cid]),
        key="plan_history_pick",
    )
    if picked is not None:
        past_cycle(place, by_id[picked])


def past_cycle(place: Here, cycle: Cycle) -> None:
    """One earlier cycle as it was left: its record, grid, decision and timeline answers."""
    from guide import figures

    with st.container(border=True, key="plan_past"):
        numbers(cycle, _summary(place, cycle, cycle.review_on))
        show_chart(
            "past_grid",
            figures.rating_grid(cycle.targets, plan_state.ratings(place, cycle, "owner")),
            figures.CONFIG,
        )
        for target in cycle.targets:
            for changed, old in target.history:
                st.caption(
                    _escaped(
                        f"\u201c{target.text}\u201d was \u201c{old}\u201d until {formatting.day(changed)}."
                    )
                )
        decision = cycle.decision
        if decision is None:
            st.caption("No decision was saved for this plan.")
            return
        titles = {o.id: o.title for o in words.decision_options()}
        st.markdown(
            f"You chose **{titles.get(decision.option, decision.option)}** on "
            f"{formatting.day(decision.decided_on)}."
        )
        timeline_answers(decision.timeline, decision.note)
