"""My data's top: what Open Door keeps and why a backup matters, and the backup download.

The file is made when the button is pressed, from the key as it stands then
(:func:`ui.callbacks.fresh_data`): a tab whose link was replaced, or whose space was deleted in
another tab, gets no file and recreates nothing.
"""

from __future__ import annotations

import streamlit as st

from ui import clock, notices
from ui.callbacks import fresh_data, refused_download
from ui.context import Here


def about(place: Here) -> None:
    """Where the words are kept, that hosted copies may lose them, and the local space's link."""
    st.write(
        "Everything you write in Open Door stays in your private space, encrypted with a key that "
        "only your link holds. Here you can take a copy with you, bring one back, or remove it all."
    )
    st.info(
        "Hosted copies of Open Door may lose saved data when the server restarts or is updated. "
        "A backup file is the only copy that is truly yours: download one after anything you'd "
        "hate to lose. Keep it somewhere private: anyone with the file can read it.",
        icon=":material/info:",
    )
    notices.local_link(place)  # said first: a run with local mode off would otherwise hide it


def download(place: Here) -> None:
    """One file with everything in the space (never links or keys)."""
    st.subheader("Download a backup")
    st.write("One file with everything in your space. Links and keys are never included.")
    st.download_button(
        "Download backup (.json)",
        data=fresh_data(place, lambda now: now.store.export_backup(now.access)),
        file_name=f"open-door-backup-{clock.today().isoformat()}.json",
        mime="application/json",
        icon=":material/download:",
        key="my_data_download",
        on_click=refused_download,
        args=(place,),
    )
