"""The Safety page's "Your safety plan" section, laid out: its heading, where the plan lives and
the form (:mod:`ui.safety.plan_form`), what the last save left to say, then the download waiting
or the kept plan's controls (:mod:`ui.safety.plan_kept`). Owner only: the plan is private.
"""

from __future__ import annotations

import streamlit as st

from content import safety as safety_content
from content.messages import t
from ui import feedback
from ui.context import Here
from ui.safety import plan_form, plan_kept


def section(place: Here) -> None:
    """The private safety plan: where it lives first, then the form, then download or delete."""
    words = safety_content.load().plan
    st.header(words.title, anchor="plan")
    st.write(words.intro)
    st.caption(words.private_note)
    kept = plan_form.kept(place)
    if kept.unreadable:
        st.warning(
            t(
                "We couldn't read the plan kept in the app, so the form below starts empty. "
                "Saving a plan in the app will replace the one we couldn't read."
            ),
            icon=":material/restore:",
        )
    plan_form.fill(kept.plan, overwrite=False)
    plan_form.choice(place, kept.plan)
    plan_form.form(place)
    plan_form.held(place)
    feedback.show(plan_form.PLACE)
    plan_kept.pending_download(place)
    if kept.plan is not None and kept.doc_id is not None:
        plan_kept.kept_controls(place, kept.doc_id)
