"""Crisis resources on screen: tappable contact buttons, hours, and honest provenance.

Shared by the Safety page's "help now" section (:mod:`ui.safety.sections`) and by any page that
leads with help (Home in safety mode, the script builder's advocate). Every contact is a link
button whose address comes from :func:`content.resources.contact_href`, so a tap on a phone dials
(``tel:``) or opens a text (``sms:``) with the right number. All text here is our own content,
never anything a user wrote, so plain Markdown is safe.

Public API: :func:`danger_now`, :func:`quick_exit_reminder`, :func:`resource_card`,
:func:`country_picker`, :func:`directories` and :func:`how_checked`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from content import resources as res
from content import safety as safety_content
from guide.formatting import date_words

OTHER_COUNTRY = "other"
_ICONS = {
    "call": ":material/call:",
    "text": ":material/sms:",
    "chat": ":material/chat:",
    "web": ":material/open_in_new:",
}


def _site(url: str) -> str:
    host = urlsplit(url).netloc
    return host.removeprefix("www.")


def _provenance(resource: res.Resource) -> str:
    note = res.words().checked_note.format(date=date_words(resource.checked))
    # The content records how each entry was checked; say so plainly when it wasn't confirmed live.
    if "not checked live" in resource.checked_how.lower():
        note = f"{note.removesuffix('.')}, against published details, not by calling."
    return f"Source: [{_site(resource.source_url)}]({resource.source_url}). {note}"


def resource_card(resource: res.Resource, key: str) -> None:
    """One resource in a bordered box: what it is, its hours, a button per contact, its source."""
    with st.container(border=True, key=f"{key}_{resource.id}"):
        st.markdown(
            f"**{resource.name}**  \n{resource.what}  \n:material/schedule: {resource.hours}"
        )
        with st.container(horizontal=True, gap="small"):
            for i, contact in enumerate(resource.contacts):
                st.link_button(
                    contact.label,
                    res.contact_href(contact),
                    icon=_ICONS[contact.kind],
                    # The emergency number is the one button that should stand out.
                    type="primary" if resource.emergency else "secondary",
                    key=f"{key}_{resource.id}_{i}",
                )
        notes = [f"**{c.label}:** {c.note}" for c in resource.contacts if c.note]
        st.caption("  \n".join([*notes, _provenance(resource)]))


def how_checked(found: tuple[res.Resource, ...]) -> None:
    """Where each entry's details come from and how they were checked, in one closed expander."""
    with st.expander("How these details were checked", icon=":material/fact_check:"):
        st.caption(
            "We compared every number with the organisation's own published details when this "
            "page was written. We have not called them to confirm. Numbers and hours can change: "
            "if one doesn't work, call your local emergency number or use a directory on this page."
        )
        st.markdown(
            "\n".join(
                f"- **{r.name}**: {r.source}. Checked {date_words(r.checked)}. {r.checked_how}"
                for r in found
            )
        )


def quick_exit_reminder() -> None:
    """One line on the quick exit and its keyboard shortcut."""
    shortcut = safety_content.load().device.quick_exit_shortcut
    st.markdown(
        f":material/logout: **Need to leave fast?** Use the red **Quick exit** button at the top "
        f"right, or {shortcut}. It opens an ordinary website in this tab."
    )


def danger_now(key: str) -> None:
    """The United States' emergency number and helplines, then the quick-exit reminder."""
    for resource in res.us_resources():
        resource_card(resource, key)
    quick_exit_reminder()


def _country_name(code: str) -> str:
    if code == OTHER_COUNTRY:
        return "My country isn't listed"
    return res.countries()[code].name


def country_picker(key: str) -> str:
    """A country picker (United States first) and the chosen country's entries; returns its code."""
    words = res.words()
    st.write(
        f"{words.outside_us_intro} We don't list every country, only the ones whose numbers "
        "we have checked."
    )
    codes = [*res.countries(), OTHER_COUNTRY]
    code = st.selectbox(
        words.picker_label,
        codes,
        format_func=_country_name,
        key=f"{key}_country",
    )
    if code == OTHER_COUNTRY:
        st.info(words.not_listed, icon=":material/public:")
    elif code == "US":
        st.caption("The numbers for the United States are at the top of this page.")
    else:
        country = res.countries()[code]
        for resource in (*country.emergency, *country.helplines):
            resource_card(resource, f"{key}_{code}")
    return code


def directories(key: str) -> None:
    """The international helpline directories, for any country we don't list."""
    for resource in res.directories():
        resource_card(resource, key)
