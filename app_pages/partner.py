"""An invitation: the page a partner link opens, showing only what the owner chose to share.

The parts are in ``ui/share/`` (``partner_view``, ``partner_reply``, ``partner_ratings``). When
links are paused or nothing is shared, the partner sees exactly the neutral message any bad link
gets, so a paused link says nothing about why. An owner who opens this page is told plainly what
it is and pointed to Share with partner.
"""

from __future__ import annotations

from ui import language, notices
from ui.context import here
from ui.share import links as sharing
from ui.share import partner_ratings, partner_reply, partner_view


def main() -> None:
    """Show the owner's note, the neutral message, or exactly what this link shares."""
    place = here()
    if place.role == "owner":
        partner_view.owner_note()
        return
    view = sharing.view_for(place)
    if view is None:
        notices.bad_link()
        return
    language.switch(place, where="page")
    partner_view.welcome()
    if view.invitation:
        partner_view.invitation(view.invitation)
    if view.explainer:
        partner_view.explainer()
    partner_reply.reply_form(place, view)
    if view.targets:
        partner_ratings.ratings(place, view)


main()
