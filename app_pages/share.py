"""Share with partner: make and switch off partner links, choose what each shows, and read replies.

The parts are in ``ui/share/``: the intro (or why sharing is paused), making a link, the links
list with each link's choices and switch-off, the replies, and replacing the owner's own link.
While safety mode is on nothing can be made or shared; the links can still be switched off.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from ui.context import here
from ui.safety.state import mode
from ui.share import intro, links_list, make_link, own_link, replies
from ui.share import links as sharing


def main() -> None:
    """The Share with partner page."""
    place = here()
    st.title(t("Share with your partner"))
    current = mode(place)
    links = sharing.partner_links(place)
    if not current.allow_partner_links:
        intro.paused(links, current.message("partner_links"))
        links_list.links_section(place, links, can_share=False)
        own_link.own_link_section(place)
        return
    intro.about()
    make_link.new_link_box()
    if any(link.active for link in links):
        links_list.links_section(place, links, can_share=True)
        replies.replies_section(place, links)
        make_link.create_form(place, t("Make another link"))
    else:
        make_link.create_form(place, t("Make a link"))
        links_list.links_section(place, links, can_share=True)
        replies.replies_section(place, links)
    own_link.own_link_section(place)


main()
