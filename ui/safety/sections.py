"""The Safety page's sections that only tell: help right now, when couples therapy is not the
right step, and staying private on this device.

Written for someone who may be frightened and reading on a phone: the numbers come first, as
buttons a phone can dial (:mod:`ui.safety.resources`), and each section is short and headed.
Nothing here reads or writes the space, so a partner could be shown any of it (they never are:
the page is the owner's).
"""

from __future__ import annotations

import streamlit as st

from content import resources as res
from content import safety as safety_content
from content.messages import t
from ui.safety import resources


def bullets(lines: tuple[str, ...]) -> None:
    """Lines as a Markdown bullet list (our own words only)."""
    st.markdown("\n".join(f"- {line}" for line in lines))


def danger() -> None:
    """Help right now: 911 and the US lines, the quick exit, then other countries."""
    st.header(t("If you are in danger now"), anchor="danger")
    st.write(
        t(
            "Call **911** in the United States, or your local emergency number. The helplines "
            "below are free and answer at any hour."
        )
    )
    resources.danger_now("safety_us")
    st.subheader(res.words().outside_us_title, anchor="outside-us")
    resources.country_picker("safety")
    st.subheader(res.words().directories_title, anchor="directories")
    st.write(t("For any country, including the ones we don't list:"))
    resources.directories("safety_dir")
    resources.how_checked(res.all_resources())


def not_appropriate() -> None:
    """The signs, why joint sessions can make things worse, and what helps instead."""
    words = safety_content.load()
    na, instead = words.not_appropriate, words.instead
    st.header(na.title, anchor="not-appropriate")
    st.write(na.intro)
    bullets(tuple(f"**{sign.title}.** {sign.text}" for sign in na.signs))
    st.subheader(na.why_title, anchor="why")
    bullets(na.why)
    st.subheader(instead.title, anchor="instead")
    st.write(instead.intro)
    bullets(tuple(f"**{option.title}.** {option.text}" for option in instead.options))
    st.caption(instead.partner_note)


def device() -> None:
    """Staying private on this device, without promising what a website can't give."""
    words = safety_content.load().device
    st.header(words.title, anchor="device")
    st.write(words.intro)
    bullets(tuple(f"**{tip.title}.** {tip.text}" for tip in words.tips))
