"""My data: download a backup, restore one (after checking it and asking), or delete everything."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from storage.backup import parse_backup
from storage.errors import BackupError, StorageError, StorageUnavailable
from storage.store import PRIVATE, SHARED
from ui import safety_state, sharing
from ui.callbacks import fresh_data, refused_download
from ui.context import here, start_fresh

place = here()
store, access = place.store, place.access

st.title("My data")
st.write(
    "Everything you write in Open Door stays in your private space, encrypted with a key that only "
    "your link holds. Here you can take a copy with you, bring one back, or remove it all."
)
st.info(
    "Hosted copies of Open Door may lose saved data when the server restarts or is updated. "
    "A backup file is the only copy that is truly yours: download one after anything you'd hate to "
    "lose. Keep it somewhere private: anyone with the file can read it.",
    icon=":material/info:",
)

st.subheader("Download a backup")
st.write("One file with everything in your space. Links and keys are never included.")
st.download_button(
    "Download backup (.json)",
    # Made when pressed, from the key as it stands then: a tab whose link was replaced, or whose
    # space was deleted in another tab, gets no file (and recreates nothing).
    data=fresh_data(place, lambda now: now.store.export_backup(now.access)),
    file_name=f"open-door-backup-{date.today().isoformat()}.json",
    mime="application/json",
    icon=":material/download:",
    key="my_data_download",
    on_click=refused_download,
    args=(place,),
)

st.subheader("Restore from a backup")
st.write(
    "Choose a backup file. We check it first and show what it holds; nothing is replaced until you "
    "confirm."
)
upload = st.file_uploader(
    "Backup file",
    type=["json"],
    key="my_data_upload",
    max_upload_size=5,
    help="An Open Door backup is a .json file of at most 5 MB.",
)
if upload is not None:
    try:
        backup = parse_backup(upload.getvalue())
    except BackupError as exc:
        st.error(exc.message, icon=":material/error:")
    else:
        st.success(
            f"This backup is readable: {backup.count()} saved items, made {backup.exported[:10]}.",
            icon=":material/check_circle:",
        )
        st.warning(
            "Restoring replaces everything now in your space with the backup's contents. "
            "Your links stay as they are.",
            icon=":material/warning:",
        )
        safety_on = safety_state.mode(place).on
        if safety_on:
            # Said before anything is replaced: an older backup holds older safety answers, which
            # would otherwise switch safety mode off and partner links back on.
            st.info(
                "**Safety mode stays on.** This backup may be from before safety mode came on. "
                "Restoring it keeps safety mode on, and your partner links stay switched off. "
                "Only taking the quiz's safety questions again can switch it off.",
                icon=":material/health_and_safety:",
            )
        confirmed = st.checkbox(
            "I understand that my current data will be replaced", key="my_data_confirm"
        )
        if confirmed and st.button("Restore this backup", type="primary", key="my_data_restore"):
            if safety_on:
                # Safety mode and the pause travel inside the restore itself, not after it.
                tables = backup.tables
                backup = replace(
                    backup,
                    tables={
                        PRIVATE: safety_state.kept_on(tables.get(PRIVATE, {})),
                        SHARED: safety_state.paused_in(sharing.withdrawn(tables.get(SHARED, {}))),
                    },
                )
            try:
                store.restore_backup(access, backup)
            except (StorageError, OSError) as exc:
                message = exc.message if isinstance(exc, StorageError) else None
                st.warning(message or StorageUnavailable.message, icon=":material/cloud_off:")
            else:
                st.success("Your backup is restored.", icon=":material/check_circle:")

st.subheader("Delete everything")
st.write(
    "This removes your whole space: every answer, script, plan, journal line and partner link. "
    "It cannot be undone, so download a backup first if you may want it later."
)
with st.form("my_data_delete_form", border=True):
    typed = st.text_input(
        'To confirm, type "delete" below', key="my_data_delete_word", max_chars=20
    )
    if st.form_submit_button("Delete my space", type="secondary", icon=":material/delete_forever:"):
        if typed.strip().lower() == "delete":
            try:
                store.delete_space(access)
            except (StorageError, OSError):
                st.warning(
                    "We couldn't delete your space just now because the app's storage refused the "
                    "change, so some of it may still be here. Please try again in a moment.",
                    icon=":material/cloud_off:",
                )
            else:
                start_fresh()
                st.session_state["od_deleted"] = True
                st.rerun()
        else:
            st.error(
                'Nothing was deleted. Type the word "delete" to confirm.', icon=":material/block:"
            )
