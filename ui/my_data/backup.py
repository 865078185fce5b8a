"""My data's top: what Open Door keeps and why a backup matters, and the backup download.

The file is made when the button is pressed, from the key as it stands then
(:func:`ui.callbacks.fresh_data`): a tab whose link was replaced, or whose space was deleted in
another tab, gets no file and recreates nothing.
"""

from __future__ import annotations

import streamlit as st

from content.messages import t
from ui import clock, notices
from ui.callbacks import fresh_data, refused_download
from ui.context import Here


def about(place: Here) -> None:
    """Where the words are kept, what could lose them there, and the local space's link."""
    st.write(
        t(
            "Everything you write in Open Door stays in your private space, encrypted with a key "
            "that only your link holds. Here you can take a copy with you, bring one back, or "
            "remove it all."
        )
    )
    st.info(_where_it_lives(place), icon=":material/info:")
    notices.local_link(place)  # said first: a run with local mode off would otherwise hide it


def _where_it_lives(place: Here) -> str:
    """What can happen to the stored copy here, said truthfully for where it is kept."""
    if place.settings.database_url:
        # A database outlives the app's restarts, sleeps and redeploys (the reason it is there).
        return t(
            "This copy of Open Door keeps your space in its database, sealed with your link's "
            "key, so it stays through restarts and updates of the app. A backup file is still the "
            "one copy that is yours alone: download one after anything you'd hate to lose. Keep "
            "it somewhere private: anyone with the file can read it."
        )
    return t(
        "Hosted copies of Open Door may lose saved data when the server restarts or is updated. "
        "A backup file is the only copy that is truly yours: download one after anything you'd "
        "hate to lose. Keep it somewhere private: anyone with the file can read it."
    )


def download(place: Here) -> None:
    """One file with everything in the space (never links or keys)."""
    st.subheader(t("Download a backup"))
    st.write(t("One file with everything in your space. Links and keys are never included."))
    st.download_button(
        t("Download backup (.json)"),
        data=fresh_data(place, lambda now: now.store.export_backup(now.access)),
        file_name=f"open-door-backup-{clock.today().isoformat()}.json",
        mime="application/json",
        icon=":material/download:",
        key="my_data_download",
        on_click=refused_download,
        args=(place,),
    )
