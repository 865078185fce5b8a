"""The partner's ratings: each begun week of the shared six-week targets, kept or not, as they saw it.

Future weeks are not offered. The ratings are saved in the button's callback
(:func:`ui.feedback.saves`), checked against the link's view as it stands when pressed: a link
switched off or paused since the page was drawn saves nothing, and the tab is told on the calm
bad-link page. Target wording comes from the owner, so it is shown escaped.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t, tn
from content.plan import rating_labels
from guide import formatting
from guide.plan import RATING_VALUES
from guide.safety import escape_markdown
from guide.sharing import PartnerView, SharingError
from guide.weeks import week_range
from ui import clock, feedback
from ui.callbacks import note_closed
from ui.context import Here
from ui.share import links as sharing

WHERE = "partner_week_ratings"
THANKS = "partner_ratings_thanks"  # where the thank-you for a week is said, in place


def _rate_key(week: int, target_id: str) -> str:
    return f"partner_rate_{week}_{target_id}"


@feedback.saves(WHERE)
def _save(place: Here, week: int) -> None:
    """Save this week's picks, if the link still shows the targets."""
    view = sharing.view_for(place)
    if view is None:  # like any link that opens nothing now: said by the bad-link page
        note_closed()
        return None
    if not view.targets:
        return None  # no longer shared: the section is gone on this run
    values = {t.id: st.session_state.get(_rate_key(week, t.id)) for t in view.targets}
    try:
        count = sharing.save_ratings(place, view, week, values, clock.today())
    except SharingError as exc:
        feedback.leave(WHERE, str(exc), ok=False, icon=":material/edit:")
        return None
    if not count:
        feedback.leave(WHERE, t("Pick an answer for at least one of them, then save."), remark=True)
        return None
    feedback.leave(
        THANKS,
        t("Saved. Thank you for sharing how week {week} looked to you.", week=week),
        stays=True,
        icon=":material/check_circle:",
    )
    return None


def ratings(place: Here, view: PartnerView) -> None:
    """Rate each begun week of the shared targets: kept, partly kept or not kept."""
    assert view.cycle_start is not None  # a view with targets always has its start
    st.subheader(t("How the six weeks are going"))
    st.write(
        t(
            "They picked a few small, everyday changes to try for six weeks, and look back at "
            "each week as it ends. If you'd like, you can say how each week went from where you "
            "stand. Your view counts just as much as theirs, and there are no wrong answers."
        )
    )
    weeks = view.rateable_weeks(clock.today())
    if not weeks:
        st.info(
            t(
                "The six weeks begin on {day}. You can rate each week once it has started.",
                day=formatting.day(view.cycle_start),
            ),
            icon=":material/event:",
        )
        return
    mine = {(r.target_id, r.week): r.value for r in sharing.ratings_of(place, place.access.link_id)}
    picked = st.segmented_control(
        t("Which week?"),
        weeks,
        default=weeks[-1],
        format_func=lambda n: t("Week {week}", week=n),
        key="partner_week",
    )
    week = picked if picked in weeks else weeks[-1]
    first, last = week_range(view.cycle_start, week)
    labels = rating_labels()
    with st.form("partner_rate_form"):
        st.caption(
            t(
                "Week {week}: {first} to {last}",
                week=week,
                first=formatting.day(first),
                last=formatting.day(last),
            )
        )
        for target in view.targets:
            before = mine.get((target.id, week))
            st.radio(
                escape_markdown(target.text),
                RATING_VALUES,
                index=RATING_VALUES.index(before) if before in RATING_VALUES else None,
                format_func=lambda value: labels[value],
                horizontal=True,
                key=_rate_key(week, target.id),
            )
        saved = st.form_submit_button(
            t("Save week {week}", week=week),
            icon=":material/check:",
            on_click=_save,
            args=(place, week),
        )
    feedback.show(WHERE)
    feedback.show(THANKS)
    done = sorted({w for (_, w) in mine})
    if done and not saved:
        st.caption(
            tn(
                "You've rated week {weeks}.",
                "You've rated weeks {weeks}.",
                len(done),
                weeks=formatting.join_and([str(n) for n in done]),
            )
        )
