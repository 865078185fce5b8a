"""Going alone: support of your own when the answer to couples therapy is no (BRIEF section 4).

Why it is not giving up, what it helps with, how one person's change shifts the pattern, how to
stop carrying all the emotional work, and how to find affordable support; then gentle next steps.
Reads the safety mode only: when it is on, the page leads with a note and holds back the line
about telling the partner. It writes nothing.
"""

from __future__ import annotations

import streamlit as st

from content.guides import Entry, load_going_alone
from ui import pages
from ui.context import here
from ui.safety.state import mode

SAFETY_PAGE = pages.path("safety")
# Icons for the next-step links; a step added in the content without one gets the arrow.
STEP_ICONS = {"plan": "event_available", "safety": "health_and_safety"}


def bullets(items: tuple[Entry, ...]) -> str:
    """Entries as a Markdown list with a bold lead-in (our own words, so Markdown is safe)."""
    return "\n".join(f"- **{item.title}.** {item.text}" for item in items)


place = here()
safety = mode(place)
words = load_going_alone()

st.title(words.title)
if safety.on:
    with st.container(border=True, key="going_alone_safety"):
        st.markdown(f":material/health_and_safety: {words.safety_note}")
        st.page_link(
            SAFETY_PAGE, label="Safety help and resources", icon=":material/arrow_forward:"
        )
st.markdown(words.lead)

st.subheader(words.not_giving_up.title)
for paragraph in words.not_giving_up.paragraphs:
    st.markdown(paragraph)

st.subheader(words.helps.title)
st.markdown(words.helps.intro)
st.markdown(bullets(words.helps.items))

st.subheader(words.shift.title)
for paragraph in words.shift.paragraphs:
    st.markdown(paragraph)
st.markdown(f"*{words.shift.caveat}*")
if not safety.withholds("going_alone_telling"):
    # Telling a partner about therapy is itself a risk when safety mode is on.
    with st.container(border=True, key="going_alone_say"):
        st.markdown(f"**{words.shift.say_title}**")
        st.markdown(f"“{words.shift.say}”")

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

support = words.support
st.subheader(support.title)
st.markdown(support.intro)
st.markdown("\n".join(f"- {line}" for line in support.look_for))
with st.expander(support.cost_title, icon=":material/savings:"):
    st.markdown(bullets(support.cost))

st.subheader(words.next.title)
st.markdown(words.next.intro)
columns = st.columns(len(words.next.steps))
for column, step in zip(columns, words.next.steps, strict=True):
    with column.container(border=True, height="stretch"):
        icon = STEP_ICONS.get(step.id, "arrow_forward")
        st.page_link(pages.path(step.page), label=step.label, icon=f":material/{icon}:")
        st.markdown(step.text)
