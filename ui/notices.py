"""Notices shown above an owner's page: safety mode, a recovered file, and saving the new link.

Each notice is short and calm and says what to do next. None of them shows anything a partner
wrote, so plain Markdown is safe here.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from records import links
from ui import callbacks, chrome, pages
from ui.context import Here, start_fresh
from ui.safety import state as safety_state
from ui.share import links as sharing

LOCAL_SHOWN = "od_local_link_shown"
# English (tests read it); drawn as t(LOCAL_NOTE), in the run's language.
LOCAL_NOTE = (
    "**This machine's space opens without a link.** If you ever run Open Door with local mode "
    "off, or move it to a server, you'll need this link to open this space again: without it you "
    "would get a new, empty space, and this one could come back only from a backup."
)
_ARROW = ":material/arrow_forward:"


def owner_notices(here: Here) -> None:
    """Everything an owner should see before the page itself, in order of importance."""
    if st.session_state.pop("od_deleted", False):
        st.success(
            t("Your space and all its links were deleted. This is a new, empty space."),
            icon=":material/check_circle:",
        )
    mode = safety_state.mode(here)
    safety_state.sync_partner_pause(here, mode)
    sharing.refresh(here, mode)
    _sidebar(here, mode.on)
    if mode.on:
        st.error(
            t(
                "**Safety mode is on.** Open Door has stopped coaching toward joint therapy and "
                "switched off partner links. If you are in danger now, call **911** (US) or your "
                "local emergency number."
            ),
            icon=":material/health_and_safety:",
        )
        st.page_link(
            pages.path("safety"),
            label=t("Safety help and resources"),
            icon=":material/arrow_forward:",
        )
    if here.private.recovered_at or here.shared.recovered_at:
        st.warning(
            t(
                "We couldn't read part of your saved data, so we set that file aside safely "
                "(nothing was deleted) and started it fresh. If you have a backup, you can restore "
                "it on My data."
            ),
            icon=":material/restore:",
        )
        st.page_link(
            pages.path("my_data"),
            label=t("Restore from a backup"),
            icon=":material/arrow_forward:",
        )
    _new_link_notice(here)


def _sidebar(here: Here, safety_on: bool) -> None:
    with st.sidebar:
        chrome.sidebar_exit_hint()
        if not safety_on and st.button(
            t("This is about my safety"),
            key="chrome_safety_flag",
            icon=":material/shield:",
            help=t(
                "Switches Open Door to safety mode: help and resources first, no coaching toward "
                "joint therapy, and no sharing. Retaking the quiz's safety questions switches it "
                "back."
            ),
        ):
            safety_state.set_self_flag(here)
            st.switch_page(pages.path("safety"))


def _new_link_notice(here: Here) -> None:
    link = here.owner_link()
    if link is None or links.link_saved(here.private):
        return
    with st.container(border=True, key="notice_new_link"):
        st.markdown(
            t(
                "**This is your private space.** Its link below is the only key to it: there is "
                "no account or password, and we cannot recover a lost link. Bookmark this page or "
                "keep the link somewhere only you can see. Anyone who has it can open your space."
            )
        )
        st.code(link, language=None, wrap_lines=True)
        st.caption(
            t(
                "On a shared device, don't bookmark it: copy it somewhere private instead, and use "
                "My data to download a backup now and then."
            )
        )
        if st.button(t("I've saved my link"), key="notice_link_saved", type="primary"):
            links.mark_link_saved(here.private)
            st.rerun()


@callbacks.guarded
def _show_local_link(_here: Here, shown: bool) -> None:
    st.session_state[LOCAL_SHOWN] = shown


def local_link(here: Here) -> None:
    """The local space's own link, shown on request, with why it matters (nothing elsewhere).

    Only inside the local space itself: the session must be in local mode, as the owner, with the
    key that this machine's local-owner file holds. Anyone who passes that already has the space.
    """
    if not (here.local and here.role == "owner" and here.store.is_local_key(here.key)):
        return
    with st.container(border=True, key="local_link_box"):
        st.markdown(t(LOCAL_NOTE))
        if not st.session_state.get(LOCAL_SHOWN):
            st.button(
                t("Show this space's link"),
                key="local_link_show",
                icon=":material/key:",
                on_click=_show_local_link,
                args=(here, True),
            )
            return
        st.code(here.link(here.key, "owner"), language=None, wrap_lines=True)
        st.caption(
            t(
                "Keep it somewhere only you can see, not in a shared bookmark: anyone who has it "
                "can open your space. A backup from My data keeps your data safe too."
            )
        )
        st.button(
            t("Hide the link"),
            key="local_link_hide",
            icon=":material/visibility_off:",
            on_click=_show_local_link,
            args=(here, False),
        )


def storage_down() -> None:
    """A visitor whose space can't be opened or made (the disk is full or read-only)."""
    st.title(t("Open Door can't open a space just now"))
    st.write(
        t(
            "We couldn't open a private space for you because the app's storage is unavailable "
            "at the moment. Nothing was saved. Please try again in a few minutes."
        )
    )
    st.write(
        t(
            "If you are in danger now, call **911** in the United States or your local emergency "
            "number. The Quick exit at the top right leaves this site at once."
        )
    )
    st.button(t("Try again"), key="storage_down_retry", type="primary")  # a press reruns the app


def bad_link() -> None:
    """The one neutral answer for every link that opens nothing (unknown, malformed, revoked)."""
    st.title(t("This link doesn't open anything"))
    callbacks.closed_note()  # only after this tab's own button found its link closed
    st.write(
        t(
            "It may have been copied incompletely, replaced with a newer link, or switched off by "
            "the person who made it."
        )
    )
    st.write(
        t("You can start a new private space now. It takes a moment and is empty to begin with.")
    )
    if st.button(t("Start a new private space"), key="bad_link_start", type="primary"):
        start_fresh()
        st.rerun()
