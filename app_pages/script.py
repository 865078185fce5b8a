"""Script builder: plan the conversation step by step, check the tone, and take the script away.

Four views, picked at the top (:mod:`ui.script.view_picker`): *Build* (one form per step, each
saving the working draft and showing the tone check, :mod:`ui.script.build`), *Your script*
(talking points, the full script, the invitation, a print view and downloads,
:mod:`ui.script.output`), *Practise* (one step at a time in large type, :mod:`ui.script.practise`)
and *Saved versions* (:mod:`ui.script.versions`). The working draft and what the steps share are in
:mod:`ui.script.state`.

In safety mode the page shows none of this: it says why the builder is paused and points to the
Safety page, a hotline advocate and support of one's own (:mod:`ui.script.paused`).
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from ui import feedback
from ui.context import here
from ui.safety.state import mode
from ui.script import build, output, paused, practise, state, versions, view_picker


def main() -> None:
    """The title, then the pause in safety mode, or the picked view."""
    place = here()
    st.title(t("Script builder"), anchor=False)
    if mode(place).withholds("script_builder"):
        paused.show(place)
        return
    st.caption(t("Plan what to say, in your own words, at your own pace"))
    feedback.show(state.PAGE)  # a version loaded or deleted: its part of the page is gone now
    chosen = view_picker.chosen()
    if chosen == "script":
        output.show(place)
    elif chosen == "practice":
        practise.show(place)
    elif chosen == "versions":
        versions.show(place)
    else:
        build.show(place)


main()
