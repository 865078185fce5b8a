"""What one partner link shows: the owner ticks it in a form, and saving publishes a copy.

The invitation from a saved script version, the first-session explainer, a few first steps, the
six-week targets. The save runs in the button's callback (:func:`ui.feedback.saves`): a tab whose
own link no longer opens saves nothing and is told so, and a link switched off, or sharing paused
by safety mode, since the page was drawn publishes nothing. The confirmation (or a storage fault)
waits for the top of the links list, :mod:`ui.share.links_list`.

The form also holds the language the link's page opens in, so the owner can change the one picked
when the link was made; a link made before links had a language may keep "their browser's".
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from content.script import load_script_content
from guide.sharing import ShareChoices
from ui import feedback
from ui.context import Here
from ui.safety.state import mode
from ui.share import links as sharing
from ui.share.make_link import language_choice
from ui.share.when import when

WHERE = "share_link_choices"


def _key(part: str, link_id: str) -> str:
    return f"share_{part}_{link_id}"


@feedback.saves(WHERE)
def _save(place: Here, link_id: str) -> str | None:
    """Publish what the form for ``link_id`` has ticked."""
    if not mode(place).allow_partner_links:
        return None  # safety mode came on meanwhile: the page now says why nothing is shared
    if link_id not in {link.id for link in sharing.partner_links(place) if link.active}:
        return None  # switched off meanwhile (another tab): it shows nothing, and stays so
    state = st.session_state
    picked = ShareChoices(
        script_version=state.get(_key("script", link_id)),
        explainer=bool(state.get(_key("explainer", link_id))),
        options=tuple(state.get(_key("options", link_id)) or ()),
        targets=bool(state.get(_key("targets", link_id))),
    )
    speaks = state.get(_key("language", link_id))
    if sharing.publish(place, link_id, picked, speaks if isinstance(speaks, str) else None) is None:
        return t("Saved. This link shows nothing for now.")
    return t("Saved. Your link now shows what you chose.")


def choices_form(place: Here, link: sharing.LinkInfo, expanded: bool) -> None:
    """Tick what one link shows, then save to publish it."""
    chosen = sharing.choices(place, link.id)
    versions = [v for v in sharing.script_versions(place) if v.invitation]
    version_ids: list[str | None] = [None, *(v.id for v in versions)]
    names = {
        v.id: t("{name} (saved {date})", name=v.name or t("Untitled script"), date=when(v.saved_at))
        for v in versions
    }
    catalogue = load_script_content().first_steps
    option_ids = [o.id for o in catalogue]
    option_names = {o.id: o.label for o in catalogue}
    cycle = sharing.active_cycle(place)
    speaks = sharing.link_language(place, link.id)
    with (
        st.expander(t("Choose what this link shows"), expanded=expanded, icon=":material/tune:"),
        st.form(f"share_form_{link.id}", border=False),
    ):
        st.selectbox(
            t("Your invitation"),
            version_ids,
            index=version_ids.index(chosen.script_version)
            if chosen.script_version in version_ids
            else 0,
            format_func=lambda v: names.get(v, "") if v else t("Don't include an invitation"),
            key=_key("script", link.id),
            help=t("The short written invitation from a script you saved in the Script builder."),
        )
        if not versions:
            st.caption(
                t(
                    "Save a script with an ask or a first step in the Script builder, and its "
                    "invitation can be shared here."
                )
            )
        st.checkbox(
            t("What a first session of couples therapy is like (a short, neutral piece)"),
            value=chosen.explainer,
            key=_key("explainer", link.id),
        )
        st.multiselect(
            t("Small first steps they can choose from"),
            option_ids,
            default=[o for o in chosen.options if o in option_ids],
            format_func=lambda o: option_names[o],
            key=_key("options", link.id),
            placeholder=t("Choose one or more"),
        )
        st.checkbox(
            t("Your six-week targets, so they can rate each week too"),
            value=chosen.targets,
            key=_key("targets", link.id),
        )
        if cycle is None:
            st.caption(
                t(
                    "You haven't started a six-week plan yet. If you tick this, your targets will "
                    "show on the link once you do."
                )
            )
        language_choice(_key("language", link.id), speaks, older=speaks is None)
        st.caption(
            t(
                "They see only what is ticked here, as a copy. Everything else in your space "
                "stays private."
            )
        )
        st.form_submit_button(
            t("Save and share"),
            type="primary",
            icon=":material/share:",
            on_click=_save,
            args=(place, link.id),
        )
