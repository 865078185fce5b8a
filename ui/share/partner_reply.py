"""The partner's reply: the shared first steps as a checklist, and a note box.

The reply is saved in the button's callback (:func:`ui.feedback.saves`), against the link's view
as it stands when pressed: a link switched off, paused by safety mode or emptied since the page
was drawn saves nothing, and the tab meets the same calm "this link doesn't open anything" page,
told that nothing was saved. A note over its limit, or a storage fault, is said under the form
with the words still in the box; an empty reply is never called sent.

The first steps are shown with our own catalogue's words in the language the page speaks (the
snapshot's copy stands in for a step the catalogue no longer has), so a partner who switches
language sees them switch too; they are still only the steps the link offers.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from content.script import load_script_content
from guide.limits import limit_hint
from guide.safety import escape_markdown
from guide.sharing import NOTE_LIMIT, PartnerView, SharingError
from ui import feedback
from ui.callbacks import note_closed
from ui.context import Here
from ui.share import links as sharing

WHERE = "partner_reply"
NOTE = "partner_note"
THANKS = "partner_reply_thanks"  # where the thank-you is said: in place, above the form


def _option_key(option_id: str) -> str:
    return f"partner_option_{option_id}"


@feedback.saves(WHERE)
def _send(place: Here) -> None:
    """Save the ticked steps and the note, if the link still shows what the form offered."""
    view = sharing.view_for(place)
    if view is None:  # like any link that opens nothing now: said by the bad-link page
        note_closed()
        return None
    chosen = [o.id for o in view.options if st.session_state.get(_option_key(o.id))]
    note = st.session_state.get(NOTE) or ""
    if not chosen and not note.strip():
        earlier = sharing.reply_of(place, place.access.link_id)
        words = (
            t("There is nothing to send yet: tick a step or write a few words first.")
            if earlier is None
            else t("Nothing was sent: every box is empty, so your earlier reply is kept as it was.")
        )
        feedback.leave(WHERE, words, remark=True, icon=":material/edit:")
        return None
    try:
        sharing.save_reply(place, view, chosen, note)
    except SharingError as exc:
        feedback.leave(WHERE, str(exc), ok=False, icon=":material/edit:")
        return None
    # The thank-you stays on the page (not a passing toast): it is the partner's whole answer.
    feedback.leave(
        THANKS,
        t("Thank you. Your reply is saved. You can change it any time from this same link."),
        stays=True,
        icon=":material/favorite:",
    )
    return None


def reply_form(place: Here, view: PartnerView) -> None:
    """The options as a checklist, and a note box."""
    st.subheader(t("Your reply"))
    earlier = sharing.reply_of(place, place.access.link_id)
    ours = {o.id: o.label for o in load_script_content().first_steps} if view.options else {}
    with st.form("partner_reply_form"):
        if view.options:
            st.write(
                t(
                    "Here are some small first steps. Tick any you'd be willing to try. One is "
                    "plenty, and none is an answer too."
                )
            )
            for option in view.options:
                st.checkbox(
                    escape_markdown(ours.get(option.id, option.label)),
                    value=bool(earlier and option.id in earlier.options),
                    key=_option_key(option.id),
                )
        # No max_chars: Streamlit drops a paste over it whole; the save says how much to cut.
        st.text_area(
            t("Anything you'd like to say (optional)"),
            value=earlier.note if earlier else "",
            key=NOTE,
            placeholder=t("A question, a worry, a time that suits you, or just a few words."),
            help=limit_hint(NOTE_LIMIT),
        )
        sent = st.form_submit_button(
            t("Send my reply"),
            type="primary",
            icon=":material/send:",
            on_click=_send,
            args=(place,),
        )
    feedback.show(WHERE)
    feedback.show(THANKS)
    if not sent and earlier is not None:
        st.caption(t("You've replied before. Change anything above and send it again if you like."))
