"""Going alone, section by section: support of your own when the answer to couples therapy is no.

Why it is not giving up, what it helps with, how one person's change shifts the pattern, how to
stop carrying all the emotional work, and how to find affordable support; then gentle next steps.
When safety mode is on the guide leads with a note and holds back the line about telling the
partner. Nothing here reads or writes storage: the page hands each part the safety mode.
"""

from __future__ import annotations

import streamlit as st

from content.guides import Entry, GoingAlone
from content.messages import t
from guide.safety import SafetyMode
from ui import pages
from ui.guides.lists import bullets

SAFETY_PAGE = pages.path("safety")
# Icons for the next-step links; a step added in the content without one gets the arrow.
STEP_ICONS = {"plan": "event_available", "safety": "health_and_safety"}


def opening(words: GoingAlone, safety: SafetyMode) -> None:
    """The title, the safety note first when safety mode is on, and the lead."""
    st.title(words.title)
    if safety.on:
        with st.container(border=True, key="going_alone_safety"):
            st.markdown(f":material/health_and_safety: {words.safety_note}")
            st.page_link(
                SAFETY_PAGE, label=t("Safety help and resources"), icon=":material/arrow_forward:"
            )
    st.markdown(words.lead)


def not_giving_up(words: GoingAlone) -> None:
    """Why going alone is not giving up."""
    st.subheader(words.not_giving_up.title)
    for paragraph in words.not_giving_up.paragraphs:
        st.markdown(paragraph)


def what_it_helps(words: GoingAlone) -> None:
    """What support of your own helps with."""
    st.subheader(words.helps.title)
    st.markdown(words.helps.intro)
    st.markdown(bullets(words.helps.items))


def the_shift(words: GoingAlone, safety: SafetyMode) -> None:
    """How one person's change shifts the pattern, and (when safe) a line to say to the partner."""
    st.subheader(words.shift.title)
    for paragraph in words.shift.paragraphs:
        st.markdown(paragraph)
    st.markdown(f"*{words.shift.caveat}*")
    if not safety.withholds("going_alone_telling"):
        # Telling a partner about therapy is itself a risk when safety mode is on.
        with st.container(border=True, key="going_alone_say"):
            st.markdown(f"**{words.shift.say_title}**")
            st.markdown(f"“{words.shift.say}”")


def emotional_work(words: GoingAlone, safety: SafetyMode) -> None:
    """Putting down the emotional work you carry alone, with examples of what to say."""
    work = words.emotional_work
    st.subheader(work.title)
    st.markdown(work.intro)
    st.markdown(bullets(tuple(Entry(c.id, c.title, c.text) for c in work.items)))
    with st.expander(work.examples_label, icon=":material/chat_bubble:"):
        # Plain quotation marks, not a blockquote: Streamlit greys blockquote text below AA contrast.
        st.markdown("\n\n".join(f"**{c.title}**  \n“{c.example}”" for c in work.items))
    st.markdown(work.not_punishment)
    if not safety.on:  # when it is on, the note at the top already says this
        st.markdown(f":material/shield: {work.caution}")


def support(words: GoingAlone) -> None:
    """What to look for in support of your own, and how to keep its cost down."""
    found = words.support
    st.subheader(found.title)
    st.markdown(found.intro)
    st.markdown("\n".join(f"- {line}" for line in found.look_for))
    with st.expander(found.cost_title, icon=":material/savings:"):
        st.markdown(bullets(found.cost))


def next_steps(words: GoingAlone) -> None:
    """Gentle next steps, each a link to the page that takes it."""
    st.subheader(words.next.title)
    st.markdown(words.next.intro)
    columns = st.columns(len(words.next.steps))
    for column, step in zip(columns, words.next.steps, strict=True):
        with column.container(border=True, height="stretch"):
            icon = STEP_ICONS.get(step.id, "arrow_forward")
            st.page_link(pages.path(step.page), label=step.label, icon=f":material/{icon}:")
            st.markdown(step.text)
