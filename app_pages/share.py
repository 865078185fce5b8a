"""Share with partner: make and switch off partner links, choose what each shows, and read replies.

A new link is shown once (only its fingerprint is stored). For each link the owner ticks what it
shows: the invitation from a saved script version, the first-session explainer, a few first steps,
the six-week targets; saving publishes a snapshot through ``ui.share.links``. Replies are shown as plain
text with ``st.text``, never Markdown, and the partner's ratings sit beside the owner's in one chart.
While safety mode is on nothing can be made or shared: the page says why, and existing links are
already switched off by the chrome. The owner can also replace their own link here.
"""

from __future__ import annotations

import streamlit as st

from content.plan import rating_labels
from content.script import load_script_content
from guide import formatting
from guide.safety import escape_markdown
from guide.sharing import (
    PartnerView,
    ShareChoices,
    SharingError,
    asked_first_steps,
    biggest_gaps,
    clean_label,
    option_labels,
    shared_parts,
)
from storage.errors import StorageError
from ui import notices, pages
from ui.callbacks import guarded, reopen
from ui.context import Here, here
from ui.safety.state import mode
from ui.share import links as sharing

NEW_LINK, NEW_OWNER_LINK = "share_new_link", "share_new_owner_link"
CLEAR_LABEL = "share_label_clear"  # a link was made: empty the name box on the next run
NOT_MADE = (
    "We couldn't make the link just now because the app's storage is unavailable, so nothing was "
    "made. The name you typed is still here: please try again in a moment."
)
NOT_REPLACED = (
    "Your link was not replaced: the app's storage is unavailable just now. Your current link "
    "still opens your space; please try again in a moment."
)
NOT_REVOKED = (
    "We couldn't switch the link off just now because the app's storage refused the change, so it "
    "may still open what it shows. Please try again in a moment."
)
REPLACE_BROKE = (
    "Something went wrong while replacing your link, and your current link may no longer open "
    "your space. If this page stops opening, restore your backup into a new space on My data."
)
CONFIRM_REVOKE, CONFIRM_ROTATE = "share_confirm_revoke", "share_confirm_rotate"
MY_DATA = pages.path("my_data")


def _when(iso: str) -> str:
    """An ISO timestamp as a calm date, e.g. "3 March 2025"."""
    day = formatting.read_day(iso)
    return formatting.date_words(day) if day else "an earlier date"


def _saved_now(message: str) -> None:
    st.toast(message, icon=":material/check_circle:")


# ---- one-time links ---------------------------------------------------------------------------


def new_link_box() -> None:
    """The link just made, shown this once with a copy button, until the owner says it's copied."""
    made = st.session_state.get(NEW_LINK)
    if not made:
        return
    with st.container(border=True, key="share_new_link_box"):
        # The name in quotes, as a name: "Sam", "For Sam" and "My husband" all read well here.
        st.markdown(f"**Your new link, “{escape_markdown(made['label'])}”, is ready.**")
        st.code(made["url"], language=None, wrap_lines=True)
        st.markdown(
            "Copy it now with the button at the right of the box, and send it however suits you. "
            "For your privacy Open Door keeps only a scrambled fingerprint of it, so **it can't be "
            "shown again**. If it gets lost, they can't get back in: you can make a new link and "
            "switch this one off."
        )
        st.caption("Until you choose below what it shows, it opens nothing.")
        if st.button("Done, I've copied it", key="share_new_link_done", type="primary"):
            st.session_state.pop(NEW_LINK, None)
            st.rerun()


def create_form(place: Here, title: str) -> None:
    """Name and make a new partner link."""
    st.subheader(title)
    if st.session_state.pop(CLEAR_LABEL, False):
        st.session_state["share_label"] = ""  # before the box is drawn, so it may be set
    # Not clear_on_submit: a link that could not be made must keep the name typed for it.
    with st.form("share_create_form"):
        # No max_chars: it drops a paste over the limit whole. clean_label says how much to cut.
        label = st.text_input(
            "Name this link (only you will see the name)",
            placeholder="For example: Sam",
            key="share_label",
        )
        made = st.form_submit_button("Make a link", type="primary", icon=":material/add_link:")
    if made:
        try:
            link_id, url = sharing.create_link(place, label or "")
        except SharingError as exc:
            st.warning(str(exc), icon=":material/edit:")
        except (StorageError, OSError):
            # A full or read-only disk, whichever layer it surfaces from: said here, calmly.
            st.warning(NOT_MADE, icon=":material/cloud_off:")
        else:
            st.session_state[NEW_LINK] = {"id": link_id, "label": clean_label(label), "url": url}
            st.session_state[CLEAR_LABEL] = True
            st.rerun()


# ---- each link ------------------------------------------------------------------------------------


def choices_form(place: Here, link: sharing.LinkInfo, expanded: bool) -> None:
    """Tick what one link shows, then save to publish it."""
    chosen = sharing.choices(place, link.id)
    versions = [v for v in sharing.script_versions(place) if v.invitation]
    version_ids: list[str | None] = [None, *(v.id for v in versions)]
    names = {v.id: f"{v.name or 'Untitled script'} (saved {_when(v.saved_at)})" for v in versions}
    catalogue = load_script_content().first_steps
    option_ids = [o.id for o in catalogue]
    option_names = {o.id: o.label for o in catalogue}
    cycle = sharing.active_cycle(place)
    with (
        st.expander("Choose what this link shows", expanded=expanded, icon=":material/tune:"),
        st.form(f"share_form_{link.id}", border=False),
    ):
        script = st.selectbox(
            "Your invitation",
            version_ids,
            index=version_ids.index(chosen.script_version)
            if chosen.script_version in version_ids
            else 0,
            format_func=lambda v: names.get(v, "") if v else "Don't include an invitation",
            key=f"share_script_{link.id}",
            help="The short written invitation from a script you saved in the Script builder.",
        )
        if not versions:
            st.caption(
                "Save a script with an ask or a first step in the Script builder, and its "
                "invitation can be shared here."
            )
        explainer = st.checkbox(
            "What a first session of couples therapy is like (a short, neutral piece)",
            value=chosen.explainer,
            key=f"share_explainer_{link.id}",
        )
        options = st.multiselect(
            "Small first steps they can choose from",
            option_ids,
            default=[o for o in chosen.options if o in option_ids],
            format_func=lambda o: option_names[o],
            key=f"share_options_{link.id}",
            placeholder="Choose one or more",
        )
        targets = st.checkbox(
            "Your six-week targets, so they can rate each week too",
            value=chosen.targets,
            key=f"share_targets_{link.id}",
        )
        if cycle is None:
            st.caption(
                "You haven't started a six-week plan yet. If you tick this, your targets will "
                "show on the link once you do."
            )
        st.caption(
            "They see only what is ticked here, as a copy. Everything else in your space stays "
            "private."
        )
        saved = st.form_submit_button("Save and share", type="primary", icon=":material/share:")
    if saved:
        picked = ShareChoices(
            script_version=script, explainer=explainer, options=tuple(options), targets=targets
        )
        try:
            view = sharing.publish(place, link.id, picked)
        except StorageError as exc:
            st.warning(exc.message, icon=":material/cloud_off:")
            return
        if view is None:
            _saved_now("Saved. This link shows nothing for now.")
        else:
            _saved_now("Saved. Your link now shows what you chose.")
        st.rerun()


@guarded
def _ask_revoke(_place: Here, link_id: str) -> None:
    """Before the run: the confirmation takes the button's place in one run, never beside it."""
    st.session_state[CONFIRM_REVOKE] = link_id


@guarded
def _keep_link(_place: Here) -> None:
    st.session_state.pop(CONFIRM_REVOKE, None)


def revoke_control(place: Here, link: sharing.LinkInfo, pending: str | None = None) -> None:
    """Switch a link off, after asking once; while another link's switch-off waits, say nothing.

    ``pending`` is the link whose confirmation is showing (one of those listed), so the page asks
    one question at a time instead of offering a second switch-off beside it.
    """
    if pending is not None and pending != link.id:
        return
    if pending != link.id:
        st.button(
            "Switch off this link",
            key=f"share_revoke_{link.id}",
            icon=":material/link_off:",
            type="tertiary",
            on_click=_ask_revoke,
            args=(place, link.id),
        )
        return
    st.warning(
        "Switch this link off for good? Whoever has it will see only a message that it doesn't "
        "open anything. Their replies stay here for you.",
        icon=":material/link_off:",
    )
    yes, no = st.columns(2)
    if yes.button("Yes, switch it off", key=f"share_revoke_yes_{link.id}", type="primary"):
        try:
            sharing.revoke(place, link.id)
        except (StorageError, OSError):
            st.warning(NOT_REVOKED, icon=":material/cloud_off:")
            return
        st.session_state.pop(CONFIRM_REVOKE, None)
        _saved_now("The link is switched off.")
        st.rerun()
    no.button("Keep it", key=f"share_revoke_no_{link.id}", on_click=_keep_link, args=(place,))


def link_card(
    place: Here, link: sharing.LinkInfo, can_share: bool, pending: str | None = None
) -> None:
    """One active link: its name, when it was made, what it shows, and its controls."""
    view = sharing.shared_view(place, link.id) if can_share else None
    with st.container(border=True, key=f"share_link_{link.id}"):
        st.markdown(f"**{escape_markdown(link.label)}**")
        if not can_share:
            st.badge("Switched off for now", color="gray", icon=":material/pause_circle:")
        elif view is None:
            st.badge("Shows nothing yet", color="orange", icon=":material/visibility_off:")
        else:
            st.badge("Open", color="green", icon=":material/visibility:")
        parts = sharing_parts(view)
        shows = f" Shows {parts}." if parts else ""
        st.caption(f"Made {_when(link.created)}.{shows}")
        if can_share:
            new = (st.session_state.get(NEW_LINK) or {}).get("id") == link.id
            choices_form(place, link, expanded=new or view is None)
        revoke_control(place, link, pending)


def sharing_parts(view: PartnerView | None) -> str:
    """'your invitation, 2 first steps … and your targets' for a link's caption."""
    parts = shared_parts(view)
    if not parts:
        return ""
    return formatting.join_and(parts)


def links_section(place: Here, links: list[sharing.LinkInfo], can_share: bool) -> None:
    """Every link: active ones as cards, switched-off ones in a quiet list."""
    active = [link for link in links if link.active]
    if not links:
        return
    st.subheader("Your links")
    if not active:
        st.caption("You have no partner links open.")
    asked = st.session_state.get(CONFIRM_REVOKE)
    pending = asked if asked in {link.id for link in active} else None
    for link in active:
        link_card(place, link, can_share, pending)
    gone = [link for link in links if not link.active]
    if gone:
        with st.expander(f"Switched-off links ({len(gone)})", icon=":material/link_off:"):
            for link in gone:
                st.markdown(
                    f"**{escape_markdown(link.label)}**: made {_when(link.created)}, switched off "
                    f"{_when(link.revoked or '')}."
                )


# ---- replies --------------------------------------------------------------------------------------


def comparison(place: Here, link: sharing.LinkInfo) -> None:
    """The owner's and the partner's ratings side by side, the biggest differences called out."""
    cycle = sharing.active_cycle(place)
    theirs = sharing.ratings_of(place, link.id)
    if cycle is None or not cycle.targets:
        if theirs:
            st.caption("They rated some weeks of an earlier plan.")
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
        st.markdown("**Where your views differ most**")
        st.markdown(
            "\n".join(
                "- "
                + escape_markdown(
                    f"Week {d.week}, “{texts[d.target_id]}”: you said {labels[d.owner].lower()}, "
                    f"they said {labels[d.partner].lower()}."
                )
                for d in gaps
            )
        )
        st.caption(
            "A difference isn't a verdict on either of you. It can be a good thing to talk about "
            "calmly: what did each of you notice that week?"
        )
    with st.expander("Show the numbers", icon=":material/table:"):
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
    st.subheader("What they said")
    for link, reply in answered:
        with st.container(border=True, key=f"share_reply_{link.id}"):
            st.markdown(f"**From the link “{escape_markdown(link.label)}”**")
            if reply is not None:
                st.caption(f"Last sent {_when(reply.updated_at)}.")
                view = sharing.shared_view(place, link.id) if link.active else None
                if asked_first_steps(reply, view.option_ids if view else ()):
                    st.markdown("First steps they'd be willing to try:")
                    picked = option_labels(reply.options, catalogue)
                    st.text(
                        "\n".join(f"• {label}" for label in picked) if picked else "None for now."
                    )
                st.markdown("Their note:")
                st.text(reply.note if reply.note else "No note.")
            comparison(place, link)
    if not answered:
        st.caption("No replies yet. When someone answers through a link, it shows up here.")


# ---- the owner's own link -------------------------------------------------------------------------


def own_link_section(place: Here) -> None:
    """Replace the owner's own link, with the new one shown once."""
    st.subheader("Your own link")
    if place.local:
        notices.local_link(place)
        st.caption(
            "Its link can't be replaced from here: this machine finds your space by this link."
        )
        return
    fresh = st.session_state.get(NEW_OWNER_LINK)
    if fresh:
        with st.container(border=True, key="share_new_owner_link_box"):
            st.markdown("**This is your new link.** Your old one no longer opens your space.")
            st.code(fresh, language=None, wrap_lines=True)
            st.markdown(
                "Save it now somewhere only you can see: it **can't be shown again**. If it is "
                "lost, your space is lost with it, unless you have a backup. Links you made for "
                "your partner keep working."
            )
            st.page_link(MY_DATA, label="Download a backup on My data", icon=":material/download:")
            if st.button("I've saved my new link", key="share_new_owner_link_done", type="primary"):
                st.session_state.pop(NEW_OWNER_LINK, None)
                st.rerun()
        return
    st.write(
        "Your link is the only key to your space. If someone else may have seen it, you can "
        "replace it: the old one stops working at once and you get a new one to save."
    )
    st.info(
        "A lost link can't be recovered, and neither can the space it opens, unless you have a "
        "backup. You can download one on My data.",
        icon=":material/key:",
    )
    st.page_link(MY_DATA, label="Download a backup on My data", icon=":material/arrow_forward:")
    if not st.session_state.get(CONFIRM_ROTATE):
        if st.button("Replace my own link", key="share_rotate", icon=":material/autorenew:"):
            st.session_state[CONFIRM_ROTATE] = True
            st.rerun()
        return
    st.warning(
        "Replace your link now? Your current link, and any bookmark of it, will stop working. "
        "You'll see the new one once, so have somewhere ready to save it.",
        icon=":material/autorenew:",
    )
    yes, no = st.columns(2)
    if yes.button("Yes, give me a new link", key="share_rotate_yes", type="primary"):
        try:
            url = sharing.replace_owner_link(place)
        except (StorageError, OSError):
            # Honest about where it stands: the old link either still opens the space or not.
            still = reopen(place) is not None
            st.warning(NOT_REPLACED if still else REPLACE_BROKE, icon=":material/cloud_off:")
            return
        st.session_state.pop(CONFIRM_ROTATE, None)
        st.session_state[NEW_OWNER_LINK] = url
        st.rerun()
    if no.button("Keep my link", key="share_rotate_no"):
        st.session_state.pop(CONFIRM_ROTATE, None)
        st.rerun()


# ---- the page -------------------------------------------------------------------------------------


def paused(place: Here, reason: str) -> None:
    """Safety mode: no making or sharing; say why, and only what is true of the links below."""
    st.warning(reason, icon=":material/pause_circle:")
    links = sharing.partner_links(place)
    if any(link.active for link in links):
        st.write(
            "Your links are switched off for now. Anyone who opens one sees only a plain message "
            "that the link doesn't open anything, with no hint of why. If you want a link gone "
            "for good, you can switch it off below."
        )
    elif links:
        st.write(
            "Every link you made is switched off for good, so none of them opens anything. "
            "Anyone who tries one sees only a plain message, with no hint of why."
        )
    else:
        st.write("You haven't made any partner links, so there is nothing for anyone to open.")
    links_section(place, links, can_share=False)
    own_link_section(place)


def main() -> None:
    """The Share with partner page."""
    place = here()
    st.title("Share with your partner")
    current = mode(place)
    if not current.allow_partner_links:
        paused(place, current.message("partner_links"))
        return
    st.write(
        "Make a private link for your partner. It opens a calm page with only what you choose: "
        "your invitation, a short piece on what a first session is like, a few small first steps "
        "to pick from, and your six-week targets to rate. They can reply, and you'll see it here."
    )
    new_link_box()
    links = sharing.partner_links(place)
    if any(link.active for link in links):
        links_section(place, links, can_share=True)
        replies_section(place, links)
        create_form(place, "Make another link")
    else:
        create_form(place, "Make a link")
        links_section(place, links, can_share=True)
        replies_section(place, links)
    own_link_section(place)


main()
