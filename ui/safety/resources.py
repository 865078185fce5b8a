"""Crisis resources on screen: tappable contact buttons, hours, and honest provenance.

Shared by the Safety page's "help now" section (:mod:`ui.safety.sections`) and by any page that
leads with help (Home in safety mode, the script builder's advocate). Every contact is a link
button whose address comes from :func:`content.resources.contact_href`, so a tap on a phone dials
(``tel:``) or opens a text (``sms:``) with the right number. All text here is our own content,
never anything a user wrote, so plain Markdown is safe.

In another language, a service's lines in that language come first, each group headed with its
language and each such line with its own source and check date; a service with no line in the
run's language says so and shows its English lines (an emergency number says to call it anyway).

Public API: :func:`danger_now`, :func:`quick_exit_reminder`, :func:`resource_card`,
:func:`country_picker`, :func:`directories` and :func:`how_checked`.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import streamlit as st

from content import language
from content import resources as res
from content import safety as safety_content
from content.messages import t
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


def _in_language(code: str) -> str:
    """A heading for a language's lines ("In Spanish"), in the run's language."""
    names = {"en": t("In English"), "es": t("In Spanish")}
    return names.get(code, language.name(code))


def _no_line_here(code: str, emergency: bool) -> str:
    """What a card says when a service has no line in the run's language (whole sentences)."""
    if emergency:
        said = {
            "es": t(
                "We haven't checked whether this number answers in Spanish. "
                "If you are in danger, call it anyway."
            )
        }
        other = t(
            "We haven't checked whether this number answers in your language. "
            "If you are in danger, call it anyway."
        )
    else:
        said = {
            "es": t(
                "This service has no line in Spanish in our data. Here are its lines in English."
            )
        }
        other = t(
            "This service has no line in your language in our data. Here are its lines in English."
        )
    return said.get(code, other)


def _checked(when: dt.date, live: bool) -> str:
    note = res.words().checked_note.format(date=date_words(when))
    # The content records how each entry was checked; say so plainly when it wasn't confirmed live.
    if not live:
        note = t("{checked}, against published details, not by calling.", checked=note.rstrip("."))
    return note


def _provenance(resource: res.Resource) -> str:
    return t(
        "Source: [{site}]({url}). {checked}",
        site=_site(resource.source_url),
        url=resource.source_url,
        checked=_checked(resource.checked, resource.checked_live),
    )


def _line_provenance(contacts: tuple[res.Contact, ...]) -> list[str]:
    """Where a service's lines in another language come from: one sentence per source."""
    by_source: dict[tuple, list[res.Contact]] = {}
    for contact in contacts:
        if contact.has_own_source:
            by_source.setdefault((contact.source_url, contact.checked), []).append(contact)
    found = []
    for (url, when), lines in by_source.items():
        found.append(
            t(
                "{language} ({labels}): source [{site}]({url}). {checked}",
                language=_in_language(lines[0].language),
                labels=", ".join(c.label for c in lines),
                site=_site(url),
                url=url,
                checked=_checked(when, lines[0].checked_live),
            )
        )
    return found


def _buttons(resource: res.Resource, code: str | None, key: str) -> None:
    """A button per contact (only those in language ``code``, unless it is None)."""
    with st.container(horizontal=True, gap="small"):
        for i, contact in enumerate(resource.contacts):
            if code is not None and contact.language != code:
                continue
            st.link_button(
                contact.label,
                res.contact_href(contact),
                icon=_ICONS[contact.kind],
                # The emergency number is the one button that should stand out.
                type="primary" if resource.emergency else "secondary",
                key=f"{key}_{resource.id}_{i}",
            )


def resource_card(resource: res.Resource, key: str) -> None:
    """One resource in a bordered box: what it is, its hours, a button per contact, its source.

    When the run's language is not the only language of its lines, the lines come in groups, the
    run's language first, each headed with its language; with no line in the run's language, the
    card says so before the lines it does have.
    """
    here = language.current()
    with st.container(border=True, key=f"{key}_{resource.id}"):
        st.markdown(
            f"**{resource.name}**  \n{resource.what}  \n:material/schedule: {resource.hours}"
        )
        if resource.languages == (here,):
            _buttons(resource, None, key)
        else:
            if not resource.lines_in(here):
                message = _no_line_here(here, resource.emergency)
                st.markdown(f":material/translate: {message}")
            for code in resource.languages:
                if not resource.emergency or resource.lines_in(here):
                    st.markdown(f"**{_in_language(code)}**")
                _buttons(resource, code, key)
        notes = [f"**{c.label}:** {c.note}" for c in resource.contacts if c.note]
        st.caption(
            "  \n".join([*notes, *_line_provenance(resource.contacts), _provenance(resource)])
        )


def how_checked(found: tuple[res.Resource, ...]) -> None:
    """Where each entry's details come from and how they were checked, in one closed expander."""
    with st.expander(t("How these details were checked"), icon=":material/fact_check:"):
        st.caption(
            t(
                "We compared every number with the organisation's own published details when this "
                "page was written. We have not called them to confirm. Numbers and hours can "
                "change: if one doesn't work, call your local emergency number or use a directory "
                "on this page."
            )
        )
        lines = []
        for r in found:
            lines.append(
                t(
                    "- **{name}**: {source}. Checked {date}. {how}",
                    name=r.name,
                    source=r.source,
                    date=date_words(r.checked),
                    how=r.checked_how,
                )
            )
            lines.extend(
                t(
                    "    - {language}, {label}: {source}. Checked {date}. {how}",
                    language=_in_language(c.language),
                    label=c.label,
                    source=c.source,
                    date=date_words(c.checked),
                    how=c.checked_how,
                )
                for c in r.contacts
                if c.has_own_source
            )
        st.markdown("\n".join(lines))


def quick_exit_reminder() -> None:
    """One line on the quick exit and its keyboard shortcut."""
    shortcut = safety_content.load().device.quick_exit_shortcut
    st.markdown(
        t(
            ":material/logout: **Need to leave fast?** Use the red **Quick exit** button at the "
            "top right, or {shortcut}. It opens an ordinary website in this tab.",
            shortcut=shortcut,
        )
    )


def danger_now(key: str) -> None:
    """The United States' emergency number and helplines, then the quick-exit reminder."""
    for resource in res.us_resources():
        resource_card(resource, key)
    quick_exit_reminder()


def _country_name(code: str) -> str:
    if code == OTHER_COUNTRY:
        return t("My country isn't listed")
    return res.countries()[code].name


def country_picker(key: str) -> str:
    """A country picker (United States first) and the chosen country's entries; returns its code."""
    words = res.words()
    st.write(
        t(
            "{intro} We don't list every country, only the ones whose numbers we have checked.",
            intro=words.outside_us_intro,
        )
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
        st.caption(t("The numbers for the United States are at the top of this page."))
    else:
        country = res.countries()[code]
        for resource in (*country.emergency, *country.helplines):
            resource_card(resource, f"{key}_{code}")
    return code


def directories(key: str) -> None:
    """The international helpline directories, for any country we don't list."""
    for resource in res.directories():
        resource_card(resource, key)
