"""What partners sent back, on Share with partner: each reply as plain text, ratings beside yours.

A partner's words are shown with ``st.text``, never Markdown, so nothing they write can format,
link or load anything. Their ratings of the six-week targets sit beside the owner's in one chart,
with the biggest differences called out gently.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from content.plan import rating_labels
from content.script import load_script_content
from guide.safety import escape_markdown
from guide.sharing import asked_first_steps, biggest_gaps, option_labels
from ui.context import Here
from ui.share import links as sharing
from ui.share.when import when


def comparison(place: Here, link: sharing.LinkInfo) -> None:
    """The owner's and the partner's ratings side by side, the biggest differences called out."""
    cycle = sharing.active_cycle(place)
    theirs = sharing.ratings_of(place, link.id)
    if cycle is None or not cycle.targets:
        if theirs:
            st.caption(t("They rated some weeks of an earlier plan."))
        return
    ids = set(cycle.target_ids)
    theirs = [r for r in theirs if r.target_id in ids]
    if not theirs:
        return
    mine = sharing.owner_ratings(place, cycle)
    from guide.figures import CONFIG, owner_partner_comparison  # plotly loads only when needed

    chart = owner_partner_comparison(cycle.targets, mine, theirs)
    st.plotly_chart(chart.figure, config=CONFIG, key=f"share_chart_{link.id}")
    st.caption(escape_markdown(chart.summary))
    gaps = biggest_gaps(cycle.targets, mine, theirs)
    if gaps:
        labels = rating_labels()
        texts = {t.id: t.text for t in cycle.targets}
        st.markdown(t("**Where your views differ most**"))
        st.markdown(
            "\n".join(
                "- "
                + escape_markdown(
                    t(
                        "Week {week}, “{target}”: you said {mine}, they said {theirs}.",
                        week=d.week,
                        target=texts[d.target_id],
                        mine=labels[d.owner].lower(),
                        theirs=labels[d.partner].lower(),
                    )
                )
                for d in gaps
            )
        )
        st.caption(
            t(
                "A difference isn't a verdict on either of you. It can be a good thing to talk "
                "about calmly: what did each of you notice that week?"
            )
        )
    with st.expander(t("Show the numbers"), icon=":material/table:"):
        st.dataframe(chart.table, hide_index=True)


def replies_section(place: Here, links: list[sharing.LinkInfo]) -> None:
    """What each partner sent back, as plain text, and their ratings beside yours."""
    catalogue = load_script_content().first_steps
    answered = []
    for link in links:
        reply = sharing.reply_of(place, link.id)
        if reply is not None or sharing.ratings_of(place, link.id):
            answered.append((link, reply))
    if not answered and not any(link.active for link in links):
        return
    st.subheader(t("What they said"))
    for link, reply in answered:
        with st.container(border=True, key=f"share_reply_{link.id}"):
            st.markdown(t("**From the link “{name}”**", name=escape_markdown(link.label)))
            if reply is not None:
                st.caption(t("Last sent {date}.", date=when(reply.updated_at)))
                view = sharing.shared_view(place, link.id) if link.active else None
                if asked_first_steps(reply, view.option_ids if view else ()):
                    st.markdown(t("First steps they'd be willing to try:"))
                    picked = option_labels(reply.options, catalogue)
                    st.text(
                        "\n".join(f"• {label}" for label in picked)
                        if picked
                        else t("None for now.")
                    )
                st.markdown(t("Their note:"))
                st.text(reply.note if reply.note else t("No note."))
            comparison(place, link)
    if not answered:
        st.caption(t("No replies yet. When someone answers through a link, it shows up here."))
