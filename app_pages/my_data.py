"""My data: download a backup, restore one (after checking it and asking), or delete everything."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from guide import formatting
from guide.restore import OUTCOME_WORDS, Row, compare, contents, losses
from guide.safety import escape_markdown
from records import backup as backup_records
from records.backup import TABLES
from storage.backup import parse_backup
from storage.errors import BackupError, StorageError, StorageUnavailable
from storage.store import PRIVATE
from ui import clock, notices
from ui.callbacks import fresh_data, refused_download
from ui.context import here, start_fresh
from ui.safety import state as safety_state

RESTORED, UPLOAD_ROUND = "my_data_restored", "my_data_upload_round"


def _made(exported: str) -> str:
    """When a backup was made, in words ("on 3 March 2026"), or a calm phrase if it can't tell."""
    day = formatting.read_day(exported)
    return f"on {formatting.date_words(day)}" if day else "at a time it doesn't say clearly"


def _comparison(rows: list[Row]) -> None:
    """Each kind of thing: what the backup holds, what is here now, and what a restore does."""
    shown = [row for row in rows if row.outcome != "none"]
    with st.container(border=True, key="my_data_compare"):
        st.markdown("**What this backup brings back, beside what your space holds now**")
        if not shown:
            st.caption("Neither the backup nor your space holds any answers, scripts or plans yet.")
        for row in shown:
            st.markdown(
                f"**{row.topic}** · {OUTCOME_WORDS[row.outcome]}  \n"
                f"In the backup: {escape_markdown(row.backup)}  \n"
                f"In your space now: {escape_markdown(row.now)}"
            )


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

notices.local_link(place)  # said first: a run with local mode off would otherwise hide it

st.subheader("Download a backup")
st.write("One file with everything in your space. Links and keys are never included.")
st.download_button(
    "Download backup (.json)",
    # Made when pressed, from the key as it stands then: a tab whose link was replaced, or whose
    # space was deleted in another tab, gets no file (and recreates nothing).
    data=fresh_data(place, lambda now: now.store.export_backup(now.access)),
    file_name=f"open-door-backup-{clock.today().isoformat()}.json",
    mime="application/json",
    icon=":material/download:",
    key="my_data_download",
    on_click=refused_download,
    args=(place,),
)

st.subheader("Restore from a backup")
st.write(
    "Choose a backup file. We check it first and show what it holds beside what your space holds "
    "now; nothing is replaced until you confirm."
)
restored = st.session_state.pop(RESTORED, None)
if restored:
    st.success(restored, icon=":material/check_circle:")
# A new key for each restore empties the box, so the same file can't be restored twice by a press.
round_ = st.session_state.get(UPLOAD_ROUND, 0)
upload = st.file_uploader(
    "Backup file",
    type=["json"],
    key="my_data_upload" if not round_ else f"my_data_upload_{round_}",
    max_upload_size=5,
    help="An Open Door backup is a .json file of at most 5 MB.",
)
if upload is not None:
    try:
        backup = parse_backup(upload.getvalue())
    except BackupError as exc:
        st.error(exc.message, icon=":material/error:")
    else:
        rows = compare(
            contents(backup.tables.get(PRIVATE, {}), TABLES),
            contents(backup_records.private_now(store.private(access)), TABLES),
        )
        made = _made(backup.exported)
        st.success(f"This backup is readable. It was made {made}.", icon=":material/check_circle:")
        _comparison(rows)
        gone = losses(rows)
        st.warning(
            "Restoring replaces everything now in your space with the backup's contents"
            + (
                f", so your {formatting.join_and([t.lower() for t in gone])} would be removed: the backup has none."
                if gone
                else "."
            )
            + " Your links stay as they are.",
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
            # Safety mode and the pause travel inside the restore itself, not after it.
            tables = backup_records.ready_to_restore(place.private, backup.tables, safety_on)
            backup = replace(backup, tables=tables)
            try:
                store.restore_backup(access, backup)
            except (StorageError, OSError) as exc:
                message = exc.message if isinstance(exc, StorageError) else None
                st.warning(message or StorageUnavailable.message, icon=":material/cloud_off:")
            else:
                st.session_state[RESTORED] = "Your backup is restored." + (
                    " Safety mode stays on, and your partner links stay switched off."
                    if safety_on
                    else ""
                )
                st.session_state[UPLOAD_ROUND] = round_ + 1
                st.session_state.pop("my_data_confirm", None)
                st.rerun()

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
