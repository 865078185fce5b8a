"""A result that leads with safety: why, the crisis contacts a phone can dial, and the way to the
Safety page. Shown when the latest result raised a safety concern (or safety mode is on for another
reason), instead of the reasons: nothing here coaches toward getting the partner into therapy.
"""

from __future__ import annotations

import streamlit as st

from content import resources
from content.messages import t
from content.safety import load as load_safety
from guide.safety import SafetyMode
from records.quiz import Entry
from ui import pages

# The three contacts every safety-led result shows first; the Safety page has the rest.
CRISIS_IDS: tuple[str, ...] = ("us-911", "us-ndvh", "us-988")


def draw(entry: Entry, mode: SafetyMode) -> None:
    """Lead with safety: why, the crisis contacts, and the way to the Safety page. No coaching."""
    gate = load_safety().gate
    with st.container(border=True, key="quiz_safety_first"):
        st.subheader(t("Your safety comes first"), anchor=False)
        if entry.result.safety_items:
            # Some answers raised a concern; any the user chose to leave are simply noted.
            left = t("You chose to leave the others unanswered, and that is fine.")
            st.markdown(f"{gate.reason_flagged} {left}" if entry.declined else gate.reason_flagged)
        elif entry.declined:
            st.markdown(
                t(
                    "You chose not to answer the safety questions. That is your choice to make. "
                    "To be careful, Open Door treats it as a possible safety concern."
                )
            )
        else:
            st.markdown(" ".join(mode.why) or gate.reason_self)
        st.markdown(
            t(
                "**Standard couples therapy may not be appropriate right now.** It works when "
                "both of you can speak freely, without fear. When there is harm, threats or "
                "control, sessions together can make things more dangerous. There is help made "
                "for exactly this, and you don't have to decide anything today."
            )
        )
        crisis_contacts()
        st.page_link(
            pages.path("safety"),
            label=t("Safety help, other countries, and a safety plan"),
            icon=":material/health_and_safety:",
        )
    st.caption(gate.leave_hint)


def crisis_contacts() -> None:
    """The 911, domestic violence and 988 contacts as buttons a phone can dial or text."""
    by_id = {r.id: r for r in resources.us_resources()}
    # If the ids ever change, showing every US contact is safer than showing none.
    chosen = [by_id[i] for i in CRISIS_IDS if i in by_id] or list(by_id.values())
    st.markdown(t("**If you need help now (United States):**"))
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
