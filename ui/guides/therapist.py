"""Choosing a therapist together, section by section (BRIEF section 5); the checklist is its own part.

What to look for, questions for a consultation, ways to keep the cost down, and what a first
session is like (the same explainer the partner view shows). When the safety gate withholds
choosing a couples therapist (``therapist_choosing``), :func:`withheld` is all the page shows: a
calm note, a link to the Safety page, a pointer to a therapist of one's own and one sentence on the
hidden checklist. Nothing here reads or writes storage.
"""

from __future__ import annotations

import streamlit as st

from content.guides import TherapistGuide, first_session_explainer
from content.messages import t
from ui import pages
from ui.guides.checklist import ANCHOR
from ui.guides.lists import bullets

SAFETY_PAGE, GOING_ALONE = pages.path("safety"), pages.path("going_alone")


def withheld(words: TherapistGuide) -> None:
    """Safety mode: why the guide is put away, and help of one's own instead."""
    # Everything else (what to look for in a couples therapist, consultation questions, costs
    # of joint sessions, the first joint session, the checklist) would steer toward joint
    # therapy: the page says why, and points to help of the person's own instead.
    st.title(words.safety_title)
    with st.container(border=True, key="therapist_safety"):
        st.markdown(f":material/health_and_safety: {words.safety_note}")
        st.page_link(
            SAFETY_PAGE, label=t("Safety help and resources"), icon=":material/arrow_forward:"
        )
    st.markdown(words.safety_lead)
    st.page_link(GOING_ALONE, label=t("Support of your own"), icon=":material/self_improvement:")
    st.markdown(f":material/visibility_off: {words.checklist_hidden}")


def opening(words: TherapistGuide) -> None:
    """The title, the lead, and a jump to the checklist."""
    st.title(words.title)
    st.markdown(words.lead)
    st.markdown(f":material/checklist: [{words.checklist.jump_label}](#{ANCHOR})")


def look_for(words: TherapistGuide) -> None:
    """What to look for in a couples therapist."""
    st.subheader(words.look_for.title)
    st.markdown(words.look_for.intro)
    st.markdown(bullets(words.look_for.items))


def questions(words: TherapistGuide) -> None:
    """Questions to ask in a consultation, each with what to listen for."""
    asked = words.questions
    st.subheader(asked.title)
    st.markdown(asked.intro)
    st.markdown(
        "\n".join(
            f"{i}. **{q.question}**  \n   *{asked.listen_label}:* {q.listen_for}"
            for i, q in enumerate(asked.items, start=1)
        )
    )


def cost(words: TherapistGuide) -> None:
    """Ways to keep the cost down."""
    st.subheader(words.cost.title)
    st.markdown(words.cost.intro)
    st.markdown(bullets(words.cost.items))


def first_session(words: TherapistGuide) -> None:
    """What a first joint session is like, with the hint that the partner could read it too."""
    first = first_session_explainer()
    with st.container(border=True, key="therapist_first_session"):
        st.subheader(first.title)
        # Showing it to the partner is only suggested when that is safe (never past withheld()).
        st.markdown(f":material/group: {words.first_session_hint}")
        st.markdown(first.intro)
        st.markdown(
            "\n".join(
                f"{i}. **{step.title}.** {step.text}" for i, step in enumerate(first.steps, start=1)
            )
        )
        for line in first.closing:
            st.markdown(line)
