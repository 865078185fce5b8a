"""The quiz's result screen: the latest result, Retake (with its callback), and the history.

Safety comes before everything: when the latest result raised a safety concern (or safety mode is
on for another reason) the screen shows help and crisis contacts (:mod:`ui.quiz.safety_first`),
and nothing that coaches toward getting the partner into therapy. Otherwise it shows the reasons
that stood out, with what lies underneath, what helps and backfires, and the first steps.

Results are read by :mod:`records.quiz` (which holds their stored shape). Reading never crashes on
damage: a result that will not load is counted and left out, and the screen says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from content.messages import t, tn
from content.quiz import load_quiz, load_result_words
from content.reasons import Reason, common_backfires, load_reasons
from guide import formatting
from guide.quiz import QuizResult, ReasonScore, because_words, headline, not_enough_why
from guide.safety import escape_markdown
from records import quiz as records
from records.quiz import Entry
from ui import clock, feedback, pages
from ui.context import Here
from ui.quiz import history, safety_first
from ui.quiz.progress import PLACE, SEEN_FLAG, now
from ui.safety.state import mode

# A long "because" list is hard to take in; the strongest few say enough.
MAX_BECAUSE = 4


@feedback.saves(PLACE)
def _retake(place: Here) -> None:
    st.session_state[SEEN_FLAG] = True  # a retake starts at question 1: no "Welcome back"
    records.save_progress(place.private, {}, now(), 0)


def screen(place: Here) -> bool:
    """The latest result, a way to retake, and the history. False when there is nothing to show."""
    feedback.show(PLACE)
    reasons = load_reasons()
    entries, damaged = records.history(place.private)
    if damaged:
        st.info(
            tn(
                "{count} earlier result couldn't be read, so it is left out here. Everything "
                "else is fine.",
                "{count} earlier results couldn't be read, so they are left out here. Everything "
                "else is fine.",
                damaged,
            ),
            icon=":material/info:",
        )
    if not entries:
        return False
    latest = entries[0]
    st.caption(
        t("Your result from {date}", date=formatting.date_words(clock.local(latest.taken_at)))
    )
    current = mode(place)
    if latest.result.safety_flagged or current.on:
        safety_first.draw(latest, current)
    else:
        reasons_result(latest, reasons)

    st.divider()
    st.markdown(
        t("Things change, and so can your answers. Taking the quiz again keeps these results.")
    )
    st.button(
        t("Retake the quiz"),
        key="quiz_retake",
        icon=":material/replay:",
        on_click=_retake,
        args=(place,),
    )
    history.draw(entries, reasons)
    return True


def _bullets(lines: Sequence[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


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
    with st.expander(t("What tends to backfire, whatever the reason")):
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
            lines.append(
                t(
                    "You left {skipped} of {total} questions unanswered.",
                    skipped=skipped,
                    total=result.total,
                )
            )
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
    name = reason.name if reason else (scored.name if scored else t("A reason we no longer list"))
    with st.container(border=True, key=f"quiz_reason_{position}"):
        st.subheader(f"{position}. {escape_markdown(name)}", anchor=False)
        if reason:
            st.markdown(f"*{reason.summary}*")
        shown = scored.because if scored else ()
        if shown:
            items = load_quiz()
            st.markdown(t("**Because you said:**"))
            lines = []
            for because in shown[:MAX_BECAUSE]:
                # The words of the run's language, found by the question's id and the answer's
                # option: a result taken in another language reads in this one.
                text, answer = because_words(because, items)
                lines.append(
                    t(
                        "**{answer}**: “{question}”",
                        answer=escape_markdown(answer),
                        question=escape_markdown(text),
                    )
                )
            st.markdown(_bullets(lines))
        if reason is None:
            st.caption(t("More about this reason is not available any more."))
            return
        st.markdown(t("**What may lie underneath.** {words}", words=reason.underneath))
        helps, steps, backfires = st.tabs([t("What helps"), t("First steps"), t("What backfires")])
        with helps:
            st.markdown(_bullets(reason.helps))
        with steps:
            st.markdown(_bullets(reason.first_steps))
        with backfires:
            st.markdown(_bullets(reason.backfires))


def _next_steps() -> None:
    st.subheader(t("Where to go next"), anchor=False)
    st.page_link(
        pages.path("script"),
        label=t("Plan what to say, using this result"),
        icon=":material/edit_note:",
    )
    st.page_link(
        pages.path("going_alone"),
        label=t("If they still say no: going alone"),
        icon=":material/self_improvement:",
    )
