"""What the script builder shows in safety mode, instead of all of it: why it is paused, what helps.

Every part of the builder rehearses asking the partner into joint therapy, so nothing of the
draft, its steps, suggestions, examples, practice, downloads or saved versions is drawn: only why
the builder is paused, the way to the Safety page, a hotline advocate and support of one's own,
and (when the person has written something) that their words are kept, out of sight.
"""

from __future__ import annotations

import streamlit as st

from content import resources
from content.script import load_safety_instead
from records import script as script_records
from ui import pages
from ui.context import Here
from ui.safety.resources import resource_card
from ui.script import state

ADVOCATE_ID = "us-ndvh"  # the hotline with advocates; the Safety page has other countries


def show(place: Here) -> None:
    """The page under its title while safety mode withholds the builder."""
    words = load_safety_instead()
    st.caption(words.caption)
    has_words = state.working(place) is not None or bool(script_records.versions(place.private)[0])
    with st.container(border=True, key="script_safety_instead"):
        st.subheader(words.title, anchor=False)
        for line in words.why:
            st.markdown(line)
    st.subheader(words.helps_title, anchor=False)
    st.markdown(words.safety_page)
    st.page_link(pages.path("safety"), label=words.safety_link, icon=":material/health_and_safety:")
    st.markdown(words.advocate)
    advocate = next((r for r in resources.us_resources() if r.id == ADVOCATE_ID), None)
    if advocate is not None:
        resource_card(advocate, "script_advocate")
    st.markdown(words.individual)
    st.page_link(
        pages.path("going_alone"), label=words.individual_link, icon=":material/self_improvement:"
    )
    if has_words:
        st.caption(f":material/lock: {words.kept}")
