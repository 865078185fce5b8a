"""My data: download a backup, restore one (after checking it and asking), or delete everything.

Its parts are in ``ui/my_data/`` (``backup``, ``restore``, ``delete``).
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from ui.context import here
from ui.my_data import backup, delete, restore


def main() -> None:
    """The My data page."""
    place = here()
    st.title(t("My data"))
    backup.about(place)
    backup.download(place)
    restore.restore(place)
    delete.delete(place)


main()
