"""What a save made in a button callback needs before it writes: a link that still opens the space.

Streamlit runs ``on_click`` callbacks before the script, so before ``streamlit_app.py`` checks the
session's link again (a step of the script builder, being a fragment, may not run it at all). A
link replaced or switched off in another tab must stop saving at its next press, as it would have
when the page saved in its own run: a callback asks :func:`link_still_opens` first.
"""

from __future__ import annotations

from ui.context import Here


def link_still_opens(place: Here) -> bool:
    """True while this session's link still opens the same space in the same role."""
    access = place.store.resolve(place.key)
    return access is not None and (access.space_id, access.role) == (
        place.access.space_id,
        place.access.role,
    )
