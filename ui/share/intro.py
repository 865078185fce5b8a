"""The top of Share with partner: what a partner link is, or (in safety mode) why sharing is off.

While safety mode is on nothing can be made or shared: the page says why, and says only what is
true of the links listed below it (the chrome has already switched them off).
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from ui.share import links as sharing


def about() -> None:
    """What a partner link opens, and that their reply comes back here."""
    st.write(
        t(
            "Make a private link for your partner. It opens a calm page with only what you "
            "choose: your invitation, a short piece on what a first session is like, a few small "
            "first steps to pick from, and your six-week targets to rate. They can reply, and "
            "you'll see it here."
        )
    )


def paused(links: list[sharing.LinkInfo], reason: str) -> None:
    """Safety mode: no making or sharing; say why, and only what is true of the links below."""
    st.warning(reason, icon=":material/pause_circle:")
    if any(link.active for link in links):
        st.write(
            t(
                "Your links are switched off for now. Anyone who opens one sees only a plain "
                "message that the link doesn't open anything, with no hint of why. If you want a "
                "link gone for good, you can switch it off below."
            )
        )
    elif links:
        st.write(
            t(
                "Every link you made is switched off for good, so none of them opens anything. "
                "Anyone who tries one sees only a plain message, with no hint of why."
            )
        )
    else:
        st.write(t("You haven't made any partner links, so there is nothing for anyone to open."))
