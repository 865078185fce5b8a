"""What a partner link shows: a warm welcome, the invitation, the first-session explainer.

Everything comes from the link's published snapshot (``ui.share.links.view_for``); nothing here
opens the owner's private data. Text the owner wrote (the invitation) is shown escaped. An owner
who opens the partner page gets :func:`owner_note` instead: what the page is, and the way to Share.
"""

from __future__ import annotations

import streamlit as st

from content.guides import first_session_explainer
from content.messages import t
from guide.safety import escape_markdown
from ui import pages


def owner_note() -> None:
    """What an owner sees here: what this page is, and the way to Share."""
    st.title(t("What your partner sees"))
    st.write(
        t(
            "This page is what someone sees when they open one of your partner links. It shows "
            "only what you chose to share on that link, and nothing else from your space."
        )
    )
    st.page_link(
        pages.path("share"), label=t("Go to Share with partner"), icon=":material/arrow_forward:"
    )


def welcome() -> None:
    """A warm frame that asks nothing of them."""
    st.title(t("An invitation"))
    st.write(
        t(
            "Someone who cares about you made this page for you. It holds a few things they'd "
            "like you to see, to read in your own time."
        )
    )
    st.write(
        t(
            "There's nothing to pass or fail here, and you don't have to answer. If you'd like "
            "to, what you write here goes only to the person who sent you this link. You can come "
            "back and change it whenever you like."
        )
    )


def invitation(text: str) -> None:
    """The invitation, exactly as written, as plain text."""
    st.subheader(t("A note for you"))
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
