"""An invitation: the page a partner link opens, showing only what the owner chose to share.

Everything here comes from the link's published snapshot (``ui.share.links.view_for``) and the
partner's own replies; the page never opens the owner's private data. When links are paused or
nothing is shared, the partner sees exactly the neutral message any bad link gets, so a paused link
says nothing about why. Text the owner wrote (the invitation, target wording) is shown escaped.
An owner who opens this page is told plainly what it is and pointed to Share with partner.
"""

from __future__ import annotations

import streamlit as st

from content.guides import first_session_explainer
from content.plan import rating_labels
from guide import formatting
from guide.limits import limit_hint
from guide.plan import RATING_VALUES
from guide.safety import escape_markdown
from guide.sharing import NOTE_LIMIT, PartnerView, SharingError
from guide.weeks import week_range
from storage.errors import StorageError
from ui import clock, notices, pages
from ui.context import Here, here
from ui.share import links as sharing


def owner_note() -> None:
    """What an owner sees here: what this page is, and the way to Share."""
    st.title("What your partner sees")
    st.write(
        "This page is what someone sees when they open one of your partner links. It shows only "
        "what you chose to share on that link, and nothing else from your space."
    )
    st.page_link(
        pages.path("share"), label="Go to Share with partner", icon=":material/arrow_forward:"
    )


def welcome() -> None:
    """A warm frame that asks nothing of them."""
    st.title("An invitation")
    st.write(
        "Someone who cares about you made this page for you. It holds a few things they'd like you "
        "to see, to read in your own time."
    )
    st.write(
        "There's nothing to pass or fail here, and you don't have to answer. If you'd like to, "
        "what you write here goes only to the person who sent you this link. You can come back "
        "and change it whenever you like."
    )


def invitation(text: str) -> None:
    """The invitation, exactly as written, as plain text."""
    st.subheader("A note for you")
    with st.container(border=True, key="partner_invitation"):
        st.markdown(escape_markdown(text))


def explainer() -> None:
    """What a first couples session is usually like (our own neutral words)."""
    words = first_session_explainer()
    with st.expander(words.title, expanded=True, icon=":material/chair:"):
        st.markdown(words.intro)
        st.markdown("\n".join(f"- **{step.title}.** {step.text}" for step in words.steps))
        for paragraph in words.closing:
            st.markdown(paragraph)


def reply_form(place: Here, view: PartnerView) -> None:
    """The options as a checklist, and a note box."""
    st.subheader("Your reply")
    earlier = sharing.reply_of(place, place.access.link_id)
    chosen: list[str] = []
    with st.form("partner_reply_form"):
        if view.options:
            st.write(
                "Here are some small first steps. Tick any you'd be willing to try. One is "
                "plenty, and none is an answer too."
            )
            for option in view.options:
                ticked = st.checkbox(
                    escape_markdown(option.label),
                    value=bool(earlier and option.id in earlier.options),
                    key=f"partner_option_{option.id}",
                )
                if ticked:
                    chosen.append(option.id)
        # No max_chars: Streamlit drops a paste over it whole; the save says how much to cut.
        note = st.text_area(
            "Anything you'd like to say (optional)",
            value=earlier.note if earlier else "",
            key="partner_note",
            placeholder="A question, a worry, a time that suits you, or just a few words.",
            help=limit_hint(NOTE_LIMIT),
        )
        sent = st.form_submit_button("Send my reply", type="primary", icon=":material/send:")
    if sent and not chosen and not (note or "").strip():
        if earlier is None:
            st.info(
                "There is nothing to send yet: tick a step or write a few words first.",
                icon=":material/edit:",
            )
        else:
            st.info(
                "Nothing was sent: every box is empty, so your earlier reply is kept as it was.",
                icon=":material/edit:",
            )
    elif sent:
        try:
            sharing.save_reply(place, view, chosen, note or "")
        except SharingError as exc:
            st.warning(str(exc), icon=":material/edit:")
        except StorageError as exc:
            st.warning(exc.message, icon=":material/cloud_off:")
        else:
            st.success(
                "Thank you. Your reply is saved. You can change it any time from this same link.",
                icon=":material/favorite:",
            )
    elif earlier is not None:
        st.caption("You've replied before. Change anything above and send it again if you like.")


def ratings(place: Here, view: PartnerView) -> None:
    """Rate each begun week of the shared targets: kept, partly kept or not kept."""
    assert view.cycle_start is not None  # a view with targets always has its start
    st.subheader("How the six weeks are going")
    st.write(
        "They picked a few small, everyday changes to try for six weeks, and look back at each "
        "week as it ends. If you'd like, you can say how each week went from where you stand. "
        "Your view counts just as much as theirs, and there are no wrong answers."
    )
    today = clock.today()
    weeks = view.rateable_weeks(today)
    if not weeks:
        st.info(
            f"The six weeks begin on {formatting.day(view.cycle_start)}. You can rate each week once it "
            "has started.",
            icon=":material/event:",
        )
        return
    mine = {(r.target_id, r.week): r.value for r in sharing.ratings_of(place, place.access.link_id)}
    picked = st.segmented_control(
        "Which week?",
        weeks,
        default=weeks[-1],
        format_func=lambda n: f"Week {n}",
        key="partner_week",
    )
    week = picked if picked in weeks else weeks[-1]
    first, last = week_range(view.cycle_start, week)
    labels = rating_labels()
    with st.form("partner_rate_form"):
        st.caption(f"Week {week}: {formatting.day(first)} to {formatting.day(last)}")
        values: dict[str, str | None] = {}
        for target in view.targets:
            before = mine.get((target.id, week))
            values[target.id] = st.radio(
                escape_markdown(target.text),
                RATING_VALUES,
                index=RATING_VALUES.index(before) if before in RATING_VALUES else None,
                format_func=lambda value: labels[value],
                horizontal=True,
                key=f"partner_rate_{week}_{target.id}",
            )
        saved = st.form_submit_button(f"Save week {week}", icon=":material/check:")
    if saved:
        try:
            count = sharing.save_ratings(place, view, week, values, today)
        except SharingError as exc:
            st.warning(str(exc), icon=":material/edit:")
        except StorageError as exc:
            st.warning(exc.message, icon=":material/cloud_off:")
        else:
            if count:
                st.success(
                    f"Saved. Thank you for sharing how week {week} looked to you.",
                    icon=":material/check_circle:",
                )
            else:
                st.info(
                    "Pick an answer for at least one of them, then save.", icon=":material/info:"
                )
    done = sorted({w for (_, w) in mine})
    if done and not saved:
        st.caption(f"You've rated {formatting.numbered(done, 'week', 'weeks')}.")


def main() -> None:
    """Show the owner's note, the neutral message, or exactly what this link shares."""
    place = here()
    if place.role == "owner":
        owner_note()
        return
    view = sharing.view_for(place)
    if view is None:
        notices.bad_link()
        return
    welcome()
    if view.invitation:
        invitation(view.invitation)
    if view.explainer:
        explainer()
    reply_form(place, view)
    if view.targets:
        ratings(place, view)


main()
