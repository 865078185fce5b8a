"""The owner's partner links: each open one as a card, the switched-off ones in a quiet list.

A card says what its link shows, holds the form that chooses it (:mod:`ui.share.choices`) and the
switch-off, which asks once first. While one switch-off waits for its answer no other link offers
one, so the page asks one question at a time. The switch-off runs in the button's callback
(:func:`ui.feedback.saves`); what it and the choices form leave to say is shown at the top of the
list, except a switch-off that failed, which is said under its still-open question.
"""

from __future__ import annotations

import streamlit as st

from content import language
from content.messages import t
from guide import formatting
from guide.safety import escape_markdown
from guide.sharing import PartnerView, shared_parts
from storage.errors import StorageError
from ui import feedback
from ui.callbacks import guarded
from ui.context import Here
from ui.share import choices
from ui.share import links as sharing
from ui.share.make_link import NEW_LINK
from ui.share.when import when

CONFIRM_REVOKE = "share_confirm_revoke"  # the link whose switch-off is being asked about
WHERE = "share_revoke"


def _not_revoked(link_id: str) -> str:
    return f"{WHERE}_{link_id}"


@guarded
def _ask_revoke(_place: Here, link_id: str) -> None:
    """Before the run: the confirmation takes the button's place in one run, never beside it."""
    st.session_state[CONFIRM_REVOKE] = link_id


@guarded
def _keep_link(_place: Here) -> None:
    st.session_state.pop(CONFIRM_REVOKE, None)


@feedback.saves(WHERE)
def _revoke(place: Here, link_id: str) -> str | None:
    try:
        sharing.revoke(place, link_id)
    except (StorageError, OSError):
        # Said under the question, which stays open: the link may still work.
        feedback.leave(
            _not_revoked(link_id),
            t(
                "We couldn't switch the link off just now because the app's storage refused the "
                "change, so it may still open what it shows. Please try again in a moment."
            ),
            ok=False,
        )
        return None
    st.session_state.pop(CONFIRM_REVOKE, None)
    return t("The link is switched off.")


def revoke_control(place: Here, link: sharing.LinkInfo, pending: str | None = None) -> None:
    """Switch a link off, after asking once; while another link's switch-off waits, say nothing.

    ``pending`` is the link whose confirmation is showing (one of those listed), so the page asks
    one question at a time instead of offering a second switch-off beside it.
    """
    if pending is not None and pending != link.id:
        return
    if pending != link.id:
        st.button(
            t("Switch off this link"),
            key=f"share_revoke_{link.id}",
            icon=":material/link_off:",
            type="tertiary",
            on_click=_ask_revoke,
            args=(place, link.id),
        )
        return
    st.warning(
        t(
            "Switch this link off for good? Whoever has it will see only a message that it "
            "doesn't open anything. Their replies stay here for you."
        ),
        icon=":material/link_off:",
    )
    yes, no = st.columns(2)
    yes.button(
        t("Yes, switch it off"),
        key=f"share_revoke_yes_{link.id}",
        type="primary",
        on_click=_revoke,
        args=(place, link.id),
    )
    no.button(t("Keep it"), key=f"share_revoke_no_{link.id}", on_click=_keep_link, args=(place,))
    feedback.show(_not_revoked(link.id))


def sharing_parts(view: PartnerView | None) -> str:
    """'your invitation, 2 first steps … and your targets' for a link's caption (this run's
    language)."""
    parts = shared_parts(view)
    if not parts:
        return ""
    return formatting.join_and(parts)


def link_card(
    place: Here, link: sharing.LinkInfo, can_share: bool, pending: str | None = None
) -> None:
    """One active link: its name, when it was made, what it shows, and its controls."""
    view = sharing.shared_view(place, link.id) if can_share else None
    with st.container(border=True, key=f"share_link_{link.id}"):
        st.markdown(f"**{escape_markdown(link.label)}**")
        if not can_share:
            st.badge(t("Switched off for now"), color="gray", icon=":material/pause_circle:")
        elif view is None:
            st.badge(t("Shows nothing yet"), color="orange", icon=":material/visibility_off:")
        else:
            st.badge(t("Open"), color="green", icon=":material/visibility:")
        parts = sharing_parts(view)
        speaks = sharing.link_language(place, link.id)
        made = t("Made {date}.", date=when(link.created))
        if parts:
            made += " " + t("Shows {parts}.", parts=parts)
        if speaks:
            made += " " + t("Opens in {language}.", language=language.name(speaks))
        st.caption(made)
        if can_share:
            new = (st.session_state.get(NEW_LINK) or {}).get("id") == link.id
            choices.choices_form(place, link, expanded=new or view is None)
        revoke_control(place, link, pending)


def links_section(place: Here, links: list[sharing.LinkInfo], can_share: bool) -> None:
    """Every link: active ones as cards, switched-off ones in a quiet list."""
    if not links:
        return
    st.subheader(t("Your links"))
    feedback.show(WHERE)
    feedback.show(choices.WHERE)
    active = [link for link in links if link.active]
    if not active:
        st.caption(t("You have no partner links open."))
    asked = st.session_state.get(CONFIRM_REVOKE)
    pending = asked if asked in {link.id for link in active} else None
    for link in active:
        link_card(place, link, can_share, pending)
    gone = [link for link in links if not link.active]
    if gone:
        with st.expander(
            t("Switched-off links ({count})", count=len(gone)), icon=":material/link_off:"
        ):
            for link in gone:
                st.markdown(
                    t(
                        "**{name}**: made {made}, switched off {revoked}.",
                        name=escape_markdown(link.label),
                        made=when(link.created),
                        revoked=when(link.revoked or ""),
                    )
                )
